/**
 * Postgres going away and coming back under a running worker and the web's health check.
 * The machine's Postgres is shared, so the outage is a TCP proxy of the test's own that
 * drops every connection and refuses new ones for a few seconds (what a restart looks like
 * to a client). Both keep their Prisma clients and reconnect on their own.
 */
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { env } from "../src/env";
import { createPrismaClient } from "../src/server/db";
import { checkHealth } from "../src/server/services/ops-service";
import { enqueueSubmission } from "../src/judge/queue";
import { createProblem, createSubmission, createUser, sumTests, waitForFinal } from "../test/factories";
import { startTcpProxy } from "../test/tcp-proxy";
import { startWorker, type WorkerHandle } from "./index";

const db = createPrismaClient();
const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: 1 });
let handle: WorkerHandle | undefined;
let proxy: Awaited<ReturnType<typeof startTcpProxy>> | undefined;
let proxiedDb: ReturnType<typeof createPrismaClient> | undefined;

afterAll(async () => {
  await handle?.close();
  await handle?.queue.obliterate({ force: true }).catch(() => undefined);
  await proxiedDb?.$disconnect();
  await proxy?.stop();
  redis.disconnect();
  await db.$disconnect();
});

const SLOW_SUM = "import sys, time\ntime.sleep(0.3)\nprint(sum(map(int, sys.stdin.read().split())))\n";

describe("Postgres restarted (simulated by cutting a proxy)", () => {
  it("the worker retries and finishes the judgement, health names Postgres during the outage and recovers after", async () => {
    const url = new URL(env.DATABASE_URL);
    proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
    url.host = `127.0.0.1:${proxy.port}`;
    proxiedDb = createPrismaClient(url.toString());

    const user = await createUser(db, { label: "pg-outage" });
    const problem = await createProblem(db, user.id, { tests: sumTests(6) });
    handle = await startWorker({ db: proxiedDb, concurrency: 1, recoverScope: { userId: user.id }, log: () => {} });
    const deps = { db: proxiedDb, redis, queue: handle.queue, scope: { userId: user.id } };
    expect((await checkHealth(deps)).postgres.ok).toBe(true);

    const submission = await createSubmission(db, { userId: user.id, problemId: problem.id, language: "python", source: SLOW_SUM });
    await enqueueSubmission(submission.id, "submit", handle.queue);
    await expect
      .poll(() => db.testResult.count({ where: { submissionId: submission.id } }), { timeout: 60_000, interval: 100 })
      .toBeGreaterThan(0);

    await proxy.cut();
    const during = await checkHealth(deps);
    expect(during.failing).toContain("postgres");
    await new Promise((r) => setTimeout(r, 3000));
    await proxy.restore();

    const done = await waitForFinal(db, submission.id, 120_000);
    expect(done).toMatchObject({ status: "DONE", verdict: "AC" });
    expect(done.attempts).toBeGreaterThanOrEqual(2);
    expect(await db.testResult.count({ where: { submissionId: submission.id } })).toBe(6);
    // The same client answers again: nobody restarted anything.
    await expect.poll(async () => (await checkHealth(deps)).postgres.ok, { timeout: 15_000 }).toBe(true);
  }, 240_000);
});
