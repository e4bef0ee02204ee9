import Link from "next/link";
import { FilterForm, FilterSelect } from "@/components/filter-select";
import { Options } from "@/components/options";
import { oneOf, param, queryString, type DynamicPageProps } from "@/app/_lib/search-params";
import { formatDateTime } from "@/lib/format";
import { serverApi } from "@/trpc/server";
import { formatShortUtc, orRefusal, Refusal } from "../../../_components/insights-ui";
import { TeachHead } from "../../../_components/teach-head";

export const metadata = { title: "Class progress" };

const SORTS = ["name", "most", "least"] as const;
type Sort = (typeof SORTS)[number];
const SORT_OPTIONS = [
  { value: "most", label: "Most solved first" },
  { value: "least", label: "Least solved first" },
];

type Progress = Awaited<ReturnType<typeof serverApi.insights.courseProgress>>;
type Student = Progress["students"][number];
type Cell = Student["cells"][number];

const tries = (n: number) => `${n} ${n === 1 ? "try" : "tries"}`;

function MatrixCell({ cell, href, setStart }: { cell: Cell; href: string; setStart: boolean }) {
  const edge = setStart ? " pm-set-start" : "";
  if (cell.status === "new")
    return (
      <td className={`pm-cell pm-new${edge}`}>
        <span aria-hidden="true">–</span>
        <span className="visually-hidden">Not started</span>
      </td>
    );
  const solved = cell.status === "solved";
  const partial = !solved && cell.bestScore && cell.maxScore ? `best ${cell.bestScore}/${cell.maxScore}` : null;
  return (
    <td className={`pm-cell ${solved ? "pm-solved" : "pm-tried"}${edge}`}>
      <Link href={href} title="Open these submissions">
        <span className="pm-status">
          <span aria-hidden="true">{solved ? "✓" : "✗"}</span> {solved ? "Solved" : "Tried"}
          {cell.late && <span className="badge badge-pending pm-late">Late</span>}
        </span>
        <span className="pm-detail">
          {tries(cell.attempts)}
          {cell.firstAcceptedAt && (
            <>
              {" · "}
              <time dateTime={cell.firstAcceptedAt.toISOString()} title={`First Accepted ${formatDateTime(cell.firstAcceptedAt)}`}>
                {formatShortUtc(cell.firstAcceptedAt)}
              </time>
            </>
          )}
          {partial && ` · ${partial}`}
        </span>
      </Link>
    </td>
  );
}

function sortStudents(students: Student[], sort: Sort) {
  if (sort === "name") return students;
  const dir = sort === "most" ? -1 : 1;
  return [...students].sort((a, b) => dir * (a.solved - b.solved) || dir * (a.attempted - b.attempted) || a.name.localeCompare(b.name));
}

export default async function ClassProgressPage({ params, searchParams }: DynamicPageProps<{ id: string }>) {
  const { id } = await params;
  const query = await searchParams;
  const result = await orRefusal(serverApi.insights.courseProgress({ courseId: id.slice(0, 64) }));
  if ("refused" in result) return <Refusal message={result.refused} back={{ href: "/teach", label: "Back to your courses" }} />;
  const { course, sets, columns: allColumns, students: allStudents } = result.data;
  const setId = param(query, "set", 64);
  const sort = oneOf(query, "sort", SORTS) ?? "name";
  const indexes = allColumns.flatMap((c, i) => (!setId || c.setId === setId ? [i] : []));
  const columns = indexes.map((i) => allColumns[i]!);
  const students = sortStudents(
    allStudents.map((s) => {
      const cells = indexes.map((i) => s.cells[i]!);
      return {
        ...s,
        cells,
        solved: cells.filter((c) => c.status === "solved").length,
        attempted: cells.filter((c) => c.status === "attempted").length,
      };
    }),
    sort,
  );
  const setStart = columns.map((c, i) => i === 0 || columns[i - 1]!.setId !== c.setId);
  const cellHref = (studentId: string, slug: string) =>
    `/teach/submissions${queryString({ course: course.id, student: studentId, problem: slug })}`;

  return (
    <div className="page">
      <TeachHead
        crumbs={[
          { href: "/teach", label: "Courses" },
          { href: `/teach/courses/${course.id}`, label: course.title },
        ]}
        title="Class progress"
      >
        <div className="teach-actions">
          <a href={`/teach/courses/${course.id}/gradebook.csv`} className="button button-secondary button-compact" download>
            Download gradebook (CSV)
          </a>
        </div>
      </TeachHead>

      <FilterForm key={`${setId}-${sort}`} label="Filter and sort the matrix">
        <FilterSelect label="Problem set" name="set" value={setId} options={sets.map((s) => ({ value: s.id, label: s.title }))} />
        <label>
          Sort
          <select name="sort" defaultValue={sort}>
            <option value="name">By name</option>
            <Options options={SORT_OPTIONS} />
          </select>
        </label>
      </FilterForm>

      {columns.length === 0 ? (
        <p className="muted">
          No problems in {setId ? "this problem set" : "this course"} yet. Add problems to a set on the{" "}
          <Link href={`/teach/courses/${course.id}`}>course page</Link>.
        </p>
      ) : students.length === 0 ? (
        <p className="muted">No students in this course yet.</p>
      ) : (
        <>
          <p className="muted small pm-legend">
            <span>✓ Solved</span> <span>✗ Tried, not solved yet</span> <span>– Not started</span>{" "}
            <span>
              <span className="badge badge-pending pm-late">Late</span> first Accepted (or best try) after the set&apos;s due date
            </span>{" "}
            <span>Times in UTC. A cell opens the student&apos;s submissions to that problem.</span>
          </p>
          <div className="table-wrap pm-wrap">
            <table className="table table-compact pm-matrix" data-testid="progress-matrix">
              <caption className="visually-hidden">
                Progress of {students.length} students on {columns.length} problems
              </caption>
              <thead>
                <tr>
                  <th scope="col" className="pm-student">
                    Student
                  </th>
                  <th scope="col" className="num">
                    Solved
                  </th>
                  {columns.map((c, i) => (
                    <th key={c.key} scope="col" className={setStart[i] ? "pm-set-start" : undefined}>
                      <span className="pm-set">
                        {c.setTitle}
                        {c.dueAt && <> · due {formatShortUtc(c.dueAt)}</>}
                      </span>
                      <Link
                        href={`/teach/problems/${c.slug}/stats${queryString({ course: course.id })}`}
                        title={`Statistics of ${c.title}`}
                      >
                        {c.title}
                      </Link>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {students.map((s) => (
                  <tr key={s.id}>
                    <th scope="row" className="pm-student">
                      <span className="pm-name">{s.name}</span>
                      <span className="pm-email">{s.email}</span>
                    </th>
                    <td className="num">
                      {s.solved}/{columns.length}
                    </td>
                    {s.cells.map((cell, i) => (
                      <MatrixCell key={columns[i]!.key} cell={cell} href={cellHref(s.id, columns[i]!.slug)} setStart={setStart[i]!} />
                    ))}
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" className="pm-student">
                    Solved by
                  </th>
                  <td />
                  {columns.map((c, i) => {
                    const solved = students.filter((s) => s.cells[i]!.status === "solved").length;
                    const tried = students.filter((s) => s.cells[i]!.status === "attempted").length;
                    return (
                      <td key={c.key} className={`pm-total${setStart[i] ? " pm-set-start" : ""}`}>
                        {solved} of {students.length}
                        {tried > 0 && <span className="pm-detail">{tried} still trying</span>}
                      </td>
                    );
                  })}
                </tr>
              </tfoot>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
