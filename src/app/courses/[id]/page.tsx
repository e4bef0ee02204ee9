import Link from "next/link";
import { orNotFound } from "@/app/_lib/not-found";
import { requireUser } from "@/app/_lib/session";
import { formatDateTime } from "@/lib/format";
import { queryString } from "@/app/_lib/search-params";
import { CourseProgress } from "@/components/course-progress";
import { DataTable } from "@/components/data-table";
import { DifficultyLabel, ProblemStatus, ProblemTitleCell } from "@/components/problem-status";
import { serverApi } from "@/trpc/server";

export const metadata = { title: "Course" };

export default async function CoursePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireUser(`/courses/${encodeURIComponent(id)}`);
  const course = await orNotFound(serverApi.course.byId({ id: id.slice(0, 64) }));
  const sets = await serverApi.course.problemSets({ courseId: course.id });
  return (
    <div className="page">
      <p className="small" style={{ margin: "0 0 0.5rem" }}>
        <Link href="/courses">← Courses</Link>
      </p>
      <div className="page-head">
        <h1>{course.title}</h1>
        <Link href={`/leaderboard${queryString({ course: course.id })}`}>Course leaderboard →</Link>
      </div>
      <p className="muted" style={{ marginTop: 0 }}>
        Teacher: {course.teacher} · {course.students} {course.students === 1 ? "student" : "students"}
        {course.joinCode ? ` · join code ${course.joinCode}` : ""}
      </p>
      <div style={{ maxWidth: "28rem", marginBottom: "1.25rem" }}>
        <CourseProgress solved={course.solved} attempted={course.attempted} total={course.problems.length} />
      </div>
      {sets.length > 0 && (
        <section aria-labelledby="sets-heading">
          <h2 id="sets-heading">Problem sets</h2>
          <ul className="problem-sets" data-testid="course-problem-sets">
            {sets.map((set) => (
              <li key={set.id} className="card">
                <h3 style={{ margin: 0 }}>{set.title}</h3>
                <p className="muted small" style={{ margin: "0.25rem 0 0.5rem" }}>
                  {set.dueAt ? (
                    <>
                      Due <time dateTime={set.dueAt.toISOString()}>{formatDateTime(set.dueAt)}</time>
                      {set.closed ? " · closed" : set.allowLate ? " · late work accepted (marked late)" : ""}
                    </>
                  ) : (
                    "No due date"
                  )}
                  {` · ${set.solved} of ${set.problems.length} solved`}
                </p>
                <ol>
                  {set.problems.map((p) => (
                    <li key={p.id}>
                      <Link href={`/problems/${p.slug}`}>{p.title}</Link>{" "}
                      <span className="muted small">
                        {p.progress === "solved"
                          ? "· solved"
                          : p.progress === "solved-late"
                            ? "· solved late"
                            : p.progress === "attempted"
                              ? "· attempted"
                              : "· not started"}
                      </span>
                    </li>
                  ))}
                </ol>
              </li>
            ))}
          </ul>
        </section>
      )}
      <h2>Problems</h2>
      {course.problems.length === 0 ? (
        <p className="empty">No problems in this course yet.</p>
      ) : (
        <DataTable
          testId="course-problems"
          caption={<>Problems of {course.title}, in the course&apos;s order</>}
          rows={course.problems}
          rowKey={(p) => p.id}
          columns={[
            { header: "#", className: "num", cell: (_, i) => <span className="muted">{i + 1}</span> },
            { header: "Problem", rawCell: true, cell: (p) => <ProblemTitleCell slug={p.slug} title={p.title} tags={p.tags} /> },
            { header: "Difficulty", cell: (p) => <DifficultyLabel difficulty={p.difficulty} /> },
            { header: "Your progress", cell: (p) => <ProblemStatus status={p.status} /> },
          ]}
        />
      )}
    </div>
  );
}
