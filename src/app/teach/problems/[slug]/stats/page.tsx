import { FilterForm, FilterSelect } from "@/components/filter-select";
import { param, type DynamicPageProps } from "@/app/_lib/search-params";
import { formatMemory, formatTime } from "@/lib/verdict";
import { serverApi } from "@/trpc/server";
import { orRefusal, Refusal } from "../../../_components/insights-ui";
import { AttemptsChart, LanguageVerdictChart, ResourceCharts, VerdictChart } from "../../../_components/problem-stats-charts";
import "../../../../ide.css";
import { TeachHead } from "../../../_components/teach-head";
import { DataTable } from "@/components/data-table";

export const metadata = { title: "Problem statistics" };

const pct = (v: number | null) => (v == null ? "–" : `${v.toLocaleString("en", { maximumFractionDigits: 1 })} %`);
/** Counts keep one decimal (a median of 1.5 tries); times and sizes are whole ms / KiB. */
const num = (v: number | null, unit?: (n: number) => string) => (v == null ? "–" : unit ? unit(Math.round(v)) : String(Math.round(v * 10) / 10));

export default async function ProblemStatsPage({ params, searchParams }: DynamicPageProps<{ slug: string }>) {
  const { slug } = await params;
  const courseId = param(await searchParams, "course", 64);
  const result = await orRefusal(serverApi.insights.problemStats({ slug: slug.slice(0, 64), courseId }));
  if ("refused" in result) return <Refusal message={result.refused} back={{ href: "/teach", label: "Back to the teacher workspace" }} />;
  const s = result.data;
  const who = s.scope.course
    ? `Students of ${s.scope.course.title}`
    : s.scope.allStudents
      ? "Every student"
      : "Students of your courses";

  return (
    <div className="page">
      <TeachHead
        crumbs={
          s.problem.isAuthor
            ? [
                { href: "/teach/problems", label: "Problems" },
                { href: `/teach/problems/${s.problem.slug}`, label: s.problem.title },
              ]
            : [
                { href: "/teach", label: "Courses" },
                { href: `/problems/${s.problem.slug}`, label: s.problem.title },
              ]
        }
        title={`Statistics: ${s.problem.title}`}
      />

      {s.courses.length > 0 && (
        <FilterForm key={courseId ?? ""} label="Choose whose submissions count">
          <FilterSelect label="Course" name="course" value={courseId} options={s.courses.map((c) => ({ value: c.id, label: c.title }))} />
        </FilterForm>
      )}
      <p className="muted small">
        {who}; submissions to the problem&apos;s tests only (custom runs and reference solutions do not count). Acceptance rate: Accepted
        among judged submissions.
      </p>

      <dl className="stats" data-testid="problem-stats">
        <div className="stat">
          <dt>Submissions</dt>
          <dd>{s.attempts}</dd>
        </div>
        <div className="stat">
          <dt>Students tried</dt>
          <dd>{s.students}</dd>
        </div>
        <div className="stat">
          <dt>Solved</dt>
          <dd>
            {s.solved} <span className="muted small">({pct(s.solveRate)})</span>
          </dd>
        </div>
        <div className="stat">
          <dt>Acceptance rate</dt>
          <dd>{pct(s.acceptanceRate)}</dd>
        </div>
        <div className="stat">
          <dt>Median tries to AC</dt>
          <dd>{num(s.medianAttemptsToAc)}</dd>
        </div>
      </dl>

      {s.attempts === 0 ? (
        <p className="muted">No submissions yet.</p>
      ) : (
        <>
          <div className="columns ps-grid">
            <VerdictChart verdicts={s.verdicts} />
            <AttemptsChart data={s.attemptsToAc} median={s.medianAttemptsToAc} />
          </div>

          <section aria-labelledby="languages-heading">
            <h2 id="languages-heading">Per language</h2>
            <DataTable
              compact
              className="ps-table"
              testId="language-table"
              rows={s.languages}
              rowKey={(l) => l.language}
              columns={[
                { header: "Language", rawCell: true, cell: (l) => <th scope="row">{l.name}</th> },
                { header: "Submissions", className: "num", cell: (l) => l.attempts },
                { header: "Students", className: "num", cell: (l) => l.students },
                { header: "Solved", className: "num", cell: (l) => l.solved },
                { header: "Acceptance", className: "num", cell: (l) => pct(l.acceptanceRate) },
                { header: "Median tries", className: "num", cell: (l) => num(l.medianAttemptsToAc) },
                {
                  header: "CPU median / p90",
                  className: "num",
                  cell: (l) => (
                    <>
                      {num(l.cpuMs.median, formatTime)} / {num(l.cpuMs.p90, formatTime)}
                    </>
                  ),
                },
                {
                  header: "Memory median / p90",
                  className: "num",
                  cell: (l) => (
                    <>
                      {num(l.peakKb.median, formatMemory)} / {num(l.peakKb.p90, formatMemory)}
                    </>
                  ),
                },
              ]}
            />
            <div className="ps-language">
              <LanguageVerdictChart languages={s.languages} />
            </div>
            {s.languages.map((l) => (
              <section key={l.language} className="card ps-language" aria-label={`Accepted ${l.name} submissions`}>
                <h3>{l.name}: accepted submissions</h3>
                <ResourceCharts language={l} />
              </section>
            ))}
            <p className="muted small">CPU time and memory from the newest {s.sampleLimit.toLocaleString("en")} accepted submissions at most.</p>
          </section>
        </>
      )}
    </div>
  );
}
