/**
 * What a student sees of their courses: each course's problems (CourseProblem, in the
 * teacher's order) with the student's progress. Join codes are shown to owners only.
 */
import type { PrismaClient } from "../../generated/prisma/client";
import { AppError } from "../errors";
import type { Actor } from "./access";
import { progressFor } from "./problem-list-service";

/** Members (enrolled students), the owner and admins may open a course; to anyone else it does not exist. */
export async function assertCourseMember(db: PrismaClient, actor: Actor, courseId: string) {
  const course = await db.course.findUnique({
    where: { id: courseId },
    select: { id: true, ownerId: true, enrollments: { where: { userId: actor.id }, select: { userId: true } } },
  });
  if (!course || (course.ownerId !== actor.id && actor.role !== "ADMIN" && course.enrollments.length === 0)) {
    throw new AppError("NOT_FOUND", "Course not found.");
  }
  return { id: course.id, isOwner: course.ownerId === actor.id };
}

/** Courses the actor is enrolled in or owns, newest first, with how many of their problems the actor solved. */
export async function listMyCoursesWithProgress(db: PrismaClient, actor: Actor) {
  const courses = await db.course.findMany({
    where: { OR: [{ ownerId: actor.id }, { enrollments: { some: { userId: actor.id } } }] },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      title: true,
      joinCode: true,
      ownerId: true,
      owner: { select: { name: true } },
      problems: { select: { problemId: true } },
      _count: { select: { enrollments: true } },
    },
  });
  const progress = await progressFor(
    db,
    actor,
    courses.flatMap((c) => c.problems.map((p) => p.problemId)),
  );
  return courses.map(({ joinCode, ownerId, _count, problems, ...c }) => {
    const states = problems.map((p) => progress.get(p.problemId) ?? "new");
    return {
      ...c,
      isOwner: ownerId === actor.id,
      joinCode: ownerId === actor.id ? joinCode : null,
      students: _count.enrollments,
      problems: problems.length,
      solved: states.filter((s) => s === "solved").length,
      attempted: states.filter((s) => s === "attempted").length,
    };
  });
}

/** One course with its problems in order and the actor's progress on each. */
export async function getCourseWithProgress(db: PrismaClient, actor: Actor, courseId: string) {
  const { isOwner } = await assertCourseMember(db, actor, courseId);
  const course = await db.course.findUniqueOrThrow({
    where: { id: courseId },
    select: {
      id: true,
      title: true,
      joinCode: true,
      createdAt: true,
      owner: { select: { name: true } },
      _count: { select: { enrollments: true } },
      problems: {
        orderBy: [{ position: "asc" }, { problemId: "asc" }],
        select: { position: true, problem: { select: { id: true, slug: true, title: true, difficulty: true, tags: true } } },
      },
    },
  });
  const progress = await progressFor(
    db,
    actor,
    course.problems.map((p) => p.problem.id),
  );
  const problems = course.problems.map(({ problem }) => ({ ...problem, status: progress.get(problem.id) ?? "new" }));
  return {
    id: course.id,
    title: course.title,
    teacher: course.owner.name,
    isOwner,
    joinCode: isOwner ? course.joinCode : null,
    students: course._count.enrollments,
    problems,
    solved: problems.filter((p) => p.status === "solved").length,
    attempted: problems.filter((p) => p.status === "attempted").length,
  };
}
