/**
 * The teacher's side of courses: edit, archive, join codes, roster and co-teachers.
 * A course's staff are its owner, its co-teachers and every admin; to anyone else a
 * course's roster and submissions do not exist.
 */
import type { Prisma, PrismaClient } from "../../generated/prisma/client";
import { normaliseJoinCode } from "../../lib/join-code";
import { AppError } from "../errors";
import { isStaff, type Actor } from "./access";
import { generateJoinCode } from "./course-service";
import { personSelect, problemSetSelect } from "./selects";

/** Courses the actor teaches (owns or co-teaches); every course for an admin. */
export function taughtCoursesWhere(actor: Actor): Prisma.CourseWhereInput {
  if (actor.role === "ADMIN") return {};
  return { OR: [{ ownerId: actor.id }, { coTeachers: { some: { userId: actor.id } } }] };
}

export interface CourseStaffAccess {
  id: string;
  ownerId: string;
  isOwner: boolean;
  archivedAt: Date | null;
}

/**
 * Refuses unless the actor is staff of the course. `ownerOnly` for what only the owner
 * (or an admin) may do: managing co-teachers.
 */
export async function assertCourseStaff(
  db: PrismaClient,
  actor: Actor,
  courseId: string,
  options: { ownerOnly?: boolean } = {},
): Promise<CourseStaffAccess> {
  if (!isStaff(actor)) throw new AppError("FORBIDDEN", "Only teachers can do this.");
  const course = await db.course.findUnique({
    where: { id: courseId },
    select: { id: true, ownerId: true, archivedAt: true, coTeachers: { where: { userId: actor.id }, select: { userId: true } } },
  });
  if (!course) throw new AppError("NOT_FOUND", "Course not found.");
  const isOwner = course.ownerId === actor.id;
  const allowed = actor.role === "ADMIN" || isOwner || (!options.ownerOnly && course.coTeachers.length > 0);
  if (!allowed) {
    throw new AppError("FORBIDDEN", options.ownerOnly ? "Only the course's owner can do this." : "This is not one of your courses.");
  }
  return { id: course.id, ownerId: course.ownerId, isOwner, archivedAt: course.archivedAt };
}

/** A course as its staff see it in the list and on its page (the join code included). */
const staffCourseSelect = {
  id: true,
  title: true,
  joinCode: true,
  archivedAt: true,
  createdAt: true,
} as const satisfies Prisma.CourseSelect;

