/**
 * A real sandbox provider for a test file (or a describe block): created before its tests,
 * shut down after them, and then no container of this process may be left.
 */
import { afterAll, beforeAll, expect } from "vitest";
import { leftoverSandboxContainers } from "../sandbox/test-support";
import type { SandboxProvider } from "../sandbox/types";
import { sandboxProviderFromEnv } from "../worker/sandbox-config";

export function sandboxForThisFile(options: Parameters<typeof sandboxProviderFromEnv>[0] = {}): SandboxProvider {
  let provider: SandboxProvider | undefined;
  beforeAll(async () => {
    provider = await sandboxProviderFromEnv(options);
  });
  afterAll(async () => {
    await provider?.shutdown();
    expect(leftoverSandboxContainers()).toBe("");
  });
  const started = () => provider ?? Promise.reject(new Error("the sandbox provider is not started yet"));
  return {
    acquire: async (acquireOptions) => (await started()).acquire(acquireOptions),
    shutdown: async () => (await started()).shutdown(),
  };
}
