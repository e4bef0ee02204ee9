/**
 * Problem authoring beyond create/update (problem-service.ts): the editor's view of a
 * problem with every test (previews only), editing tests one by one, reference solutions
 * and Verify. Authors and admins only.
 */
import type { PrismaClient, Verdict } from "../../generated/prisma/client";
import { getLanguage } from "../../judge/languages";
import { deriveTimeLimitMs, tooCloseToLimit, verdictUnderLimit, VERIFY_DERIVING_TIME_LIMIT_MS } from "../../judge/time-limit";
import { effectiveLimits } from "../../judge/verdicts";
import { utf8Prefix } from "../../judge/text";
import { enqueueSubmission } from "../../judge/queue";
import { parseValidatorFiles } from "../../judge/validator-files";
import { AppError } from "../errors";
import { isStaff, type Actor } from "./access";
import { problemDefinitionSelect } from "./selects";

/** What the editor shows of a test; the full text is fetched one test at a time. */
export const TEST_PREVIEW_BYTES = 4 * 1024;
export const MAX_TEST_BYTES = 8 * 1024 * 1024;
export const MAX_REFERENCE_SOURCE_BYTES = 256 * 1024;

const preview = (text: string) => {
  const bytes = Buffer.byteLength(text, "utf8");
  return {
    text: bytes > TEST_PREVIEW_BYTES ? utf8Prefix(Buffer.from(text, "utf8"), TEST_PREVIEW_BYTES) : text,
    bytes,
    truncated: bytes > TEST_PREVIEW_BYTES,
  };
};

/** Refuses unless the actor wrote the problem or is an admin. */
export async function assertProblemAuthor(db: PrismaClient, actor: Actor, problemId: string) {
  if (!isStaff(actor)) throw new AppError("FORBIDDEN", "Only teachers can do this.");
  const problem = await db.problem.findUnique({ where: { id: problemId }, select: { id: true, slug: true, authorId: true } });
  if (!problem) throw new AppError("NOT_FOUND", "Problem not found.");
  if (problem.authorId !== actor.id && actor.role !== "ADMIN") {
    throw new AppError("FORBIDDEN", "Only the problem's author or an administrator can edit it.");
  }
  return problem;
}

/** Problems the actor authored (all for an admin), for the workspace's list. */
export async function listAuthoredProblems(db: PrismaClient, actor: Actor) {
  if (!isStaff(actor)) throw new AppError("FORBIDDEN", "Only teachers can do this.");
  return db.problem.findMany({
    where: actor.role === "ADMIN" ? {} : { authorId: actor.id },
    orderBy: [{ updatedAt: "desc" }],
    take: 500,
    select: {
      id: true,
      slug: true,
      title: true,
      visibility: true,
      timeLimitMs: true,
      memoryLimitMb: true,
      updatedAt: true,
      _count: { select: { tests: true, references: true } },
    },
  });
}

export async function getProblemForEditing(db: PrismaClient, actor: Actor, slug: string) {
  const found = await db.problem.findUnique({ where: { slug }, select: { id: true } });
  if (!found) throw new AppError("NOT_FOUND", "Problem not found.");
  await assertProblemAuthor(db, actor, found.id);
  const problem = await db.problem.findUniqueOrThrow({
    where: { id: found.id },
    select: {
      ...problemDefinitionSelect,
      id: true,
      starterCode: true,
      derivedFromCpuMs: true,
      visibility: true,
      testFeedback: true,
      updatedAt: true,
      tests: {
        orderBy: { position: "asc" },
        select: { id: true, position: true, name: true, input: true, expectedOutput: true, isSample: true, points: true },
      },
      references: {
        orderBy: { createdAt: "asc" },
        select: { id: true, name: true, language: true, expectedVerdict: true, createdAt: true },
      },
      _count: { select: { submissions: { where: { kind: "SUBMIT" } } } },
    },
  });
  const { tests, _count, checkerOptions, starterCode, checkerFiles, ...rest } = problem;
  return {
    ...rest,
    checkerFiles: parseValidatorFiles(checkerFiles),
    checkerOptions: (checkerOptions ?? null) as Record<string, string | number | boolean> | null,
    starterCode: (starterCode ?? {}) as Record<string, string>,
    submissionCount: _count.submissions,
    tests: tests.map(({ input, expectedOutput, ...t }) => ({ ...t, input: preview(input), expectedOutput: preview(expectedOutput) })),
  };
}

