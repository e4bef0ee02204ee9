/**
 * A small in-process cache for expensive read-only aggregates (leaderboards, acceptance
 * rates): each key is computed at most once per `ttlMs`, and concurrent misses share one
 * computation. Per process, so several web processes may disagree for up to `ttlMs`.
 */
export function ttlCache<T>(ttlMs: number, maxEntries = 500) {
  const entries = new Map<string, { at: number; value: Promise<T> }>();
  return {
    get(key: string, compute: () => Promise<T>): Promise<T> {
      const now = Date.now();
      const hit = entries.get(key);
      if (hit && now - hit.at < ttlMs) return hit.value;
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
      const value = compute();
      entries.set(key, { at: now, value });
      // A failed computation is not remembered.
      value.catch(() => entries.get(key)?.value === value && entries.delete(key));
      return value;
    },
    clear() {
      entries.clear();
    },
  };
}
