/**
 * The worker end to end against real Postgres (coderunner_test), Redis and Docker:
 * enqueue → BullMQ → judge in the sandbox → rows and progress events.
 */
import { Queue, type ConnectionOptions } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env } from "../src/env";
import { createPrismaClient } from "../src/server/db";
import { JUDGE_QUEUE, enqueueSubmission, progressChannel, type JudgeJobData, type ProgressEvent } from "../src/judge/queue";
import { SandboxError, type SandboxProvider } from "../sandbox/types";
import { startWorker, type WorkerHandle } from "./index";
import { SUM_SOLUTIONS, createProblem, createSubmission, createUser, sumTests, waitForFinal } from "../test/factories";

const db = createPrismaClient();
const redis = new Redis(env.REDIS_URL);
const queue = new Queue<JudgeJobData>(JUDGE_QUEUE, { connection: redis as unknown as ConnectionOptions, prefix: env.QUEUE_PREFIX });
const quietLog = () => {};
let userId: string;

beforeAll(async () => {
  userId = (await createUser(db, { label: "worker-it" })).id;
});

afterAll(async () => {
  await queue.obliterate({ force: true }).catch(() => undefined);
  await queue.close();
  await redis.quit();
  await db.$disconnect();
});

/** Collect the progress events published for one submission. */
async function subscribe(submissionId: string) {
  const subscriber = new Redis(env.REDIS_URL);
  const events: ProgressEvent[] = [];
  subscriber.on("message", (_channel, message: string) => events.push(JSON.parse(message) as ProgressEvent));
  await subscriber.subscribe(progressChannel(submissionId));
  return { events, stop: () => subscriber.quit() };
}

