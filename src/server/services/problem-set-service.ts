/**
 * Problem sets (assignments): ordered problems of a course with an opening and a due date.
 * Students see a set from its opening; submissions after the due date are accepted and
 * marked late, or refused, as the set says.
 */
import type { PrismaClient, Verdict } from "../../generated/prisma/client";
import { AppError } from "../errors";
import { isStaff, type Actor } from "./access";
import { assertCourseStaff } from "./course-admin-service";
import { personSelect, problemSetSelect } from "./selects";

export interface ProblemSetInput {
  title: string;
  opensAt?: Date | null;
  dueAt?: Date | null;
  allowLate: boolean;
}

function assertDates(input: { opensAt?: Date | null; dueAt?: Date | null }) {
  if (input.opensAt && input.dueAt && input.dueAt <= input.opensAt) {
    const message = "The due date must be after the opening date.";
    throw new AppError("BAD_REQUEST", message, { fieldErrors: { dueAt: [message] } });
  }
}

async function assertSetStaff(db: PrismaClient, actor: Actor, problemSetId: string) {
  const set = await db.problemSet.findUnique({
    where: { id: problemSetId },
    select: { id: true, courseId: true, opensAt: true, dueAt: true },
  });
  if (!set) throw new AppError("NOT_FOUND", "Problem set not found.");
  await assertCourseStaff(db, actor, set.courseId);
  return set;
}

export async function createProblemSet(db: PrismaClient, actor: Actor, courseId: string, input: ProblemSetInput) {
  await assertCourseStaff(db, actor, courseId);
  assertDates(input);
  const position = await db.problemSet.count({ where: { courseId } });
  return db.problemSet.create({
    data: {
      courseId,
      title: input.title.trim(),
      opensAt: input.opensAt ?? null,
      dueAt: input.dueAt ?? null,
      allowLate: input.allowLate,
      position,
    },
    select: { id: true, courseId: true, title: true },
  });
}

export async function updateProblemSet(db: PrismaClient, actor: Actor, problemSetId: string, patch: Partial<ProblemSetInput>) {
  const set = await assertSetStaff(db, actor, problemSetId);
  assertDates({
    opensAt: patch.opensAt !== undefined ? patch.opensAt : set.opensAt,
    dueAt: patch.dueAt !== undefined ? patch.dueAt : set.dueAt,
  });
  return db.problemSet.update({
    where: { id: problemSetId },
    data: { ...patch, ...(patch.title !== undefined ? { title: patch.title.trim() } : {}) },
    select: { id: true, courseId: true, title: true },
  });
}

export async function deleteProblemSet(db: PrismaClient, actor: Actor, problemSetId: string) {
  await assertSetStaff(db, actor, problemSetId);
  await db.problemSet.delete({ where: { id: problemSetId } });
  return { ok: true as const };
}

/** Replaces the set's problems with `problemSlugs`, in that order. */
export async function setProblemSetProblems(db: PrismaClient, actor: Actor, problemSetId: string, problemSlugs: string[]) {
  await assertSetStaff(db, actor, problemSetId);
  const unique = [...new Set(problemSlugs)];
  const problems = await db.problem.findMany({ where: { slug: { in: unique } }, select: { id: true, slug: true } });
  const bySlug = new Map(problems.map((p) => [p.slug, p.id]));
  const missing = unique.filter((s) => !bySlug.has(s));
  if (missing.length > 0) {
    const message = `No problem has the slug ${missing.map((s) => `"${s}"`).join(", ")}.`;
    throw new AppError("NOT_FOUND", message, { fieldErrors: { problemSlugs: [message] } });
  }
  await db.$transaction([
    db.problemSetItem.deleteMany({ where: { problemSetId } }),
    db.problemSetItem.createMany({ data: unique.map((slug, i) => ({ problemSetId, problemId: bySlug.get(slug)!, position: i + 1 })) }),
  ]);
  return { ok: true as const, count: unique.length };
}

type ProblemProgress = "solved" | "solved-late" | "attempted" | null;

/** Best status of one student's submissions to one problem against a due date. */
function progressOf(subs: { verdict: Verdict | null; createdAt: Date }[], dueAt: Date | null): ProblemProgress {
  if (subs.length === 0) return null;
  const solved = subs.filter((s) => s.verdict === "AC");
  if (solved.some((s) => !dueAt || s.createdAt <= dueAt)) return "solved";
  if (solved.length > 0) return "solved-late";
  return "attempted";
}

export const isLate = (createdAt: Date, dueAt: Date | null) => dueAt !== null && createdAt > dueAt;

/**
 * A student's view of a course's sets: those already open, with due dates and their
 * progress per problem. Enrolled students and the course's staff only.
 */
