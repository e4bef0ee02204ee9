/**
 * Real restarts of the shared services under a real worker process (test/worker-process.ts):
 * the Docker engine stopped and started again mid-judgement, and Postgres restarted.
 * These hurt every other user of the machine's engine and database, so this file is in the
 * `exclusive` project (runs alone, after the integration tests) and holds a machine-wide
 * lock (test/service-restart.ts). The simulated variants stay in the integration project
 * (`sandbox-faults`, `postgres-outage`).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env } from "../src/env";
import { db } from "../src/server/db";
import { checkHealth } from "../src/server/services/ops-service";
import { Queue, type ConnectionOptions } from "bullmq";
import { Redis } from "ioredis";
import { JUDGE_QUEUE, enqueueSubmission, type JudgeJobData } from "../src/judge/queue";
import { SUM_SOLUTIONS, createProblem, createSubmission, createUser, sumTests, waitForFinal } from "../test/factories";
import { callerFor } from "../test/trpc";
import { ensureDockerEngine, holdServiceLock, localPostgresCluster, restartDockerEngine, restartPostgres } from "../test/service-restart";
import { spawnWorker, type WorkerProcess } from "../test/worker-process";

// Slow enough (6 tests × 0.5 s) that the restart lands while the judgement runs.
const SLOW_SUM = "import sys, time\ntime.sleep(0.5)\nprint(sum(map(int, sys.stdin.read().split())))\n";
const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: 1 });
const queue = new Queue<JudgeJobData>(JUDGE_QUEUE, { connection: redis as unknown as ConnectionOptions, prefix: env.QUEUE_PREFIX });
let release: (() => void) | undefined;
let worker: WorkerProcess | undefined;
let student: Awaited<ReturnType<typeof createUser>>;
let problem: Awaited<ReturnType<typeof createProblem>>;

beforeAll(async () => {
  release = await holdServiceLock();
  student = await createUser(db, { label: "restarts" });
  problem = await createProblem(db, student.id, { tests: sumTests(6) });
  worker = spawnWorker({ concurrency: 1, recoverScope: { userId: student.id }, workerId: `restarts-${process.pid}` });
  await worker.ready;
});

afterAll(async () => {
  await ensureDockerEngine(); // whatever happened, the engine is left running
  await worker?.kill("SIGTERM");
  await queue.obliterate({ force: true }).catch(() => undefined);
  await queue.close();
  redis.disconnect();
  release?.();
});

async function waitUntilJudging(submissionId: string) {
  await expect
    .poll(
      async () => {
        const row = await db.submission.findUniqueOrThrow({ where: { id: submissionId }, select: { status: true } });
        return row.status === "RUNNING" && (await db.testResult.count({ where: { submissionId } })) > 0;
      },
      { timeout: 60_000, interval: 100 },
    )
    .toBe(true);
}

describe("Docker engine restarted mid-judgement (a real dockerd restart)", () => {
  it("the job is retried once the engine is back, not IE; the same worker process judges the next one", async () => {
    const interrupted = await createSubmission(db, { userId: student.id, problemId: problem.id, language: "python", source: SLOW_SUM });
    await enqueueSubmission(interrupted.id, "submit", queue);
    await waitUntilJudging(interrupted.id);

    const { downMs } = await restartDockerEngine();
    console.log(`[restarts] Docker engine down for ${downMs} ms`);

    const done = await waitForFinal(db, interrupted.id, 120_000);
    expect(done).toMatchObject({ status: "DONE", verdict: "AC" });
    expect(done.attempts).toBeGreaterThanOrEqual(2); // the interrupted attempt counted, then a retry
    expect(await db.testResult.count({ where: { submissionId: interrupted.id } })).toBe(6);
    // The worker saw the engine go (it paused rather than spend attempts on it).
    expect(worker!.records.some((r) => /sandbox unavailable/.test(String(r.msg)))).toBe(true);

    const next = await createSubmission(db, {
      userId: student.id,
      problemId: problem.id,
      language: "python",
      source: SUM_SOLUTIONS.python,
    });
    await enqueueSubmission(next.id, "submit", queue);
    expect(await waitForFinal(db, next.id, 90_000)).toMatchObject({ status: "DONE", verdict: "AC", attempts: 1 });
    expect(worker!.child.exitCode).toBeNull(); // recovered without a restart of its own
  }, 240_000);
});

const cluster = localPostgresCluster(env.DATABASE_URL);

describe.skipIf(!cluster)("Postgres restarted (a real pg_ctlcluster restart)", () => {
  it("the web's client and the worker process reconnect on their own", async () => {
    const caller = callerFor(student);
    const interrupted = await createSubmission(db, { userId: student.id, problemId: problem.id, language: "python", source: SLOW_SUM });
    await enqueueSubmission(interrupted.id, "submit", queue);
    await waitUntilJudging(interrupted.id);

    const { downMs } = await restartPostgres(cluster!);
    console.log(`[restarts] Postgres restart took ${downMs} ms`);

    // The web side: this process's Prisma client (the app's `db`) answers a tRPC call that
    // writes a submission and enqueues it, as the Submit button does.
    const submitted = await caller.submission.create({ problemSlug: problem.slug, language: "python", source: SUM_SOLUTIONS.python });
    expect(submitted.judgingDelayed).toBe(false);
    expect((await checkHealth({ db, redis, queue, scope: { userId: student.id } })).postgres.ok).toBe(true);

    // The worker side: the interrupted judgement is retried and finishes, and the new one is judged.
    const done = await waitForFinal(db, interrupted.id, 120_000);
    expect(done).toMatchObject({ status: "DONE", verdict: "AC" });
    expect(await db.testResult.count({ where: { submissionId: interrupted.id } })).toBe(6);
    expect(await waitForFinal(db, submitted.id, 90_000)).toMatchObject({ status: "DONE", verdict: "AC" });
    expect(worker!.child.exitCode).toBeNull();
  }, 240_000);
});
