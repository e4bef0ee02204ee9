import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import type { StartWorkerOptions } from "../worker/index";

export interface WorkerProcess {
  child: ChildProcess;
  pid: number;
  /** Parsed JSON log records so far. */
  records: Array<Record<string, unknown>>;
  /** Resolves once the worker consumes its queue. */
  ready: Promise<void>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

const root = path.resolve(import.meta.dirname, "..");

/**
 * Starts a real worker process (the same code as `npm run worker`) with this test
 * process's DATABASE_URL and QUEUE_PREFIX, plus `env` overrides.
 */
export function spawnWorker(options: StartWorkerOptions, env: Record<string, string> = {}): WorkerProcess {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "test/worker-process-main.ts")], {
    cwd: root,
    env: { ...process.env, ...env, TEST_WORKER_OPTIONS: JSON.stringify(options), LOG_LEVEL: "debug" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const records: Array<Record<string, unknown>> = [];
  let buffered = "";
  let stderr = "";
  let markReady: () => void;
  let markFailed: (error: Error) => void;
  const ready = new Promise<void>((resolve, reject) => ((markReady = resolve), (markFailed = reject)));
  child.stdout!.on("data", (chunk: Buffer) => {
    buffered += chunk.toString();
    let newline: number;
    while ((newline = buffered.indexOf("\n")) >= 0) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      try {
        const record = JSON.parse(line) as Record<string, unknown>;
        records.push(record);
        if (/consuming/.test(String(record.msg))) markReady();
      } catch {
        stderr += `${line}\n`;
      }
    }
  });
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  void exited.then(() => markFailed(new Error(`worker exited before it was ready:\n${stderr.slice(-2000)}`)));
  return {
    child,
    pid: child.pid!,
    records,
    ready,
    async kill(signal = "SIGKILL") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
