import Link from "next/link";
import { requireUser } from "@/app/_lib/session";
import { oneOf, param, positiveInt, queryString, type SearchParams } from "@/app/_lib/search-params";
import { DifficultyLabel, ProblemStatus, ProblemTitleCell } from "@/components/problem-status";
import { serverApi } from "@/trpc/server";
import { formatSeconds } from "@/lib/format";
import { FilterForm, FilterSelect } from "@/components/filter-select";
import { DataTable } from "@/components/data-table";

const STATUS_OPTIONS = [
  { value: "solved", label: "Solved" },
  { value: "attempted", label: "Attempted" },
  { value: "new", label: "New" },
] as const;
const DIFFICULTY_OPTIONS = [
  { value: "EASY", label: "Easy" },
  { value: "MEDIUM", label: "Medium" },
  { value: "HARD", label: "Hard" },
] as const;

export const metadata = { title: "Problems" };

const PAGE_SIZE = 50;
const STATUSES = ["solved", "attempted", "new"] as const;
const DIFFICULTIES = ["EASY", "MEDIUM", "HARD"] as const;

export default async function ProblemsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requireUser("/problems");
  const params = await searchParams;
  const filters = {
    search: param(params, "q"),
    courseId: param(params, "course", 64),
    status: oneOf(params, "status", STATUSES),
    difficulty: oneOf(params, "difficulty", DIFFICULTIES),
    tag: param(params, "tag", 50),
  };
  const page = positiveInt(params, "page", 1);
  const [result, courses, tags] = await Promise.all([
    serverApi.problem.list({ ...filters, page, pageSize: PAGE_SIZE }),
    serverApi.course.mine(),
    serverApi.problem.tags(),
  ]);
  const staff = user.role !== "STUDENT";
  const filtered = Object.values(filters).some(Boolean);
  const urlFor = (p: number) =>
    queryString({ q: filters.search, course: filters.courseId, status: filters.status, difficulty: filters.difficulty, tag: filters.tag, page: p > 1 ? p : undefined });

  return (
    <div className="page">
      <div className="page-head">
        <h1>Problems</h1>
        <span className="muted">
          {result.total.toLocaleString("en")} {result.total === 1 ? "problem" : "problems"}
        </span>
      </div>
      <FilterForm key={JSON.stringify(filters)} action="/problems" role="search" label="Filter problems" clearHref={filtered ? "/problems" : null}>
        <label className="grow">
          Search
          <input type="search" name="q" defaultValue={filters.search} placeholder="Title or slug" maxLength={100} />
        </label>
        {courses.length > 0 && (
          <FilterSelect label="Course" name="course" value={filters.courseId} options={courses.map((c) => ({ value: c.id, label: c.title }))} />
        )}
        <FilterSelect label="Status" name="status" value={filters.status} options={STATUS_OPTIONS} />
        <FilterSelect label="Difficulty" name="difficulty" value={filters.difficulty} options={DIFFICULTY_OPTIONS} />
        {tags.length > 0 && (
          <FilterSelect label="Tag" name="tag" value={filters.tag} options={tags.map((t) => ({ value: t, label: t }))} />
        )}
      </FilterForm>

      {result.items.length === 0 ? (
        <p className="empty">
          {filtered ? "No problem matches these filters." : `No problems yet.${staff ? " Create one under Teach → Problems." : ""}`}
        </p>
      ) : (
        <DataTable
          caption={
            <>
              Problems, page {result.page} of {result.pageCount}
            </>
          }
          rows={result.items}
          rowKey={(p) => p.id}
          columns={[
            { header: "Status", cell: (p) => <ProblemStatus status={p.status} /> },
            {
              header: "Title",
              rawCell: true,
              cell: (p) => <ProblemTitleCell slug={p.slug} title={p.title} tags={p.tags} id={`problem-${p.id}`} />,
            },
            { header: "Difficulty", cell: (p) => <DifficultyLabel difficulty={p.difficulty} /> },
            {
              header: "Acceptance",
              className: "num",
              cell: (p) => (
                <span title={`${p.judged} judged submissions`}>
                  {p.acceptanceRate === null ? <span className="muted">–</span> : `${(p.acceptanceRate * 100).toFixed(1)} %`}
                </span>
              ),
            },
            {
              header: "Limits",
              className: "num",
              cell: (p) => (
                <span className="muted">
                  {formatSeconds(p.timeLimitMs)} · {p.memoryLimitMb} MiB
                </span>
              ),
            },
            staff && { header: "Visibility", cell: (p) => <span className="muted">{p.visibility.toLowerCase()}</span> },
            {
              header: "Leaderboard",
              hiddenHeader: true,
              // Named "Best times", described by its row's title (keeps the title link's name unique).
              cell: (p) => (
                <Link href={`/leaderboard${queryString({ problem: p.slug })}`} className="small" aria-describedby={`problem-${p.id}`}>
                  Best times
                </Link>
              ),
            },
          ]}
        />
      )}
      {result.pageCount > 1 && (
        <nav className="pager" aria-label="Pages">
          {page > 1 && <Link href={`/problems${urlFor(page - 1)}`}>← Previous</Link>}
          <span className="current" aria-current="page">
            Page {result.page} of {result.pageCount}
          </span>
          {page < result.pageCount && <Link href={`/problems${urlFor(page + 1)}`}>Next →</Link>}
        </nav>
      )}
    </div>
  );
}
