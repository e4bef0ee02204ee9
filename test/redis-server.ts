import { spawn, type ChildProcess } from "node:child_process";
import { Redis } from "ioredis";

/**
 * A throw-away Redis of the test's own (never the machine's shared one), without
 * persistence: killing it and starting another on the same port is "Redis restarted
 * and lost its data".
 */
export async function startRedis(port: number): Promise<{ process: ChildProcess; kill(): Promise<void> }> {
  const child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
    stdio: "ignore",
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const probe = new Redis({ port, host: "127.0.0.1", lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on("error", () => undefined);
  for (let i = 0; ; i++) {
    try {
      await probe.connect();
      await probe.ping();
      break;
    } catch (error) {
      if (i > 50 || child.exitCode !== null) throw new Error(`redis-server on ${port} did not start: ${(error as Error).message}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  probe.disconnect();
  return {
    process: child,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
  };
}
