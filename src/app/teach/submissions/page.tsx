import { TRPCError } from "@trpc/server";
import Link from "next/link";
import type { ReactNode } from "react";
import { DataTable, type Column } from "@/components/data-table";
import { param, queryString, type SearchParams } from "@/app/_lib/search-params";
import { FilterForm, FilterSelect, LANGUAGE_OPTIONS } from "@/components/filter-select";
import { getLanguage } from "@/judge/languages";
import { VERDICTS } from "@/judge/verdicts";
import { formatDateTime } from "@/lib/format";
import { formatTime, outcomeLabel, outcomeTone, verdictLabel } from "@/lib/verdict";
import { CSV_ROW_LIMIT, type ReviewSort } from "@/server/services/review-service";
import { serverApi } from "@/trpc/server";
import { reviewFiltersFromParams, reviewParams, type ReviewPageFilters } from "./filters";

export const metadata = { title: "Submissions · Teach" };

const PAGE_SIZE = 50;
const VERDICT_OPTIONS = VERDICTS.map((v) => ({ value: v, label: verdictLabel(v) ?? v }));

const COLUMNS: { sort: ReviewSort; label: string; num?: boolean }[] = [
  { sort: "time", label: "When (UTC)" },
  { sort: "student", label: "Student" },
  { sort: "problem", label: "Problem" },
  { sort: "verdict", label: "Result" },
  { sort: "score", label: "Score", num: true },
  { sort: "cpu", label: "CPU time", num: true },
];

type ReviewRow = Awaited<ReturnType<typeof serverApi.review.list>>["items"][number];

/** A column whose header sorts the list by it (again: the other way round). */
function sortColumn(column: (typeof COLUMNS)[number], filters: ReviewPageFilters, cell: (s: ReviewRow) => ReactNode): Column<ReviewRow> {
  const active = filters.sort === column.sort;
  // Time and numbers start high → low; names start A → Z.
  const firstDir = column.sort === "student" || column.sort === "problem" || column.sort === "verdict" ? "asc" : "desc";
  const dir = active ? (filters.dir === "asc" ? "desc" : "asc") : firstDir;
  const href = `/teach/submissions${queryString(reviewParams({ ...filters, sort: column.sort, dir }))}`;
  return {
    header: (
      <Link href={href} className="sort-link">
        {column.label}
        <span aria-hidden className="sort-mark">
          {active ? (filters.dir === "asc" ? " ▲" : " ▼") : ""}
        </span>
      </Link>
    ),
    className: column.num ? "num" : undefined,
    headerProps: { "aria-sort": active ? (filters.dir === "asc" ? "ascending" : "descending") : undefined },
    cell,
  };
}

