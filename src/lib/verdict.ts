// Submission display helpers shared by server and client components. Verdict names come
// from the judge's one registry (src/judge/verdicts.ts).
import { VERDICT_LABELS, type Verdict } from "@/judge/verdicts";

export const STATUS_LABELS: Record<string, string> = {
  QUEUED: "Queued",
  RUNNING: "Running",
  DONE: "Done",
  FAILED: "Failed",
};

export function verdictLabel(verdict: string | null | undefined): string | null {
  return verdict ? (VERDICT_LABELS[verdict as Verdict]?.label ?? verdict) : null;
}

export function verdictDescription(verdict: string | null | undefined): string | undefined {
  return verdict ? VERDICT_LABELS[verdict as Verdict]?.description : undefined;
}

/** The one-line outcome of a submission: verdict when judged, else its status. */
export function outcomeLabel(s: { kind: string; status: string; verdict: string | null }): string {
  if (s.status === "FAILED") return verdictLabel(s.verdict) ?? "Internal Error";
  if (s.status !== "DONE") return STATUS_LABELS[s.status] ?? s.status;
  if (s.kind === "RUN" && !s.verdict) return "Finished";
  return verdictLabel(s.verdict) ?? "Done";
}

/** CSS class suffix for a verdict badge. */
export function outcomeTone(s: { status: string; verdict: string | null }): "ok" | "bad" | "pending" | "neutral" {
  if (s.status === "QUEUED" || s.status === "RUNNING") return "pending";
  if (s.verdict === "AC") return "ok";
  if (!s.verdict) return "neutral";
  return "bad";
}

export const formatMemory = (kb: number | null | undefined) =>
  kb == null ? "–" : kb >= 1024 ? `${(kb / 1024).toFixed(1)} MiB` : `${kb} KiB`;

export const formatTime = (ms: number | null | undefined) => (ms == null ? "–" : `${ms} ms`);

const seconds = (ms: number) => `${(ms / 1000).toLocaleString("en", { maximumFractionDigits: 3 })} s`;

export interface ExplainableSubmission {
  kind: string;
  status: string;
  verdict: string | null;
  score: number | null;
  maxScore: number | null;
  testsTotal: number;
  problem: { timeLimitMs: number; memoryLimitMb: number; scoringMode: string } | null;
  results: { position: number; verdict: string; cpuMs: number; isSample: boolean }[];
}

/** Why this verdict, in plain words ("your program used more than 1 s of CPU time on test 4"); null while judging. */
export function explainOutcome(s: ExplainableSubmission): string | null {
  if (s.status === "FAILED") return "The judge could not finish this submission. This is not your fault; please submit again.";
  if (s.status !== "DONE") return null;
  if (s.verdict === "CE")
    return "Your code did not compile. The compiler's messages are below and marked on the lines they name in the editor.";
  if (s.kind === "SUBMIT" && s.verdict === "AC") {
    return s.testsTotal === 1 ? "Your program passed the test." : `Your program passed all ${s.testsTotal} tests.`;
  }
  const failed = s.results.filter((r) => r.verdict !== "AC");
  const first = failed[0];
  if (!first) return null;
  const where = `on ${first.isSample ? "sample " : ""}test ${first.position}`;
  const limits = s.problem;
  let why: string;
  switch (first.verdict) {
    case "WA":
      why = `Your program's output ${where} is not the expected answer.`;
      break;
    case "TLE":
      why =
        limits && first.cpuMs < limits.timeLimitMs
          ? `Your program ran too long in real time ${where}: it may be waiting for input that never comes, or sleeping.`
          : `Your program used more than ${limits ? seconds(limits.timeLimitMs) : "the allowed"} of CPU time ${where}.`;
      break;
    case "MLE":
      why = `Your program used more than ${limits ? `${limits.memoryLimitMb} MiB` : "the allowed"} of memory ${where}.`;
      break;
    case "RE":
      why = `Your program crashed ${where} (it was killed or exited with a non-zero code).`;
      break;
    case "OLE":
      why = `Your program printed far more output than expected ${where}.`;
      break;
    default:
      why = `The judge failed ${where}. This is not your fault.`;
  }
  if (s.kind === "SUBMIT" && limits?.scoringMode === "POINTS" && s.maxScore != null) {
    const others = failed.length - 1;
    why += others > 0 ? ` ${others} more test${others === 1 ? "" : "s"} failed too.` : "";
    why += ` You scored ${s.score ?? 0} of ${s.maxScore} points.`;
  }
  return why;
}
