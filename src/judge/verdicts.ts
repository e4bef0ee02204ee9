/**
 * Verdict logic: plain functions from "what happened to the program" (a sandbox
 * RunResult) to a verdict, and from per-test verdicts to a submission's result.
 * Shared by the web app (labels, colours) and the worker.
 */
import type { RunResult } from "./run-result";

/** Same members as the Prisma enum `Verdict` (checked in verdicts.test.ts). */
export type Verdict = "AC" | "WA" | "TLE" | "MLE" | "RE" | "CE" | "OLE" | "IE";
export const VERDICTS = ["AC", "WA", "TLE", "MLE", "RE", "CE", "OLE", "IE"] as const satisfies readonly Verdict[];

export type ScoringMode = "ICPC" | "POINTS";

export interface VerdictLabel {
  /** Full name shown in the UI. */
  label: string;
  /** What it means, for a tooltip. */
  description: string;
  /** Semantic tone, for components that map tones to their own palette. */
  tone: "success" | "danger" | "warning" | "info" | "neutral";
  /** Hex colour (good contrast with white text). */
  color: string;
}

export const VERDICT_LABELS: Record<Verdict, VerdictLabel> = {
  AC: { label: "Accepted", description: "Correct output on every test.", tone: "success", color: "#15803d" },
  WA: { label: "Wrong Answer", description: "The output differs from the expected output.", tone: "danger", color: "#b91c1c" },
  TLE: {
    label: "Time Limit Exceeded",
    description: "The program used more CPU or wall-clock time than allowed.",
    tone: "warning",
    color: "#b45309",
  },
  MLE: { label: "Memory Limit Exceeded", description: "The program used more memory than allowed.", tone: "warning", color: "#a16207" },
  RE: { label: "Runtime Error", description: "The program crashed or exited with a non-zero code.", tone: "danger", color: "#9d174d" },
  CE: { label: "Compilation Error", description: "The source did not compile; see the compiler output.", tone: "info", color: "#1d4ed8" },
  OLE: { label: "Output Limit Exceeded", description: "The program printed far more than expected.", tone: "warning", color: "#c2410c" },
  IE: {
    label: "Internal Error",
    description: "The judge failed; this is not your fault. Staff have been told.",
    tone: "neutral",
    color: "#4b5563",
  },
};

/** What `effectiveLimits` needs from a language (see src/judge/languages.ts). */
export interface LanguageAllowance {
  timeMultiplier: number;
  extraTimeMs: number;
  extraMemoryMb: number;
}

export interface ProblemLimits {
  timeLimitMs: number;
  memoryLimitMb: number;
}

export interface EffectiveLimits {
  /** CPU time (user+sys) allowed, ms. */
  cpuMs: number;
  /** Wall-clock allowed, ms: generous, it only catches sleeping/blocked programs. */
  wallMs: number;
  /** Memory allowed (peak RSS), MiB. */
  memoryMb: number;
}

/** Limits for one run: the problem's, adjusted by the language's documented allowance. */
export function effectiveLimits(language: LanguageAllowance, problem: ProblemLimits): EffectiveLimits {
  const cpuMs = Math.round(problem.timeLimitMs * language.timeMultiplier + language.extraTimeMs);
  return {
    cpuMs,
    wallMs: Math.max(3 * cpuMs, cpuMs + 2000),
    memoryMb: problem.memoryLimitMb + language.extraMemoryMb,
  };
}

export interface RunFailure {
  verdict: Exclude<Verdict, "AC" | "WA" | "CE" | "IE">;
  /** Why, in a few words (e.g. "killed by SIGSEGV", "java.lang.OutOfMemoryError"). */
  detail: string;
}

/** Runtimes that report running out of memory themselves (their heap limit is below the cgroup's). */
const OUT_OF_MEMORY_MARKERS = [
  "java.lang.OutOfMemoryError",
  "JavaScript heap out of memory",
  "MemoryError", // Python
  "memory allocation of", // Rust: "memory allocation of N bytes failed"
  "runtime: out of memory", // Go
  "std::bad_alloc", // C++ "terminate called after throwing an instance of 'std::bad_alloc'"
] as const;

