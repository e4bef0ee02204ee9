import type { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { AggregatorRegistry, Gauge, Registry, collectDefaultMetrics } from "prom-client";
import type { Prisma, PrismaClient } from "../../generated/prisma/client";
import type { JudgeJobData } from "../../judge/queue";
import { readHeartbeats, readWorkerMetrics, type WorkerHeartbeat } from "../../judge/worker-heartbeat";
import { TimeoutError, withTimeout } from "../../judge/timeout";

/**
 * Health and metrics of the whole judge: this web process, Postgres, Redis, the workers
 * (through their heartbeats) and the queue. Messages are for operators but never carry a
 * secret: no connection string, no host name of a database, no password.
 */

/** A waiting submission older than this means judging is stuck or far behind. */
export const QUEUE_STUCK_AFTER_S = 300;
const CHECK_TIMEOUT_MS = 2000;

export interface OpsDeps {
  db: PrismaClient;
  /** A connection that fails fast (no offline queue) when Redis is down. */
  redis: Redis;
  queue: Queue<JudgeJobData>;
  /** Narrows the submissions counted (tests share one database); default: all. */
  scope?: Prisma.SubmissionWhereInput;
}

interface Part {
  ok: boolean;
  message?: string;
}

export interface HealthReport {
  status: "ok" | "failing";
  /** The parts that failed, by name: postgres, redis, workers, queue. */
  failing: string[];
  checkedAt: string;
  web: Part & { uptimeS: number };
  postgres: Part & { latencyMs?: number };
  redis: Part & { latencyMs?: number };
  workers: Part & { live: number; list: WorkerHeartbeat[] };
  queue: Part & {
    /** Jobs in Redis by state (absent when Redis is down). */
    jobs?: { waiting: number; active: number; delayed: number };
    /** Submissions not yet finished according to Postgres (the source of truth). */
    queuedInDb?: number;
    runningInDb?: number;
    oldestWaitingS?: number | null;
  };
}

export async function checkHealth(deps: OpsDeps): Promise<HealthReport> {
  const [postgres, redis] = await Promise.all([timed(() => deps.db.$queryRaw`SELECT 1`), timed(() => pingRedis(deps.redis))]);

  let workers: HealthReport["workers"] = { ok: false, live: 0, list: [], message: "unknown: Redis is down" };
  let jobs: NonNullable<HealthReport["queue"]["jobs"]> | undefined;
  if (redis.ok) {
    const list = await readHeartbeats(deps.redis).catch(() => null);
    if (list) {
      const broken = list.filter((w) => w.docker !== "ok");
      workers = {
        ok: list.length > 0 && broken.length === 0,
        live: list.length,
        list,
        ...(list.length === 0
          ? { message: "no live worker: submissions wait until one starts" }
          : broken.length > 0
            ? { message: broken.map((w) => `${w.id}: ${w.message ?? "sandbox error"}`).join("; ") }
            : {}),
      };
    }
    jobs = await queueCounts(deps.queue).catch(() => undefined);
  }

  const queue: HealthReport["queue"] = { ok: true, ...(jobs ? { jobs } : {}) };
  if (postgres.ok) {
    const scope = deps.scope ?? {};
    const [counts, oldest] = await Promise.all([
      deps.db.submission.groupBy({
        by: ["status"],
        where: { AND: [scope, { status: { in: ["QUEUED", "RUNNING"] } }] },
        _count: { _all: true },
      }),
      deps.db.submission.findFirst({
        where: { AND: [scope, { status: "QUEUED" }] },
        orderBy: { createdAt: "asc" },
        select: { createdAt: true },
      }),
    ]);
    queue.queuedInDb = counts.find((c) => c.status === "QUEUED")?._count._all ?? 0;
    queue.runningInDb = counts.find((c) => c.status === "RUNNING")?._count._all ?? 0;
    queue.oldestWaitingS = oldest ? Math.round((Date.now() - oldest.createdAt.getTime()) / 1000) : null;
    if (queue.oldestWaitingS !== null && queue.oldestWaitingS > QUEUE_STUCK_AFTER_S) {
      queue.ok = false;
      queue.message = `the oldest waiting submission has waited ${queue.oldestWaitingS} s (more than ${QUEUE_STUCK_AFTER_S} s)`;
    }
  }

  const failing = (
    [
      ["postgres", postgres.ok],
      ["redis", redis.ok],
      ["workers", workers.ok],
      ["queue", queue.ok],
    ] as const
  )
    .filter(([, ok]) => !ok)
    .map(([name]) => name);
  return {
    status: failing.length === 0 ? "ok" : "failing",
    failing,
    checkedAt: new Date().toISOString(),
    web: { ok: true, uptimeS: Math.round(process.uptime()) },
    postgres,
    redis,
    workers,
    queue,
  };
}

async function queueCounts(queue: Queue<JudgeJobData>) {
  const counts = await withTimeout(queue.getJobCounts("waiting", "prioritized", "delayed", "active"), CHECK_TIMEOUT_MS);
  return {
    waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
    active: counts.active ?? 0,
    delayed: counts.delayed ?? 0,
  };
}

async function timed(check: () => Promise<unknown>): Promise<Part & { latencyMs?: number }> {
  const started = performance.now();
  try {
    await withTimeout(check(), CHECK_TIMEOUT_MS);
    return { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { ok: false, message: describeFailure(error) };
  }
}

/**
 * PING on the fail-fast connection. One still making its first connection (the web app
 * opens it on the first health check) is waited for, within the check's timeout, so a
 * fresh process does not report a working Redis as down; a refused connection still fails.
 */
async function pingRedis(redis: Redis): Promise<string> {
  if (redis.status === "connecting" || redis.status === "connect") {
    await new Promise<void>((resolve) => {
      const settled = () => {
        redis.off("ready", settled).off("error", settled);
        resolve();
      };
      redis.once("ready", settled).once("error", settled);
    });
  }
  return redis.ping();
}

/** An error reduced to what an operator needs and nothing that could hold a secret (URLs, hosts). */
function describeFailure(error: unknown): string {
  if (error instanceof TimeoutError) return `no answer within ${CHECK_TIMEOUT_MS / 1000} s`;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && /^[A-Z0-9_]+$/.test(code)) return `unreachable (${code})`;
  const text = error instanceof Error ? error.message : "";
  if (/enableOfflineQueue|Connection is closed|Stream isn't writeable/i.test(text)) return "unreachable (not connected)";
  return "check failed";
}

/**
 * The web process's own metrics registry: Node.js process metrics and the queue as seen
 * at scrape time. Worker metrics (judge durations, verdicts, sandbox errors) come from
 * the workers' heartbeats and are merged in by renderMetrics.
 */
export function createWebMetrics(deps: OpsDeps) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "coderunner_web_" });
  new Gauge({
    name: "coderunner_up",
    help: "1 when the part answers the web app, else 0 (postgres, redis).",
    labelNames: ["part"],
    registers: [registry],
    async collect() {
      const [postgres, redis] = await Promise.all([timed(() => deps.db.$queryRaw`SELECT 1`), timed(() => pingRedis(deps.redis))]);
      this.set({ part: "postgres" }, postgres.ok ? 1 : 0);
      this.set({ part: "redis" }, redis.ok ? 1 : 0);
    },
  });
  new Gauge({
    name: "coderunner_queue_jobs",
    help: "Judge jobs in Redis by state (waiting includes prioritized).",
    labelNames: ["state"],
    registers: [registry],
    async collect() {
      this.reset();
      const counts = await queueCounts(deps.queue).catch(() => undefined);
      if (counts) for (const [state, value] of Object.entries(counts)) this.set({ state }, value);
    },
  });
  new Gauge({
    name: "coderunner_submissions_unfinished",
    help: "Submissions QUEUED or RUNNING according to Postgres (the source of truth).",
    labelNames: ["status"],
    registers: [registry],
    async collect() {
      this.reset();
      const counts = await withTimeout(
        deps.db.submission.groupBy({ by: ["status"], where: { status: { in: ["QUEUED", "RUNNING"] } }, _count: { _all: true } }),
        CHECK_TIMEOUT_MS,
      ).catch(() => []);
      for (const status of ["QUEUED", "RUNNING"] as const) {
        this.set({ status }, counts.find((c) => c.status === status)?._count._all ?? 0);
      }
    },
  });
  new Gauge({
    name: "coderunner_queue_oldest_waiting_seconds",
    help: "Age of the oldest QUEUED submission (0 when none).",
    registers: [registry],
    async collect() {
      const oldest = await withTimeout(
        deps.db.submission.findFirst({ where: { status: "QUEUED" }, orderBy: { createdAt: "asc" }, select: { createdAt: true } }),
        CHECK_TIMEOUT_MS,
      ).catch(() => undefined);
      if (oldest !== undefined) this.set(oldest ? (Date.now() - oldest.createdAt.getTime()) / 1000 : 0);
    },
  });
  new Gauge({
    name: "coderunner_workers_live",
    help: "Workers whose heartbeat is fresh, by the state of their Docker engine.",
    labelNames: ["docker"],
    registers: [registry],
    async collect() {
      this.reset();
      const beats = await readHeartbeats(deps.redis).catch(() => undefined);
      if (!beats) return;
      this.set({ docker: "ok" }, beats.filter((b) => b.docker === "ok").length);
      this.set({ docker: "error" }, beats.filter((b) => b.docker !== "ok").length);
    },
  });
  return registry;
}

/** Prometheus text: the web's registry plus every live worker's snapshot. */
export async function renderMetrics(registry: Registry, redis: Redis): Promise<{ contentType: string; body: string }> {
  const snapshots: unknown[] = await readWorkerMetrics(redis).catch(() => []);
  const workerSnapshots = snapshots.filter((snapshot) => Array.isArray(snapshot)) as object[][];
  const own = await registry.getMetricsAsJSON();
  let merged: Registry;
  try {
    merged = AggregatorRegistry.aggregate([own, ...workerSnapshots]);
  } catch {
    merged = AggregatorRegistry.aggregate([own]); // a malformed snapshot must not take the web's metrics down
  }
  return { contentType: registry.contentType, body: await merged.metrics() };
}
