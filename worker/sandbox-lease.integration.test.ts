/**
 * A SIGKILLed worker's sandbox containers (in use and pooled) are removed by another
 * worker's reaper once its heartbeat (the lease) expires, whatever host or container it ran
 * in. Short timings here; the defaults bound it to HEARTBEAT_TTL_S + REAP_INTERVAL_MS.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import Docker from "dockerode";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { DockerSandboxProvider } from "../sandbox/driver";
import { env } from "../src/env";
import { HEARTBEAT_INTERVAL_MS, HEARTBEAT_TTL_S, heartbeatKey, readHeartbeats, writeHeartbeat } from "../src/judge/worker-heartbeat";
import { createLogger } from "../src/server/logger";
import { startOpsReporting } from "./ops";
import { runnerImageFromEnv } from "./sandbox-config";
import { REAP_INTERVAL_MS, sandboxLease } from "./sandbox-lease";

const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: 1 });
const quiet = createLogger("worker", { destination: { write: () => undefined } });

const docker = new Docker();
const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  redis.disconnect();
});

const exists = (id: string) =>
  docker
    .getContainer(id)
    .inspect()
    .then(
      () => true,
      () => false,
    );

describe("sandbox leases", () => {
  it("the defaults remove a dead worker's containers within 2 minutes", () => {
    expect(HEARTBEAT_INTERVAL_MS * 2).toBeLessThan(HEARTBEAT_TTL_S * 1000); // one missed beat is not death
    expect(HEARTBEAT_TTL_S * 1000 + REAP_INTERVAL_MS).toBeLessThanOrEqual(120_000);
  });

  it("a lease is alive exactly while its worker's heartbeat holds the same instance", async () => {
    const workerId = `lease-judge-${process.pid}`;
    const lease = (instance: string) => sandboxLease(redis, env.REDIS_URL, { workerId, instance });
    const [now, before] = [lease("aaaa1111"), lease("bbbb2222")];
    expect(now.label.startsWith(`${now.store}/${heartbeatKey(workerId)}#`)).toBe(true);
    expect(await now.alive([now.label, before.label])).toEqual(new Set()); // no heartbeat at all

    const beat = {
      id: workerId,
      instance: "aaaa1111",
      host: "h",
      pid: 1,
      startedAt: "",
      lastBeatAt: "",
      concurrency: 1,
      docker: "ok" as const,
    };
    await writeHeartbeat(redis, beat, undefined, 5000);
    cleanups.push(() => redis.del(heartbeatKey(workerId)));
    // The same WORKER_ID restarted: the old instance's containers are dead, the new one's alive.
    expect(await now.alive([now.label, before.label])).toEqual(new Set([now.label]));
    // One Redis, one key, whoever reads it: health sees the same record.
    expect((await readHeartbeats(redis)).find((b) => b.id === workerId)?.instance).toBe("aaaa1111");

    // Containers of a worker from before the lease was the heartbeat keep their own key.
    const legacy = `${now.store}/oldhost-123-abcd1234`;
    expect(await now.alive([legacy])).toEqual(new Set());
    await redis.set(`coderunner:sandbox-lease:${legacy}`, "1", "PX", 5000);
    cleanups.push(() => redis.del(`coderunner:sandbox-lease:${legacy}`));
    expect(await now.alive([legacy, before.label])).toEqual(new Set([legacy]));
  });

  it("a SIGKILLed worker's in-use and pooled containers are reaped by a live worker; live ones are kept", async () => {
    const image = await runnerImageFromEnv();
    const child = spawn(process.execPath, ["--import", "tsx", "worker/sandbox-lease-child.ts", env.REDIS_URL, image, "3000", "1000"], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    cleanups.push(async () => child.kill("SIGKILL"));
    const [line] = (await once(child.stdout!, "data")) as [Buffer];
    const dead = JSON.parse(line.toString()) as { lease: string; workerId: string; inUse: string; all: string[] };
    expect(dead.all).toContain(dead.inUse);
    expect(dead.all).toHaveLength(2);

    // The dead worker's lease is its heartbeat, the one health reads.
    expect((await readHeartbeats(redis)).map((b) => b.id)).toContain(dead.workerId);

    // A live worker with its own heartbeat, lease and containers.
    const live = startOpsReporting({
      workerId: `lease-live-${process.pid}`,
      concurrency: 1,
      redis,
      image,
      logger: quiet,
      ttlMs: 3000,
      intervalMs: 1000,
    });
    cleanups.push(() => live.stop());
    await live.firstBeat;
    const lease = sandboxLease(redis, env.REDIS_URL, { workerId: `lease-live-${process.pid}`, instance: live.instance }, 3000);
    const provider = new DockerSandboxProvider({ image, poolSize: 1, reapIntervalMs: 500, lease });
    cleanups.push(() => provider.shutdown());
    const mine = await provider.acquire({ memoryMb: 64 });
    cleanups.push(() => mine.close());

    await new Promise((r) => setTimeout(r, 4000)); // beyond the lease TTL: the child is alive, nothing reaped
    for (const id of dead.all) expect(await exists(id)).toBe(true);

    child.kill("SIGKILL");
    await once(child, "exit");
    const killedAt = Date.now();
    await expect.poll(async () => (await Promise.all(dead.all.map(exists))).some(Boolean), { timeout: 30_000, interval: 250 }).toBe(false);
    expect(Date.now() - killedAt).toBeLessThan(15_000);
    expect(await exists(mine.id)).toBe(true);
    expect((await mine.run({ argv: ["echo", "alive"], limits: { cpuMs: 1000, wallMs: 5000, outputBytes: 100 } })).stdout.toString()).toBe(
      "alive\n",
    );
  }, 60_000);
});