export default async function ReviewListPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const filters = reviewFiltersFromParams(params);
  const cursor = param(params, "cursor", 64);
  let data;
  try {
    data = await Promise.all([
      serverApi.review.list({ ...filters, cursor: cursor ?? null, limit: PAGE_SIZE }),
      serverApi.review.filterOptions({ courseId: filters.courseId, userId: filters.userId }),
    ]);
  } catch (error) {
    if (!(error instanceof TRPCError) || !["FORBIDDEN", "NOT_FOUND", "BAD_REQUEST"].includes(error.code)) throw error;
    return (
      <div className="page">
        <h1>Submissions</h1>
        <p className="form-error" role="alert">
          {error.message} <Link href="/teach/submissions">Show all your students&apos; submissions</Link>
        </p>
      </div>
    );
  }
  const [page, options] = data;
  const query = reviewParams(filters);
  const filtered = Object.entries(query).some(([k, v]) => v && k !== "sort" && k !== "dir");
  const cells: Record<ReviewSort, (s: ReviewRow) => ReactNode> = {
    time: (s) => (
      <Link href={`/teach/submissions/${s.id}`} aria-label={`Open ${s.user.name}'s submission of ${formatDateTime(s.createdAt)}`}>
        <time dateTime={s.createdAt.toISOString()}>{formatDateTime(s.createdAt).replace(" UTC", "")}</time>
      </Link>
    ),
    student: (s) => (
      <Link href={`/teach/submissions${queryString({ ...query, student: s.user.id })}`} title={s.user.email}>
        {s.user.name}
      </Link>
    ),
    problem: (s) =>
      s.problem ? (
        <Link href={`/teach/submissions${queryString({ ...query, problem: s.problem.slug })}`}>{s.problem.title}</Link>
      ) : (
        <span className="muted">–</span>
      ),
    verdict: (s) => (
      <Link href={`/teach/submissions/${s.id}`} className={`badge badge-${outcomeTone(s)}`}>
        {outcomeLabel(s)}
      </Link>
    ),
    score: (s) => (s.score != null && s.maxScore != null ? `${s.score}/${s.maxScore}` : "–"),
    cpu: (s) => formatTime(s.maxCpuMs),
  };
  const columns: Column<ReviewRow>[] = [
    ...COLUMNS.map((c) => sortColumn(c, filters, cells[c.sort])),
    { header: "Language", cell: (s) => getLanguage(s.language)?.name ?? s.language },
  ];

  return (
    <div className="page">
      <div className="page-head">
        <h1>Submissions</h1>
        <span className="muted small">Your courses&apos; students and your problems. Custom runs are not listed.</span>
      </div>
      {/* Keyed by the filters: a client-side navigation to other filters must reset the fields. */}
      <FilterForm
        key={JSON.stringify(filters)}
        action="/teach/submissions"
        label="Filter submissions"
        clearHref={filtered ? "/teach/submissions" : null}
      >
        <FilterSelect
          label="Course"
          name="course"
          value={filters.courseId}
          options={options.courses.map((c) => ({ value: c.id, label: c.title }))}
        />
        <FilterSelect
          label="Student"
          name="student"
          value={filters.userId}
          options={options.students.map((s) => ({ value: s.id, label: `${s.name} (${s.email})` }))}
        />
        <FilterSelect
          label="Problem"
          name="problem"
          value={filters.problemSlug}
          options={options.problems.map((p) => ({ value: p.slug, label: p.title }))}
        />
        <FilterSelect label="Language" name="language" value={filters.language} options={LANGUAGE_OPTIONS} />
        <FilterSelect label="Verdict" name="verdict" value={filters.verdict} options={VERDICT_OPTIONS} />
        <label>
          From
          <input type="date" name="from" defaultValue={filters.from ?? ""} />
        </label>
        <label>
          To
          <input type="date" name="to" defaultValue={filters.to ?? ""} />
        </label>
        {query.sort && <input type="hidden" name="sort" value={query.sort} />}
        {query.dir && <input type="hidden" name="dir" value={query.dir} />}
      </FilterForm>
      <p className="review-export small">
        <a href={`/teach/submissions/export${queryString(query)}`} download>
          Download this list as CSV
        </a>{" "}
        <span className="muted">(every page, up to {CSV_ROW_LIMIT.toLocaleString("en")} rows; dates in UTC)</span>
      </p>
      {page.items.length === 0 ? (
        <p className="empty">{filtered || cursor ? "No submission matches these filters." : "No submissions from your students yet."}</p>
      ) : (
        <DataTable compact testId="review-list" caption="Submissions" rows={page.items} rowKey={(s) => s.id} columns={columns} />
      )}
      {(cursor || page.nextCursor) && (
        <nav className="pager" aria-label="Pages">
          {cursor && <Link href={`/teach/submissions${queryString(query)}`}>↑ First page</Link>}
          {page.nextCursor && (
            <Link href={`/teach/submissions${queryString({ ...query, cursor: page.nextCursor })}`}>Next {PAGE_SIZE} →</Link>
          )}
        </nav>
      )}
    </div>
  );
}
