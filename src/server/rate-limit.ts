/**
 * Rate limits kept in Redis, shared by every web process: a sliding-window log per key
 * (a sorted set of hit timestamps), so bursts at a window's edge cannot double the rate.
 * One Lua script makes check-and-record atomic. When Redis is unreachable the limiter
 * fails open (logs once) rather than locking every user out; the queue itself is then
 * down anyway and submissions are refused by their own check.
 */
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { env } from "../env";
import { AppError } from "./errors";
import { webLogger } from "./logger";

export interface RateLimitRule {
  /** Namespace of the limit, e.g. "signin:ip". */
  name: string;
  /** Hits allowed per window. */
  limit: number;
  windowMs: number;
}

export interface RateLimitResult {
  ok: boolean;
  /** Hits left in the current window after this one (0 when refused). */
  remaining: number;
  /** When refused: whole seconds until a hit would be allowed again (for Retry-After). */
  retryAfterSec: number;
}

// KEYS[1] = the key; ARGV = now(ms), window(ms), limit, member id.
// Returns {allowed(0/1), count, oldest timestamp in the window}.
const SLIDING_WINDOW = `
local key, now, window, limit = KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
local count = redis.call('ZCARD', key)
local allowed = 0
if count < limit then
  redis.call('ZADD', key, now, ARGV[4])
  count = count + 1
  allowed = 1
end
redis.call('PEXPIRE', key, window)
local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')[2]
return {allowed, count, oldest or now}
`;

const globalForLimiter = globalThis as unknown as { rateLimitRedis?: Redis; rateLimitWarned?: boolean };

function redis(): Redis {
  globalForLimiter.rateLimitRedis ??= new Redis(env.REDIS_URL, { maxRetriesPerRequest: 1, connectTimeout: 2000 });
  globalForLimiter.rateLimitRedis.on("error", () => undefined); // reported by the first failed check
  return globalForLimiter.rateLimitRedis;
}

/** Records one hit for `subject` under `rule` and says whether it is allowed. */
export async function hitRateLimit(rule: RateLimitRule, subject: string, client: Redis = redis()): Promise<RateLimitResult> {
  const key = `${env.QUEUE_PREFIX}:ratelimit:${rule.name}:${subject}`;
  const now = Date.now();
  try {
    const [allowed, count, oldest] = (await client.eval(
      SLIDING_WINDOW,
      1,
      key,
      now,
      rule.windowMs,
      rule.limit,
      `${now}-${randomBytes(4).toString("hex")}`,
    )) as [number, number, number | string];
    if (allowed === 1) return { ok: true, remaining: Math.max(0, rule.limit - count), retryAfterSec: 0 };
    const retryAfterMs = Number(oldest) + rule.windowMs - now;
    return { ok: false, remaining: 0, retryAfterSec: Math.max(1, Math.ceil(retryAfterMs / 1000)) };
  } catch (error) {
    if (!globalForLimiter.rateLimitWarned) {
      globalForLimiter.rateLimitWarned = true;
      webLogger().error({ err: (error as Error).message }, "[rate-limit] Redis unavailable, limits not enforced");
    }
    return { ok: true, remaining: rule.limit, retryAfterSec: 0 };
  }
}

/** Like hitRateLimit, but throws TOO_MANY_REQUESTS (with the wait in words and in `retryAfterSec`). */
export async function enforceRateLimit(rule: RateLimitRule, subject: string, what: string): Promise<void> {
  const result = await hitRateLimit(rule, subject);
  if (!result.ok) {
    throw new RateLimitError(`${what}: too many requests. Please wait ${result.retryAfterSec} s and try again.`, result.retryAfterSec);
  }
}

export class RateLimitError extends AppError {
  constructor(
    message: string,
    readonly retryAfterSec: number,
  ) {
    super("TOO_MANY_REQUESTS", message);
    this.name = "RateLimitError";
  }
}
