/**
 * /api/health and /api/metrics against real Postgres and Redis: healthy, each part
 * failing in turn (Redis and Postgres unreachable, no worker, a worker without its runner
 * image, a stuck queue), and never a secret in the answer.
 */
import { Queue, type ConnectionOptions } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env } from "../../env";
import { JUDGE_QUEUE, type JudgeJobData } from "../../judge/queue";
import { createWorkerMetrics } from "../../judge/metrics";
import { removeHeartbeat, writeHeartbeat, type WorkerHeartbeat } from "../../judge/worker-heartbeat";
import { createPrismaClient } from "../db";
import { checkHealth, createWebMetrics, renderMetrics, type OpsDeps } from "./ops-service";
import { createSubmission, createUser } from "../../../test/factories";
import { GET as healthRoute } from "../../app/api/health/route";
import { GET as metricsRoute } from "../../app/api/metrics/route";

const db = createPrismaClient();
const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
const queue = new Queue<JudgeJobData>(JUDGE_QUEUE, { connection: redis as unknown as ConnectionOptions, prefix: env.QUEUE_PREFIX });
let deps: OpsDeps;

const beat = (id: string, extra: Partial<WorkerHeartbeat> = {}): WorkerHeartbeat => ({
  id,
  host: "test-host",
  pid: 1,
  startedAt: new Date().toISOString(),
  lastBeatAt: new Date().toISOString(),
  concurrency: 2,
  docker: "ok",
  ...extra,
});

/** Nothing that configures a connection or signs a session may appear in an answer. */
function expectNoSecrets(text: string) {
  for (const secret of [env.DATABASE_URL, env.REDIS_URL, "postgresql://", "redis://", env.NEXTAUTH_SECRET ?? "no-secret-set-here"]) {
    expect(text).not.toContain(secret);
  }
}

beforeAll(async () => {
  await redis.ping().catch(async () => new Promise((r) => setTimeout(r, 500)));
  const user = await createUser(db, { label: "ops-health" });
  deps = { db, redis, queue, scope: { userId: user.id } };
});

afterAll(async () => {
  await queue.obliterate({ force: true }).catch(() => undefined);
  await queue.close();
  redis.disconnect();
  await db.$disconnect();
});

