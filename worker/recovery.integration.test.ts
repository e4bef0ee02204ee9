/**
 * Start-up recovery against real Postgres (coderunner_test) and Redis: what is re-queued,
 * what is left alone, and what is given up on.
 */
import { Queue, Worker, type ConnectionOptions } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env } from "../src/env";
import { JUDGE_QUEUE, JOB_PRIORITY, enqueueSubmission, type JudgeJobData } from "../src/judge/queue";
import { createPrismaClient } from "../src/server/db";
import { RECOVERY_MAX_ATTEMPTS, recoverUnfinishedSubmissions } from "./recovery";
import { SUM_SOLUTIONS, createProblem, createSubmission, createUser, sumTests } from "../test/factories";

const db = createPrismaClient();
const connection = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
const queue = new Queue<JudgeJobData>(JUDGE_QUEUE, { connection: connection as unknown as ConnectionOptions, prefix: env.QUEUE_PREFIX });
let userId: string;
let problemId: string;

beforeAll(async () => {
  userId = (await createUser(db, { label: "recovery-it" })).id;
  problemId = (await createProblem(db, userId, { tests: sumTests(1) })).id;
});

afterAll(async () => {
  await queue.obliterate({ force: true }).catch(() => undefined);
  await queue.close();
  await connection.quit();
  await db.$disconnect();
});

const submit = (data: { status?: "QUEUED" | "RUNNING" | "DONE"; attempts?: number; kind?: "SUBMIT" | "RUN" } = {}) =>
  createSubmission(db, {
    userId,
    problemId: data.kind === "RUN" ? null : problemId,
    language: "python",
    source: SUM_SOLUTIONS.python,
    stdin: "",
    ...data,
  });

/** Finish a job by hand (BullMQ's manual-processing API), as a worker would have done. */
async function completeJobByHand(submissionId: string) {
  const manual = new Worker<JudgeJobData>(JUDGE_QUEUE, null, {
    connection: connection as unknown as ConnectionOptions,
    prefix: env.QUEUE_PREFIX,
    autorun: false,
  });
  try {
    const job = await manual.getNextJob("recovery-test-token");
    expect(job?.id).toBe(submissionId);
    await job!.moveToCompleted({ kind: "skipped" }, "recovery-test-token", false);
  } finally {
    await manual.close();
  }
}

describe("recoverUnfinishedSubmissions", () => {
  it("re-queues lost jobs, leaves live ones, replaces finished records, gives up on poison", async () => {
    // RUNNING whose job already completed (a worker crashed after BullMQ recorded completion).
    const finishedJob = await submit({ status: "RUNNING", attempts: 1 });
    await enqueueSubmission(finishedJob.id, "submit", queue);
    await completeJobByHand(finishedJob.id);
    expect(await (await queue.getJob(finishedJob.id))!.getState()).toBe("completed");

    const lostSubmit = await submit(); // QUEUED, job lost (e.g. Redis restarted empty)
    const lostRun = await submit({ kind: "RUN" });
    const waiting = await submit();
    await enqueueSubmission(waiting.id, "submit", queue);
    const poison = await submit({ status: "RUNNING", attempts: RECOVERY_MAX_ATTEMPTS });
    const done = await submit({ status: "DONE" });

    const lines: string[] = [];
    const report = await recoverUnfinishedSubmissions(db, queue, (l) => lines.push(l), { userId });

    expect(new Set(report.requeued)).toEqual(new Set([finishedJob.id, lostSubmit.id, lostRun.id]));
    expect(report.alreadyQueued).toEqual([waiting.id]);
    expect(report.failed).toEqual([poison.id]);
    expect(lines.join("\n")).toMatch(/re-queued 3/);

    for (const id of [finishedJob.id, lostSubmit.id, lostRun.id, waiting.id]) {
      expect(["waiting", "prioritized"]).toContain(await (await queue.getJob(id))!.getState());
    }
    expect((await queue.getJob(lostRun.id))!.opts.priority).toBe(JOB_PRIORITY.run);
    expect((await queue.getJob(lostSubmit.id))!.opts.priority).toBe(JOB_PRIORITY.submit);
    expect(await queue.getJob(done.id)).toBeUndefined();
    expect(await queue.getJob(poison.id)).toBeUndefined();
    expect(await db.submission.findUniqueOrThrow({ where: { id: poison.id } })).toMatchObject({ status: "FAILED", verdict: "IE" });

    // Running it again (a second worker starting) adds nothing.
    const again = await recoverUnfinishedSubmissions(db, queue, () => {}, { userId });
    expect(again.requeued).toEqual([]);
    expect(again.alreadyQueued).toHaveLength(4);
    const counts = await queue.getJobCounts("waiting", "prioritized", "active", "completed", "delayed");
    expect(counts.waiting! + counts.prioritized!).toBe(4);
  });
});
