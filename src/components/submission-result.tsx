"use client";

import { type ReactNode, useEffect, useRef, useState } from "react";
import { api, type RouterOutputs } from "@/trpc/react";
import { explainOutcome, formatMemory, formatTime, outcomeLabel, outcomeTone, verdictDescription, verdictLabel } from "@/lib/verdict";
import { AcceptedStats } from "./ide/accepted-stats";
import { OutputDiff } from "./ide/output-diff";
import { isFinishedStatus } from "@/judge/submission-status";

type Submission = RouterOutputs["submission"]["byId"];
type Result = Submission["results"][number];

const POLL_MS = 700;
const POLL_WITH_STREAM_MS = 4000;

/**
 * Live result of one submission or Run. Progress events over SSE trigger a refetch of
 * `submission.byId` (and tell when compilation ended); if the stream is unavailable it
 * polls every 700 ms instead.
 */
export function SubmissionResult({
  id,
  initial,
  justQueued = false,
  onFinished,
}: {
  id: string;
  initial?: Submission;
  /** The submission was made a moment ago: until its first fetch answers, it is shown as queued. */
  justQueued?: boolean;
  onFinished?: (submission: Submission) => void;
}) {
  const utils = api.useUtils();
  const [streaming, setStreaming] = useState(false);
  const [compiled, setCompiled] = useState(false);
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
    source.addEventListener("progress", (message) => {
      const type = (JSON.parse((message as MessageEvent<string>).data) as { type?: string }).type;
      if (type === "compiled" || type === "test") setCompiled(true);
      void utils.submission.byId.invalidate({ id });
    });
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

  // Tell the page once when the result is final (compile markers, the attempts list).
  const reported = useRef(false);
  useEffect(() => {
    if (finished && query.data && !reported.current) {
      reported.current = true;
      onFinished?.(query.data);
    }
  }, [finished, query.data, onFinished]);

  if (query.error) {
    return (
      <p className="form-error" role="alert">
        {query.error.message}
      </p>
    );
  }
  if (!query.data) return justQueued ? <StageLine label={QUEUED_LABEL} /> : <p className="muted">Loading result…</p>;
  return <SubmissionResultView submission={query.data} compiled={compiled || query.data.results.length > 0} />;
}

const QUEUED_LABEL = "Queued: waiting for a judge…";

/** Queued → Compiling → Running test k of n: where a submission is while it is judged. */
function Stage({ s, compiled }: { s: Submission; compiled: boolean }) {
  const done = s.results.length;
  const label =
    s.status === "QUEUED"
      ? QUEUED_LABEL
      : !compiled
        ? "Compiling…"
        : s.kind === "RUN"
          ? `Running (${done} of ${s.testsTotal})…`
          : `Running tests (${done} of ${s.testsTotal} done)…`;
  return (
    <StageLine label={label}>
      {compiled && s.testsTotal > 0 && <progress max={s.testsTotal} value={done} aria-label="Tests done" />}
    </StageLine>
  );
}

function StageLine({ label, children }: { label: string; children?: ReactNode }) {
  return (
    <div className="stage" data-testid="stage">
      <span className="spinner" aria-hidden />
      <span>{label}</span>
      {children}
    </div>
  );
}

export function SubmissionResultView({ submission: s, compiled = true }: { submission: Submission; compiled?: boolean }) {
  const finished = isFinishedStatus(s.status);
  const explanation = explainOutcome(s);
  const ranTests = finished && s.verdict !== "CE" && s.status !== "FAILED" && s.maxCpuMs != null;

  return (
    <div className="result" data-testid="submission-result">
      <div className="result-head" aria-live="polite">
        {s.kind === "RUN" ? (
          <RunHeadline s={s} />
        ) : (
          <span className={`badge badge-${outcomeTone(s)}`} data-testid="verdict" title={verdictDescription(s.verdict)}>
            {outcomeLabel(s)}
          </span>
        )}
        {s.kind === "SUBMIT" && finished && s.maxScore != null && s.score != null && s.problem?.scoringMode === "POINTS" && (
          <span data-testid="score">
            Score {s.score} / {s.maxScore}
          </span>
        )}
        {s.kind === "SUBMIT" && ranTests && (
          <>
            <span className="muted">Time {formatTime(s.maxCpuMs)}</span>
            <span className="muted">Memory {formatMemory(s.maxPeakKb)}</span>
          </>
        )}
      </div>
      {!finished && <Stage s={s} compiled={compiled} />}
      {explanation && s.kind === "SUBMIT" && (
        <p className="explanation" data-testid="explanation">
          {explanation}
        </p>
      )}

      {s.verdict === "CE" && s.compileOutput && (
        <div>
          <h3>Compiler output</h3>
          <pre className="output" data-testid="compile-output">
            {s.compileOutput}
          </pre>
        </div>
      )}
      {s.errorMessage && <pre className="output small">{s.errorMessage}</pre>}

      {s.kind === "RUN" ? <RunDetails s={s} /> : <SubmitDetails s={s} />}
      {s.kind === "SUBMIT" && s.status === "DONE" && s.verdict === "AC" && <AcceptedStats submissionId={s.id} />}
    </div>
  );
}

function RunHeadline({ s }: { s: Submission }) {
  if (s.status === "FAILED") return <span className="badge badge-bad">Internal Error</span>;
  if (s.verdict === "CE")
    return (
      <span className="badge badge-bad" data-testid="verdict">
        Compilation Error
      </span>
    );
  const samples = s.results.filter((r) => r.isSample);
  if (!isFinishedStatus(s.status)) return <span className="badge badge-pending">Running your code</span>;
  if (samples.length === 0) return <span className="badge badge-neutral">Ran on your input</span>;
  const passed = samples.filter((r) => r.verdict === "AC").length;
  return (
    <span className={`badge badge-${passed === samples.length ? "ok" : "bad"}`} data-testid="run-summary">
      {passed} of {samples.length} sample{samples.length === 1 ? "" : "s"} passed
    </span>
  );
}