export async function listProblemSetsForStudent(db: PrismaClient, actor: Actor, courseId: string) {
  const course = await db.course.findUnique({
    where: { id: courseId },
    select: { id: true, enrollments: { where: { userId: actor.id }, select: { userId: true } } },
  });
  if (!course) throw new AppError("NOT_FOUND", "Course not found.");
  if (course.enrollments.length === 0) {
    if (!isStaff(actor)) throw new AppError("NOT_FOUND", "Course not found.");
    await assertCourseStaff(db, actor, courseId);
  }
  const now = new Date();
  const sets = await db.problemSet.findMany({
    where: { courseId, OR: [{ opensAt: null }, { opensAt: { lte: now } }] },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
    select: problemSetSelect,
  });
  const problemIds = [...new Set(sets.flatMap((s) => s.problems.map((p) => p.problem.id)))];
  const subs = await db.submission.findMany({
    where: { userId: actor.id, kind: "SUBMIT", problemId: { in: problemIds } },
    select: { problemId: true, verdict: true, createdAt: true },
  });
  return sets.map(({ problems: setProblems, ...set }) => {
    const problems = setProblems.map(({ problem }) => ({
      ...problem,
      progress: progressOf(
        subs.filter((s) => s.problemId === problem.id),
        set.dueAt,
      ),
    }));
    return {
      ...set,
      closed: set.dueAt !== null && set.dueAt < now && !set.allowLate,
      solved: problems.filter((p) => p.progress === "solved" || p.progress === "solved-late").length,
      problems,
    };
  });
}

/**
 * Refuses a submission when the problem belongs only to sets of the student's courses
 * that are past due and refuse late work. Problems outside any set (practice) are open.
 */
export async function assertSubmissionAccepted(db: PrismaClient, actor: Actor, problemId: string, now = new Date()) {
  if (isStaff(actor)) return;
  const sets = await db.problemSet.findMany({
    where: { problems: { some: { problemId } }, course: { enrollments: { some: { userId: actor.id } } } },
    select: { dueAt: true, allowLate: true },
  });
  if (sets.length === 0) return;
  const accepting = sets.some((s) => s.dueAt === null || s.dueAt >= now || s.allowLate);
  if (!accepting) throw new AppError("FORBIDDEN", "The due date of this problem set has passed; late submissions are not accepted.");
}

/** Staff: one set with every student's progress per problem. */
export async function getProblemSetForStaff(db: PrismaClient, actor: Actor, problemSetId: string) {
  await assertSetStaff(db, actor, problemSetId);
  const set = await db.problemSet.findUniqueOrThrow({
    where: { id: problemSetId },
    select: {
      ...problemSetSelect,
      course: { select: { id: true, title: true, enrollments: { select: { user: { select: personSelect } } } } },
    },
  });
  const { course, problems: setProblems, ...head } = set;
  const students = course.enrollments.map((e) => e.user).sort((a, b) => a.name.localeCompare(b.name));
  const problems = setProblems.map((p) => p.problem);
  const subs = await db.submission.findMany({
    where: { kind: "SUBMIT", problemId: { in: problems.map((p) => p.id) }, userId: { in: students.map((s) => s.id) } },
    select: { userId: true, problemId: true, verdict: true, createdAt: true },
  });
  return {
    ...head,
    course: { id: course.id, title: course.title },
    problems,
    students: students.map((s) => ({
      ...s,
      progress: problems.map((p) =>
        progressOf(
          subs.filter((x) => x.userId === s.id && x.problemId === p.id),
          set.dueAt,
        ),
      ),
    })),
  };
}

/** Staff: the course's students' submissions (never source code here), newest first, with lateness. */
export async function listCourseSubmissions(
  db: PrismaClient,
  actor: Actor,
  input: { courseId: string; problemSetId?: string; userId?: string; cursor?: string | null; limit: number },
) {
  await assertCourseStaff(db, actor, input.courseId);
  const sets = await db.problemSet.findMany({
    where: { courseId: input.courseId, ...(input.problemSetId ? { id: input.problemSetId } : {}) },
    select: { dueAt: true, problems: { select: { problemId: true } } },
  });
  // The earliest due date among the sets holding the problem decides lateness.
  const dueByProblem = new Map<string, Date | null>();
  for (const set of sets) {
    for (const { problemId } of set.problems) {
      const prev = dueByProblem.get(problemId);
      if (prev === undefined || (set.dueAt && (!prev || set.dueAt < prev))) dueByProblem.set(problemId, set.dueAt);
    }
  }
  const rows = await db.submission.findMany({
    where: {
      kind: "SUBMIT",
      problemId: { in: [...dueByProblem.keys()] },
      user: { enrollments: { some: { courseId: input.courseId } } },
      ...(input.userId ? { userId: input.userId } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
    select: {
      id: true,
      language: true,
      status: true,
      verdict: true,
      score: true,
      maxScore: true,
      createdAt: true,
      problemId: true,
      problem: { select: { slug: true, title: true } },
      user: { select: personSelect },
    },
  });
  const hasMore = rows.length > input.limit;
  const items = (hasMore ? rows.slice(0, input.limit) : rows).map(({ problemId, ...r }) => ({
    ...r,
    late: isLate(r.createdAt, dueByProblem.get(problemId ?? "") ?? null),
  }));
  return { items, nextCursor: hasMore ? items[items.length - 1]!.id : null };
}

/** Problems the actor may put in a set: every problem for staff (drafts included), newest first. */
export async function listAssignableProblems(db: PrismaClient, actor: Actor) {
  if (!isStaff(actor)) throw new AppError("FORBIDDEN", "Only teachers can do this.");
  return db.problem.findMany({
    where: actor.role === "ADMIN" ? {} : { OR: [{ authorId: actor.id }, { visibility: { not: "HIDDEN" } }] },
    orderBy: [{ createdAt: "desc" }],
    take: 500,
    select: { id: true, slug: true, title: true, visibility: true },
  });
}
