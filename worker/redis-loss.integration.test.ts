/**
 * Redis restarted with its data lost while submissions are queued and one is being
 * judged. Uses a Redis of its own on port 6390 (the shared one on 6379 is never touched)
 * and a real worker process. Meanwhile the web's Submit answers at once saying judging is
 * delayed and /api/health names Redis; when Redis is back, the worker's on-reconnect
 * sweep re-queues everything still QUEUED/RUNNING in Postgres and every submission ends
 * with its deserved verdict, once.
 */
import { afterAll, describe, expect, it, vi } from "vitest";

const REDIS_PORT = 6390;
vi.hoisted(() => {
  process.env.REDIS_URL = "redis://127.0.0.1:6390";
});

import { createPrismaClient } from "../src/server/db";
import { createSubmission } from "../src/server/services/submission-service";
import { checkHealth } from "../src/server/services/ops-service";
import { opsDeps } from "../src/server/ops";
import { getJudgeQueue } from "../src/judge/queue";
import { createProblem, createUser, sumTests, waitForFinal } from "../test/factories";
import { startRedis } from "../test/redis-server";
import { spawnWorker, type WorkerProcess } from "../test/worker-process";

const db = createPrismaClient();
let redis: Awaited<ReturnType<typeof startRedis>> | undefined;
let worker: WorkerProcess | undefined;

afterAll(async () => {
  await worker?.kill("SIGTERM"); // graceful: it removes its own sandbox containers
  await getJudgeQueue()
    .close()
    .catch(() => undefined);
  opsDeps().redis.disconnect();
  await redis?.kill();
  await db.$disconnect();
});

const SLOW_SUM = "import sys, time\ntime.sleep(0.3)\nprint(sum(map(int, sys.stdin.read().split())))\n";
const SLOW_WRONG = "import time\ntime.sleep(0.3)\nprint(-1)\n";

describe("Redis restarted without its data", () => {
  it("loses nothing: the web reports the delay, the worker re-queues on reconnect, every submission is judged once", async () => {
    redis = await startRedis(REDIS_PORT);
    const user = await createUser(db, { label: "redis-loss" });
    const actor = { id: user.id, role: user.role };
    const problem = await createProblem(db, user.id, { tests: sumTests(5) });
    // Periodic recovery far away: only the reconnect sweep can bring the jobs back.
    worker = spawnWorker({ concurrency: 1, recoverScope: { userId: user.id }, recoverIntervalMs: 3_600_000, workerId: "redis-loss" });
    await worker.ready;

    const expected = new Map<string, { verdict: string; tests: number }>();
    for (let i = 0; i < 4; i++) {
      const wrong = i === 2;
      const created = await createSubmission(db, actor, {
        problemSlug: problem.slug,
        language: "python",
        source: wrong ? SLOW_WRONG : SLOW_SUM,
      });
      expect(created.judgingDelayed).toBe(false);
      expected.set(created.id, wrong ? { verdict: "WA", tests: 1 } : { verdict: "AC", tests: 5 });
    }
    // Mid-judgement of the first one.
    const first = [...expected.keys()][0]!;
    await expect.poll(() => db.testResult.count({ where: { submissionId: first } }), { timeout: 60_000, interval: 100 }).toBeGreaterThan(0);

    await redis.kill();

    // The web does not hang: Submit answers, saved, with "judging is delayed"; health names Redis.
    const started = Date.now();
    const during = await createSubmission(db, actor, { problemSlug: problem.slug, language: "python", source: SLOW_SUM });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(during).toMatchObject({ status: "QUEUED", judgingDelayed: true });
    expected.set(during.id, { verdict: "AC", tests: 5 });
    const health = await checkHealth({ ...opsDeps(), scope: { userId: user.id } });
    expect(health.status).toBe("failing");
    expect(health.failing).toContain("redis");

    await new Promise((r) => setTimeout(r, 2000));
    redis = await startRedis(REDIS_PORT); // empty: every job is gone

    for (const [id, want] of expected) {
      const done = await waitForFinal(db, id, 150_000);
      expect(done, id).toMatchObject({ status: "DONE", verdict: want.verdict });
      expect(await db.testResult.count({ where: { submissionId: id } }), id).toBe(want.tests);
    }
    expect(worker.records.some((r) => /Redis reconnected/.test(String(r.msg)))).toBe(true);
    // One final write per submission (the judged line is logged only after it).
    const judged = worker.records.filter((r) => /judged/.test(String(r.msg)));
    for (const id of expected.keys())
      expect(
        judged.filter((r) => r.submissionId === id),
        id,
      ).toHaveLength(1);
  }, 300_000);
});
