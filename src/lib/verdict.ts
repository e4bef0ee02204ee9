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
