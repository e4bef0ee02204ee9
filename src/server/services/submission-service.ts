import type { PrismaClient } from "../../generated/prisma/client";
import type { Prisma, SubmissionKind } from "../../generated/prisma/client";
import type { Verdict } from "../../generated/prisma/enums";
import { getLanguage } from "../../judge/languages";
import { enqueueSubmission, type JobPriorityKind } from "../../judge/queue";
import { AppError } from "../errors";
import { enforceRateLimit } from "../rate-limit";
import { RATE_LIMITS } from "../rate-limit-rules";
import { isStaff, type Actor } from "./access";
import { visibleMaxima, visiblePositions, visibleTestResults, type FeedbackPolicy, type TestFeedback } from "./test-feedback";
import { findVisibleProblemId } from "./problem-service";
import { webLogger } from "../logger";
import { staffMaySeeWorkOf, taughtCoursesWhere } from "./course-admin-service";
import { assertSubmissionAccepted } from "./problem-set-service";
import { personSelect } from "./selects";

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
async function enqueueOrLog(submissionId: string, kind: JobPriorityKind): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      enqueueSubmission(submissionId, kind),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${ENQUEUE_TIMEOUT_MS} ms`)), ENQUEUE_TIMEOUT_MS);
      }),
    ]);
    return true;
  } catch (error) {
    webLogger().error({ submissionId, err: error }, "[submission] could not enqueue; left QUEUED for recovery (judging is delayed)");
    return false;
  } finally {
    clearTimeout(timer);
  }
}

const createdSelect = { id: true, status: true, kind: true, createdAt: true } as const;

export async function createSubmission(db: PrismaClient, actor: Actor, input: { problemSlug: string; language: string; source: string }) {
  assertSizes(input.source);
  assertLanguage(input.language);
  await enforceRateLimit(RATE_LIMITS.submit, actor.id, "Submit");
  const problemId = await findVisibleProblemId(db, actor, input.problemSlug);
  await assertSubmissionAccepted(db, actor, problemId);
  const submission = await db.submission.create({
    data: { userId: actor.id, problemId, kind: "SUBMIT", language: input.language, source: input.source },
    select: createdSelect,
  });
  const enqueued = await enqueueOrLog(submission.id, "submit");
  return { ...submission, judgingDelayed: !enqueued };
}

/**
 * A Run (not a submission: kept out of history and leaderboards by `kind`): the worker
 * runs the source on the problem's samples and, when `stdin` is given, on that input,
 * with the problem's limits (or the Run defaults without a problem).
 */
export async function createRun(
  db: PrismaClient,
  actor: Actor,
  input: { language: string; source: string; stdin?: string | null; problemSlug?: string },
) {
  assertSizes(input.source, input.stdin ?? undefined);
  assertLanguage(input.language);
  await enforceRateLimit(RATE_LIMITS.run, actor.id, "Run");
  const problemId = input.problemSlug ? await findVisibleProblemId(db, actor, input.problemSlug) : null;
  const submission = await db.submission.create({
    data: {
      userId: actor.id,
      problemId,
      kind: "RUN",
      language: input.language,
      source: input.source,
      // Without a problem there are no samples: the custom input (possibly empty) is all there is to run.
      stdin: input.stdin ?? (problemId ? null : ""),
    },
    select: createdSelect,
  });
  const enqueued = await enqueueOrLog(submission.id, "run");
  return { ...submission, judgingDelayed: !enqueued };
}

/** What was measured and decided for one test (every reader of TestResult rows selects these). */
export const testResultFields = {
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
} as const satisfies Prisma.TestResultSelect;

const testResultSelect = {
  ...testResultFields,
  testCase: { select: { isSample: true, name: true, points: true, expectedOutput: true } },
} as const satisfies Prisma.TestResultSelect;

/** A submission's state and result, as every view of it shows them. */
export const outcomeSelect = {
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
} as const satisfies Prisma.SubmissionSelect;

const detailSelect = {
  ...outcomeSelect,
  userId: true,
  problemId: true,
  source: true,
  stdin: true,
  compileOutput: true,
  errorMessage: true,
  startedAt: true,
  finishedAt: true,
  user: { select: { id: true, name: true } },
  problem: {
    select: {
      slug: true,
      title: true,
      authorId: true,
      testFeedback: true,
      timeLimitMs: true,
      memoryLimitMb: true,
      scoringMode: true,
      _count: { select: { tests: true } },
      tests: { where: { isSample: true }, select: { position: true } },
    },
  },
  results: { orderBy: { position: "asc" }, select: testResultSelect },
} as const satisfies Prisma.SubmissionSelect;

/** Staff see every detail of every test: teachers, admins and the problem's author. */
const seesEverything = (actor: Actor, problem: { authorId: string } | null) => isStaff(actor) || problem?.authorId === actor.id;

/** The feedback rule for one submission and viewer (see test-feedback.ts). */
export function feedbackPolicy(
  actor: Actor,
  submission: { kind: SubmissionKind; problem: { authorId: string; testFeedback: TestFeedback } | null },
): FeedbackPolicy {
  return {
    feedback: submission.problem?.testFeedback ?? "FULL",
    staff: seesEverything(actor, submission.problem),
    kind: submission.kind,
  };
}

/**
 * One submission with its per-test results. Owners and staff only; to anyone else it
 * does not exist. Students get hidden tests' results only as the problem's feedback
 * setting allows (test-feedback.ts), and no internal error details.
 */
export async function getSubmission(db: PrismaClient, actor: Actor, id: string) {
  const row = await db.submission.findUnique({ where: { id }, select: detailSelect });
  // Teachers see their own students' work and work on their own problems; admins see all.
  if (!row || (row.userId !== actor.id && !(await staffMaySeeWorkOf(db, actor, row.userId, row.problemId)))) {
    throw new AppError("NOT_FOUND", "Submission not found.");
  }
  const policy = feedbackPolicy(actor, row);
  const { problem, errorMessage, results, maxCpuMs, maxPeakKb, problemId: _problemId, ...rest } = row;
  const stored = results.map(({ testCase, ...r }) => ({ ...r, name: testCase?.name ?? null, isSample: testCase?.isSample ?? false }));
  const visible = visibleTestResults(stored, policy);
  const testCaseByPosition = new Map(results.map((r) => [r.position, r.testCase]));
  return {
    ...rest,
    ...visibleMaxima({ maxCpuMs, maxPeakKb }, stored, visible),
    errorMessage: policy.staff ? errorMessage : null,
    problem: problem
      ? {
          slug: problem.slug,
          title: problem.title,
          timeLimitMs: problem.timeLimitMs,
          memoryLimitMb: problem.memoryLimitMb,
          scoringMode: problem.scoringMode,
        }
      : null,
    /** The problem's setting, so the page can say why hidden tests are not listed. */
    testFeedback: policy.feedback,
    testsTotal:
      rest.kind === "SUBMIT" || rest.kind === "REFERENCE"
        ? (problem?._count.tests ?? 0)
        : (problem?.tests.length ?? 0) + (rest.stdin === null && problem ? 0 : 1),
    results: visible.map((r) => {
      const testCase = testCaseByPosition.get(r.position);
      return {
        ...r,
        points: testCase?.points ?? null,
        // Samples are printed in the statement anyway; hidden tests' answers never leave the server.
        expectedOutput: testCase?.isSample ? testCase.expectedOutput : null,
      };
    }),
  };
}

// Lists never include source code.
export const summarySelect = {
  ...outcomeSelect,
  problem: { select: { slug: true, title: true } },
} as const satisfies Prisma.SubmissionSelect;

/**
 * Lists show each submission's maximum CPU time and memory; where the problem withholds
 * hidden tests from this student, those maxima are taken over the visible tests only.
 */
async function withVisibleMaxima<T extends { id: string; kind: SubmissionKind; maxCpuMs: number | null; maxPeakKb: number | null }>(
  db: PrismaClient,
  actor: Actor,
  rows: (T & { problem: { slug: string; title: string; authorId: string; testFeedback: TestFeedback } | null })[],
) {
  const policies = new Map(rows.map((r) => [r.id, feedbackPolicy(actor, r)]));
  const limited = rows.filter((r) => {
    const policy = policies.get(r.id)!;
    return r.kind === "SUBMIT" && !policy.staff && policy.feedback !== "FULL";
  });
  const limitedIds = new Set(limited.map((r) => r.id));
  const results = limited.length
    ? await db.testResult.findMany({
        where: { submissionId: { in: [...limitedIds] } },
        select: { submissionId: true, position: true, verdict: true, cpuMs: true, peakKb: true, testCase: { select: { isSample: true } } },
      })
    : [];
  return rows.map(({ problem, ...row }) => {
    const visibleProblem = problem ? { slug: problem.slug, title: problem.title } : null;
    if (!limitedIds.has(row.id)) return { ...row, problem: visibleProblem };
    const own = results.filter((r) => r.submissionId === row.id).map((r) => ({ ...r, isSample: r.testCase?.isSample ?? false }));
    const shown = visiblePositions(own, policies.get(row.id)!);
    return {
      ...row,
      ...visibleMaxima(
        row,
        own,
        own.filter((r) => shown.has(r.position)),
      ),
      problem: visibleProblem,
    };
  });
}

async function page<T extends { id: string }>(rows: T[], limit: number) {
  const hasMore = rows.length > limit;
  const items = hasMore ? rows.slice(0, limit) : rows;
  return { items, nextCursor: hasMore ? items[items.length - 1]!.id : null };
}

/**
 * The actor's own submissions, newest first, cursor-paged. History means judged
 * submissions: custom runs (kind RUN) are listed only when asked for explicitly.
 */
export async function listMySubmissions(
  db: PrismaClient,
  actor: Actor,
  input: {
    cursor?: string | null;
    limit: number;
    problemSlug?: string;
    kind?: SubmissionKind;
    language?: string;
    verdict?: Verdict;
  },
) {
  const rows = await db.submission.findMany({
    where: {
      userId: actor.id,
      // History is graded submissions unless a kind is asked for: Runs, API executions and
      // reference solutions are not part of anyone's history.
      kind: input.kind ?? "SUBMIT",
      ...(input.problemSlug ? { problem: { slug: input.problemSlug } } : {}),
      ...(input.language ? { language: input.language } : {}),
      ...(input.verdict ? { verdict: input.verdict } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
    select: { ...summarySelect, problem: { select: { slug: true, title: true, authorId: true, testFeedback: true } } },
  });
  return page(await withVisibleMaxima(db, actor, rows), input.limit);
}

/** The problems the actor has submitted to, by title (for the history's problem filter). */
export async function listMySubmittedProblems(db: PrismaClient, actor: Actor) {
  return db.problem.findMany({
    where: { submissions: { some: { userId: actor.id, kind: "SUBMIT" } } },
    orderBy: { title: "asc" },
    select: { slug: true, title: true },
  });
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
    select: { ...summarySelect, user: { select: personSelect } },
  });
  return page(rows, input.limit);
}
