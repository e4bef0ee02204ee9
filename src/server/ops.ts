import { Redis } from "ioredis";
import type { Registry } from "prom-client";
import { env } from "../env";
import { getJudgeQueue } from "../judge/queue";
import { db } from "./db";
import { createWebMetrics, type OpsDeps } from "./services/ops-service";

/** One fail-fast Redis connection and one metrics registry per web process (kept across dev reloads). */
const globalForOps = globalThis as unknown as { opsDeps?: OpsDeps; webMetrics?: Registry };

export function opsDeps(): OpsDeps {
  if (!globalForOps.opsDeps) {
    const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
    redis.on("error", () => undefined); // reported by the health check, not as an unhandled error
    globalForOps.opsDeps = { db, redis, queue: getJudgeQueue() };
  }
  return globalForOps.opsDeps;
}

export function webMetrics(): Registry {
  globalForOps.webMetrics ??= createWebMetrics(opsDeps());
  return globalForOps.webMetrics;
}
