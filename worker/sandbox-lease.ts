/**
 * The worker's sandbox lease: a Redis key with a TTL that this worker refreshes while it
 * lives. Its containers carry the lease (sandbox/reaper.ts); the reaper of any worker
 * sharing this Redis removes containers whose lease expired. So a SIGKILLed worker's
 * containers (in use and pooled: the supervisor never sees EOF) are gone within
 * LEASE_TTL_MS + REAP_INTERVAL_MS (75 s) as long as one worker runs, whatever the
 * deployment (host names and pids mean nothing across containers).
 */
import { createHash, randomUUID } from "node:crypto";
import os from "node:os";
import { Redis } from "ioredis";
import type { SandboxLease } from "../sandbox/reaper";

export const LEASE_TTL_MS = 45_000;
export const LEASE_REFRESH_MS = 15_000;
/** How often each worker's provider reaps (the default 60 s would make it 105 s). */
export const REAP_INTERVAL_MS = 30_000;
const KEY_PREFIX = "coderunner:sandbox-lease:";

export interface LeaseHandle {
  lease: SandboxLease;
  /** Stops refreshing and deletes the key (after the provider has removed its containers). */
  stop(): Promise<void>;
}

export interface LeaseOptions {
  ttlMs?: number;
  refreshMs?: number;
  log?: (line: string) => void;
}

/** Starts the heartbeat (first beat written before this resolves). */
export async function startSandboxLease(redisUrl: string, options: LeaseOptions = {}): Promise<LeaseHandle> {
  const ttlMs = options.ttlMs ?? LEASE_TTL_MS;
  const refreshMs = options.refreshMs ?? LEASE_REFRESH_MS;
  const log = options.log ?? (() => undefined);
  // Leases are only comparable within one Redis: the store tag keeps a reaper using another
  // Redis (another deployment on the same Docker engine) from judging them.
  const store = createHash("sha256").update(redisUrl).digest("hex").slice(0, 12);
  const label = `${store}/${os.hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 2, lazyConnect: false });
  let lastError = "";
  redis.on("error", (error: Error) => {
    if (error.message !== lastError) log(`[sandbox] lease: Redis: ${error.message}`);
    lastError = error.message;
  });
  const key = (l: string) => `${KEY_PREFIX}${l}`;
  const beat = () => redis.set(key(label), String(Date.now()), "PX", ttlMs);
  await beat();
  const timer = setInterval(() => {
    beat().catch((error: unknown) => log(`[sandbox] lease refresh failed: ${(error as Error).message}`));
  }, refreshMs);
  timer.unref();
  return {
    lease: {
      label,
      store,
      graceMs: ttlMs,
      async alive(labels) {
        const values = await redis.mget(labels.map(key));
        return new Set(labels.filter((_, i) => values[i] !== null));
      },
    },
    async stop() {
      clearInterval(timer);
      await redis.del(key(label)).catch(() => undefined);
      await redis.quit().catch(() => undefined);
    },
  };
}
