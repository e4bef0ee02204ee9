import type { Redis } from "ioredis";
import { env } from "../env";

/**
 * The one per-worker liveness record in Redis: each worker writes its own key every
 * HEARTBEAT_INTERVAL_MS with a TTL of HEARTBEAT_TTL_S (one refresher: worker/ops.ts), so a
 * worker that dies simply disappears. Two readers:
 * - /api/health reports the live workers and their Docker engines; the same beat carries the
 *   worker's metrics snapshot for /api/metrics;
 * - the sandbox reaper (worker/sandbox-lease.ts): a container labelled with this key and the
 *   worker's `instance` belongs to a live worker exactly while the key holds that instance.
 *
 *   <QUEUE_PREFIX>:worker:<id>:heartbeat  JSON WorkerHeartbeat
 *   <QUEUE_PREFIX>:worker:<id>:metrics    JSON prom-client getMetricsAsJSON() of that worker
 */
export const HEARTBEAT_INTERVAL_MS = 10_000;
export const HEARTBEAT_TTL_S = 30;

export interface WorkerHeartbeat {
  id: string;
  /**
   * Random per worker process start: tells a restarted worker with the same id (WORKER_ID)
   * from its dead predecessor, whose containers must still be reaped. Absent in the error
   * beat of a worker that could not start (it owns no containers).
   */
  instance?: string;
  host: string;
  pid: number;
  /** ISO times. */
  startedAt: string;
  lastBeatAt: string;
  concurrency: number;
  /** The worker's own check of its Docker engine and runner image. */
  docker: "ok" | "error";
  /** Why docker is "error" (no secrets: an engine or image problem in plain words). */
  message?: string;
}

export const workerKeyPrefix = () => `${env.QUEUE_PREFIX}:worker:`;
export const heartbeatKey = (workerId: string) => `${workerKeyPrefix()}${workerId}:heartbeat`;
export const workerMetricsKey = (workerId: string) => `${workerKeyPrefix()}${workerId}:metrics`;

export async function writeHeartbeat(
  redis: Redis,
  beat: WorkerHeartbeat,
  metrics?: unknown,
  ttlMs = HEARTBEAT_TTL_S * 1000,
): Promise<void> {
  const multi = redis.multi().set(heartbeatKey(beat.id), JSON.stringify(beat), "PX", ttlMs);
  if (metrics !== undefined) multi.set(workerMetricsKey(beat.id), JSON.stringify(metrics), "PX", ttlMs);
  await multi.exec();
}

export async function removeHeartbeat(redis: Redis, workerId: string): Promise<void> {
  await redis.del(heartbeatKey(workerId), workerMetricsKey(workerId));
}

async function scanValues(redis: Redis, suffix: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = "0";
  do {
    const [next, batch] = await redis.scan(cursor, "MATCH", `${escapeGlob(workerKeyPrefix())}*${suffix}`, "COUNT", 200);
    cursor = next;
    keys.push(...batch);
  } while (cursor !== "0");
  if (keys.length === 0) return [];
  return (await redis.mget(...keys)).filter((value): value is string => typeof value === "string");
}

/** Heartbeats of the live workers (those whose key has not expired), sorted by id. */
export async function readHeartbeats(redis: Redis): Promise<WorkerHeartbeat[]> {
  const beats: WorkerHeartbeat[] = [];
  for (const value of await scanValues(redis, ":heartbeat")) {
    try {
      beats.push(JSON.parse(value) as WorkerHeartbeat);
    } catch {
      // A foreign or half-written value: not a live worker.
    }
  }
  return beats.sort((a, b) => a.id.localeCompare(b.id));
}

/** The live workers' metrics snapshots (prom-client JSON), for aggregation by the web app. */
export async function readWorkerMetrics(redis: Redis): Promise<unknown[]> {
  const snapshots: unknown[] = [];
  for (const value of await scanValues(redis, ":metrics")) {
    try {
      snapshots.push(JSON.parse(value));
    } catch {
      // ignore
    }
  }
  return snapshots;
}

/**
 * Which of these (heartbeat key, instance) pairs are alive right now: the key exists and
 * holds that instance. Keys may carry any QUEUE_PREFIX (a reaper judges every worker's
 * containers on its engine, whatever queue they serve).
 */
export async function liveInstances(redis: Redis, refs: Array<{ key: string; instance: string }>): Promise<boolean[]> {
  if (refs.length === 0) return [];
  const values = await redis.mget(refs.map((r) => r.key));
  return refs.map((ref, i) => {
    try {
      return (JSON.parse(values[i] ?? "null") as WorkerHeartbeat | null)?.instance === ref.instance;
    } catch {
      return false;
    }
  });
}

const escapeGlob = (text: string) => text.replace(/[*?[\]\\]/g, "\\$&");
