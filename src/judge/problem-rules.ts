/**
 * What a problem may be: the one definition of its limits and of its slug, shared by the
 * authoring procedures, the Kattis package loader, the seed and the API.
 */
import { z } from "zod";

export const PROBLEM_LIMITS = {
  /** CPU time per test. */
  timeLimitMs: { min: 100, max: 20_000, default: 1000 },
  /** Memory per test. */
  memoryLimitMb: { min: 16, max: 2048, default: 256 },
} as const;

/** Lowercase letters, digits, single dashes or underscores inside; 1–64 characters (contest problems are often "a", "b"…). */
export const SLUG_PATTERN = /^[a-z0-9]+(?:[-_][a-z0-9]+)*$/;
export const SLUG_LENGTH = { min: 1, max: 64 } as const;

export function slugProblem(slug: string): string | null {
  if (slug.length < SLUG_LENGTH.min) return `Slug must be at least ${SLUG_LENGTH.min} characters.`;
  if (slug.length > SLUG_LENGTH.max) return `Slug must be at most ${SLUG_LENGTH.max} characters.`;
  if (!SLUG_PATTERN.test(slug)) return "Use lowercase letters and digits, separated by single dashes or underscores.";
  return null;
}

export const slugSchema = z
  .string()
  .trim()
  .superRefine((slug, ctx) => {
    const problem = slugProblem(slug);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

const { timeLimitMs, memoryLimitMb } = PROBLEM_LIMITS;
export const timeLimitSchema = z
  .number()
  .int()
  .min(timeLimitMs.min, `The time limit must be at least ${timeLimitMs.min} ms.`)
  .max(timeLimitMs.max, `The time limit must be at most ${timeLimitMs.max / 1000} s.`);
export const memoryLimitSchema = z
  .number()
  .int()
  .min(memoryLimitMb.min, `The memory limit must be at least ${memoryLimitMb.min} MiB.`)
  .max(memoryLimitMb.max, `The memory limit must be at most ${memoryLimitMb.max} MiB.`);
