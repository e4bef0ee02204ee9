import Link from "next/link";
import { requireUser } from "@/app/_lib/session";
import { CourseProgress } from "@/components/course-progress";
import { JoinCourseForm } from "@/components/join-course-form";
import { serverApi } from "@/trpc/server";

export const metadata = { title: "Courses" };

export default async function CoursesPage() {
  await requireUser("/courses");
  const courses = await serverApi.course.mine();
  return (
    <div className="page">
      <div className="page-head">
        <h1>Courses</h1>
      </div>
      <JoinCourseForm />
      <h2>My courses</h2>
      {courses.length === 0 ? (
        <p className="empty">You are not in any course yet. Ask your teacher for the join code.</p>
      ) : (
        <ul className="course-grid" style={{ listStyle: "none", padding: 0, margin: 0 }}>
          {courses.map((c) => (
            <li key={c.id} className="card course-card">
              <h3>
                <Link href={`/courses/${c.id}`}>{c.title}</Link>
              </h3>
              <span className="muted small">
                {c.isOwner ? "Your course" : `Teacher: ${c.owner.name}`} · {c.students} {c.students === 1 ? "student" : "students"}
                {c.joinCode ? ` · code ${c.joinCode}` : ""}
              </span>
              <CourseProgress solved={c.solved} attempted={c.attempted} total={c.problems} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
