import { randomBytes } from "node:crypto";
import type { PrismaClient } from "../../generated/prisma/client";
import { normaliseJoinCode } from "../../lib/join-code";
import { AppError } from "../errors";
import { isStaff, type Actor } from "./access";

// No 0/O/1/I: codes are read aloud and copied from a projector.
const JOIN_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

export function generateJoinCode(length = 8): string {
  const bytes = randomBytes(length);
  return Array.from(bytes, (b) => JOIN_CODE_ALPHABET[b % JOIN_CODE_ALPHABET.length]).join("");
}

export async function joinCourse(db: PrismaClient, actor: Actor, joinCode: string) {
  const course = await db.course.findUnique({
    where: { joinCode: normaliseJoinCode(joinCode) },
    select: { id: true, title: true, archivedAt: true },
  });
  if (course?.archivedAt) {
    throw new AppError("FORBIDDEN", "This course is archived.", { fieldErrors: { joinCode: ["This course is archived."] } });
  }
  if (!course) {
    throw new AppError("NOT_FOUND", "No course has this join code.", { fieldErrors: { joinCode: ["No course has this join code."] } });
  }
  await db.enrollment.upsert({
    where: { courseId_userId: { courseId: course.id, userId: actor.id } },
    update: {},
    create: { courseId: course.id, userId: actor.id },
  });
  return { id: course.id, title: course.title };
}

export async function createCourse(db: PrismaClient, actor: Actor, title: string) {
  if (!isStaff(actor)) throw new AppError("FORBIDDEN", "Only teachers can create courses.");
  // A collision among 32^8 codes is rare; retry a few times rather than fail.
  for (let attempt = 0; attempt < 5; attempt++) {
    const joinCode = normaliseJoinCode(generateJoinCode());
    if (await db.course.findUnique({ where: { joinCode }, select: { id: true } })) continue;
    return db.course.create({
      data: { title: title.trim(), joinCode, ownerId: actor.id },
      select: { id: true, title: true, joinCode: true },
    });
  }
  throw new Error("could not generate a unique join code");
}

/** Lists a problem in a course (course owner or admin). */
export async function addProblemToCourse(db: PrismaClient, actor: Actor, input: { courseId: string; problemSlug: string }) {
  const course = await db.course.findUnique({ where: { id: input.courseId }, select: { id: true, ownerId: true } });
  if (!course) throw new AppError("NOT_FOUND", "Course not found.");
  if (course.ownerId !== actor.id && actor.role !== "ADMIN") throw new AppError("FORBIDDEN", "Only the course's teacher can do this.");
  const problem = await db.problem.findUnique({ where: { slug: input.problemSlug }, select: { id: true } });
  if (!problem) throw new AppError("NOT_FOUND", "Problem not found.");
  const position = await db.courseProblem.count({ where: { courseId: course.id } });
  await db.courseProblem.upsert({
    where: { courseId_problemId: { courseId: course.id, problemId: problem.id } },
    update: {},
    create: { courseId: course.id, problemId: problem.id, position },
  });
  return { courseId: course.id, problemId: problem.id };
}
