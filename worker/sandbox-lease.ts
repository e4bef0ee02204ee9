/**
 * The worker's sandbox lease is its heartbeat (src/judge/worker-heartbeat.ts: one key per
 * worker, one refresher in worker/ops.ts, also read by /api/health). Its containers carry
 * `<store>/<heartbeat key>#<instance>` (sandbox/reaper.ts); the reaper of any worker sharing
 * this Redis removes containers whose worker's heartbeat expired or now belongs to another
 * instance (a restart under the same WORKER_ID). So a SIGKILLed worker's containers (in use
 * and pooled: the supervisor never sees EOF) are gone within HEARTBEAT_TTL_S +
 * REAP_INTERVAL_MS (60 s) as long as one worker runs, whatever the deployment (host names
 * and pids mean nothing across containers).
 */
import { createHash } from "node:crypto";
import type { Redis } from "ioredis";
import type { SandboxLease } from "../sandbox/reaper";
import { HEARTBEAT_TTL_S, heartbeatKey, liveInstances } from "../src/judge/worker-heartbeat";

/** How often each worker's provider reaps (the default 60 s would make it 90 s). */
export const REAP_INTERVAL_MS = 30_000;
/** Labels of containers made by workers before the lease became the heartbeat. */
const LEGACY_KEY_PREFIX = "coderunner:sandbox-lease:";

export interface LeaseIdentity {
  workerId: string;
  /** The `instance` this worker writes into its heartbeat. */
  instance: string;
}

/**
 * The lease of the worker whose heartbeat is `identity`, judged through `redis` (the
 * connection the heartbeat is written with will do). `ttlMs`: the heartbeat's TTL, which
 * is also the grace a young container gets before its lease is judged.
 */
export function sandboxLease(redis: Redis, redisUrl: string, identity: LeaseIdentity, ttlMs = HEARTBEAT_TTL_S * 1000): SandboxLease {
  // Leases are only comparable within one Redis: the store tag keeps a reaper using another
  // Redis (another deployment on the same Docker engine) from judging them.
  const store = createHash("sha256").update(redisUrl).digest("hex").slice(0, 12);
  return {
    label: `${store}/${heartbeatKey(identity.workerId)}#${identity.instance}`,
    store,
    graceMs: ttlMs,
    async alive(labels) {
      const refs = labels.map((label) => {
        const ref = label.slice(store.length + 1);
        const hash = ref.lastIndexOf("#");
        return hash < 0 ? null : { key: ref.slice(0, hash), instance: ref.slice(hash + 1) };
      });
      const current = refs.filter((r) => r !== null);
      const liveFlags = await liveInstances(redis, current);
      const live = new Set(labels.filter((_, i) => refs[i] !== null).filter((_, i) => liveFlags[i]));
      // An older worker's lease (its own key, plain TTL): alive while that key exists.
      const legacy = labels.filter((_, i) => refs[i] === null);
      if (legacy.length > 0) {
        const values = await redis.mget(legacy.map((label) => `${LEGACY_KEY_PREFIX}${label}`));
        legacy.forEach((label, i) => values[i] !== null && live.add(label));
      }
      return live;
    },
  };
}
