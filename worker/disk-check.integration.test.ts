/**
 * A full disk under a worker: a small tmpfs of the test's own stands in for the Docker
 * engine's data root (filling the real one would break every other user of the machine).
 * The worker's heartbeat check (worker/ops.ts) reports it — an error line, the heartbeat's
 * message, /api/health failing `workers` — pauses the worker and resumes it when there is
 * room again. Needs root (mount); skipped otherwise.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync, unlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Queue, type ConnectionOptions } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { env } from "../src/env";
import { JUDGE_QUEUE, type JudgeJobData } from "../src/judge/queue";
import { readHeartbeats } from "../src/judge/worker-heartbeat";
import { createLogger } from "../src/server/logger";
import { db } from "../src/server/db";
import { checkHealth } from "../src/server/services/ops-service";
import { startOpsReporting } from "./ops";

const isRoot = process.getuid?.() === 0;
const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: 1 });
const queue = new Queue<JudgeJobData>(JUDGE_QUEUE, { connection: redis as unknown as ConnectionOptions, prefix: env.QUEUE_PREFIX });
const dir = mkdtempSync(path.join(os.tmpdir(), "coderunner-disk-"));
let mounted = false;
const cleanups: Array<() => Promise<unknown>> = [];

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  if (mounted) execFileSync("umount", [dir]);
  rmSync(dir, { recursive: true, force: true });
  await queue.close();
  redis.disconnect();
});

describe.skipIf(!isRoot)("disk full", () => {
  it("is a clear error in the log, the heartbeat and /api/health; the worker pauses and resumes when there is room", async () => {
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=16m", "tmpfs", dir]);
    mounted = true;
    const lines: string[] = [];
    const changes: boolean[] = [];
    const workerId = `disk-test-${process.pid}`;
    const ops = startOpsReporting({
      workerId,
      concurrency: 1,
      redis,
      logger: createLogger("worker", { destination: { write: (line) => lines.push(line) } }).child({ workerId }),
      intervalMs: 300,
      recheckMs: 300,
      disk: { paths: [dir], minFreeBytes: 8 * 1024 * 1024 },
    });
    cleanups.push(() => ops.stop());
    ops.onDockerChange((ok) => changes.push(ok));
    const beat = async () => (await readHeartbeats(redis)).find((b) => b.id === workerId);
    await expect.poll(async () => (await beat())?.docker, { timeout: 10_000 }).toBe("ok");

    writeFileSync(path.join(dir, "filler"), Buffer.alloc(12 * 1024 * 1024)); // 4 MiB left of 16
    await expect
      .poll(async () => (await beat())?.message ?? "", { timeout: 10_000 })
      .toMatch(/^disk full: \d+ MiB free at .*coderunner-disk-/);
    expect(ops.sandboxOk()).toBe(false);
    expect(changes).toEqual([false]); // the worker pauses (worker/index.ts) instead of failing jobs
    const health = await checkHealth({ db, redis, queue, scope: { userId: "none" } });
    expect(health.failing).toContain("workers");
    expect(health.workers.message).toContain("disk full");
    const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((r) => /sandbox unavailable/.test(String(r.msg)));
    expect(logged).toMatchObject({ level: 50, workerId });
    expect(String(logged!.docker)).toMatch(/disk full/);

    unlinkSync(path.join(dir, "filler"));
    await expect.poll(async () => (await beat())?.docker, { timeout: 10_000 }).toBe("ok");
    expect(changes).toEqual([false, true]);
    expect(ops.sandboxOk()).toBe(true);
  });
});
