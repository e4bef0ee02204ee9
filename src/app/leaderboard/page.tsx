import Link from "next/link";
import { notFound } from "next/navigation";
import { TRPCError } from "@trpc/server";
import { requireUser } from "@/app/_lib/session";
import { oneOf, param, queryString, type SearchParams } from "@/app/_lib/search-params";
import { formatMemory, formatTime } from "@/lib/verdict";
import { getLanguage, LANGUAGE_IDS } from "@/judge/languages";
import { serverApi } from "@/trpc/server";
import { FilterForm, FilterSelect, LANGUAGE_OPTIONS } from "@/components/filter-select";
import { DataTable, type Column } from "@/components/data-table";

export const metadata = { title: "Leaderboard" };

/** 404 for a course or problem the student may not see (the API says NOT_FOUND). */
function notFoundOnMissing(error: unknown): never {
  if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
  throw error;
}

const You = () => <span className="you">you</span>;

export default async function LeaderboardPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireUser("/leaderboard");
  const params = await searchParams;
  const courseId = param(params, "course", 64);
  const problemSlug = param(params, "problem", 64);
  const language = oneOf(params, "language", LANGUAGE_IDS);
  const courses = await serverApi.course.mine();

  const tabs = (
    <nav aria-label="Leaderboards">
      <ul className="tabs">
        <li>
          <Link href="/leaderboard" aria-current={!courseId && !problemSlug ? "page" : undefined}>
            Global
          </Link>
        </li>
        {courses.map((c) => (
          <li key={c.id}>
            <Link href={`/leaderboard${queryString({ course: c.id })}`} aria-current={courseId === c.id ? "page" : undefined}>
              {c.title}
            </Link>
          </li>
        ))}
        {problemSlug && (
          <li>
            <Link href={`/leaderboard${queryString({ problem: problemSlug })}`} aria-current="page">
              Problem
            </Link>
          </li>
        )}
      </ul>
    </nav>
  );

  if (problemSlug) {
    const board = await serverApi.leaderboard.problem({ problemSlug, language }).catch(notFoundOnMissing);
    return (
      <div className="page">
        <div className="page-head">
          <h1>Fastest accepted: {board.problem.title}</h1>
          <Link href={`/problems/${board.problem.slug}`}>Open the problem →</Link>
        </div>
        {tabs}
        <FilterForm key={language ?? ""} action="/leaderboard" label="Filter by language">
          <input type="hidden" name="problem" value={board.problem.slug} />
          <FilterSelect label="Language" name="language" value={language} options={LANGUAGE_OPTIONS} />
        </FilterForm>
        <p className="rules">
          Each student&apos;s best Accepted CPU time and best peak memory, per language (the two bests may come from different submissions).
          Fastest first; equal times share a rank.
        </p>
        {board.rows.length === 0 ? (
          <p className="empty">Nobody has solved this problem yet{language ? " in this language" : ""}.</p>
        ) : (
          <DataTable
            testId="leaderboard"
            caption={<>Fastest accepted submissions for {board.problem.title}</>}
            rows={board.rows}
            rowKey={(r, i) => `${r.rank}-${i}`}
            rowProps={meRow}
            columns={[
              rankColumn,
              studentColumn,
              { header: "Language", cell: (r) => getLanguage(r.language)?.name ?? r.language },
              { header: "Best CPU time", className: "num", cell: (r) => formatTime(r.bestCpuMs) },
              { header: "Best memory", className: "num", cell: (r) => formatMemory(r.bestPeakKb) },
            ]}
          />
        )}
      </div>
    );
  }

  const courseBoard = courseId ? await serverApi.leaderboard.course({ courseId }).catch(notFoundOnMissing) : null;
  const board = courseBoard ?? (await serverApi.leaderboard.global());
  const title = courseBoard ? courseBoard.course.title : "All students";
  return (
    <div className="page">
      <div className="page-head">
        <h1>Leaderboard</h1>
        <span className="muted">
          {title} · {board.problems} {board.problems === 1 ? "problem" : "problems"}
        </span>
      </div>
      {tabs}
      <details className="rules">
        <summary>How the ranking works</summary>
        <p>
          More problems solved ranks higher. Ties are broken by <strong>penalty</strong> (lower is better), as in ICPC: for every solved
          problem, the whole minutes from your first submission to that problem until your first Accepted one, plus 20 minutes for each
          rejected submission before it (Wrong Answer, Time/Memory/Output Limit Exceeded, Runtime Error; Compilation Errors are free).
          Unsolved problems cost nothing. Custom runs never count.{" "}
          {courseBoard ? "Only the course's problems and enrolled students count." : "Only public problems count here."}
        </p>
      </details>
      {board.rows.length === 0 ? (
        <p className="empty">No submissions yet.</p>
      ) : (
        <DataTable
          testId="leaderboard"
          caption={<>Leaderboard: {title}</>}
          rows={board.rows}
          rowKey={(r, i) => `${r.rank}-${i}`}
          rowProps={meRow}
          before={(r, i) =>
            i > 0 &&
            r.isMe &&
            i === board.rows.length - 1 &&
            i >= board.limit && (
              <tr className="gap-row">
                <td colSpan={5}>…</td>
              </tr>
            )
          }
          columns={[
            rankColumn,
            studentColumn,
            { header: "Solved", className: "num", cell: (r) => r.solved },
            { header: "Attempted", className: "num", cell: (r) => r.attempted },
            {
              header: "Penalty",
              className: "num",
              cell: (r) => (
                <span title={`${r.penaltyMinutes.toLocaleString("en")} minutes`}>{r.penaltyMinutes.toLocaleString("en")} min</span>
              ),
            },
          ]}
        />
      )}
    </div>
  );
}

type BoardRow = { rank: number; name: string; isMe: boolean };
const meRow = (r: BoardRow) => (r.isMe ? { className: "row-me", "aria-current": "true" as const } : {});
const rankColumn: Column<BoardRow> = { header: "Rank", className: "num", cell: (r) => r.rank };
const studentColumn: Column<BoardRow> = {
  header: "Student",
  cell: (r) => (
    <>
      {r.name}
      {r.isMe && <You />}
    </>
  ),
};
