import Link from "next/link";
import { orNotFound } from "@/app/_lib/not-found";
import { param, queryString, type DynamicPageProps } from "@/app/_lib/search-params";
import { CodeEditor } from "@/components/code-editor";
import { DataTable } from "@/components/data-table";
import { getLanguage } from "@/judge/languages";
import { formatDateTime } from "@/lib/format";
import { formatMemory, formatTime, outcomeLabel, outcomeTone, verdictDescription, verdictLabel } from "@/lib/verdict";
import type { RouterOutputs } from "@/trpc/react";
import { serverApi } from "@/trpc/server";
import { CodeDiffView } from "../../_components/code-diff-view";
import { ComparePicker } from "../../_components/compare-picker";
import { RejudgeButton } from "../../_components/rejudge-button";
import "../../../ide.css";

export const metadata = { title: "Submission review · Teach" };

const LINE_HEIGHT_PX = 19;
const MAX_EDITOR_LINES = 40;

type Review = RouterOutputs["review"]["submission"];
type Attempt = Review["timeline"][number];
type Preview = { text: string | null; truncated: boolean } | null;

/** "WA 2/5": the verdict and how many tests passed (the status while it is being judged). */
function attemptResult(a: Pick<Attempt, "status" | "verdict" | "passed" | "testsTotal">) {
  if (a.status !== "DONE" && a.status !== "FAILED") return outcomeLabel({ kind: "SUBMIT", ...a });
  return `${a.verdict ?? "IE"} ${a.passed}/${a.testsTotal}`;
}

const when = (d: Date) => formatDateTime(d).replace(" UTC", "");

function Block({ title, preview, testId }: { title: string; preview: Preview; testId?: string }) {
  if (!preview || preview.text == null) return null;
  return (
    <figure className="review-block">
      <figcaption>
        {title}
        {preview.truncated && <span className="muted"> (first 4 KiB shown)</span>}
      </figcaption>
      <pre className="output" data-testid={testId}>
        {preview.text === "" ? <span className="muted">(empty)</span> : preview.text}
      </pre>
    </figure>
  );
}

