/**
 * The problems the seed script upserts: every Kattis-format package under problems/
 * (the same packages `npm run verify` checks), flattened to Problem/TestCase rows.
 */
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import type { CheckerOptions } from "../src/judge/checkers";
import { Prisma, type PrismaClient } from "../src/generated/prisma/client";
import type { Visibility } from "../src/generated/prisma/enums";
import { loadProblemPackage, type ProblemPackage } from "../src/judge/kattis";
import type { ProblemInput } from "../src/server/services/problem-service";

export const PROBLEMS_DIR = path.resolve(import.meta.dirname, "../problems");

export interface SeedTestCase {
  position: number;
  name: string;
  input: string;
  expectedOutput: string;
  isSample: boolean;
  points: number;
}

/** A problem as the seed upserts it; `statement` is Markdown (raw LaTeX for .tex-only packages). */
export interface SeedProblem extends Pick<
  ProblemInput,
  "slug" | "title" | "statement" | "timeLimitMs" | "memoryLimitMb" | "checkerKind" | "scoringMode"
> {
  checkerOptions: CheckerOptions | null;
  checkerSource: string | null;
  checkerLanguage: string | null;
  /** The validator's other files (headers, modules), compiled with checkerSource. */
  checkerFiles: { name: string; content: string }[];
  difficulty: "EASY" | "MEDIUM" | "HARD" | null;
  tags: string[];
  tests: SeedTestCase[];
}

/** Load every package folder in `problemsDir` (sorted by slug); a broken package throws ProblemPackageError. */
export async function loadSeedProblems(problemsDir: string = PROBLEMS_DIR): Promise<SeedProblem[]> {
  const problems: SeedProblem[] = [];
  for (const name of (await readdir(problemsDir)).sort()) {
    const dir = path.join(problemsDir, name);
    if (name.startsWith(".") || !(await stat(dir)).isDirectory()) continue;
    problems.push(seedProblemFromPackage(await loadProblemPackage(dir)));
  }
  return problems;
}

/** One loaded Kattis package as the rows it becomes (shared by the seed and `npm run admin -- problems:import`). */
export function seedProblemFromPackage(pkg: ProblemPackage): SeedProblem {
  const { checker } = pkg.spec;
  return {
    slug: pkg.slug,
    title: pkg.title,
    statement: pkg.statement,
    timeLimitMs: pkg.spec.timeLimitMs,
    memoryLimitMb: pkg.spec.memoryLimitMb,
    checkerKind: checker.kind,
    checkerOptions: checker.options ?? null,
    checkerSource: checker.source ?? null,
    checkerLanguage: checker.language ?? null,
    checkerFiles: checker.files ?? [],
    scoringMode: pkg.spec.scoringMode,
    difficulty: pkg.difficulty,
    tags: pkg.tags,
    tests: pkg.spec.tests.map(({ position, name: testName, input, expectedOutput, isSample, points }) => ({
      position,
      name: testName,
      input,
      expectedOutput,
      isSample,
      points,
    })),
  };
}

/**
 * Creates or updates a problem by slug; its tests are replaced only when they changed.
 * New problems get `authorId` and `visibility`; an existing problem keeps both.
 */
export async function upsertSeedProblem(
  db: PrismaClient,
  p: SeedProblem,
  owner: { authorId: string; visibility: Visibility },
): Promise<{ problem: { id: string; slug: string }; created: boolean; changed: boolean }> {
  const data = {
    title: p.title,
    statement: p.statement,
    timeLimitMs: p.timeLimitMs,
    memoryLimitMb: p.memoryLimitMb,
    checkerKind: p.checkerKind,
    checkerOptions: (p.checkerOptions ?? undefined) as Prisma.InputJsonValue | undefined,
    checkerSource: p.checkerSource ?? null,
    checkerLanguage: p.checkerLanguage ?? null,
    checkerFiles: p.checkerFiles?.length ? (p.checkerFiles as Prisma.InputJsonValue) : Prisma.DbNull,
    scoringMode: p.scoringMode,
    difficulty: p.difficulty,
    tags: p.tags,
  };
  const existed = await db.problem.findUnique({ where: { slug: p.slug }, select: { id: true } });
  const problem = await db.problem.upsert({
    where: { slug: p.slug },
    update: data,
    create: { ...data, slug: p.slug, visibility: owner.visibility, authorId: owner.authorId },
    include: { tests: { orderBy: { position: "asc" } } },
  });
  const same =
    problem.tests.length === p.tests.length &&
    problem.tests.every((t, i) => {
      const n = p.tests[i]!;
      return t.input === n.input && t.expectedOutput === n.expectedOutput && t.isSample === n.isSample && t.points === n.points;
    });
  if (!same) {
    await db.$transaction([
      db.testCase.deleteMany({ where: { problemId: problem.id } }),
      db.testCase.createMany({
        data: p.tests.map((t) => ({ ...t, name: t.name ?? null, problemId: problem.id })),
      }),
    ]);
  }
  return { problem: { id: problem.id, slug: problem.slug }, created: !existed, changed: !same };
}
