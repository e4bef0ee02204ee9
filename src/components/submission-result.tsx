"use client";

import { useEffect, useState } from "react";
import { api, type RouterOutputs } from "@/trpc/react";
import { formatMemory, formatTime, outcomeLabel, outcomeTone, verdictDescription, verdictLabel } from "@/lib/verdict";
import { isFinishedStatus } from "@/judge/submission-status";

type Submission = RouterOutputs["submission"]["byId"];

const POLL_MS = 700;
const POLL_WITH_STREAM_MS = 4000;

/**
 * Live result of one submission. Progress events over SSE trigger a refetch of
 * `submission.byId`; if the stream is unavailable it polls every 700 ms instead.
 */
export function SubmissionResult({ id, initial }: { id: string; initial?: Submission }) {
  const utils = api.useUtils();
  const [streaming, setStreaming] = useState(false);
  const query = api.submission.byId.useQuery(
    { id },
    {
      initialData: initial,
      refetchInterval: (q) => (isFinishedStatus(q.state.data?.status) ? false : streaming ? POLL_WITH_STREAM_MS : POLL_MS),
    },
  );
  const finished = isFinishedStatus(query.data?.status);

  useEffect(() => {
    if (finished || typeof EventSource === "undefined") return;
    const source = new EventSource(`/api/submissions/${encodeURIComponent(id)}/events`);
    source.addEventListener("open", () => setStreaming(true));
    source.addEventListener("progress", () => void utils.submission.byId.invalidate({ id }));
    const stop = () => {
      setStreaming(false);
      source.close();
    };
    source.addEventListener("unavailable", stop);
    // The server closes the stream after `done`; never let EventSource reconnect on its own.
    source.addEventListener("error", () => {
      stop();
      void utils.submission.byId.invalidate({ id });
    });
    return () => source.close();
  }, [id, finished, utils]);

  if (query.error) {
    return (
      <p className="form-error" role="alert">
        {query.error.message}
      </p>
    );
  }
  if (!query.data) return <p className="muted">Loading result…</p>;
  return <SubmissionResultView submission={query.data} />;
}

export function SubmissionResultView({ submission: s }: { submission: Submission }) {
  const tone = outcomeTone(s);
  const pendingTests = s.kind === "SUBMIT" && !isFinishedStatus(s.status) ? Math.max(0, s.testsTotal - s.results.length) : 0;
  const run = s.kind === "RUN" ? s.results[0] : undefined;

  return (
    <div className="result" aria-live="polite" data-testid="submission-result">
      <div className="result-head">
        <span className={`badge badge-${tone}`} data-testid="verdict" title={verdictDescription(s.verdict)}>
          {outcomeLabel(s)}
        </span>
        {s.kind === "SUBMIT" && s.maxScore != null && s.score != null && (
          <span className="muted">
            Score {s.score} / {s.maxScore}
          </span>
        )}
        <span className="muted">Time {formatTime(s.maxCpuMs)}</span>
        <span className="muted">Memory {formatMemory(s.maxPeakKb)}</span>
      </div>

      {s.verdict === "CE" && s.compileOutput && (
        <div>
          <h3>Compiler output</h3>
          <pre className="output" data-testid="compile-output">
            {s.compileOutput}
          </pre>
        </div>
      )}
      {s.status === "FAILED" && (
        <p className="muted">The judge could not finish this submission. This is not your fault; please try again.</p>
      )}
      {s.errorMessage && <pre className="output small">{s.errorMessage}</pre>}

      {s.kind === "RUN" && run && (
        <div className="run-output">
          <p className="muted small">
            {verdictLabel(run.verdict) ?? "Ran"} · CPU {formatTime(run.cpuMs)} · wall {formatTime(run.wallMs)} · {formatMemory(run.peakKb)}
            {run.exitCode != null && ` · exit code ${run.exitCode}`}
            {run.signal && ` · ${run.signal}`}
          </p>
          <h3>Output</h3>
          <pre className="output" data-testid="run-output">
            {run.outputExcerpt ?? ""}
          </pre>
          {run.stderrExcerpt && (
            <>
              <h3>Standard error</h3>
              <pre className="output output-error">{run.stderrExcerpt}</pre>
            </>
          )}
        </div>
      )}

      {s.kind === "SUBMIT" && (s.results.length > 0 || pendingTests > 0) && (
        <div className="table-wrap">
          <table className="table table-compact">
            <thead>
              <tr>
                <th>Test</th>
                <th>Verdict</th>
                <th>CPU time</th>
                <th>Memory</th>
              </tr>
            </thead>
            <tbody>
              {s.results.map((r) => (
                <tr key={r.position} data-testid="test-result">
                  <td>
                    #{r.position} {r.isSample ? <span className="muted">sample</span> : null}
                  </td>
                  <td>
                    <span className={`badge badge-${r.verdict === "AC" ? "ok" : "bad"}`} title={verdictDescription(r.verdict)}>
                      {verdictLabel(r.verdict)}
                    </span>
                    {r.signal && <span className="muted"> ({r.signal})</span>}
                  </td>
                  <td>{formatTime(r.cpuMs)}</td>
                  <td>{formatMemory(r.peakKb)}</td>
                </tr>
              ))}
              {Array.from({ length: pendingTests }, (_, i) => (
                <tr key={`pending-${i}`} className="pending-row">
                  <td>#{s.results.length + i + 1}</td>
                  <td>
                    <span className="badge badge-pending">{s.status === "RUNNING" ? "Running" : "Queued"}</span>
                  </td>
                  <td>–</td>
                  <td>–</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {s.kind === "SUBMIT" &&
        s.results
          .filter((r) => r.isSample && r.verdict !== "AC" && (r.outputExcerpt || r.checkerMessage || r.stderrExcerpt))
          .map((r) => (
            <details key={r.position} className="details">
              <summary>Details of sample test #{r.position}</summary>
              {r.checkerMessage && <p className="small">{r.checkerMessage}</p>}
              {r.outputExcerpt != null && (
                <>
                  <h3>Your output</h3>
                  <pre className="output">{r.outputExcerpt}</pre>
                </>
              )}
              {r.stderrExcerpt && (
                <>
                  <h3>Standard error</h3>
                  <pre className="output output-error">{r.stderrExcerpt}</pre>
                </>
              )}
            </details>
          ))}
    </div>
  );
}
