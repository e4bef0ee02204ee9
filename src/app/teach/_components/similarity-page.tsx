"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { FilterSelect } from "@/components/filter-select";
import { getLanguage } from "@/judge/languages";
import { formatSimilarity } from "@/lib/similarity-highlight";
import { api, type RouterOutputs } from "@/trpc/react";
import { SimilarityPairView } from "./similarity-pair";
import { ErrorNote, formatLocal, withFormData } from "./ui";
import { TeachHead } from "./teach-head";
import { DataTable } from "@/components/data-table";

type Overview = RouterOutputs["similarity"]["overview"];
type Report = RouterOutputs["similarity"]["report"];

const languageName = (id: string) => getLanguage(id)?.name ?? id;

/** Similarity (plagiarism) reports of one problem: run one, follow it, read its pairs. */
export function SimilarityPage({ slug, reportId, pairId }: { slug: string; reportId: string | null; pairId: string | null }) {
  const overview = api.similarity.overview.useQuery({ slug });
  if (overview.isLoading) return <p className="muted">Loading…</p>;
  if (overview.error || !overview.data) return <ErrorNote error={overview.error ?? new Error("Problem not found.")} />;
  const o = overview.data;
  const shownId = reportId ?? o.reports[0]?.id ?? null;
  const base = `/teach/problems/${o.problem.slug}/similarity`;
  return (
    <div className="page similarity">
      <TeachHead
        crumbs={[
          { href: "/teach/problems", label: "Problems" },
          { href: `/teach/problems/${o.problem.slug}`, label: o.problem.title },
        ]}
        title="Similarity"
      />
      {pairId ? (
        <SimilarityPairView pairId={pairId} backHref={`${base}?report=${shownId ?? ""}`} />
      ) : (
        <>
          <StartForm overview={o} base={base} />
          {o.reports.length > 1 && <ReportHistory overview={o} shownId={shownId} base={base} />}
          {shownId ? <ReportView reportId={shownId} base={base} /> : <p className="muted">No report yet for this problem.</p>}
        </>
      )}
    </div>
  );
}

function StartForm({ overview: o, base }: { overview: Overview; base: string }) {
  const router = useRouter();
  const utils = api.useUtils();
  const start = api.similarity.start.useMutation({
    onSuccess: async (r) => {
      await utils.similarity.overview.invalidate();
      router.push(`${base}?report=${r.id}`);
    },
  });
  const courses = [...o.courses].sort((a, b) => Number(b.hasProblem) - Number(a.hasProblem));
  return (
    <form
      className="card teach-grid-form"
      aria-labelledby="similarity-start"
      onSubmit={withFormData((f) => {
        start.mutate({
          problemId: o.problem.id,
          courseId: String(f.get("course") ?? "") || null,
          onlyAccepted: f.get("which") !== "latest",
        });
      })}
    >
      <h2 id="similarity-start" className="teach-form-title">
        Compare students&apos; code
      </h2>
      <FilterSelect
        label="Course"
        name="course"
        value={courses.find((c) => c.hasProblem)?.id ?? null}
        options={courses.map((c) => ({ value: c.id, label: `${c.title}${c.archived ? " (archived)" : ""}` }))}
      />
      <label>
        Submissions
        <select name="which" defaultValue="accepted">
          <option value="accepted">Latest accepted per student</option>
          <option value="latest">Latest per student</option>
        </select>
      </label>
      <div>
        <button className="button" disabled={start.isPending}>
          {start.isPending ? "Starting…" : "Run report"}
        </button>
      </div>
      <p className="muted small similarity-hint">
        &ldquo;All&rdquo; covers {o.seesAllStudents ? "every student who submitted" : "the students of your courses"}. Each language is
        compared separately; the problem&apos;s starter code does not count as similar.
      </p>
      <ErrorNote error={start.error} />
    </form>
  );
}

function ReportHistory({ overview: o, shownId, base }: { overview: Overview; shownId: string | null; base: string }) {
  return (
    <details className="card similarity-history">
      <summary>Earlier reports ({o.reports.length})</summary>
      <ul>
        {o.reports.map((r) => (
          <li key={r.id}>
            <Link href={`${base}?report=${r.id}`} aria-current={r.id === shownId ? "true" : undefined}>
              {formatLocal(r.createdAt)}
            </Link>{" "}
            <span className="muted">
              — {r.course?.title ?? "all students"}, {r.onlyAccepted ? "accepted" : "latest"}, {r.status.toLowerCase()}
            </span>
          </li>
        ))}
      </ul>
    </details>
  );
}