/** One test in full (the editor loads it to edit a truncated test). */
export async function getTest(db: PrismaClient, actor: Actor, testId: string) {
  const test = await db.testCase.findUnique({
    where: { id: testId },
    select: { id: true, problemId: true, position: true, name: true, input: true, expectedOutput: true, isSample: true, points: true },
  });
  if (!test) throw new AppError("NOT_FOUND", "Test not found.");
  await assertProblemAuthor(db, actor, test.problemId);
  return test;
}

export interface NewTest {
  name?: string | null;
  input: string;
  expectedOutput: string;
  isSample: boolean;
  points: number;
}

function assertTestSize(test: { input?: string; expectedOutput?: string }) {
  for (const field of ["input", "expectedOutput"] as const) {
    const text = test[field];
    if (text !== undefined && Buffer.byteLength(text, "utf8") > MAX_TEST_BYTES) {
      const message = `A test's ${field === "input" ? "input" : "answer"} may be at most ${MAX_TEST_BYTES / 1024 / 1024} MiB.`;
      throw new AppError("PAYLOAD_TOO_LARGE", message, { fieldErrors: { [field]: [message] } });
    }
  }
}

/** Appends tests after the existing ones. */
export async function addTests(db: PrismaClient, actor: Actor, problemId: string, tests: NewTest[]) {
  await assertProblemAuthor(db, actor, problemId);
  tests.forEach(assertTestSize);
  return db.$transaction(async (tx) => {
    const last = await tx.testCase.aggregate({ where: { problemId }, _max: { position: true } });
    const start = (last._max.position ?? 0) + 1;
    await tx.testCase.createMany({
      data: tests.map((t, i) => ({
        problemId,
        position: start + i,
        name: t.name?.trim() || null,
        input: t.input,
        expectedOutput: t.expectedOutput,
        isSample: t.isSample,
        points: t.points,
      })),
    });
    await tx.problem.update({ where: { id: problemId }, data: { updatedAt: new Date() } });
    return { added: tests.length };
  });
}

export async function updateTest(db: PrismaClient, actor: Actor, testId: string, patch: Partial<NewTest>) {
  const test = await db.testCase.findUnique({ where: { id: testId }, select: { problemId: true } });
  if (!test) throw new AppError("NOT_FOUND", "Test not found.");
  await assertProblemAuthor(db, actor, test.problemId);
  assertTestSize(patch);
  return db.testCase.update({
    where: { id: testId },
    data: { ...patch, ...(patch.name !== undefined ? { name: patch.name?.trim() || null } : {}) },
    select: { id: true, position: true },
  });
}

/** Deletes tests and closes the gaps in positions. */
export async function deleteTests(db: PrismaClient, actor: Actor, problemId: string, testIds: string[]) {
  await assertProblemAuthor(db, actor, problemId);
  await db.testCase.deleteMany({ where: { problemId, id: { in: testIds } } });
  const remaining = await db.testCase.findMany({ where: { problemId }, orderBy: { position: "asc" }, select: { id: true } });
  await reorderTests(
    db,
    actor,
    problemId,
    remaining.map((t) => t.id),
  );
  return { deleted: testIds.length };
}

