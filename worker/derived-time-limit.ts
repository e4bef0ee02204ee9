/**
 * After a Verify run of a problem whose time limit is derived (problem.yaml states none):
 * once every accepted reference has finished under the generous Verify limit, store the
 * limit problemtools would set (src/judge/time-limit.ts) and what it came from.
 * Idempotent: every finishing run recomputes the same value from the same rows.
 */
import type { PrismaClient } from "../src/generated/prisma/client";
import { deriveTimeLimitMs } from "../src/judge/time-limit";

export async function storeDerivedTimeLimit(db: PrismaClient, problemId: string): Promise<number | null> {
  const problem = await db.problem.findUnique({
    where: { id: problemId },
    select: {
      timeLimitDerived: true,
      timeMultiplier: true,
      references: {
        where: { expectedVerdict: "AC" },
        select: { lastRun: { select: { status: true, verdict: true, maxCpuMs: true, runTimeLimitMs: true } } },
      },
    },
  });
  if (!problem?.timeLimitDerived) return null;
  const runs = problem.references.map((r) => r.lastRun);
  // Only runs made under the generous limit measure how slow an accepted solution really is.
  if (runs.length === 0 || runs.some((run) => !run || run.status !== "DONE" || run.runTimeLimitMs == null)) return null;
  const accepted = runs.filter((run) => run!.verdict === "AC");
  if (accepted.length === 0) return null;
  const slowest = Math.max(...accepted.map((run) => run!.maxCpuMs ?? 0));
  const timeLimitMs = deriveTimeLimitMs(slowest, problem.timeMultiplier);
  await db.problem.updateMany({
    where: { id: problemId, timeLimitDerived: true },
    data: { timeLimitMs, derivedFromCpuMs: slowest },
  });
  return timeLimitMs;
}
