import { Prisma, type PrismaClient } from "../../generated/prisma/client";
import type { CheckerKind, ScoringMode, TestFeedback, Visibility } from "../../generated/prisma/enums";
import { getLanguage } from "../../judge/languages";
import { MAX_VALIDATOR_BYTES, MAX_VALIDATOR_FILES, validatorFileNameError, type ValidatorFile } from "../../judge/validator-files";
import { AppError } from "../errors";
import { isStaff, visibleProblemsWhere, type Actor } from "./access";
import { problemStatementSelect } from "./selects";

/** A problem's statement, limits and SAMPLE tests only: hidden test data never leaves the server. */
export async function getProblemBySlug(db: PrismaClient, actor: Actor, slug: string) {
  const problem = await db.problem.findFirst({
    where: { AND: [{ slug }, visibleProblemsWhere(actor)] },
    select: {
      ...problemStatementSelect,
      id: true,
      testFeedback: true,
      visibility: true,
      authorId: true,
      tests: {
        where: { isSample: true },
        orderBy: { position: "asc" },
        select: { position: true, name: true, input: true, expectedOutput: true },
      },
      _count: { select: { tests: true } },
    },
  });
  if (!problem) throw new AppError("NOT_FOUND", "Problem not found.");
  const { tests, _count, ...rest } = problem;
  return { ...rest, sampleTests: tests, testCount: _count.tests };
}

/** Resolves a slug to a problem id the actor may submit to. */
export async function findVisibleProblemId(db: PrismaClient, actor: Actor, slug: string) {
  const problem = await db.problem.findFirst({
    where: { AND: [{ slug }, visibleProblemsWhere(actor)] },
    select: { id: true },
  });
  if (!problem) throw new AppError("NOT_FOUND", "Problem not found.");
  return problem.id;
}

export interface TestCaseInput {
  name?: string | null;
  input: string;
  expectedOutput: string;
  isSample: boolean;
  points: number;
}

export interface ProblemInput {
  slug: string;
  title: string;
  statement: string;
  timeLimitMs: number;
  memoryLimitMb: number;
  checkerKind: CheckerKind;
  checkerOptions?: Record<string, string | number | boolean> | null;
  /** CUSTOM checker: the output validator's source and language id. */
  checkerSource?: string | null;
  checkerLanguage?: string | null;
  /** CUSTOM checker: the validator's other files (headers, modules), compiled with the source. */
  checkerFiles?: ValidatorFile[] | null;
  /** The time limit is derived by Verify from the reference solutions (problemtools' rule). */
  timeLimitDerived?: boolean;
  /** Starter code per language id. */
  starterCode?: Record<string, string> | null;
  scoringMode: ScoringMode;
  /** What students see of hidden tests' results (default FULL); see test-feedback.ts. */
  testFeedback?: TestFeedback;
  visibility: Visibility;
  tests: TestCaseInput[];
}

const testRows = (tests: TestCaseInput[]) =>
  tests.map((t, i) => ({
    position: i + 1,
    name: t.name ?? null,
    input: t.input,
    expectedOutput: t.expectedOutput,
    isSample: t.isSample,
    points: t.points,
  }));

export async function createProblem(db: PrismaClient, actor: Actor, input: ProblemInput) {
  if (!isStaff(actor)) throw new AppError("FORBIDDEN", "Only teachers can create problems.");
  if (await db.problem.findUnique({ where: { slug: input.slug }, select: { id: true } })) {
    throw new AppError("CONFLICT", "A problem with this slug already exists.", {
      fieldErrors: { slug: ["A problem with this slug already exists."] },
    });
  }
  const { tests, checkerOptions, starterCode, checkerFiles, ...fields } = input;
  assertValidatorFiles(input);
  return db.problem.create({
    data: {
      ...fields,
      checkerFiles: checkerFiles?.length ? asJson(checkerFiles) : undefined,
      checkerOptions: checkerOptions ?? undefined,
      starterCode: starterCode ?? undefined,
      authorId: actor.id,
      tests: { create: testRows(tests) },
    },
    select: { id: true, slug: true },
  });
}

/** Updates a problem; its author or an admin only. `tests`, when given, replaces every test. */
export async function updateProblem(db: PrismaClient, actor: Actor, slug: string, patch: Partial<Omit<ProblemInput, "slug">>) {
  const problem = await db.problem.findUnique({ where: { slug }, select: { id: true, authorId: true } });
  if (!problem) throw new AppError("NOT_FOUND", "Problem not found.");
  if (problem.authorId !== actor.id && actor.role !== "ADMIN") {
    throw new AppError("FORBIDDEN", "Only the problem's author or an administrator can edit it.");
  }
  const { tests, checkerOptions, starterCode, checkerFiles, ...fields } = patch;
  assertValidatorFiles(patch);
  // Setting a time limit by hand ends its derivation, unless the same edit asks for it.
  if (fields.timeLimitMs !== undefined && fields.timeLimitDerived === undefined) fields.timeLimitDerived = false;
  return db.$transaction(async (tx) => {
    if (tests) {
      await tx.testCase.deleteMany({ where: { problemId: problem.id } });
      await tx.testCase.createMany({ data: testRows(tests).map((t) => ({ ...t, problemId: problem.id })) });
    }
    return tx.problem.update({
      where: { id: problem.id },
      data: {
        ...fields,
        ...(checkerOptions !== undefined ? { checkerOptions: checkerOptions ?? Prisma.DbNull } : {}),
        ...(starterCode !== undefined ? { starterCode: starterCode ?? Prisma.DbNull } : {}),
        ...(checkerFiles !== undefined ? { checkerFiles: checkerFiles?.length ? asJson(checkerFiles) : Prisma.DbNull } : {}),
      },
      select: { id: true, slug: true },
    });
  });
}

const asJson = (files: ValidatorFile[]) => files.map((f) => ({ name: f.name, content: f.content }));

/** The validator's files must make one program with its source (same rules as a package's). */
function assertValidatorFiles(input: Partial<Pick<ProblemInput, "checkerFiles" | "checkerSource" | "checkerLanguage">>) {
  const files = input.checkerFiles ?? [];
  if (files.length === 0) return;
  const language = input.checkerLanguage ? getLanguage(input.checkerLanguage) : undefined;
  const mainName = language?.sourceFileName(input.checkerSource ?? "");
  const problem =
    files.map((f) => validatorFileNameError(f.name)).find(Boolean) ??
    (new Set(files.map((f) => f.name)).size !== files.length ? "two files have the same name" : null) ??
    (files.length > MAX_VALIDATOR_FILES ? `at most ${MAX_VALIDATOR_FILES} files` : null) ??
    (mainName && files.some((f) => f.name === mainName) ? `"${mainName}" is where the validator's source goes: rename that file` : null) ??
    (files.reduce((n, f) => n + Buffer.byteLength(f.content, "utf8"), 0) > MAX_VALIDATOR_BYTES
      ? `at most ${MAX_VALIDATOR_BYTES / 1024} KiB in total`
      : null);
  if (problem) {
    const message = `Validator files: ${problem}.`;
    throw new AppError("BAD_REQUEST", message, { fieldErrors: { checkerFiles: [message] } });
  }
}