export async function listTaughtCourses(db: PrismaClient, actor: Actor) {
  if (!isStaff(actor)) throw new AppError("FORBIDDEN", "Only teachers can do this.");
  const rows = await db.course.findMany({
    where: taughtCoursesWhere(actor),
    orderBy: [{ archivedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
    select: {
      ...staffCourseSelect,
      ownerId: true,
      owner: { select: { name: true } },
      _count: { select: { enrollments: true, problemSets: true } },
    },
  });
  return rows.map(({ _count, ownerId, ...c }) => ({
    ...c,
    isOwner: ownerId === actor.id,
    students: _count.enrollments,
    problemSets: _count.problemSets,
  }));
}

/** Everything the course page shows its staff: code, roster, co-teachers, problem sets. */
export async function getCourseForStaff(db: PrismaClient, actor: Actor, courseId: string) {
  const access = await assertCourseStaff(db, actor, courseId);
  const course = await db.course.findUniqueOrThrow({
    where: { id: courseId },
    select: {
      ...staffCourseSelect,
      owner: { select: personSelect },
      coTeachers: { orderBy: { createdAt: "asc" }, select: { user: { select: personSelect } } },
      enrollments: { orderBy: { createdAt: "asc" }, select: { createdAt: true, user: { select: personSelect } } },
      problemSets: {
        orderBy: [{ position: "asc" }, { createdAt: "asc" }],
        select: problemSetSelect,
      },
    },
  });
  return {
    ...course,
    isOwner: access.isOwner,
    coTeachers: course.coTeachers.map((c) => c.user),
    students: course.enrollments.map((e) => ({ ...e.user, joinedAt: e.createdAt })),
    enrollments: undefined,
    problemSets: course.problemSets.map((s) => ({ ...s, problems: s.problems.map((p) => p.problem) })),
  };
}

export async function updateCourse(db: PrismaClient, actor: Actor, courseId: string, patch: { title?: string; archived?: boolean }) {
  await assertCourseStaff(db, actor, courseId);
  return db.course.update({
    where: { id: courseId },
    data: {
      ...(patch.title !== undefined ? { title: patch.title.trim() } : {}),
      ...(patch.archived !== undefined ? { archivedAt: patch.archived ? new Date() : null } : {}),
    },
    select: { id: true, title: true, archivedAt: true },
  });
}

/** A new code; the old one stops working at once (e.g. after it leaked). */
export async function regenerateJoinCode(db: PrismaClient, actor: Actor, courseId: string) {
  await assertCourseStaff(db, actor, courseId);
  for (let attempt = 0; attempt < 5; attempt++) {
    const joinCode = normaliseJoinCode(generateJoinCode());
    if (await db.course.findUnique({ where: { joinCode }, select: { id: true } })) continue;
    return db.course.update({ where: { id: courseId }, data: { joinCode }, select: { id: true, joinCode: true } });
  }
  throw new Error("could not generate a unique join code");
}

/** A refusal that the form shows under its email field. */
const emailRefused = (message: string, code: "BAD_REQUEST" | "NOT_FOUND" = "BAD_REQUEST") =>
  new AppError(code, message, { fieldErrors: { email: [message] } });

async function findUserByEmail(db: PrismaClient, email: string) {
  const user = await db.user.findUnique({
    where: { email: email.trim().toLowerCase() },
    select: { id: true, name: true, email: true, role: true },
  });
  if (!user) throw emailRefused("No account has this email address.", "NOT_FOUND");
  return user;
}

export async function addStudentByEmail(db: PrismaClient, actor: Actor, courseId: string, email: string) {
  await assertCourseStaff(db, actor, courseId);
  const user = await findUserByEmail(db, email);
  // Adding someone already there is not an error: nothing changes.
  await db.enrollment.createMany({ data: { courseId, userId: user.id }, skipDuplicates: true });
  return { id: user.id, name: user.name, email: user.email };
}

export async function removeStudent(db: PrismaClient, actor: Actor, courseId: string, userId: string) {
  await assertCourseStaff(db, actor, courseId);
  await db.enrollment.deleteMany({ where: { courseId, userId } });
  return { ok: true as const };
}

export async function addCoTeacher(db: PrismaClient, actor: Actor, courseId: string, email: string) {
  const course = await assertCourseStaff(db, actor, courseId, { ownerOnly: true });
  const user = await findUserByEmail(db, email);
  if (user.role === "STUDENT") throw emailRefused("Only teacher accounts can be co-teachers.");
  if (user.id === course.ownerId) throw emailRefused("The owner already teaches this course.");
  // Adding someone already there is not an error: nothing changes.
  await db.courseTeacher.createMany({ data: { courseId, userId: user.id }, skipDuplicates: true });
  return { id: user.id, name: user.name, email: user.email };
}

export async function removeCoTeacher(db: PrismaClient, actor: Actor, courseId: string, userId: string) {
  await assertCourseStaff(db, actor, courseId, { ownerOnly: true });
  await db.courseTeacher.deleteMany({ where: { courseId, userId } });
  return { ok: true as const };
}

/**
 * Whether staff may see another user's work on a problem: admins always; a teacher when
 * they wrote the problem, or when the user is a student in one of the courses they teach.
 */
export async function staffMaySeeWorkOf(db: PrismaClient, actor: Actor, userId: string, problemId: string | null): Promise<boolean> {
  if (actor.role === "ADMIN") return true;
  if (!isStaff(actor)) return false;
  if (problemId) {
    const problem = await db.problem.findUnique({ where: { id: problemId }, select: { authorId: true } });
    if (problem?.authorId === actor.id) return true;
  }
  const courses = await db.course.count({ where: { AND: [taughtCoursesWhere(actor), { enrollments: { some: { userId } } }] } });
  return courses > 0;
}
