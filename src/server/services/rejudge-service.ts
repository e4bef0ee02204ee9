/**
 * Rejudge one submission or every submission of a problem, at the queue's lowest
 * priority so students' new submissions go first. Each rejudged submission keeps the
 * verdict it had (`previousVerdict`), so the end shows whose verdict changed.
 */
import type { PrismaClient } from "../../generated/prisma/client";
import { enqueueSubmission } from "../../judge/queue";
import { AppError } from "../errors";
import { isStaff, type Actor } from "./access";
import { assertProblemAuthor } from "./problem-admin-service";
import { taughtCoursesWhere } from "./course-admin-service";
import { problemRefSelect } from "./selects";

/**
 * Puts finished submissions back to QUEUED with their results cleared (worker/README.md,
 * "Idempotency"), then enqueues them. Submissions still queued or running are left
 * alone: they will be judged against the current tests anyway. `attempts` keeps
 * counting, so a stale worker's fence can never match the new attempt.
 */
async function requeue(db: PrismaClient, actor: Actor, submissionIds: string[], problemId: string | null) {
  const rejudge = await db.$transaction(async (tx) => {
    const batch = await tx.rejudge.create({ data: { problemId, createdById: actor.id, total: 0 }, select: { id: true } });
    const updated = await tx.$executeRaw`
      UPDATE "Submission"
      SET "previousVerdict" = "verdict", "rejudgeId" = ${batch.id}, "status" = 'QUEUED', "verdict" = NULL, "score" = NULL,
          "maxScore" = NULL, "maxCpuMs" = NULL, "maxPeakKb" = NULL, "compileOutput" = NULL, "errorMessage" = NULL,
          "startedAt" = NULL, "finishedAt" = NULL
      WHERE "id" = ANY(${submissionIds}) AND "status" IN ('DONE', 'FAILED')`;
    await tx.testResult.deleteMany({ where: { submission: { rejudgeId: batch.id } } });
    return tx.rejudge.update({ where: { id: batch.id }, data: { total: updated }, select: { id: true, total: true } });
  });
  const queued = await db.submission.findMany({ where: { rejudgeId: rejudge.id, status: "QUEUED" }, select: { id: true } });
  // If Redis is down the rows stay QUEUED and the worker's recovery enqueues them.
  for (const { id } of queued) await enqueueSubmission(id, "rejudge").catch((e) => console.error(`[rejudge] enqueue ${id}:`, e));
  return rejudge;
}

/** The problem's author, an admin, or staff of a course the submitter is enrolled in. */
async function assertMayRejudgeSubmission(db: PrismaClient, actor: Actor, submissionId: string) {
  if (!isStaff(actor)) throw new AppError("FORBIDDEN", "Only teachers can do this.");
  const sub = await db.submission.findUnique({
    where: { id: submissionId },
    select: { id: true, kind: true, userId: true, problemId: true, problem: { select: { authorId: true } } },
  });
  if (!sub || !sub.problemId) throw new AppError("NOT_FOUND", "Submission not found.");
  if (sub.kind === "RUN") throw new AppError("BAD_REQUEST", "A custom-input run has no verdict to rejudge.");
  if (actor.role === "ADMIN" || sub.problem?.authorId === actor.id) return sub;
  const teaches = await db.course.count({
    where: { AND: [taughtCoursesWhere(actor), { enrollments: { some: { userId: sub.userId } } }] },
  });
  if (teaches === 0) throw new AppError("FORBIDDEN", "This submission is not from one of your students.");
  return sub;
}

export async function rejudgeSubmission(db: PrismaClient, actor: Actor, submissionId: string) {
  const sub = await assertMayRejudgeSubmission(db, actor, submissionId);
  const rejudge = await requeue(db, actor, [sub.id], null);
  if (rejudge.total === 0) throw new AppError("CONFLICT", "This submission is still being judged.");
  return rejudge;
}

/** Every finished Submit of the problem (reference runs are re-verified with Verify instead). */
export async function rejudgeProblem(db: PrismaClient, actor: Actor, problemId: string) {
  await assertProblemAuthor(db, actor, problemId);
  const subs = await db.submission.findMany({
    where: { problemId, kind: "SUBMIT", status: { in: ["DONE", "FAILED"] } },
    select: { id: true },
  });
  if (subs.length === 0) throw new AppError("BAD_REQUEST", "There are no finished submissions to rejudge.");
  return requeue(
    db,
    actor,
    subs.map((s) => s.id),
    problemId,
  );
}

/** Progress of a rejudge and, so far, the submissions whose verdict changed. */
export async function getRejudge(db: PrismaClient, actor: Actor, rejudgeId: string) {
  if (!isStaff(actor)) throw new AppError("FORBIDDEN", "Only teachers can do this.");
  const rejudge = await db.rejudge.findUnique({
    where: { id: rejudgeId },
    select: { id: true, total: true, createdAt: true, createdById: true, problem: { select: problemRefSelect } },
  });
  if (!rejudge || (rejudge.createdById !== actor.id && actor.role !== "ADMIN")) throw new AppError("NOT_FOUND", "Rejudge not found.");
  const subs = await db.submission.findMany({
    where: { rejudgeId },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      status: true,
      verdict: true,
      previousVerdict: true,
      createdAt: true,
      user: { select: { id: true, name: true } },
      problem: { select: { slug: true, title: true } },
    },
  });
  const finished = subs.filter((s) => s.status === "DONE" || s.status === "FAILED");
  return {
    id: rejudge.id,
    problem: rejudge.problem,
    createdAt: rejudge.createdAt,
    total: rejudge.total,
    // Submissions rejudged again later belong to the newer batch.
    done: finished.length + Math.max(0, rejudge.total - subs.length),
    changed: finished.filter((s) => s.verdict !== s.previousVerdict),
  };
}

/** The latest rejudges of a problem (for the editor). */
export async function listRejudges(db: PrismaClient, actor: Actor, problemId: string) {
  await assertProblemAuthor(db, actor, problemId);
  return db.rejudge.findMany({
    where: { problemId },
    orderBy: { createdAt: "desc" },
    take: 5,
    select: { id: true, total: true, createdAt: true },
  });
}
