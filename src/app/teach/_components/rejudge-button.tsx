"use client";

import { useState } from "react";
import { isFinishedStatus } from "@/judge/submission-status";
import { VERDICT_LABELS, type Verdict } from "@/judge/verdicts";
import { api } from "@/trpc/react";
import { ErrorNote } from "./ui";
import "./rejudge-button.css";

const POLL_MS = 1500;
const label = (verdict: Verdict | null | undefined) => (verdict ? VERDICT_LABELS[verdict].label : "no verdict");

/**
 * Rejudge one submission (teachers of the student's course, the problem's author, admins):
 * it goes back to the queue at the lowest priority; the button then shows its progress and
 * the new verdict, with the old one when it changed. Self-contained: drop it on any page
 * where a teacher sees a single submission.
 */
export function RejudgeButton({ submissionId }: { submissionId: string }) {
  const utils = api.useUtils();
  const [rejudgeId, setRejudgeId] = useState<string | null>(null);
  const rejudge = api.teach.rejudge.submission.useMutation({
    onSuccess: (r) => {
      setRejudgeId(r.id);
      // Anything on the page showing this submission (its live result) follows it again.
      void utils.submission.byId.invalidate({ id: submissionId });
    },
  });
  const progress = api.teach.rejudge.byId.useQuery(
    { rejudgeId: rejudgeId ?? "" },
    { enabled: Boolean(rejudgeId), refetchInterval: (q) => (q.state.data && q.state.data.done >= q.state.data.total ? false : POLL_MS) },
  );
  const done = progress.data ? progress.data.done >= progress.data.total : false;
  const submission = api.submission.byId.useQuery(
    { id: submissionId },
    { enabled: done, refetchInterval: (q) => (done && !isFinishedStatus(q.state.data?.status) ? POLL_MS : false) },
  );
  const changed = progress.data?.changed.find((s) => s.id === submissionId);
  const busy = rejudge.isPending || (Boolean(rejudgeId) && !done);

  return (
    <div className="rejudge-one" data-testid="rejudge-one">
      <button
        type="button"
        className="button button-secondary button-compact"
        disabled={busy}
        onClick={() => {
          if (confirm("Judge this submission again with the current tests and limits?")) rejudge.mutate({ submissionId });
        }}
      >
        {busy ? "Rejudging…" : "Rejudge"}
      </button>
      <span role="status" aria-live="polite" className="small">
        {rejudgeId && !done && <span className="muted">Waiting in the queue behind students&apos; new submissions…</span>}
        {done && submission.data && isFinishedStatus(submission.data.status) && (
          <span data-testid="rejudge-one-result">
            New verdict: <strong>{label(submission.data.verdict)}</strong>
            {changed ? ` (was ${label(changed.previousVerdict)})` : " (unchanged)"}
          </span>
        )}
      </span>
      <ErrorNote error={rejudge.error ?? progress.error} />
    </div>
  );
}