describe("worker with the real sandbox", () => {
  let handle: WorkerHandle;
  let problem: Awaited<ReturnType<typeof createProblem>>;
  let leftRunningId: string;

  beforeAll(async () => {
    problem = await createProblem(db, userId, { tests: sumTests(3) });
    // A submission a crashed worker left RUNNING: start-up recovery must finish it.
    leftRunningId = (
      await createSubmission(db, {
        userId,
        problemId: problem.id,
        language: "python",
        source: SUM_SOLUTIONS.python,
        status: "RUNNING",
        attempts: 1,
      })
    ).id;
    handle = await startWorker({ concurrency: 2, recoverScope: { userId }, log: quietLog });
  });

  afterAll(async () => {
    await handle?.close();
  });

  it("re-queues and finishes a submission left RUNNING by a crash", async () => {
    expect(handle.recovery?.requeued).toContain(leftRunningId);
    const done = await waitForFinal(db, leftRunningId);
    expect(done).toMatchObject({ status: "DONE", verdict: "AC", attempts: 2 });
    expect(await db.testResult.count({ where: { submissionId: leftRunningId } })).toBe(3);
  });

  it("judges a submission to AC with one row and one progress event per test", async () => {
    const submission = await createSubmission(db, { userId, problemId: problem.id, language: "python", source: SUM_SOLUTIONS.python });
    const progress = await subscribe(submission.id);
    try {
      await enqueueSubmission(submission.id, "submit", queue);
      const done = await waitForFinal(db, submission.id);
      expect(done).toMatchObject({ status: "DONE", verdict: "AC", score: 3, maxScore: 3, attempts: 1 });
      expect(done.maxCpuMs).toBeGreaterThanOrEqual(0);
      expect(done.maxPeakKb).toBeGreaterThan(0);
      expect(done.finishedAt!.getTime()).toBeGreaterThanOrEqual(done.startedAt!.getTime());

      const rows = await db.testResult.findMany({ where: { submissionId: submission.id }, orderBy: { position: "asc" } });
      expect(rows.map((r) => [r.position, r.verdict, r.testCaseId])).toEqual(problem.tests.map((t) => [t.position, "AC", t.id]));

      // The done event is published right after the final write: give pub/sub a moment.
      await expect.poll(() => progress.events.some((e) => e.type === "done"), { timeout: 2000 }).toBe(true);
      const testEvents = progress.events.filter((e) => e.type === "test");
      expect(testEvents.map((e) => [e.position, e.verdict, e.testsDone, e.testsTotal])).toEqual([
        [1, "AC", 1, 3],
        [2, "AC", 2, 3],
        [3, "AC", 3, 3],
      ]);
      expect(progress.events[0]).toMatchObject({ type: "status", status: "RUNNING" });
      expect(progress.events.at(-1)).toMatchObject({ type: "done", status: "DONE", verdict: "AC" });
      const job = await queue.getJob(submission.id);
      expect(job?.progress).toEqual({ done: 3, total: 3 });
    } finally {
      await progress.stop();
    }
  });

  it("stops at the first failing test and records WA (ICPC)", async () => {
    const wrong = "print(0)\n";
    const submission = await createSubmission(db, { userId, problemId: problem.id, language: "python", source: wrong });
    await enqueueSubmission(submission.id, "submit", queue);
    const done = await waitForFinal(db, submission.id);
    // Test 1 is "0 0" → 0, so print(0) passes it and fails test 2.
    expect(done).toMatchObject({ status: "DONE", verdict: "WA" });
    const rows = await db.testResult.findMany({ where: { submissionId: submission.id }, orderBy: { position: "asc" } });
    expect(rows.map((r) => r.verdict)).toEqual(["AC", "WA"]);
  });

  it("runs custom input and stores the program's stdout", async () => {
    const source = "import sys\ndata = sys.stdin.read()\nprint('got:' + data.strip().upper())\n";
    const submission = await createSubmission(db, { userId, kind: "RUN", language: "python", source, stdin: "hello run\n" });
    await enqueueSubmission(submission.id, "run", queue);
    const done = await waitForFinal(db, submission.id);
    expect(done).toMatchObject({ status: "DONE", verdict: null, score: null });
    const rows = await db.testResult.findMany({ where: { submissionId: submission.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ position: 0, testCaseId: null, outputExcerpt: "got:HELLO RUN\n", exitCode: 0 });
  });

  it("records CE with the compiler output for a Run that does not compile", async () => {
    const submission = await createSubmission(db, { userId, kind: "RUN", language: "c", source: "int main( { return 0; }\n", stdin: "" });
    await enqueueSubmission(submission.id, "run", queue);
    const done = await waitForFinal(db, submission.id);
    expect(done).toMatchObject({ status: "DONE", verdict: "CE" });
    expect(done.compileOutput).toMatch(/error/);
    expect(await db.testResult.count({ where: { submissionId: submission.id } })).toBe(0);
  });
});

describe("periodic recovery", () => {
  it("re-queues a submission whose job was lost while the worker runs", async () => {
    const problem = await createProblem(db, userId, { tests: sumTests(1) });
    const handle = await startWorker({
      concurrency: 1,
      recoverScope: { userId },
      recoverIntervalMs: 300,
      recoverMinAgeMs: 0,
      log: quietLog,
    });
    try {
      // Inserted but never enqueued: as if Redis lost the job.
      const orphan = await createSubmission(db, { userId, problemId: problem.id, language: "python", source: SUM_SOLUTIONS.python });
      expect(await waitForFinal(db, orphan.id, 60_000)).toMatchObject({ status: "DONE", verdict: "AC" });
    } finally {
      await handle.close();
    }
  });
});

describe("priorities", () => {
  it("serves a Run enqueued after several Submits first (concurrency 1)", async () => {
    const problem = await createProblem(db, userId, { tests: sumTests(2) });
    const submits = [];
    for (let i = 0; i < 3; i++) {
      const s = await createSubmission(db, { userId, problemId: problem.id, language: "python", source: SUM_SOLUTIONS.python });
      await enqueueSubmission(s.id, "submit", queue);
      submits.push(s);
    }
    const run = await createSubmission(db, { userId, kind: "RUN", language: "python", source: "print(42)\n", stdin: "" });
    await enqueueSubmission(run.id, "run", queue);

    // Everything is queued before a worker exists, so the order is the queue's choice alone.
    const handle = await startWorker({ concurrency: 1, recover: false, log: quietLog });
    try {
      const finished = await Promise.all([run, ...submits].map((s) => waitForFinal(db, s.id)));
      const [runRow, ...submitRows] = finished;
      expect(finished.every((r) => r.status === "DONE")).toBe(true);
      for (const submitRow of submitRows) expect(runRow!.finishedAt!.getTime()).toBeLessThanOrEqual(submitRow.startedAt!.getTime());
      // Submits among themselves stay first-in, first-out.
      const starts = submitRows.map((r) => r.startedAt!.getTime());
      expect([...starts].sort((a, b) => a - b)).toEqual(starts);
    } finally {
      await handle.close();
    }
  });
});

/** A real SandboxProvider whose Docker is "down": every acquire fails like the driver does. */
class UnavailableSandbox implements SandboxProvider {
  acquired = 0;
  async acquire(): Promise<never> {
    this.acquired += 1;
    throw new SandboxError("Docker engine unreachable (test provider)");
  }
  async shutdown() {}
}

describe("infrastructure failures", () => {
  it("retries with backoff, then records FAILED/IE and publishes done", async () => {
    const provider = new UnavailableSandbox();
    const problem = await createProblem(db, userId, { tests: sumTests(1) });
    const submission = await createSubmission(db, { userId, problemId: problem.id, language: "python", source: SUM_SOLUTIONS.python });
    const progress = await subscribe(submission.id);
    // Same job shape as enqueueSubmission, with a short backoff so the test is quick.
    await queue.add(
      "judge",
      { submissionId: submission.id },
      { jobId: submission.id, attempts: 3, backoff: { type: "fixed", delay: 100 } },
    );
    const handle = await startWorker({ concurrency: 1, provider, recover: false, log: quietLog });
    try {
      const done = await waitForFinal(db, submission.id, 30_000);
      expect(done).toMatchObject({ status: "FAILED", verdict: "IE", attempts: 3 });
      expect(done.errorMessage).toContain("SandboxError");
      expect(provider.acquired).toBe(3);
      expect(await db.testResult.count({ where: { submissionId: submission.id } })).toBe(0);
      await expect
        .poll(() => progress.events.find((e) => e.type === "done"), { timeout: 2000 })
        .toMatchObject({ status: "FAILED", verdict: "IE" });
      // Between attempts the submission went back to QUEUED (waiting for its retry).
      expect(progress.events.filter((e) => e.type === "status").map((e) => e.status)).toEqual([
        "RUNNING",
        "QUEUED",
        "RUNNING",
        "QUEUED",
        "RUNNING",
      ]);
      await expect.poll(async () => (await queue.getJob(submission.id))?.getState()).toBe("failed");
    } finally {
      await progress.stop();
      await handle.close();
    }
  });
});

/** Wait until the worker has claimed the submission. */
async function waitForRunning(submissionId: string) {
  await expect
    .poll(async () => (await db.submission.findUniqueOrThrow({ where: { id: submissionId } })).status, { timeout: 60_000, interval: 50 })
    .toBe("RUNNING");
}

describe("shutdown", () => {
  // One test whose program sleeps: long enough to close the worker in the middle of it.
  const SLOW_SUM = "import sys, time\ntime.sleep(3)\nprint(sum(map(int, sys.stdin.read().split())))\n";
  // Short locks so a handed-back job is noticed within seconds, not the production minute.
  const fastStall = { lockDurationMs: 2000, stalledIntervalMs: 1000 };

  it("lets a running job finish before closing", async () => {
    const problem = await createProblem(db, userId, { tests: sumTests(1), timeLimitMs: 10_000 });
    const submission = await createSubmission(db, { userId, problemId: problem.id, language: "python", source: SLOW_SUM });
    await enqueueSubmission(submission.id, "submit", queue);
    const handle = await startWorker({ concurrency: 1, recover: false, log: quietLog });
    await waitForRunning(submission.id);
    await handle.close();
    expect(await db.submission.findUniqueOrThrow({ where: { id: submission.id } })).toMatchObject({
      status: "DONE",
      verdict: "AC",
      attempts: 1,
    });
  });

  it("hands a job back after the shutdown deadline; another worker finishes it", async () => {
    const problem = await createProblem(db, userId, { tests: sumTests(1), timeLimitMs: 10_000 });
    const submission = await createSubmission(db, { userId, problemId: problem.id, language: "python", source: SLOW_SUM });
    await enqueueSubmission(submission.id, "submit", queue);
    const first = await startWorker({ concurrency: 1, recover: false, shutdownTimeoutMs: 300, ...fastStall, log: quietLog });
    await waitForRunning(submission.id);
    const closeStarted = Date.now();
    await first.close();
    expect(Date.now() - closeStarted).toBeLessThan(10_000);
    // Not the student's fault, and not finished: still RUNNING, nothing recorded as a failure.
    const interrupted = await db.submission.findUniqueOrThrow({ where: { id: submission.id } });
    expect(interrupted).toMatchObject({ status: "RUNNING", verdict: null, errorMessage: null });

    const second = await startWorker({ concurrency: 1, recover: false, ...fastStall, log: quietLog });
    try {
      const done = await waitForFinal(db, submission.id, 60_000);
      expect(done).toMatchObject({ status: "DONE", verdict: "AC", attempts: 2 });
      expect(await db.testResult.count({ where: { submissionId: submission.id } })).toBe(1);
    } finally {
      await second.close();
    }
  });

  it("closes cleanly and quickly while idle", async () => {
    const handle = await startWorker({ concurrency: 1, recover: false, log: quietLog });
    expect(handle.worker.isRunning()).toBe(true);
    const started = Date.now();
    await handle.close();
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(handle.worker.isRunning()).toBe(false);
    await handle.close(); // idempotent
  });
});
