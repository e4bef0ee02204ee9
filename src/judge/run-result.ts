/**
 * What one sandboxed run was asked to do and what happened: the contract between the
 * sandbox driver (which produces it) and the judge (which decides verdicts from it).
 * Types only, so everyone can import them without pulling in Docker.
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
  /**
   * Time the program spent runnable but not running (a busy host, the CPU quota): not
   * counted in wallMs, so a wall-limit stop means the program itself waited.
   */
  waitedMs?: number;
  /** Peak resident memory (max RSS) in KiB. */
  peakKb: number;
  stdout: Buffer;
  stdoutTruncated: boolean;
  stderr: Buffer;
  stderrTruncated: boolean;
}
