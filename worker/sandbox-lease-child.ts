/**
 * Test helper for worker/sandbox-lease.integration.test.ts: a stand-in worker that beats
 * (worker/ops.ts, short timings), creates a provider leased on that heartbeat (one pooled
 * container) and acquires a session (one in use), prints their ids as JSON, then idles
 * until it is SIGKILLed.
 *   tsx worker/sandbox-lease-child.ts <redisUrl> <image> <ttlMs> <intervalMs>
 */
import { Redis } from "ioredis";
import { DockerSandboxProvider } from "../sandbox/driver";
import { createLogger } from "../src/server/logger";
import { startOpsReporting } from "./ops";
import { sandboxLease } from "./sandbox-lease";

const [redisUrl, image, ttlMs, intervalMs] = process.argv.slice(2);
const redis = new Redis(redisUrl!);
const workerId = `lease-child-${process.pid}`;
const ops = startOpsReporting({
  workerId,
  concurrency: 1,
  redis,
  image,
  logger: createLogger("worker", { destination: { write: () => undefined } }),
  ttlMs: Number(ttlMs),
  intervalMs: Number(intervalMs),
});
await ops.firstBeat;
const lease = sandboxLease(redis, redisUrl!, { workerId, instance: ops.instance }, Number(ttlMs));
// As in a compose deployment: the host name and pid of a worker in its own container mean
// nothing to a reaper elsewhere; only the lease tells that this worker is gone.
const provider = new DockerSandboxProvider({ image: image!, poolSize: 1, reapIntervalMs: 0, lease, owner: "worker-container-1f3a/1" });
const session = await provider.acquire({ memoryMb: 64 });
while (provider.containerIds().length < 2) await new Promise((r) => setTimeout(r, 100)); // the pool refilled
console.log(JSON.stringify({ lease: lease.label, workerId, inUse: session.id, all: provider.containerIds() }));
setInterval(() => undefined, 1 << 30);
