import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { env } from "../env";
import { enforceRateLimit, hitRateLimit, RateLimitError } from "./rate-limit";

const client = new Redis(env.REDIS_URL);
afterAll(() => client.quit());

const rule = (windowMs = 60_000) => ({ name: `test-${randomBytes(4).toString("hex")}`, limit: 3, windowMs });

describe("rate limits in Redis", () => {
  it("allows `limit` hits per window, then refuses with the wait until the oldest hit expires", async () => {
    const r = rule();
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await hitRateLimit(r, "alice", client));
    expect(results.map((x) => x.ok)).toEqual([true, true, true, false]);
    expect(results[2]!.remaining).toBe(0);
    expect(results[3]!.retryAfterSec).toBeGreaterThanOrEqual(59);
    expect(results[3]!.retryAfterSec).toBeLessThanOrEqual(60);
  });

  it("keeps subjects apart", async () => {
    const r = rule();
    for (let i = 0; i < 3; i++) await hitRateLimit(r, "bob", client);
    expect((await hitRateLimit(r, "bob", client)).ok).toBe(false);
    expect((await hitRateLimit(r, "carol", client)).ok).toBe(true);
  });

  it("allows again once the window has slid past the old hits", async () => {
    const r = rule(300);
    for (let i = 0; i < 3; i++) await hitRateLimit(r, "dave", client);
    expect((await hitRateLimit(r, "dave", client)).ok).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect((await hitRateLimit(r, "dave", client)).ok).toBe(true);
  });

  it("enforceRateLimit throws TOO_MANY_REQUESTS with Retry-After seconds", async () => {
    const r = { ...rule(), limit: 1 };
    await enforceRateLimit(r, "erin", "Submit");
    const error = await enforceRateLimit(r, "erin", "Submit").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).code).toBe("TOO_MANY_REQUESTS");
    expect((error as RateLimitError).retryAfterSec).toBeGreaterThan(0);
    expect((error as RateLimitError).message).toMatch(/Submit: too many requests/);
  });

  it("fails open when Redis is unreachable", async () => {
    const down = new Redis("redis://127.0.0.1:1", { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false });
    down.on("error", () => undefined);
    expect((await hitRateLimit(rule(), "frank", down)).ok).toBe(true);
    down.disconnect();
  });
});
