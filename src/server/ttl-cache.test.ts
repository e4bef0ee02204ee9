import { afterEach, describe, expect, it, vi } from "vitest";
import { ttlCache } from "./ttl-cache";

afterEach(() => vi.useRealTimers());

describe("ttlCache", () => {
  it("computes once per key within the TTL, shares concurrent misses, recomputes after it", async () => {
    vi.useFakeTimers();
    const cache = ttlCache<number>(1000);
    let calls = 0;
    const compute = async () => ++calls;
    expect(await Promise.all([cache.get("a", compute), cache.get("a", compute)])).toEqual([1, 1]);
    expect(await cache.get("b", compute)).toBe(2);
    vi.advanceTimersByTime(999);
    expect(await cache.get("a", compute)).toBe(1);
    vi.advanceTimersByTime(2);
    expect(await cache.get("a", compute)).toBe(3);
    cache.clear();
    expect(await cache.get("b", compute)).toBe(4);
  });

  it("does not remember failures", async () => {
    const cache = ttlCache<number>(60_000);
    await expect(cache.get("k", () => Promise.reject(new Error("db down")))).rejects.toThrow("db down");
    expect(await cache.get("k", async () => 7)).toBe(7);
  });

  it("evicts the oldest key beyond its size", async () => {
    const cache = ttlCache<string>(60_000, 2);
    await cache.get("a", async () => "a1");
    await cache.get("b", async () => "b1");
    await cache.get("c", async () => "c1");
    expect(await cache.get("a", async () => "a2")).toBe("a2");
    expect(await cache.get("c", async () => "c2")).toBe("c1");
  });
});
