/**
 * The contract of the sandbox driver: run one program under limits inside a
 * disposable, locked-down container and report exactly what happened.
 * Verdict logic lives above this (src/judge), never in here.
 */

import type { RunRequest, RunResult } from "../src/judge/run-result";

export type { RunLimits, RunRequest, RunResult, StopReason } from "../src/judge/run-result";

export interface FileToPut {
  /** Path relative to /box, no "..". */
  path: string;
  content: string | Buffer;
  /** Octal mode, default 0o644. */
  mode?: number;
}

/** One fresh container, used for exactly one submission, then removed. */
export interface SandboxSession {
  readonly id: string;
  /** The container's memory limit now (MiB): what it was acquired with or last set to. */
  readonly memoryMb: number;
  putFiles(files: FileToPut[]): Promise<void>;
  /** Change the container's memory limit (MiB); Memory = MemorySwap. */
  setMemoryLimit(memoryMb: number): Promise<void>;
  /**
   * Run one program. Many runs may happen in sequence in one session. With `resetFirst`,
   * `reset()` and the run travel as one request (one round trip): the run happens only if
   * the reset succeeded, else it is a SandboxError like a failed `reset()`.
   */
  run(request: RunRequest, options?: { resetFirst?: boolean }): Promise<RunResult>;
  /**
   * Make what /box holds now (the compiled program) the fixed starting point: read-only to
   * programs from now on, and /tmp emptied. Once per session, after compiling.
   */
  seal(): Promise<void>;
  /**
   * Back to exactly the sealed /box and an empty /tmp, checked (a failure is a
   * SandboxError, never a stale file left for the next run). Before each test.
   */
  reset(): Promise<void>;
  /** Remove the container (idempotent; never throws). */
  close(): Promise<void>;
}

export interface SandboxOptions {
  /** Initial container memory limit in MiB (compile limit). */
  memoryMb?: number;
}

export interface SandboxProvider {
  /** A fresh, started container (from the warm pool when available). */
  acquire(options?: SandboxOptions): Promise<SandboxSession>;
  /** Stop refilling the pool and remove every container this provider created. */
  shutdown(): Promise<void>;
}

/** Thrown for infrastructure failures (Docker down, image missing...): retry, never the student's fault. */
export class SandboxError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "SandboxError";
  }
}
