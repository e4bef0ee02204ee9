/**
 * The worker's operational side with the real sandbox: its heartbeat (read by
 * /api/health), its metrics (served by /api/metrics) and its JSON log lines, which
 * carry the submission id.
 */
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env } from "../src/env";
import { enqueueSubmission } from "../src/judge/queue";
import { readHeartbeats } from "../src/judge/worker-heartbeat";
import { createPrismaClient } from "../src/server/db";
import { checkHealth, createWebMetrics, renderMetrics } from "../src/server/services/ops-service";
import { SUM_SOLUTIONS, createProblem, createSubmission, createUser, sumTests, waitForFinal } from "../test/factories";
import { startWorker, type WorkerHandle } from "./index";

const db = createPrismaClient();
const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
const lines: string[] = [];
let handle: WorkerHandle;
let userId: string;

beforeAll(async () => {
  userId = (await createUser(db, { label: "worker-ops" })).id;
  handle = await startWorker({ concurrency: 1, recoverScope: { userId }, workerId: `ops-test-${process.pid}`, log: (l) => lines.push(l) });
});

afterAll(async () => {
  await handle?.close();
  await handle?.queue.obliterate({ force: true }).catch(() => undefined);
  redis.disconnect();
  await db.$disconnect();
});

describe("worker operations", () => {
  it("beats, reports metrics per language and verdict, logs JSON with the submission id, and leaves on close", async () => {
    await expect.poll(async () => (await readHeartbeats(redis)).map((b) => b.id), { timeout: 10_000 }).toContain(handle.workerId);
    const beat = (await readHeartbeats(redis)).find((b) => b.id === handle.workerId)!;
    expect(beat).toMatchObject({ docker: "ok", concurrency: 1, pid: process.pid });

    const problem = await createProblem(db, userId, { tests: sumTests(2) });
    const ac = await createSubmission(db, { userId, problemId: problem.id, language: "python", source: SUM_SOLUTIONS.python });
    const wa = await createSubmission(db, { userId, problemId: problem.id, language: "python", source: "print(0)\n" });
    await enqueueSubmission(ac.id, "submit", handle.queue);
    await enqueueSubmission(wa.id, "submit", handle.queue);
    expect(await waitForFinal(db, ac.id)).toMatchObject({ verdict: "AC" });
    expect(await waitForFinal(db, wa.id)).toMatchObject({ verdict: "WA" });

    // Metrics travel with the next beat (every 10 s).
    const worker = `worker="${handle.workerId}"`;
    await expect
      .poll(async () => (await renderMetrics(createWebMetrics({ db, redis, queue: handle.queue }), redis)).body, {
        timeout: 15_000,
        interval: 1000,
      })
      .toContain(`coderunner_verdicts_total{language="python",verdict="WA",${worker}} 1`);
    const { body } = await renderMetrics(createWebMetrics({ db, redis, queue: handle.queue }), redis);
    expect(body).toContain(`coderunner_verdicts_total{language="python",verdict="AC",${worker}} 1`);
    expect(body).toContain(`coderunner_judge_duration_seconds_count{language="python",kind="SUBMIT",${worker}} 2`);

    const health = await checkHealth({ db, redis, queue: handle.queue, scope: { userId } });
    expect(health.workers.list.map((w) => w.id)).toContain(handle.workerId);

    const records = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records.every((r) => r.service === "worker" && r.workerId === handle.workerId && typeof r.time === "string")).toBe(true);
    const judged = records.find((r) => r.submissionId === ac.id && /judged/.test(String(r.msg)));
    expect(judged).toMatchObject({ level: 30, attempt: 1 });
    expect(String(judged!.msg)).toContain("AC 2/2");

    await handle.close();
    expect((await readHeartbeats(redis)).map((b) => b.id)).not.toContain(handle.workerId);
  });
});