export default async function ReviewSubmissionPage({ params, searchParams }: DynamicPageProps<{ id: string }>) {
  const { id } = await params;
  const against = param(await searchParams, "against", 64);
  const s = await orNotFound(serverApi.review.submission({ id, againstId: against ?? null }));
  const language = getLanguage(s.language);
  const byNumber = new Map(s.timeline.map((a) => [a.id, a.number]));
  const name = (a: { id: string }) => (byNumber.has(a.id) ? `Attempt ${byNumber.get(a.id)}` : "Earlier attempt");
  const listOfStudent = `/teach/submissions${queryString({ student: s.user.id, problem: s.problem?.slug })}`;
  const lines = s.source.split("\n").length;

  return (
    <div className="page review-page">
      <p className="teach-crumbs">
        <Link href="/teach/submissions">Submissions</Link> › <Link href={listOfStudent}>{s.user.name}</Link>
      </p>
      <h1>
        {name(s)} · {s.problem ? <Link href={`/problems/${s.problem.slug}`}>{s.problem.title}</Link> : "Submission"}
      </h1>
      <p className="muted">
        {s.user.name} ({s.user.email}) · {language?.name ?? s.language} · submitted {formatDateTime(s.createdAt)}
      </p>
      <div className="result-head review-summary">
        <span className={`badge badge-${outcomeTone(s)}`} data-testid="verdict" title={verdictDescription(s.verdict)}>
          {outcomeLabel(s)}
        </span>
        <span>
          {s.passed}/{s.testsTotal} tests passed
        </span>
        {s.score != null && s.maxScore != null && (
          <span>
            Score {s.score}/{s.maxScore}
          </span>
        )}
        <span className="muted">Time {formatTime(s.maxCpuMs)}</span>
        <span className="muted">Memory {formatMemory(s.maxPeakKb)}</span>
      </div>
      <RejudgeButton submissionId={s.id} />

      <section aria-labelledby="diff" className="review-section">
        <h2 id="diff">Changes</h2>
        {s.compare ? (
          <>
            <p className="review-change" data-testid="verdict-change">
              <Link href={`/teach/submissions/${s.compare.from.id}`}>{name(s.compare.from)}</Link>{" "}
              <span className={`badge badge-${outcomeTone(s.compare.from)}`}>{attemptResult(s.compare.from)}</span> → {name(s.compare.to)}{" "}
              <span className={`badge badge-${outcomeTone(s.compare.to)}`}>{attemptResult(s.compare.to)}</span>{" "}
              <span className="review-size">
                <span className="review-added">+{s.compare.diff.added}</span>{" "}
                <span className="review-removed">−{s.compare.diff.removed}</span> lines
              </span>
            </p>
            <CodeDiffView diff={s.compare.diff} />
          </>
        ) : (
          <p className="muted">This is the student&apos;s first attempt at this problem: nothing to compare with.</p>
        )}
        <ComparePicker
          attempts={s.timeline.map((a) => ({ id: a.id, label: `${name(a)} · ${when(a.createdAt)} · ${attemptResult(a)}` }))}
          fromId={s.compare?.from.id ?? null}
          toId={s.id}
        />
      </section>

      <section aria-labelledby="timeline" className="review-section">
        <h2 id="timeline">
          {s.user.name}&apos;s attempts at this problem <span className="muted small">({s.timeline.length})</span>
        </h2>
        <DataTable
          compact
          testId="timeline"
          rows={s.timeline}
          rowKey={(a) => a.id}
          rowProps={(a) => (a.id === s.id ? { "aria-current": "page", className: "review-current" } : {})}
          columns={[
            { header: "#", cell: (a) => a.number },
            {
              header: "When (UTC)",
              cell: (a) =>
                a.id === s.id ? (
                  <strong>{when(a.createdAt)}</strong>
                ) : (
                  <Link href={`/teach/submissions/${a.id}`} aria-label={`Open attempt ${a.number}`}>
                    {when(a.createdAt)}
                  </Link>
                ),
            },
            { header: "Language", cell: (a) => getLanguage(a.language)?.name ?? a.language },
            {
              header: "Result",
              cell: (a) => (
                <span className={`badge badge-${outcomeTone(a)}`} title={verdictLabel(a.verdict) ?? undefined}>
                  {attemptResult(a)}
                </span>
              ),
            },
            { header: "Score", className: "num", cell: (a) => (a.score != null && a.maxScore != null ? `${a.score}/${a.maxScore}` : "–") },
            { header: "CPU time", className: "num", cell: (a) => formatTime(a.maxCpuMs) },
            {
              header: "Change",
              className: "review-size",
              cell: (a) =>
                a.change ? (
                  <>
                    <span className="review-added">+{a.change.added}</span> <span className="review-removed">−{a.change.removed}</span>
                  </>
                ) : (
                  <span className="muted">first</span>
                ),
            },
            {
              header: "Compare",
              hiddenHeader: true,
              cell: (a) =>
                a.id !== s.id && (
                  <Link href={`/teach/submissions/${s.id}?against=${a.id}#diff`} className="small">
                    Diff<span className="visually-hidden"> with attempt {a.number}</span>
                  </Link>
                ),
            },
          ]}
        />
      </section>

      <section aria-labelledby="source" className="review-section">
        <h2 id="source">Code</h2>
        <div className="editor-frame editor-frame-readonly">
          <CodeEditor
            value={s.source}
            language={language?.editorLanguage ?? "plaintext"}
            label={`Source code (${language?.name ?? s.language}, read-only)`}
            readOnly
            height={`${Math.min(lines, MAX_EDITOR_LINES) * LINE_HEIGHT_PX + 16}px`}
            autoHeightMaxPx={MAX_EDITOR_LINES * LINE_HEIGHT_PX + 16}
          />
        </div>
      </section>

      {s.compileOutput.text && (
        <section aria-labelledby="compile" className="review-section">
          <h2 id="compile">Compiler output</h2>
          <Block title="" preview={s.compileOutput} testId="compile-output" />
        </section>
      )}
      {s.errorMessage && <pre className="output small">{s.errorMessage}</pre>}

      <section aria-labelledby="tests" className="review-section">
        <h2 id="tests">Tests</h2>
        {s.results.length === 0 ? (
          <p className="muted">No test ran{s.verdict === "CE" ? " (it did not compile)" : ""}.</p>
        ) : (
          s.results.map((r) => (
            <details key={r.position} className="details review-test" open={r.verdict !== "AC"} data-testid="review-test">
              <summary>
                Test #{r.position}
                {r.name ? ` (${r.name})` : ""} {r.isSample ? <span className="muted">sample</span> : <span className="muted">hidden</span>}{" "}
                <span className={`badge badge-${r.verdict === "AC" ? "ok" : "bad"}`} title={verdictDescription(r.verdict)}>
                  {verdictLabel(r.verdict)}
                </span>{" "}
                <span className="muted small">
                  CPU {formatTime(r.cpuMs)} · wall {formatTime(r.wallMs)} · {formatMemory(r.peakKb)}
                  {r.exitCode != null && r.exitCode !== 0 ? ` · exit ${r.exitCode}` : ""}
                  {r.signal ? ` · ${r.signal}` : ""}
                  {r.points != null ? ` · ${r.verdict === "AC" ? r.points : 0}/${r.points} points` : ""}
                </span>
              </summary>
              {r.checkerMessage && <p className="small">{r.checkerMessage}</p>}
              <div className="columns review-blocks">
                <Block title="Input" preview={r.input} />
                <Block title="Expected output" preview={r.expected} />
                <Block title="Program's output" preview={r.output} />
              </div>
              <Block title="Standard error" preview={r.stderr.text ? r.stderr : null} />
            </details>
          ))
        )}
        {s.results.length > 0 && s.results.length < s.testsTotal && (
          <p className="muted small">
            {s.testsTotal - s.results.length} later test{s.testsTotal - s.results.length === 1 ? "" : "s"} did not run (the judge stops at
            the first failure for this problem).
          </p>
        )}
      </section>
    </div>
  );
}