function ReportView({ reportId, base }: { reportId: string; base: string }) {
  const report = api.similarity.report.useQuery(
    { reportId },
    { refetchInterval: (q) => (q.state.data && (q.state.data.status === "QUEUED" || q.state.data.status === "RUNNING") ? 1000 : false) },
  );
  if (report.isLoading) return <p className="muted">Loading…</p>;
  if (report.error || !report.data) return <ErrorNote error={report.error ?? new Error("Report not found.")} />;
  const r = report.data;
  return (
    <section className="card" aria-labelledby="similarity-report">
      <div className="teach-head">
        <h2 id="similarity-report" className="teach-form-title">
          Report of {formatLocal(r.createdAt)}
        </h2>
        <span className="muted small">
          {r.course?.title ?? "All students"} · {r.onlyAccepted ? "latest accepted submissions" : "latest submissions"}
        </span>
      </div>
      {r.status === "QUEUED" || r.status === "RUNNING" ? (
        <div aria-live="polite">
          <p>
            {r.status === "QUEUED" ? "Waiting for a worker…" : "Comparing…"}{" "}
            <strong data-testid="similarity-progress">{r.progress}%</strong>
          </p>
          <progress max={100} value={r.progress} aria-label="Report progress" />
        </div>
      ) : r.status === "FAILED" ? (
        <p className="form-error" role="alert">
          The report failed{r.error ? `: ${r.error}` : "."}
        </p>
      ) : (
        <ReportResults report={r} base={base} />
      )}
    </section>
  );
}

function ReportResults({ report: r, base }: { report: Report; base: string }) {
  return (
    <>
      <p className="muted">
        {r.submissions} submission{r.submissions === 1 ? "" : "s"} compared
        {r.languages.length > 0 && ` (${r.languages.map((l) => `${languageName(l.language)}: ${l.files}`).join(", ")})`}.
      </p>
      {r.languages
        .filter((l) => l.message)
        .map((l) => (
          <p key={l.language} className={l.available ? "muted small" : "teach-note"} role={l.available ? undefined : "status"}>
            {languageName(l.language)}: {l.message}
          </p>
        ))}
      {r.languages.some((l) => l.stored < l.pairs) && <p className="muted small">Only the most similar pairs of each language are kept.</p>}
      {r.pairs.length === 0 ? (
        <p className="muted">No pairs to show: fewer than two students per language.</p>
      ) : (
        <DataTable
          compact
          testId="similarity-pairs"
          rows={r.pairs}
          rowKey={(p) => p.id}
          rowProps={() => ({ "data-testid": "similarity-pair" })}
          columns={[
            { header: "#", className: "muted similarity-wide-only", headerClassName: "similarity-wide-only", cell: (_, i) => i + 1 },
            {
              header: "Students",
              className: "similarity-students",
              cell: (p) => (
                <>
                  <Link href={`/teach/submissions/${p.leftSubmission.id}`}>{p.leftSubmission.user.name}</Link>
                  <span className="muted"> & </span>
                  <Link href={`/teach/submissions/${p.rightSubmission.id}`}>{p.rightSubmission.user.name}</Link>
                </>
              ),
            },
            { header: "Language", cell: (p) => languageName(p.language) },
            {
              header: "Similarity",
              cell: (p) => (
                <span className="similarity-score" data-level={p.similarity >= 0.75 ? "high" : p.similarity >= 0.4 ? "mid" : "low"}>
                  <span className="similarity-bar" style={{ width: `${Math.round(p.similarity * 100)}%` }} aria-hidden />
                  <span>{formatSimilarity(p.similarity)}</span>
                </span>
              ),
            },
            { header: "Longest", headerProps: { title: "Longest shared fragment, in k-grams (runs of tokens)" }, cell: (p) => p.longest },
            {
              header: "Overlap",
              className: "similarity-wide-only",
              headerProps: { title: "Shared k-grams in total" },
              cell: (p) => p.overlap,
            },
            {
              header: "Compare",
              hiddenHeader: true,
              cell: (p) => (
                <Link className="button button-secondary button-compact" href={`${base}?report=${r.id}&pair=${p.id}`}>
                  Compare
                </Link>
              ),
            },
          ]}
        />
      )}
    </>
  );
}
