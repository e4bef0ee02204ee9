/**
 * REST v1 on top of the existing services: the same permission rules as the web app,
 * answers shaped for the public contract (src/server/public-api/v1-schemas.ts).
 */
import type { PrismaClient, SubmissionKind } from "../../generated/prisma/client";
import { LANGUAGES } from "../../judge/languages";
import { AppError } from "../errors";
import { isStaff, type Actor } from "./access";
import { assertExecutionSizes, assertQueueAvailable, waitForSubmission, EXEC_LIMITS } from "./execution-service";
import { listProblems } from "./problem-list-service";
import { getProblemBySlug } from "./problem-service";
import { createSubmission, getSubmission, summarySelect } from "./submission-service";
import type { TestResultView } from "./test-feedback";

export function listApiLanguages() {
  return LANGUAGES.map((l) => ({ id: l.id, name: l.name, version: l.version, extensions: [...l.extensions] }));
}

export async function listApiProblems(db: PrismaClient, actor: Actor) {
  // Every problem the actor may see, a page at a time (the list procedure's paging).
  const problems = [];
  for (let page = 1; ; page++) {
    const result = await listProblems(db, actor, { page, pageSize: 100 });
    problems.push(...result.items);
    if (page >= result.pageCount) break;
  }
  return problems.map((p) => ({
    slug: p.slug,
    title: p.title,
    timeLimitMs: p.timeLimitMs,
    memoryLimitMb: p.memoryLimitMb,
    status: p.status === "new" ? null : p.status,
  }));
}

export async function getApiProblem(db: PrismaClient, actor: Actor, slug: string) {
  const p = await getProblemBySlug(db, actor, slug);
  return {
    slug: p.slug,
    title: p.title,
    statement: p.statement,
    timeLimitMs: p.timeLimitMs,
    memoryLimitMb: p.memoryLimitMb,
    scoringMode: p.scoringMode,
    samples: p.sampleTests.map((t) => ({ input: t.input, output: t.expectedOutput })),
  };
}

/**
 * What the API shows of one test. `getSubmission` has already applied the problem's
 * feedback setting (test-feedback.ts), the one rule the web app uses too: a `limited` row
 * (a hidden test seen by a student) carries only verdict, CPU time and memory.
 */
export function apiTestResult(r: TestResultView<string>, kind: SubmissionKind) {
  const base = { position: r.position, verdict: r.verdict, cpuMs: r.cpuMs, peakKb: r.peakKb, hidden: kind === "SUBMIT" && !r.isSample };
  if (r.limited) return base;
  return {
    ...base,
    wallMs: r.wallMs,
    exitCode: r.exitCode,
    signal: r.signal,
    stoppedBy: r.stoppedBy,
    output: r.outputExcerpt,
    stderr: r.stderrExcerpt,
    checkerMessage: r.checkerMessage,
  };
}

export async function getApiSubmission(db: PrismaClient, actor: Actor, id: string) {
  const s = await getSubmission(db, actor, id);
  return {
    id: s.id,
    kind: s.kind,
    problem: s.problem?.slug ?? null,
    language: s.language,
    status: s.status,
    verdict: s.verdict,
    score: s.score,
    maxScore: s.maxScore,
    cpuMs: s.maxCpuMs,
    peakKb: s.maxPeakKb,
    compileOutput: s.compileOutput,
    createdAt: s.createdAt.toISOString(),
    finishedAt: s.finishedAt?.toISOString() ?? null,
    tests: s.results.map((r) => apiTestResult(r, s.kind)),
  };
}

/**
 * Creates a graded submission; with `wait`, waits (bounded) for the verdict.
 * Refuses with 503 when the queue is down rather than leaving the caller waiting.
 */
export async function createApiSubmission(
  db: PrismaClient,
  actor: Actor,
  input: { problem: string; language: string; source: string; wait: boolean; signal?: AbortSignal },
) {
  assertExecutionSizes({ source: input.source });
  await assertQueueAvailable();
  const created = await createSubmission(db, actor, { problemSlug: input.problem, language: input.language, source: input.source });
  if (!input.wait) return { finished: false, created: { id: created.id, status: created.status } };
  const finished = await waitForSubmission(db, created.id, EXEC_LIMITS.maxWaitMs, input.signal);
  if (!finished) {
    const row = await db.submission.findUniqueOrThrow({ where: { id: created.id }, select: { id: true, status: true } });
    return { finished: false, created: row };
  }
  return { finished: true, submission: await getApiSubmission(db, actor, created.id) };
}

/**
 * A page of submissions, newest first: your own (runs and graded; never API executions),
 * or, for teachers, anyone's (`user`), optionally for one problem.
 */
export async function listApiSubmissions(
  db: PrismaClient,
  actor: Actor,
  input: { problem?: string; user?: string; cursor?: string; limit: number },
) {
  const userId = input.user ?? actor.id;
  if (userId !== actor.id && !isStaff(actor)) throw new AppError("FORBIDDEN", "Only teachers can list other users' submissions.");
  if (input.problem && !(await db.problem.findUnique({ where: { slug: input.problem }, select: { id: true } }))) {
    throw new AppError("NOT_FOUND", "Problem not found.");
  }
  if (input.cursor && !(await db.submission.findUnique({ where: { id: input.cursor }, select: { id: true } }))) {
    throw new AppError("BAD_REQUEST", "Unknown cursor.");
  }
  const rows = await db.submission.findMany({
    where: {
      userId,
      kind: userId === actor.id ? { not: "EXEC" } : "SUBMIT",
      ...(input.problem ? { problem: { slug: input.problem } } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
    select: { ...summarySelect, problem: { select: { slug: true } }, user: { select: { id: true, name: true } } },
  });
  const hasMore = rows.length > input.limit;
  const items = hasMore ? rows.slice(0, input.limit) : rows;
  return {
    submissions: items.map((r) => ({
      id: r.id,
      problem: r.problem?.slug ?? null,
      user: r.user,
      kind: r.kind,
      language: r.language,
      status: r.status,
      verdict: r.verdict,
      score: r.score,
      maxScore: r.maxScore,
      cpuMs: r.maxCpuMs,
      peakKb: r.maxPeakKb,
      createdAt: r.createdAt.toISOString(),
    })),
    nextCursor: hasMore ? items[items.length - 1]!.id : null,
  };
}