/** Sets test order to `testIds` (every test of the problem, once). */
export async function reorderTests(db: PrismaClient, actor: Actor, problemId: string, testIds: string[]) {
  await assertProblemAuthor(db, actor, problemId);
  const existing = await db.testCase.findMany({ where: { problemId }, select: { id: true } });
  const ids = new Set(existing.map((t) => t.id));
  if (testIds.length !== ids.size || new Set(testIds).size !== ids.size || testIds.some((id) => !ids.has(id))) {
    throw new AppError("BAD_REQUEST", "The new order must list every test of the problem exactly once.");
  }
  // Two steps so the unique (problemId, position) never collides midway.
  await db.$transaction([
    ...testIds.map((id, i) => db.testCase.update({ where: { id }, data: { position: -(i + 1) } })),
    ...testIds.map((id, i) => db.testCase.update({ where: { id }, data: { position: i + 1 } })),
  ]);
  return { ok: true as const };
}

// ---- Reference solutions and Verify ----

export interface ReferenceInput {
  name: string;
  language: string;
  source: string;
  expectedVerdict: Verdict;
}

function assertReference(input: Partial<ReferenceInput>) {
  if (input.language !== undefined && !getLanguage(input.language)) {
    throw new AppError("BAD_REQUEST", `Unknown language "${input.language}".`, { fieldErrors: { language: ["Unknown language."] } });
  }
  if (input.source !== undefined && Buffer.byteLength(input.source, "utf8") > MAX_REFERENCE_SOURCE_BYTES) {
    const message = "A reference solution may be at most 256 KiB.";
    throw new AppError("PAYLOAD_TOO_LARGE", message, { fieldErrors: { source: [message] } });
  }
  if (input.expectedVerdict === "IE") {
    throw new AppError("BAD_REQUEST", "A reference solution cannot expect an internal error.", {
      fieldErrors: { expectedVerdict: ["Choose a verdict a program can earn."] },
    });
  }
}

export async function addReferenceSolution(db: PrismaClient, actor: Actor, problemId: string, input: ReferenceInput) {
  await assertProblemAuthor(db, actor, problemId);
  assertReference(input);
  return db.referenceSolution.create({
    data: { problemId, name: input.name.trim(), language: input.language, source: input.source, expectedVerdict: input.expectedVerdict },
    select: { id: true, name: true },
  });
}

export async function deleteReferenceSolution(db: PrismaClient, actor: Actor, referenceId: string) {
  const ref = await db.referenceSolution.findUnique({ where: { id: referenceId }, select: { problemId: true } });
  if (!ref) throw new AppError("NOT_FOUND", "Reference solution not found.");
  await assertProblemAuthor(db, actor, ref.problemId);
  await db.referenceSolution.delete({ where: { id: referenceId } });
  return { ok: true as const };
}

/**
 * Verify: judges every reference solution as a Submission of kind REFERENCE through the
 * normal queue (Submit priority: the teacher is waiting), remembering each one's run.
 */
export async function verifyProblem(db: PrismaClient, actor: Actor, problemId: string) {
  await assertProblemAuthor(db, actor, problemId);
  const refs = await db.referenceSolution.findMany({ where: { problemId }, select: { id: true, language: true, source: true } });
  if (refs.length === 0) throw new AppError("BAD_REQUEST", "Add a reference solution first.");
  const { timeLimitDerived } = await db.problem.findUniqueOrThrow({ where: { id: problemId }, select: { timeLimitDerived: true } });
  // While the limit is to be derived, references run under a generous one (problemtools: 300 s)
  // so the slowest accepted one shows its real time; the worker then stores the derived limit.
  const runTimeLimitMs = timeLimitDerived ? VERIFY_DERIVING_TIME_LIMIT_MS : null;
  if ((await db.testCase.count({ where: { problemId } })) === 0)
    throw new AppError("BAD_REQUEST", "Add tests first: there is nothing to judge.");
  const runs = await db.$transaction(async (tx) => {
    const created: string[] = [];
    for (const ref of refs) {
      const run = await tx.submission.create({
        data: { userId: actor.id, problemId, kind: "REFERENCE", language: ref.language, source: ref.source, runTimeLimitMs },
        select: { id: true },
      });
      await tx.referenceSolution.update({ where: { id: ref.id }, data: { lastRunId: run.id } });
      created.push(run.id);
    }
    return created;
  });
  // Left QUEUED for the worker's recovery if Redis is unreachable.
  await Promise.all(runs.map((id) => enqueueSubmission(id, "submit").catch((e) => console.error(`[verify] enqueue ${id}:`, e))));
  return { queued: runs.length };
}

