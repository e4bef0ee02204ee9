import type { PrismaClient } from "../../generated/prisma/client";
import type { Prisma } from "../../generated/prisma/client";
import { getLanguage } from "../../judge/languages";
import { enqueueSubmission, type JobPriorityKind } from "../../judge/queue";
import { AppError } from "../errors";
import { isStaff, type Actor } from "./access";
import { staffMaySeeWorkOf, taughtCoursesWhere } from "./course-admin-service";
import { findVisibleProblemId } from "./problem-service";
import { assertSubmissionAccepted } from "./problem-set-service";

export const MAX_SOURCE_BYTES = 64 * 1024;
export const MAX_STDIN_BYTES = 1024 * 1024;
export const SOURCE_TOO_LARGE_MESSAGE = "Source code is larger than 64 KiB";
export const STDIN_TOO_LARGE_MESSAGE = "Input is larger than 1 MiB";

const ENQUEUE_TIMEOUT_MS = 3000;

export const byteLength = (text: string) => Buffer.byteLength(text, "utf8");

/** Checked here as well as in the router's schema so no caller can store oversized data. */
function assertSizes(source: string, stdin?: string) {
  if (byteLength(source) > MAX_SOURCE_BYTES) {
    throw new AppError("BAD_REQUEST", SOURCE_TOO_LARGE_MESSAGE, { fieldErrors: { source: [SOURCE_TOO_LARGE_MESSAGE] } });
  }
  if (stdin !== undefined && byteLength(stdin) > MAX_STDIN_BYTES) {
    throw new AppError("BAD_REQUEST", STDIN_TOO_LARGE_MESSAGE, { fieldErrors: { stdin: [STDIN_TOO_LARGE_MESSAGE] } });
  }
}

function assertLanguage(language: string) {
  if (!getLanguage(language)) {
    throw new AppError("BAD_REQUEST", `Unknown language "${language}".`, { fieldErrors: { language: ["Unknown language."] } });
  }
}

/**
 * Hands the submission to the judge queue. If Redis is unreachable the row stays QUEUED
 * and the worker's start-up recovery re-queues it, so the caller still gets its submission.
 */
