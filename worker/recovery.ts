import type { Queue } from "bullmq";
import type { Prisma, PrismaClient } from "../src/generated/prisma/client";
import { enqueueSubmission, type JudgeJobData } from "../src/judge/queue";
import { recordInternalError } from "./process-submission";

/**
 * A submission claimed this many times without finishing is treated as poison (it
 * probably crashes the worker): it is recorded as FAILED/IE instead of re-queued forever.
 */
export const RECOVERY_MAX_ATTEMPTS = 6;
const PAGE_SIZE = 500;

export interface RecoveryReport {
  requeued: string[];
  alreadyQueued: string[];
  failed: string[];
}

/**
 * Postgres is the source of truth: every submission still QUEUED or RUNNING (for
 * example after a crash, or after Redis lost its data) gets a job again.
 *
 * Recovery only enqueues, never judges, so any number of workers may run it at once.
 * Job ids are submission ids: a job that is still waiting, delayed or active is left
 * alone (an active job whose worker died is handed back by BullMQ's stalled check);
 * a finished job record is removed first so the submission can be queued again.
 */
export async function recoverUnfinishedSubmissions(
  db: PrismaClient,
  queue: Queue<JudgeJobData>,
  log: (line: string) => void = () => {},
  /** Narrows recovery (tests share one database with other suites); default: every submission. */
  scope: Prisma.SubmissionWhereInput = {},
): Promise<RecoveryReport> {
  const report: RecoveryReport = { requeued: [], alreadyQueued: [], failed: [] };
  let cursor: string | undefined;
  for (;;) {
    const page = await db.submission.findMany({
      where: { AND: [scope, { status: { in: ["QUEUED", "RUNNING"] } }] },
      select: { id: true, kind: true, attempts: true },
      orderBy: { id: "asc" },
      take: PAGE_SIZE,
      ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}),
    });
    for (const submission of page) {
      if (submission.attempts >= RECOVERY_MAX_ATTEMPTS) {
        if (await recordInternalError(db, submission.id, `gave up after ${submission.attempts} attempts without a result`)) {
          report.failed.push(submission.id);
        }
        continue;
      }
      const existing = await queue.getJob(submission.id);
      if (existing) {
        const state = await existing.getState();
        if (state !== "completed" && state !== "failed" && state !== "unknown") {
          report.alreadyQueued.push(submission.id);
          continue;
        }
        // A finished (or half-removed) job record would make `add` with the same id a no-op.
        await existing.remove().catch(() => undefined);
      }
      await enqueueSubmission(submission.id, submission.kind === "RUN" || submission.kind === "EXEC" ? "run" : "submit", queue);
      report.requeued.push(submission.id);
    }
    if (page.length < PAGE_SIZE) break;
    cursor = page[page.length - 1]!.id;
  }
  if (report.requeued.length + report.failed.length > 0) {
    log(
      `[worker] recovery: re-queued ${report.requeued.length}, left ${report.alreadyQueued.length} live job(s), gave up on ${report.failed.length}`,
    );
  }
  return report;
}
