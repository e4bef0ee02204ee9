/**
 * Test helper for worker/sandbox-lease.integration.test.ts: a stand-in worker that takes a
 * lease, creates a provider (one pooled container) and acquires a session (one in use),
 * prints their ids as JSON, then idles until it is SIGKILLed.
 *   tsx worker/sandbox-lease-child.ts <redisUrl> <image> <ttlMs> <refreshMs>
 */
import { DockerSandboxProvider } from "../sandbox/driver";
import { startSandboxLease } from "./sandbox-lease";

const [redisUrl, image, ttlMs, refreshMs] = process.argv.slice(2);
const { lease } = await startSandboxLease(redisUrl!, { ttlMs: Number(ttlMs), refreshMs: Number(refreshMs) });
// As in a compose deployment: the host name and pid of a worker in its own container mean
// nothing to a reaper elsewhere; only the lease tells that this worker is gone.
const provider = new DockerSandboxProvider({ image: image!, poolSize: 1, reapIntervalMs: 0, lease, owner: "worker-container-1f3a/1" });
const session = await provider.acquire({ memoryMb: 64 });
while (provider.containerIds().length < 2) await new Promise((r) => setTimeout(r, 100)); // the pool refilled
console.log(JSON.stringify({ lease: lease.label, inUse: session.id, all: provider.containerIds() }));
setInterval(() => undefined, 1 << 30);