async function enqueueOrLog(submissionId: string, kind: JobPriorityKind) {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      enqueueSubmission(submissionId, kind),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${ENQUEUE_TIMEOUT_MS} ms`)), ENQUEUE_TIMEOUT_MS);
      }),
    ]);
  } catch (error) {
    console.error(`[submission] could not enqueue ${submissionId} (left QUEUED for recovery):`, error);
  } finally {
    clearTimeout(timer);
  }
}

const createdSelect = { id: true, status: true, kind: true, createdAt: true } as const;

export async function createSubmission(db: PrismaClient, actor: Actor, input: { problemSlug: string; language: string; source: string }) {
  assertSizes(input.source);
  assertLanguage(input.language);
  const problemId = await findVisibleProblemId(db, actor, input.problemSlug);
  await assertSubmissionAccepted(db, actor, problemId);
  const submission = await db.submission.create({
    data: { userId: actor.id, problemId, kind: "SUBMIT", language: input.language, source: input.source },
    select: createdSelect,
  });
  await enqueueOrLog(submission.id, "submit");
  return submission;
}

/** A custom-input run: the worker runs the source once on `stdin`, with the problem's limits if given. */
export async function createRun(
  db: PrismaClient,
  actor: Actor,
  input: { language: string; source: string; stdin: string; problemSlug?: string },
) {
  assertSizes(input.source, input.stdin);
  assertLanguage(input.language);
  const problemId = input.problemSlug ? await findVisibleProblemId(db, actor, input.problemSlug) : null;
  const submission = await db.submission.create({
    data: { userId: actor.id, problemId, kind: "RUN", language: input.language, source: input.source, stdin: input.stdin },
    select: createdSelect,
  });
  await enqueueOrLog(submission.id, "run");
  return submission;
}

// Lists never include source code.
const summarySelect = {
  id: true,
  kind: true,
  language: true,
  status: true,
  verdict: true,
  score: true,
  maxScore: true,
  maxCpuMs: true,
  maxPeakKb: true,
  createdAt: true,
  problem: { select: { slug: true, title: true } },
} as const satisfies Prisma.SubmissionSelect;

const detailSelect = {
  ...summarySelect,
  userId: true,
  problemId: true,
  source: true,
  stdin: true,
  compileOutput: true,
  errorMessage: true,
  startedAt: true,
  finishedAt: true,
  user: { select: { id: true, name: true } },
  problem: { select: { slug: true, title: true, _count: { select: { tests: true } } } },
  results: {
    orderBy: { position: "asc" },
    select: {
      position: true,
      verdict: true,
      cpuMs: true,
      wallMs: true,
      peakKb: true,
      exitCode: true,
      signal: true,
      stoppedBy: true,
      outputExcerpt: true,
      stderrExcerpt: true,
      checkerMessage: true,
      testCase: { select: { isSample: true, name: true } },
    },
  },
} as const satisfies Prisma.SubmissionSelect;

/**
 * One submission with its per-test results. Owners and staff only; to anyone else it
 * does not exist. Students never see output of hidden tests, nor internal error details.
 */
export async function getSubmission(db: PrismaClient, actor: Actor, id: string) {
  const row = await db.submission.findUnique({ where: { id }, select: detailSelect });
  // Teachers see their own students' work and work on their own problems; admins see all.
  if (!row || (row.userId !== actor.id && !(await staffMaySeeWorkOf(db, actor, row.userId, row.problemId)))) {
    throw new AppError("NOT_FOUND", "Submission not found.");
  }
  const staff = isStaff(actor);
  const { problem, errorMessage, results, problemId: _problemId, ...rest } = row;
  return {
    ...rest,
    errorMessage: staff ? errorMessage : null,
    problem: problem ? { slug: problem.slug, title: problem.title } : null,
    testsTotal: rest.kind !== "RUN" ? (problem?._count.tests ?? 0) : 1,
    results: results.map(({ testCase, ...r }) => {
      const hidden = rest.kind !== "RUN" && !testCase?.isSample;
      const revealed = staff || !hidden;
      return {
        ...r,
        name: testCase?.name ?? null,
        isSample: testCase?.isSample ?? false,
        outputExcerpt: revealed ? r.outputExcerpt : null,
        stderrExcerpt: revealed ? r.stderrExcerpt : null,
        checkerMessage: revealed ? r.checkerMessage : null,
      };
    }),
  };
}

/** Whether the actor may watch this submission's progress (owner or staff). */
export async function canWatchSubmission(db: PrismaClient, actor: Actor, id: string) {
  const row = await db.submission.findUnique({ where: { id }, select: { userId: true, status: true, problemId: true } });
  if (!row || (row.userId !== actor.id && !(await staffMaySeeWorkOf(db, actor, row.userId, row.problemId)))) return null;
  return row;
}

async function page<T extends { id: string }>(rows: T[], limit: number) {
  const hasMore = rows.length > limit;
  const items = hasMore ? rows.slice(0, limit) : rows;
  return { items, nextCursor: hasMore ? items[items.length - 1]!.id : null };
}

export async function listMySubmissions(
  db: PrismaClient,
  actor: Actor,
  input: { cursor?: string | null; limit: number; problemSlug?: string; kind?: "SUBMIT" | "RUN" },
) {
  const rows = await db.submission.findMany({
    where: {
      userId: actor.id,
      ...(input.kind ? { kind: input.kind } : {}),
      ...(input.problemSlug ? { problem: { slug: input.problemSlug } } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
    select: summarySelect,
  });
  return page(rows, input.limit);
}

/** Staff: submissions to one problem, optionally by one student. */
export async function listSubmissionsForProblem(
  db: PrismaClient,
  actor: Actor,
  input: { problemSlug: string; userId?: string; cursor?: string | null; limit: number },
) {
  if (!isStaff(actor)) throw new AppError("FORBIDDEN", "Only teachers can see other students' submissions.");
  const problem = await db.problem.findUnique({ where: { slug: input.problemSlug }, select: { id: true, authorId: true } });
  if (!problem) throw new AppError("NOT_FOUND", "Problem not found.");
  // Other teachers' problems: only the work of students in courses the actor teaches.
  const seesAll = actor.role === "ADMIN" || problem.authorId === actor.id;
  const rows = await db.submission.findMany({
    where: {
      problemId: problem.id,
      kind: "SUBMIT",
      ...(input.userId ? { userId: input.userId } : {}),
      ...(seesAll ? {} : { user: { enrollments: { some: { course: taughtCoursesWhere(actor) } } } }),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
    select: { ...summarySelect, user: { select: { id: true, name: true, email: true } } },
  });
  return page(rows, input.limit);
}
