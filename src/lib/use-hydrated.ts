import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * False while the server renders and until React has hydrated in the browser, true after.
 * Forms that carry a password keep their submit button disabled until then: a click before
 * hydration would otherwise submit the form natively, before its JavaScript handler exists.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