/** What stopped the program, in words, without a verdict name (a Run has no expected output). */
function exitStatus(r: Result): string {
  switch (r.stoppedBy) {
    case "cpu-limit":
      return "stopped: CPU time limit reached";
    case "wall-limit":
      return "stopped: took too long in real time (waiting for input?)";
    case "memory-limit":
      return "stopped: memory limit reached";
    case "output-limit":
      return "stopped: printed too much output";
    case "signaled":
      return `killed by ${r.signal ?? "a signal"}`;
    default:
      if (r.verdict === "MLE") return `exit code ${r.exitCode ?? "?"} (out of memory)`;
      return `exit code ${r.exitCode ?? "?"}`;
  }
}

function RunDetails({ s }: { s: Submission }) {
  const samples = s.results.filter((r) => r.isSample);
  const custom = s.results.find((r) => r.position === 0);
  return (
    <>
      {samples.map((r, i) => (
        <section key={r.position} className={`run-case run-case-${r.verdict === "AC" ? "ok" : "bad"}`} data-testid="sample-result">
          <h3>
            Sample {i + 1}:{" "}
            <span className={`badge badge-${r.verdict === "AC" ? "ok" : "bad"}`}>
              {r.verdict === "AC" ? "Passed" : `Failed · ${verdictLabel(r.verdict)}`}
            </span>{" "}
            <span className="muted small">
              {formatTime(r.cpuMs)} · {formatMemory(r.peakKb)}
            </span>
          </h3>
          {r.verdict === "AC" ? (
            <details>
              <summary>Show output</summary>
              <pre className="output">{r.outputExcerpt ?? ""}</pre>
            </details>
          ) : (
            <>
              {r.verdict !== "WA" && r.checkerMessage && <p className="small">{r.checkerMessage}</p>}
              {r.expectedOutput != null && <OutputDiff expected={r.expectedOutput} actual={r.outputExcerpt ?? ""} />}
              <StandardError text={r.stderrExcerpt} />
            </>
          )}
        </section>
      ))}
      {custom && (
        <section className="run-case" data-testid="custom-result">
          <h3>
            Your input{" "}
            <span className="muted small" data-testid="run-status">
              {exitStatus(custom)} · CPU {formatTime(custom.cpuMs)} · wall {formatTime(custom.wallMs)} · {formatMemory(custom.peakKb)}
            </span>
          </h3>
          {s.stdin != null && s.stdin !== "" && (
            <details>
              <summary>Input</summary>
              <pre className="output">{s.stdin}</pre>
            </details>
          )}
          <h4>Output</h4>
          <pre className="output" data-testid="run-output">
            {custom.outputExcerpt ?? ""}
          </pre>
          <StandardError text={custom.stderrExcerpt} />
        </section>
      )}
    </>
  );
}

function SubmitDetails({ s }: { s: Submission }) {
  const pendingTests = !isFinishedStatus(s.status) ? Math.max(0, s.testsTotal - s.results.length) : 0;
  const scored = s.problem?.scoringMode === "POINTS";
  if (s.results.length === 0 && pendingTests === 0) return null;
  return (
    <>
      <div className="table-wrap">
        <table className="table table-compact" data-testid="test-results">
          <caption className="visually-hidden">Results per test</caption>
          <thead>
            <tr>
              <th scope="col">Test</th>
              <th scope="col">Verdict</th>
              <th scope="col">CPU time</th>
              <th scope="col">Memory</th>
              {scored && <th scope="col">Points</th>}
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
                  {/* Hidden tests show verdict, time and memory only. */}
                  {r.isSample && r.signal && <span className="muted"> ({r.signal})</span>}
                </td>
                <td>{formatTime(r.cpuMs)}</td>
                <td>{formatMemory(r.peakKb)}</td>
                {scored && (
                  <td data-testid="test-points">
                    {r.verdict === "AC" ? (r.points ?? 0) : 0} / {r.points ?? "–"}
                  </td>
                )}
              </tr>
            ))}
            {Array.from({ length: pendingTests }, (_, i) => (
              <tr key={`pending-${i}`} className="pending-row">
                <td>#{s.results.length + i + 1}</td>
                <td>
                  <span className="badge badge-pending">{s.status === "RUNNING" ? "Waiting" : "Queued"}</span>
                </td>
                <td>–</td>
                <td>–</td>
                {scored && <td>–</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {s.results
        .filter((r) => r.isSample && r.verdict !== "AC")
        .map((r) => (
          <details key={r.position} className="details" open>
            <summary>Sample test #{r.position}: what went wrong</summary>
            {r.verdict !== "WA" && r.checkerMessage && <p className="small">{r.checkerMessage}</p>}
            {r.expectedOutput != null && r.outputExcerpt != null && <OutputDiff expected={r.expectedOutput} actual={r.outputExcerpt} />}
            <StandardError text={r.stderrExcerpt} />
          </details>
        ))}
    </>
  );
}

/** A run's standard error, under its heading, when it wrote any. */
function StandardError({ text }: { text: string | null | undefined }) {
  if (!text) return null;
  return (
    <>
      <h4>Standard error</h4>
      <pre className="output output-error">{text}</pre>
    </>
  );
}
