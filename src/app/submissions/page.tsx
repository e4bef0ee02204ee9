import Link from "next/link";
import { requireUser } from "@/app/_lib/session";
import { oneOf, param, queryString, type SearchParams } from "@/app/_lib/search-params";
import { formatMemory, formatTime, outcomeLabel, outcomeTone, verdictLabel } from "@/lib/verdict";
import { getLanguage, LANGUAGE_IDS } from "@/judge/languages";
import { VERDICTS } from "@/judge/verdicts";
import { formatDateTime } from "@/lib/format";
import { serverApi } from "@/trpc/server";
import { FilterForm, FilterSelect, LANGUAGE_OPTIONS } from "@/components/filter-select";
import { Options } from "@/components/options";
import { DataTable } from "@/components/data-table";

export const metadata = { title: "My submissions" };

const PAGE_SIZE = 25;

export default async function SubmissionsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireUser("/submissions");
  const params = await searchParams;
  const filters = {
    problem: param(params, "problem", 64),
    language: oneOf(params, "language", LANGUAGE_IDS),
    verdict: oneOf(params, "verdict", VERDICTS),
  };
  const cursor = param(params, "cursor", 64);
  const [page, problems] = await Promise.all([
    serverApi.submission.mine({
      limit: PAGE_SIZE,
      cursor: cursor ?? null,
      problemSlug: filters.problem,
      language: filters.language,
      verdict: filters.verdict,
    }),
    serverApi.submission.myProblems(),
  ]);
  const filtered = Object.values(filters).some(Boolean);
  const withFilters = (extra: Record<string, string | undefined> = {}) => `/submissions${queryString({ ...filters, ...extra })}`;

  return (
    <div className="page">
      <div className="page-head">
        <h1>My submissions</h1>
        <span className="muted small">Custom runs are not listed here.</span>
      </div>
      {/* Keyed by the filters: a client-side navigation to other filters must reset the fields. */}
      <FilterForm
        key={JSON.stringify(filters)}
        action="/submissions"
        label="Filter submissions"
        clearHref={filtered ? "/submissions" : null}
      >
        <label className="grow">
          Problem
          <select name="problem" defaultValue={filters.problem ?? ""}>
            <option value="">All problems</option>
            <Options options={problems.map((p) => ({ value: p.slug, label: p.title }))} />
          </select>
        </label>
        <FilterSelect label="Language" name="language" value={filters.language} options={LANGUAGE_OPTIONS} />
        <FilterSelect
          label="Verdict"
          name="verdict"
          value={filters.verdict}
          options={VERDICTS.map((v) => ({ value: v, label: verdictLabel(v) ?? v }))}
        />
      </FilterForm>
      {page.items.length === 0 ? (
        <p className="empty">
          {filtered || cursor ? (
            "No submission matches these filters."
          ) : (
            <>
              Nothing here yet. Pick a problem from <Link href="/problems">the list</Link>.
            </>
          )}
        </p>
      ) : (
        <DataTable
          caption="My submissions, newest first"
          rows={page.items}
          rowKey={(s) => s.id}
          columns={[
            {
              header: "When (UTC)",
              cell: (s) => (
                <Link
                  href={`/submissions/${s.id}`}
                  aria-label={`Open submission of ${s.createdAt.toISOString().slice(0, 16).replace("T", " ")}`}
                >
                  <time dateTime={s.createdAt.toISOString()}>{formatDateTime(s.createdAt)}</time>
                </Link>
              ),
            },
            {
              header: "Problem",
              cell: (s) =>
                s.problem ? <Link href={`/problems/${s.problem.slug}`}>{s.problem.title}</Link> : <span className="muted">–</span>,
            },
            { header: "Language", cell: (s) => getLanguage(s.language)?.name ?? s.language },
            {
              header: "Result",
              cell: (s) => (
                <Link href={`/submissions/${s.id}`} className={`badge badge-${outcomeTone(s)}`}>
                  {outcomeLabel(s)}
                  {s.maxScore != null && s.score != null && s.verdict !== "CE" ? ` · ${s.score}/${s.maxScore}` : ""}
                </Link>
              ),
            },
            { header: "CPU time", className: "num", cell: (s) => formatTime(s.maxCpuMs) },
            { header: "Memory", className: "num", cell: (s) => formatMemory(s.maxPeakKb) },
          ]}
        />
      )}
      {(cursor || page.nextCursor) && (
        <nav className="pager" aria-label="Pages">
          {cursor && <Link href={withFilters()}>↑ Newest</Link>}
          {page.nextCursor && <Link href={withFilters({ cursor: page.nextCursor })}>Older →</Link>}
        </nav>
      )}
    </div>
  );
}
