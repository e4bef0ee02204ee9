/**
 * The time limit a problem package does not state, derived as problemtools does
 * (checks/submissions.py): the slowest accepted reference solution's running time times
 * `limits.time_multiplier` (default 5), rounded up to whole seconds (time_resolution 1 s),
 * at least 1 s. `limits.time_safety_margin` (default 2) is how far from the limit a
 * reference must stay: a solution whose verdict would change with a limit that many times
 * larger is "sensitive to the time limit" (too close).
 */
import { PROBLEM_LIMITS } from "./problem-rules";
import type { Verdict } from "./verdicts";

export const DEFAULT_TIME_MULTIPLIER = 5;
export const DEFAULT_TIME_SAFETY_MARGIN = 2;
/** Verify runs references with this limit while the real one is still to be derived (problemtools uses 300 s). */
export const VERIFY_DERIVING_TIME_LIMIT_MS = PROBLEM_LIMITS.timeLimitMs.max;

/** max(1 s, ceil(slowest × multiplier)) in whole seconds, within the problem limits. */
export function deriveTimeLimitMs(slowestAcceptedCpuMs: number, multiplier = DEFAULT_TIME_MULTIPLIER): number {
  const seconds = Math.max(1, Math.ceil((slowestAcceptedCpuMs * multiplier) / 1000 - 1e-9));
  return Math.min(seconds * 1000, PROBLEM_LIMITS.timeLimitMs.max);
}

export interface TimedTest {
  position: number;
  verdict: Verdict;
  cpuMs: number;
}

/**
 * The verdict a run made under a generous limit would have had under `cpuLimitMs`: the
 * first test (in order) that ran longer is a TLE, unless an earlier test already failed.
 * Tests stop at the first failure, so later tests never change the answer.
 */
export function verdictUnderLimit(overall: Verdict, tests: TimedTest[], cpuLimitMs: number): Verdict {
  for (const t of [...tests].sort((a, b) => a.position - b.position)) {
    if (t.cpuMs > cpuLimitMs) return "TLE";
    if (t.verdict !== "AC") return t.verdict;
  }
  return overall;
}

/**
 * Whether a reference solution is too close to the limit: an accepted one that uses more
 * than limit / margin, or (when its true time is known, i.e. it ran under the generous
 * limit) one expected to time out that would pass with the limit × margin.
 */
export function tooCloseToLimit(input: {
  expectedVerdict: Verdict;
  maxCpuMs: number;
  timeLimitMs: number;
  safetyMargin: number;
  /** The run had the generous Verify limit, so a slow program's real time was measured. */
  measuredBeyondLimit: boolean;
}): boolean {
  const { expectedVerdict, maxCpuMs, timeLimitMs, safetyMargin } = input;
  if (expectedVerdict === "AC") return maxCpuMs * safetyMargin > timeLimitMs;
  if (expectedVerdict === "TLE" && input.measuredBeyondLimit) return maxCpuMs <= timeLimitMs * safetyMargin;
  return false;
}
