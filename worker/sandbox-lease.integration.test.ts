/**
 * A SIGKILLed worker's sandbox containers (in use and pooled) are removed by another
 * worker's reaper once its Redis lease expires, whatever host or container it ran in.
 * Short lease timings here; the defaults bound it to LEASE_TTL_MS + REAP_INTERVAL_MS.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import Docker from "dockerode";
import { afterAll, describe, expect, it } from "vitest";
import { DockerSandboxProvider } from "../sandbox/driver";
import { env } from "../src/env";
import { runnerImageFromEnv } from "./sandbox-config";
import { LEASE_REFRESH_MS, LEASE_TTL_MS, REAP_INTERVAL_MS, startSandboxLease, type LeaseHandle } from "./sandbox-lease";

const docker = new Docker();
const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
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
    expect(LEASE_REFRESH_MS * 2).toBeLessThan(LEASE_TTL_MS); // one missed beat is not death
    expect(LEASE_TTL_MS + REAP_INTERVAL_MS).toBeLessThanOrEqual(120_000);
  });

  it("a SIGKILLed worker's in-use and pooled containers are reaped by a live worker; live ones are kept", async () => {
    const image = await runnerImageFromEnv();
    const child = spawn(process.execPath, ["--import", "tsx", "worker/sandbox-lease-child.ts", env.REDIS_URL, image, "3000", "1000"], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    cleanups.push(async () => child.kill("SIGKILL"));
    const [line] = (await once(child.stdout!, "data")) as [Buffer];
    const dead = JSON.parse(line.toString()) as { lease: string; inUse: string; all: string[] };
    expect(dead.all).toContain(dead.inUse);
    expect(dead.all).toHaveLength(2);

    // A live worker with its own lease and containers.
    const live: LeaseHandle = await startSandboxLease(env.REDIS_URL, { ttlMs: 3000, refreshMs: 1000 });
    cleanups.push(() => live.stop());
    const provider = new DockerSandboxProvider({ image, poolSize: 1, reapIntervalMs: 500, lease: live.lease });
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
