/** What the judge needs to know about a problem: limits, checker, scoring and tests. */
import type { CheckerSpec } from "./checkers";
import type { ValidatorFile } from "./validator-files";
import type { ScoringMode } from "./verdicts";

export interface JudgeTest {
  position: number;
  input: string;
  expectedOutput: string;
  points: number;
}

export interface JudgeProblemSpec {
  timeLimitMs: number;
  memoryLimitMb: number;
  /**
   * CUSTOM: `source` and `language` of a Kattis-style output validator, and its other
   * files (headers, modules) compiled with it as one program.
   */
  checker: CheckerSpec & { source?: string; language?: string; files?: ValidatorFile[] };
  scoringMode: ScoringMode;
  tests: JudgeTest[];
}