/**
 * How a run failed, or null when it ran to a clean exit (then the checker decides).
 * The order matters and is deliberate:
 * 1. MLE — OOM kill, peak over the limit, or the runtime's own out-of-memory error.
 *    First, because running out of memory also causes the symptoms below (GC
 *    thrashing burns CPU, a killed program "crashes").
 * 2. TLE — CPU limit reached or CPU time over the limit, then the wall-clock limit
 *    (sleeping or blocked on input).
 * 3. OLE — stdout over the cap. After TLE: an infinite print loop that is also slow
 *    is still an infinite loop.
 * 4. RE — killed by a signal (named) or a non-zero exit code.
 */
export function runFailure(result: RunResult, limits: EffectiveLimits): RunFailure | null {
  const crashed = result.stoppedBy === "signaled" || (result.exitCode !== null && result.exitCode !== 0);
  if (result.stoppedBy === "memory-limit") return { verdict: "MLE", detail: "killed for using too much memory" };
  if (result.peakKb > limits.memoryMb * 1024) {
    return { verdict: "MLE", detail: `peak memory ${Math.ceil(result.peakKb / 1024)} MiB over ${limits.memoryMb} MiB` };
  }
  if (crashed) {
    const stderr = result.stderr.toString("utf8");
    // The JVM reports hitting the pids limit (a thread bomb) as an OutOfMemoryError too: that is RE.
    const threadLimit = /unable to create (?:new )?native thread/.test(stderr);
    const marker = OUT_OF_MEMORY_MARKERS.find((m) => stderr.includes(m));
    if (marker && !threadLimit) return { verdict: "MLE", detail: marker };
  }
  if (result.stoppedBy === "cpu-limit" || result.cpuMs > limits.cpuMs) {
    return { verdict: "TLE", detail: `CPU time over ${limits.cpuMs} ms` };
  }
  if (result.stoppedBy === "wall-limit")
    return { verdict: "TLE", detail: `wall-clock time over ${limits.wallMs} ms (sleeping or waiting for input?)` };
  if (result.stoppedBy === "output-limit") return { verdict: "OLE", detail: "too much output" };
  if (result.stoppedBy === "signaled") return { verdict: "RE", detail: `killed by ${result.signal ?? "a signal"}` };
  if (result.exitCode !== null && result.exitCode !== 0) {
    const stderr = result.stderr.toString("utf8");
    const detail = stderr.includes("StackOverflowError")
      ? "java.lang.StackOverflowError"
      : /unable to create (?:new )?native thread/.test(stderr)
        ? "too many threads"
        : stderr.includes("RecursionError")
          ? "RecursionError"
          : `exit code ${result.exitCode}`;
    return { verdict: "RE", detail };
  }
  return null;
}

/** The verdict of one test: the run's failure if any, else the checker's answer. */
export function classifyRun(result: RunResult, limits: EffectiveLimits, checkerOk: boolean): Verdict {
  return runFailure(result, limits)?.verdict ?? (checkerOk ? "AC" : "WA");
}

export interface TestVerdict {
  verdict: Verdict;
  points: number;
  cpuMs: number;
  peakKb: number;
}

export interface OverallResult {
  verdict: Verdict;
  score: number;
  maxScore: number;
  maxCpuMs: number;
  maxPeakKb: number;
}

/**
 * The submission's result from its tests, in test order.
 * ICPC: the verdict of the first failing test (AC when none fails); all or nothing
 * score. POINTS: every test ran; score = sum of points of accepted tests; verdict AC
 * iff every test is AC, else the first failure. `maxScore` defaults to the tests'
 * points (pass the problem's total when ICPC stopped early).
 */
export function overallVerdict(tests: TestVerdict[], scoringMode: ScoringMode, maxScore?: number): OverallResult {
  const total = maxScore ?? tests.reduce((sum, t) => sum + t.points, 0);
  const firstFailure = tests.find((t) => t.verdict !== "AC");
  const verdict = firstFailure?.verdict ?? "AC";
  const score =
    scoringMode === "POINTS" ? tests.reduce((sum, t) => sum + (t.verdict === "AC" ? t.points : 0), 0) : verdict === "AC" ? total : 0;
  return {
    verdict,
    score,
    maxScore: total,
    maxCpuMs: tests.reduce((m, t) => Math.max(m, t.cpuMs), 0),
    maxPeakKb: tests.reduce((m, t) => Math.max(m, t.peakKb), 0),
  };
}
