/**
 * The problems the seed script upserts: every Kattis-format package under problems/
 * (the same packages `npm run verify` checks), flattened to Problem/TestCase rows.
 */
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import type { CheckerKind, CheckerOptions } from "../src/judge/checkers";
import type { ScoringMode } from "../src/judge/verdicts";
import { loadProblemPackage } from "../src/judge/kattis";

export const PROBLEMS_DIR = path.resolve(import.meta.dirname, "../problems");

export interface SeedTestCase {
  position: number;
  name: string;
  input: string;
  expectedOutput: string;
  isSample: boolean;
  points: number;
}

export interface SeedProblem {
  slug: string;
  title: string;
  /** Markdown (raw LaTeX for .tex-only packages). */
  statement: string;
  timeLimitMs: number;
  memoryLimitMb: number;
  checkerKind: CheckerKind;
  checkerOptions: CheckerOptions | null;
  checkerSource: string | null;
  checkerLanguage: string | null;
  scoringMode: ScoringMode;
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
    const pkg = await loadProblemPackage(dir);
    const { checker } = pkg.spec;
    problems.push({
      slug: pkg.slug,
      title: pkg.title,
      statement: pkg.statement,
      timeLimitMs: pkg.spec.timeLimitMs,
      memoryLimitMb: pkg.spec.memoryLimitMb,
      checkerKind: checker.kind,
      checkerOptions: checker.options ?? null,
      checkerSource: checker.source ?? null,
      checkerLanguage: checker.language ?? null,
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
    });
  }
  return problems;
}
