/**
 * What a viewer may see of a submission's per-test results: the one place that decides
 * it, used by the submission detail query, lists and the live-progress stream.
 *
 * Why: exit code, wall time, signal, output or even the mere presence of a hidden test's
 * result let a program leak hidden inputs a few bits per submission. Students therefore
 * see of HIDDEN tests only what the problem's `testFeedback` allows, and never more than
 * verdict, CPU time and peak memory. Samples (and custom-input runs) are their own data
 * and are shown in full. Staff (teachers, admins, the problem's author) see everything.
 */
import type { SubmissionKind, TestFeedback } from "../../generated/prisma/enums";

export type { TestFeedback };

export interface FeedbackPolicy {
  /** The problem's setting (FULL when the submission has no problem). */
  feedback: TestFeedback;
  /** Staff see every field of every test. */
  staff: boolean;
  /** RUN results are the owner's own input: always shown in full. */
  kind: SubmissionKind;
}

/** The least the decision needs to know about a test result. */
export interface TestOutcome {
  position: number;
  isSample: boolean;
  verdict: string;
}

/** A stored per-test result, as the services load it. */
export interface StoredTestResult<V extends string = string> extends TestOutcome {
  verdict: V;
  name: string | null;
  cpuMs: number;
  wallMs: number;
  peakKb: number;
  exitCode: number | null;
  signal: string | null;
  stoppedBy: string;
  outputExcerpt: string | null;
  stderrExcerpt: string | null;
  checkerMessage: string | null;
}

/** What a viewer receives for one test: the fields a student may not see are null. */
export interface TestResultView<V extends string = string> {
  position: number;
  isSample: boolean;
  name: string | null;
  verdict: V;
  cpuMs: number;
  peakKb: number;
  wallMs: number | null;
  exitCode: number | null;
  signal: string | null;
  stoppedBy: string | null;
  outputExcerpt: string | null;
  stderrExcerpt: string | null;
  checkerMessage: string | null;
  /** True when fields were withheld (a hidden test shown to a student). */
  limited: boolean;
}

/** Whether a test's full details (not only verdict, CPU, memory) go to this viewer. */
const fullDetail = (result: TestOutcome, policy: FeedbackPolicy) => policy.staff || policy.kind !== "SUBMIT" || result.isSample;

/**
 * Positions of the results this viewer may see at all. FULL: every test; FIRST_FAILURE:
 * samples, plus hidden tests in position order up to and including the first one that
 * is not AC; VERDICT_ONLY: samples only.
 */
export function visiblePositions(results: readonly TestOutcome[], policy: FeedbackPolicy): Set<number> {
  const visible = new Set<number>();
  let hiddenFailureSeen = false;
  for (const result of [...results].sort((a, b) => a.position - b.position)) {
    if (fullDetail(result, policy) || policy.feedback === "FULL") {
      visible.add(result.position);
      continue;
    }
    if (policy.feedback === "FIRST_FAILURE" && !hiddenFailureSeen) {
      visible.add(result.position);
      if (result.verdict !== "AC") hiddenFailureSeen = true;
    }
  }
  return visible;
}

/** The per-test results to send to a viewer, in position order, hidden details removed. */
export function visibleTestResults<V extends string>(results: readonly StoredTestResult<V>[], policy: FeedbackPolicy): TestResultView<V>[] {
  const visible = visiblePositions(results, policy);
  return [...results]
    .sort((a, b) => a.position - b.position)
    .filter((r) => visible.has(r.position))
    .map((r) => {
      const base = { position: r.position, isSample: r.isSample, verdict: r.verdict, cpuMs: r.cpuMs, peakKb: r.peakKb };
      if (fullDetail(r, policy)) {
        return {
          ...base,
          name: r.name,
          wallMs: r.wallMs,
          exitCode: r.exitCode,
          signal: r.signal,
          stoppedBy: r.stoppedBy,
          outputExcerpt: r.outputExcerpt,
          stderrExcerpt: r.stderrExcerpt,
          checkerMessage: r.checkerMessage,
          limited: false,
        };
      }
      // Names of hidden tests can describe their data ("n-equals-zero"): withheld too.
      return {
        ...base,
        name: null,
        wallMs: null,
        exitCode: null,
        signal: null,
        stoppedBy: null,
        outputExcerpt: null,
        stderrExcerpt: null,
        checkerMessage: null,
        limited: true,
      };
    });
}

/**
 * A submission's maximum CPU time and memory as this viewer may see them: over the
 * visible results only when some were withheld, otherwise the stored figures.
 */
export function visibleMaxima(
  stored: { maxCpuMs: number | null; maxPeakKb: number | null },
  all: readonly TestOutcome[],
  visible: readonly { cpuMs: number; peakKb: number }[],
): { maxCpuMs: number | null; maxPeakKb: number | null } {
  if (visible.length === all.length) return stored;
  if (visible.length === 0) return { maxCpuMs: null, maxPeakKb: null };
  return { maxCpuMs: Math.max(...visible.map((r) => r.cpuMs)), maxPeakKb: Math.max(...visible.map((r) => r.peakKb)) };
}
