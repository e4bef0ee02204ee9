/**
 * The sandbox failing under the worker, as far as it can be done on a shared machine.
 * The machine's Docker engine is shared, so an engine restart is simulated by what it
 * does to a worker: every sandbox container of that worker killed mid-judgement. A
 * missing runner image is real: a worker process started with SANDBOX_IMAGE naming an
 * image that does not exist (then the tag is created, and the worker carries on).
 */
import os from "node:os";
import { randomBytes } from "node:crypto";
import Docker from "dockerode";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env } from "../src/env";
import { Queue, type ConnectionOptions } from "bullmq";
import { JUDGE_QUEUE, enqueueSubmission, type JudgeJobData } from "../src/judge/queue";
import { readHeartbeats } from "../src/judge/worker-heartbeat";
import { createPrismaClient } from "../src/server/db";
import { checkHealth } from "../src/server/services/ops-service";
import { OWNER_LABEL, SANDBOX_LABEL } from "../sandbox/reaper";
import { ensureRunnerImage } from "../sandbox/build-images";
import { SUM_SOLUTIONS, createProblem, createSubmission, createUser, sumTests, waitForFinal } from "../test/factories";
import { spawnWorker, type WorkerProcess } from "../test/worker-process";
import { startWorker, type WorkerHandle } from "./index";

const db = createPrismaClient();
const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: 1 });
const docker = new Docker();
const SLOW_SUM = "import sys, time\ntime.sleep(0.3)\nprint(sum(map(int, sys.stdin.read().split())))\n";
let userId: string;
let problem: Awaited<ReturnType<typeof createProblem>>;

beforeAll(async () => {
  userId = (await createUser(db, { label: "sandbox-faults" })).id;
  problem = await createProblem(db, userId, { tests: sumTests(6) });
});

afterAll(async () => {
  redis.disconnect();
  await db.$disconnect();
});

/** Kills every sandbox container this test process's worker owns, as an engine restart would. */
async function killOwnSandboxes(): Promise<number> {
  const mine = await docker.listContainers({
    filters: { label: [`${SANDBOX_LABEL}=1`, `${OWNER_LABEL}=${os.hostname()}/${process.pid}`] },
  });
  await Promise.all(
    mine.map((c) =>
      docker
        .getContainer(c.Id)
        .kill()
        .catch(() => undefined),
    ),
  );
  return mine.length;
}

async function waitUntilJudging(submissionId: string, attempt: number) {
  await expect
    .poll(
      async () => {
        const row = await db.submission.findUniqueOrThrow({ where: { id: submissionId }, select: { status: true, attempts: true } });
        if (row.status !== "RUNNING" || row.attempts !== attempt) return false;
        return (await db.testResult.count({ where: { submissionId } })) > 0;
      },
      { timeout: 60_000, interval: 100 },
    )
    .toBe(true);
}

describe("sandbox containers killed mid-judgement (a Docker engine restart, simulated)", () => {
  let handle: WorkerHandle;
  beforeAll(async () => {
    handle = await startWorker({ concurrency: 1, recoverScope: { userId }, log: () => {} });
  });
  afterAll(async () => {
    await handle?.close();
    await handle?.queue.obliterate({ force: true }).catch(() => undefined);
  });

  it("retries the job and judges it; IE only when every attempt fails; the worker carries on without a restart", async () => {
    const once = await createSubmission(db, { userId, problemId: problem.id, language: "python", source: SLOW_SUM });
    await enqueueSubmission(once.id, "submit", handle.queue);
    await waitUntilJudging(once.id, 1);
    expect(await killOwnSandboxes()).toBeGreaterThan(0);
    const recovered = await waitForFinal(db, once.id, 120_000);
    expect(recovered).toMatchObject({ status: "DONE", verdict: "AC", attempts: 2, errorMessage: null });
    expect(await db.testResult.count({ where: { submissionId: once.id } })).toBe(6);

    const always = await createSubmission(db, { userId, problemId: problem.id, language: "python", source: SLOW_SUM });
    await enqueueSubmission(always.id, "submit", handle.queue);
    for (let attempt = 1; attempt <= 3; attempt++) {
      await waitUntilJudging(always.id, attempt);
      await killOwnSandboxes();
      if (attempt < 3) {
        // Between attempts it is back to QUEUED, not yet a verdict.
        await expect
          .poll(async () => (await db.submission.findUniqueOrThrow({ where: { id: always.id } })).status, { timeout: 30_000 })
          .toBe("QUEUED");
      }
    }
    const failed = await waitForFinal(db, always.id, 60_000);
    expect(failed).toMatchObject({ status: "FAILED", verdict: "IE", attempts: 3 });

    const after = await createSubmission(db, { userId, problemId: problem.id, language: "python", source: SUM_SOLUTIONS.python });
    await enqueueSubmission(after.id, "submit", handle.queue);
    expect(await waitForFinal(db, after.id, 60_000)).toMatchObject({ status: "DONE", verdict: "AC", attempts: 1 });
  }, 300_000);
});

describe("runner image missing", () => {
  let worker: WorkerProcess | undefined;
  const missing = `coderunner-runner:missing-${randomBytes(4).toString("hex")}`;
  afterAll(async () => {
    await worker?.kill("SIGKILL");
    await docker
      .getImage(missing)
      .remove({ noprune: true })
      .catch(() => undefined); // only our own tag; the image stays
  });

  it("is a clear error in the log and in health, jobs wait instead of failing, and the worker resumes when the image appears", async () => {
    worker = spawnWorker(
      { concurrency: 1, recoverScope: { userId }, workerId: "no-image" },
      { SANDBOX_IMAGE: missing, SANDBOX_POOL_SIZE: "0" },
    );
    await worker.ready;
    await expect
      .poll(async () => (await readHeartbeats(redis)).find((b) => b.id === "no-image")?.message, { timeout: 20_000 })
      .toMatch(/runner image .*missing/);
    const queue = new Queue<JudgeJobData>(JUDGE_QUEUE, { connection: redis as unknown as ConnectionOptions, prefix: env.QUEUE_PREFIX });
    const health = await checkHealth({ db, redis, queue, scope: { userId } });
    expect(health.failing).toContain("workers");
    expect(health.workers.message).toContain(missing);
    expect(
      worker.records.some((r) => r.level === 50 && /sandbox unavailable/.test(String(r.msg)) && /missing/.test(String(r.docker))),
    ).toBe(true);

    const waiting = await createSubmission(db, { userId, problemId: problem.id, language: "python", source: SUM_SOLUTIONS.python });
    await enqueueSubmission(waiting.id, "submit", queue);
    await new Promise((r) => setTimeout(r, 8000));
    expect(await db.submission.findUniqueOrThrow({ where: { id: waiting.id } })).toMatchObject({ status: "QUEUED", attempts: 0 });
    expect(worker.child.exitCode).toBeNull(); // no crash (and so no crash loop)

    const [repo, tag] = missing.split(":") as [string, string];
    await docker.getImage(await ensureRunnerImage()).tag({ repo, tag });
    expect(await waitForFinal(db, waiting.id, 90_000)).toMatchObject({ status: "DONE", verdict: "AC" });
    expect(worker.records.some((r) => /taking jobs again/.test(String(r.msg)))).toBe(true);
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
  }, 200_000);
});
