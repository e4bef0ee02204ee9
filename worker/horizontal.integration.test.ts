/**
 * Horizontal workers and a worker killed mid-judgement, with real processes: two worker
 * processes with different ids share one queue; one is SIGKILLed while judging; the
 * other finishes everything (BullMQ's stalled check hands the job over), each submission
 * ends with exactly one result, and the dead worker's sandbox containers are removed by
 * the survivor's reaper.
 */
import os from "node:os";
import Docker from "dockerode";
import { Queue, type ConnectionOptions } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { env } from "../src/env";
import { JUDGE_QUEUE, enqueueSubmission, type JudgeJobData } from "../src/judge/queue";
import { readHeartbeats } from "../src/judge/worker-heartbeat";
import { createPrismaClient } from "../src/server/db";
import { OWNER_LABEL, SANDBOX_LABEL } from "../sandbox/reaper";
import { createProblem, createSubmission, createUser, sumTests, waitForFinal } from "../test/factories";
import { spawnWorker, type WorkerProcess } from "../test/worker-process";

const db = createPrismaClient();
const redis = new Redis(env.REDIS_URL);
const queue = new Queue<JudgeJobData>(JUDGE_QUEUE, { connection: redis as unknown as ConnectionOptions, prefix: env.QUEUE_PREFIX });
const docker = new Docker();
const workers: WorkerProcess[] = [];

afterAll(async () => {
  for (const w of workers) await w.kill("SIGKILL");
  await queue.obliterate({ force: true }).catch(() => undefined);
  await queue.close();
  await redis.quit();
  await db.$disconnect();
});

// Slow enough (sleep per test) that a kill lands mid-judgement; CPU stays tiny.
const SLOW_SUM = "import sys, time\ntime.sleep(0.3)\nprint(sum(map(int, sys.stdin.read().split())))\n";
const SLOW_WRONG = "import time\ntime.sleep(0.3)\nprint(-1)\n";

const containersOf = async (pid: number) =>
  docker.listContainers({ all: true, filters: { label: [`${SANDBOX_LABEL}=1`, `${OWNER_LABEL}=${os.hostname()}/${pid}`] } });

describe("two worker processes on one queue", () => {
  it("share the jobs; when one is killed mid-judgement the other finishes its work, once", async () => {
    const user = await createUser(db, { label: "horizontal" });
    const problem = await createProblem(db, user.id, { tests: sumTests(6) });
    // Short locks so a dead worker's job is handed over in seconds, not a minute.
    const common = { concurrency: 1, lockDurationMs: 4000, stalledIntervalMs: 2000, recoverScope: { userId: user.id } };
    const a = spawnWorker({ ...common, workerId: "worker-a" });
    const b = spawnWorker({ ...common, workerId: "worker-b" });
    workers.push(a, b);
    await Promise.all([a.ready, b.ready]);
    await expect.poll(async () => (await readHeartbeats(redis)).map((h) => h.id), { timeout: 15_000 }).toEqual(["worker-a", "worker-b"]);

    const submissions = [];
    for (let i = 0; i < 6; i++) {
      const wrong = i % 3 === 2;
      const row = await createSubmission(db, {
        userId: user.id,
        problemId: problem.id,
        language: "python",
        source: wrong ? SLOW_WRONG : SLOW_SUM,
      });
      submissions.push({ id: row.id, expected: wrong ? "WA" : "AC", tests: wrong ? 1 : 6 });
      await enqueueSubmission(row.id, "submit", queue);
    }

    // Kill A while it is judging one of them (a row RUNNING under A's job).
    let victim: string | undefined;
    await expect
      .poll(
        async () => {
          const active = await queue.getActive();
          victim = active.find((j) => j.processedBy === "worker-a")?.id;
          return victim !== undefined && (await db.testResult.count({ where: { submissionId: victim } })) > 0;
        },
        { timeout: 60_000, interval: 200 },
      )
      .toBe(true);
    expect((await containersOf(a.pid)).length).toBeGreaterThan(0);
    await a.kill("SIGKILL");

    for (const s of submissions) {
      const done = await waitForFinal(db, s.id, 120_000);
      expect(done, s.id).toMatchObject({ status: "DONE", verdict: s.expected });
      expect(await db.testResult.count({ where: { submissionId: s.id } }), s.id).toBe(s.tests);
    }
    // The victim was claimed by A, then again by B (attempts is the claim counter).
    expect((await db.submission.findUniqueOrThrow({ where: { id: victim! } })).attempts).toBeGreaterThanOrEqual(2);

    // Each submission's result was written once: one "judged" line across both workers' logs.
    const judgedLines = [...a.records, ...b.records].filter((r) => /judged/.test(String(r.msg)));
    for (const s of submissions)
      expect(
        judgedLines.filter((r) => r.submissionId === s.id),
        s.id,
      ).toHaveLength(1);
    // Both took work: A at least its victim, B the rest.
    expect(a.records.some((r) => r.submissionId === victim)).toBe(true);
    expect(judgedLines.filter((r) => r.workerId === "worker-b").length).toBeGreaterThanOrEqual(submissions.length - 2);

    // The dead worker disappears from the live list once its heartbeat expires (TTL 30 s)…
    await expect
      .poll(async () => (await readHeartbeats(redis)).map((h) => h.id), { timeout: 45_000, interval: 1000 })
      .toEqual(["worker-b"]);
    // …and its containers are removed by the survivor's reaper (every 60 s).
    await expect.poll(async () => (await containersOf(a.pid)).length, { timeout: 75_000, interval: 2000 }).toBe(0);
    await b.kill("SIGTERM");
  }, 300_000);
});
