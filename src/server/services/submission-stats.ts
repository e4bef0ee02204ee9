import type { PrismaClient } from "../../generated/prisma/client";
import { AppError } from "../errors";
import { isStaff, type Actor } from "./access";

/** Accepted submissions compared against (the most recent ones). */
const SAMPLE_LIMIT = 5000;
const BUCKETS = 12;

export interface HistogramBucket {
  /** Inclusive lower and exclusive upper bound (ms or KiB). */
  from: number;
  to: number;
  count: number;
  /** This bucket holds the submission being compared. */
  mine: boolean;
}

export interface MetricStats {
  /** Share (0–100, one decimal) of the other accepted submissions that used strictly more; null when there are none. */
  betterThanPct: number | null;
  histogram: HistogramBucket[];
}

/** Equal-width buckets from the smallest to the largest value (at least 1 unit wide); `mine` marks its bucket. */
export function histogram(values: number[], mine?: number): HistogramBucket[] {
  const all = mine === undefined ? values : [...values, mine];
  if (all.length === 0) return [];
  const min = Math.min(...all);
  const max = Math.max(...all);
  const width = Math.max(1, Math.ceil((max - min + 1) / BUCKETS));
  const count = Math.min(BUCKETS, Math.floor((max - min) / width) + 1);
  const buckets = Array.from({ length: count }, (_, i) => ({ from: min + i * width, to: min + (i + 1) * width, count: 0, mine: false }));
  for (const v of values) buckets[Math.min(count - 1, Math.floor((v - min) / width))]!.count++;
  if (mine !== undefined) buckets[Math.min(count - 1, Math.floor((mine - min) / width))]!.mine = true;
  return buckets;
}

/**
 * How one measurement compares with the others (`others` excludes the submission itself).
 * "Faster than X %" counts only strictly slower submissions, so ties never flatter.
 */
export function compareMetric(others: number[], mine: number): MetricStats {
  const worse = others.filter((v) => v > mine).length;
  return {
    betterThanPct: others.length === 0 ? null : Math.round((1000 * worse) / others.length) / 10,
    histogram: histogram(others, mine),
  };
}

/**
 * "Faster than X % / less memory than Y % of accepted submissions in <language>" for an
 * Accepted submission (owner or staff only). Null for anything that is not an Accepted SUBMIT.
 */
export async function getAcceptedStats(db: PrismaClient, actor: Actor, submissionId: string) {
  const row = await db.submission.findUnique({
    where: { id: submissionId },
    select: { userId: true, kind: true, verdict: true, problemId: true, language: true, maxCpuMs: true, maxPeakKb: true },
  });
  if (!row || (row.userId !== actor.id && !isStaff(actor))) throw new AppError("NOT_FOUND", "Submission not found.");
  if (row.kind !== "SUBMIT" || row.verdict !== "AC" || !row.problemId || row.maxCpuMs == null || row.maxPeakKb == null) return null;
  const others = await db.submission.findMany({
    where: {
      problemId: row.problemId,
      language: row.language,
      kind: "SUBMIT",
      verdict: "AC",
      maxCpuMs: { not: null },
      maxPeakKb: { not: null },
      id: { not: submissionId },
    },
    orderBy: { createdAt: "desc" },
    take: SAMPLE_LIMIT,
    select: { maxCpuMs: true, maxPeakKb: true },
  });
  return {
    language: row.language,
    accepted: others.length + 1,
    cpu: {
      mine: row.maxCpuMs,
      ...compareMetric(
        others.map((o) => o.maxCpuMs!),
        row.maxCpuMs,
      ),
    },
    memory: {
      mine: row.maxPeakKb,
      ...compareMetric(
        others.map((o) => o.maxPeakKb!),
        row.maxPeakKb,
      ),
    },
  };
}
