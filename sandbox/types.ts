/**
 * The contract of the sandbox driver: run one program under limits inside a
 * disposable, locked-down container and report exactly what happened.
 * Verdict logic lives above this (src/judge), never in here.
 */

export interface RunLimits {
  /** CPU time (user+sys) limit in ms; exceeding it stops the run with `cpu-limit`. */
  cpuMs: number;
  /** Wall-clock limit in ms; exceeding it stops the run with `wall-limit`. */
  wallMs: number;
  /** Bytes of stdout kept; more stops the run with `output-limit`. */
  outputBytes: number;
  /** Bytes of stderr kept (the rest is drained and discarded). Default 64 KiB. */
  stderrBytes?: number;
  /** Largest file the program may write (RLIMIT_FSIZE), bytes. Default 64 MiB. */
  fileSizeBytes?: number;
  /** Open files (RLIMIT_NOFILE). Default 256. */
  openFiles?: number;
}

export interface RunRequest {
  /** argv; argv[0] resolved via PATH inside the container. Working directory is /box. */
  argv: string[];
  stdin?: string | Buffer;
  env?: Record<string, string>;
  limits: RunLimits;
}

export type StopReason =
  | "exited" // exited on its own (any exit code)
  | "signaled" // killed by a signal it caused (SIGSEGV, SIGABRT, SIGXFSZ...)
  | "cpu-limit"
  | "wall-limit"
  | "memory-limit" // OOM-killed by the container's memory cgroup
  | "output-limit";

export interface RunResult {
  stoppedBy: StopReason;
  exitCode: number | null;
  /** Signal name, e.g. "SIGSEGV", when killed by a signal. */
  signal: string | null;
  cpuMs: number;
  wallMs: number;
  /** Peak resident memory (max RSS) in KiB. */
  peakKb: number;
  stdout: Buffer;
  stdoutTruncated: boolean;
  stderr: Buffer;
  stderrTruncated: boolean;
}

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
  putFiles(files: FileToPut[]): Promise<void>;
  /** Change the container's memory limit (MiB); Memory = MemorySwap. */
  setMemoryLimit(memoryMb: number): Promise<void>;
  /** Run one program. Many runs may happen in sequence in one session. */
  run(request: RunRequest): Promise<RunResult>;
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