/**
 * The Verify table: expected vs got per reference solution, from their latest runs. A run
 * made under the generous limit (while the limit was being derived) is judged again under
 * the problem's limit from its per-test times; references within the safety margin of
 * the limit are flagged. Also the limit and where it came from, and for a fixed limit the
 * one problemtools would derive (once every accepted solution has run).
 */
export async function getVerifyResults(db: PrismaClient, actor: Actor, problemId: string) {
  await assertProblemAuthor(db, actor, problemId);
  const problem = await db.problem.findUniqueOrThrow({
    where: { id: problemId },
    select: {
      timeLimitMs: true,
      memoryLimitMb: true,
      timeLimitDerived: true,
      timeMultiplier: true,
      timeSafetyMargin: true,
      derivedFromCpuMs: true,
    },
  });
  const refs = await db.referenceSolution.findMany({
    where: { problemId },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      name: true,
      language: true,
      expectedVerdict: true,
      lastRun: {
        select: {
          id: true,
          status: true,
          verdict: true,
          maxCpuMs: true,
          maxPeakKb: true,
          runTimeLimitMs: true,
          createdAt: true,
          results: { select: { position: true, verdict: true, cpuMs: true } },
        },
      },
    },
  });
  const rows = refs.map(({ lastRun, ...r }) => {
    if (!lastRun) return { ...r, lastRun: null, got: null, matches: null, tooClose: false };
    const { results, runTimeLimitMs, ...run } = lastRun;
    const measuredBeyondLimit = runTimeLimitMs != null && runTimeLimitMs > problem.timeLimitMs;
    let got = run.verdict;
    if (run.status === "DONE" && got && measuredBeyondLimit) {
      const language = getLanguage(r.language);
      const cpuLimit = language ? effectiveLimits(language, problem).cpuMs : problem.timeLimitMs;
      got = verdictUnderLimit(got, results, cpuLimit);
    }
    const done = run.status === "DONE";
    const tooClose =
      done &&
      (r.expectedVerdict !== "AC" || got === "AC") &&
      tooCloseToLimit({
        expectedVerdict: r.expectedVerdict,
        maxCpuMs: run.maxCpuMs ?? 0,
        timeLimitMs: problem.timeLimitMs,
        safetyMargin: problem.timeSafetyMargin,
        measuredBeyondLimit,
      });
    return { ...r, lastRun: { ...run, verdict: got }, got, matches: done ? got === r.expectedVerdict : null, tooClose };
  });
  const accepted = rows.filter((r) => r.expectedVerdict === "AC");
  const allAcceptedRan = accepted.length > 0 && accepted.every((r) => r.lastRun?.status === "DONE" && r.got === "AC");
  const slowest = Math.max(0, ...accepted.map((r) => r.lastRun?.maxCpuMs ?? 0));
  return {
    rows,
    timeLimit: {
      timeLimitMs: problem.timeLimitMs,
      derived: problem.timeLimitDerived,
      derivedFromCpuMs: problem.derivedFromCpuMs,
      multiplier: problem.timeMultiplier,
      safetyMargin: problem.timeSafetyMargin,
    },
    derivedTimeLimit:
      allAcceptedRan && !problem.timeLimitDerived
        ? {
            slowestAcceptedMs: slowest,
            multiplier: problem.timeMultiplier,
            timeLimitMs: deriveTimeLimitMs(slowest, problem.timeMultiplier),
          }
        : null,
  };
}
