"use client";

import Link from "next/link";
import { useState } from "react";
import { VERDICT_LABELS } from "@/judge/verdicts";
import { api } from "@/trpc/react";
import { RejudgeButton } from "./rejudge-button";
import { ErrorNote, formatLocal } from "./ui";

/** Rejudge every submission of the problem; progress, then whose verdict changed. */
export function RejudgePanel({
  problemId,
  submissionCount,
  highlight,
}: {
  problemId: string;
  submissionCount: number;
  highlight: boolean;
}) {
  const utils = api.useUtils();
  const history = api.teach.rejudge.forProblem.useQuery({ problemId });
  const [currentId, setCurrentId] = useState<string | null>(null);
  const shownId = currentId ?? history.data?.[0]?.id ?? null;
  const rejudge = api.teach.rejudge.problem.useMutation({
    onSuccess: (r) => {
      setCurrentId(r.id);
      void utils.teach.rejudge.forProblem.invalidate({ problemId });
    },
  });
  const progress = api.teach.rejudge.byId.useQuery(
    { rejudgeId: shownId ?? "" },
    { enabled: Boolean(shownId), refetchInterval: (q) => (q.state.data && q.state.data.done < q.state.data.total ? 1500 : false) },
  );
  const p = progress.data;

  return (
    <section className={`card ${highlight ? "teach-attention" : ""}`} aria-labelledby="rejudge-heading">
      <div className="teach-head">
        <h2 id="rejudge-heading" className="teach-form-title">
          Rejudge
        </h2>
        <button
          type="button"
          className="button button-compact"
          disabled={rejudge.isPending || submissionCount === 0}
          onClick={() => {
            if (confirm(`Judge all ${submissionCount} submissions again with the current tests and limits?`)) rejudge.mutate({ problemId });
          }}
        >
          Rejudge all submissions ({submissionCount})
        </button>
      </div>
      {highlight && (
        <p className="teach-note" role="status">
          Tests or limits changed: rejudge so earlier submissions are judged by the same rules.
        </p>
      )}
      <p className="muted small">Rejudged submissions wait behind students' new submissions in the queue.</p>
      <ErrorNote error={rejudge.error} />
      {p && (
        <div aria-live="polite">
          <p>
            Rejudge of {formatLocal(p.createdAt)}: <strong data-testid="rejudge-progress">{p.done}</strong> of {p.total} judged
          </p>
          <progress max={p.total || 1} value={p.done} aria-label="Rejudge progress" />
          {p.done >= p.total && (
            <>
              <h3>Verdicts that changed ({p.changed.length})</h3>
              {p.changed.length === 0 ? (
                <p className="muted">None.</p>
              ) : (
                <table className="table table-compact" data-testid="rejudge-changes">
                  <thead>
                    <tr>
                      <th>Student</th>
                      <th>Before</th>
                      <th>Now</th>
                      <th>
                        <span className="visually-hidden">Rejudge</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {p.changed.map((s) => (
                      <tr key={s.id}>
                        <td>
                          <Link href={`/submissions/${s.id}`}>{s.user.name}</Link>
                        </td>
                        <td>{s.previousVerdict ? VERDICT_LABELS[s.previousVerdict].label : "—"}</td>
                        <td>{s.verdict ? VERDICT_LABELS[s.verdict].label : "—"}</td>
                        <td>
                          <RejudgeButton submissionId={s.id} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </>
          )}
        </div>
      )}
    </section>
  );
}