describe("checkHealth", () => {
  it("is ok with Postgres, Redis and a live worker whose Docker is fine", async () => {
    await writeHeartbeat(redis, beat("w-ok"));
    try {
      const report = await checkHealth(deps);
      expect(report).toMatchObject({ status: "ok", failing: [], postgres: { ok: true }, redis: { ok: true } });
      expect(report.workers).toMatchObject({ ok: true, live: 1, list: [{ id: "w-ok", docker: "ok" }] });
      expect(report.queue).toMatchObject({ ok: true, queuedInDb: 0, runningInDb: 0, oldestWaitingS: null });
      expect(report.queue.jobs).toEqual({ waiting: 0, active: 0, delayed: 0 });
      expectNoSecrets(JSON.stringify(report));
    } finally {
      await removeHeartbeat(redis, "w-ok");
    }
  });

  it("names the workers when none is alive", async () => {
    const report = await checkHealth(deps);
    expect(report.status).toBe("failing");
    expect(report.failing).toEqual(["workers"]);
    expect(report.workers.message).toMatch(/no live worker/);
  });

  it("names a worker whose runner image is missing, with the worker's own message", async () => {
    await writeHeartbeat(redis, beat("w-ok"));
    await writeHeartbeat(redis, beat("w-broken", { docker: "error", message: "runner image coderunner-runner:abc is missing" }));
    try {
      const report = await checkHealth(deps);
      expect(report.failing).toEqual(["workers"]);
      expect(report.workers.live).toBe(2);
      expect(report.workers.message).toBe("w-broken: runner image coderunner-runner:abc is missing");
    } finally {
      await removeHeartbeat(redis, "w-ok");
      await removeHeartbeat(redis, "w-broken");
    }
  });

  it("counts unfinished submissions from Postgres and fails the queue when the oldest has waited too long", async () => {
    const user = await createUser(db, { label: "ops-stuck" });
    const old = await createSubmission(db, { userId: user.id, language: "python", source: "print(1)" });
    await db.submission.update({ where: { id: old.id }, data: { createdAt: new Date(Date.now() - 10 * 60_000) } });
    await createSubmission(db, { userId: user.id, language: "python", source: "print(2)", status: "RUNNING" });
    await writeHeartbeat(redis, beat("w-ok"));
    try {
      const report = await checkHealth({ ...deps, scope: { userId: user.id } });
      expect(report.failing).toEqual(["queue"]);
      expect(report.queue).toMatchObject({ ok: false, queuedInDb: 1, runningInDb: 1 });
      expect(report.queue.oldestWaitingS).toBeGreaterThanOrEqual(600);
      expect(report.queue.message).toMatch(/waited \d+ s/);
    } finally {
      await removeHeartbeat(redis, "w-ok");
    }
  });

  it("reports a Redis connection made a moment ago as up, not down (the web app's first health check)", async () => {
    const fresh = new Redis(env.REDIS_URL, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
    try {
      expect(fresh.status).toBe("connecting");
      const report = await checkHealth({ ...deps, redis: fresh });
      expect(report.redis).toMatchObject({ ok: true });
    } finally {
      fresh.disconnect();
    }
  });

  it("answers within seconds, naming Redis, when Redis is unreachable", async () => {
    const deadRedis = new Redis("redis://:hunter2-secret@127.0.0.1:1", { maxRetriesPerRequest: 1, enableOfflineQueue: false });
    deadRedis.on("error", () => undefined);
    const deadQueue = new Queue<JudgeJobData>(JUDGE_QUEUE, { connection: deadRedis as unknown as ConnectionOptions, prefix: "x" });
    deadQueue.on("error", () => undefined);
    try {
      const started = Date.now();
      const report = await checkHealth({ ...deps, redis: deadRedis, queue: deadQueue });
      expect(Date.now() - started).toBeLessThan(5000);
      expect(report.failing).toEqual(["redis", "workers"]);
      expect(report.redis.message).toMatch(/unreachable|no answer/);
      expect(report.postgres.ok).toBe(true);
      expect(JSON.stringify(report)).not.toContain("hunter2");
    } finally {
      deadRedis.disconnect();
      await deadQueue.close().catch(() => undefined);
    }
  });

  it("names Postgres when it is unreachable, without its address or password", async () => {
    const deadDb = createPrismaClient("postgresql://postgres:pg-secret-pw@127.0.0.1:1/nowhere");
    await writeHeartbeat(redis, beat("w-ok"));
    try {
      const report = await checkHealth({ ...deps, db: deadDb });
      expect(report.failing).toEqual(["postgres"]);
      expect(report.postgres.message).toMatch(/unreachable|no answer|check failed/);
      expect(report.queue.queuedInDb).toBeUndefined();
      const text = JSON.stringify(report);
      expect(text).not.toContain("pg-secret-pw");
      expect(text).not.toContain("127.0.0.1:1");
    } finally {
      await removeHeartbeat(redis, "w-ok");
      await deadDb.$disconnect();
    }
  });
});

describe("metrics", () => {
  it("serves the web's gauges and every live worker's judge metrics in Prometheus format", async () => {
    const worker = createWorkerMetrics("w-metrics");
    worker.verdicts.inc({ language: "python", verdict: "AC" }, 3);
    worker.judgeDuration.observe({ language: "python", kind: "SUBMIT" }, 0.4);
    worker.sandboxErrors.inc();
    await writeHeartbeat(redis, beat("w-metrics"), await worker.registry.getMetricsAsJSON());
    try {
      const { contentType, body } = await renderMetrics(createWebMetrics(deps), redis);
      expect(contentType).toMatch(/^text\/plain/);
      expect(body).toContain('coderunner_verdicts_total{language="python",verdict="AC",worker="w-metrics"} 3');
      expect(body).toContain('coderunner_judge_duration_seconds_bucket{le="0.5",language="python",kind="SUBMIT",worker="w-metrics"} 1');
      expect(body).toContain('coderunner_sandbox_errors_total{worker="w-metrics"} 1');
      expect(body).toMatch(/coderunner_up\{part="postgres"\} 1/);
      expect(body).toMatch(/coderunner_up\{part="redis"\} 1/);
      expect(body).toMatch(/coderunner_queue_jobs\{state="waiting"\} 0/);
      expect(body).toMatch(/coderunner_workers_live\{docker="ok"\} [1-9]/);
      expect(body).toMatch(/coderunner_web_process_cpu_user_seconds_total \d/);
      expectNoSecrets(body);
    } finally {
      await removeHeartbeat(redis, "w-metrics");
    }
  });

  it("drops a malformed worker snapshot instead of failing the scrape", async () => {
    await writeHeartbeat(redis, beat("w-bad"), [{ name: "x", aggregator: "nonsense", values: [] }]);
    try {
      const { body } = await renderMetrics(createWebMetrics(deps), redis);
      expect(body).toMatch(/coderunner_up\{part="redis"\} 1/);
    } finally {
      await removeHeartbeat(redis, "w-bad");
    }
  });
});

describe("the route handlers", () => {
  it("/api/health answers 200 exactly when healthy, 503 naming the failing parts otherwise", async () => {
    const response = await healthRoute();
    const report = (await response.json()) as { status: string; failing: string[] };
    expect(response.status).toBe(report.status === "ok" ? 200 : 503);
    expect(response.headers.get("cache-control")).toBe("no-store");
    for (const part of report.failing) expect(["postgres", "redis", "workers", "queue"]).toContain(part);
  });

  it("/api/metrics serves Prometheus text (no METRICS_TOKEN configured in tests)", async () => {
    const response = await metricsRoute(new Request("http://localhost/api/metrics"));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("# TYPE coderunner_queue_jobs gauge");
  });
});
