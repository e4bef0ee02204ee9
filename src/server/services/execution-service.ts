/**
 * Ad-hoc executions for the public API (Piston's /execute, Judge0's /submissions): a
 * Submission row of kind EXEC with no problem, run once on the given stdin by the worker's
 * Run path at the high "run" priority, with per-run limits and arguments clamped here to
 * the server's maxima. Also the queue check and the bounded wait both APIs share.
 */
import { Redis } from "ioredis";
import type { PrismaClient } from "../../generated/prisma/client";
import { env } from "../../env";
import { getLanguage } from "../../judge/languages";
import { enqueueSubmission, getJudgeQueue, progressChannel, type JobPriorityKind, type ProgressEvent } from "../../judge/queue";
import { AppError } from "../errors";
import type { Actor } from "./access";
import { byteLength, MAX_SOURCE_BYTES, MAX_STDIN_BYTES, outcomeSelect, testResultFields } from "./submission-service";

/** What an execution may ask for; larger requests are clamped, not refused. */
export const EXEC_LIMITS = {
  defaultTimeMs: 3000,
  minTimeMs: 100,
  maxTimeMs: 10_000,
  defaultMemoryMb: 256,
  minMemoryMb: 32,
  maxMemoryMb: 512,
  maxArgs: 64,
  maxArgBytes: 4096,
  /** Longest an HTTP request waits for a result before answering "still running". */
  maxWaitMs: 60_000,
  /** Piston's execute has no "still running" answer to poll from: it waits longer. */
  pistonWaitMs: 120_000,
} as const;

const QUEUE_CHECK_TIMEOUT_MS = 1500;
const POLL_MS = 1000;

export const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

export interface ExecutionInput {
  language: string;
  source: string;
  stdin?: string;
  args?: string[];
  /** CPU time limit in ms (clamped); undefined = default. */
  timeLimitMs?: number;
  /** Memory limit in MiB (clamped); undefined or non-positive = the server's maximum. */
  memoryLimitMb?: number;
  /** Judge0's expected_output: compared with stdout when the result is read. */
  expectedOutput?: string | null;
}

/** Size checks shared by the API handlers (which answer 413). */
export function assertExecutionSizes(input: { source: string; stdin?: string; expectedOutput?: string | null }) {
  if (byteLength(input.source) > MAX_SOURCE_BYTES) {
    throw new AppError("PAYLOAD_TOO_LARGE", `Source code is larger than ${MAX_SOURCE_BYTES / 1024} KiB.`);
  }
  if (input.stdin && byteLength(input.stdin) > MAX_STDIN_BYTES) {
    throw new AppError("PAYLOAD_TOO_LARGE", `Input is larger than ${MAX_STDIN_BYTES / 1024 / 1024} MiB.`);
  }
  if (input.expectedOutput && byteLength(input.expectedOutput) > MAX_STDIN_BYTES) {
    throw new AppError("PAYLOAD_TOO_LARGE", `Expected output is larger than ${MAX_STDIN_BYTES / 1024 / 1024} MiB.`);
  }
}

/** Throws SERVICE_UNAVAILABLE when the judge queue (Redis) does not answer quickly. */
export async function assertQueueAvailable(): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    // One cheap round trip through the producer connection (which fails fast when Redis is down).
    await Promise.race([
      getJudgeQueue().count(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error("timed out")), QUEUE_CHECK_TIMEOUT_MS);
      }),
    ]);
  } catch (error) {
    console.error(`[api] judge queue unavailable: ${(error as Error).message}`);
    throw new AppError("SERVICE_UNAVAILABLE", "The judge queue is unavailable. Please try again later.");
  } finally {
    clearTimeout(timer);
  }
}

/** Enqueue, or throw SERVICE_UNAVAILABLE (the caller decides what happens to the row). */
export async function enqueueOrFail(submissionId: string, kind: JobPriorityKind): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      enqueueSubmission(submissionId, kind),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error("timed out")), QUEUE_CHECK_TIMEOUT_MS * 2);
      }),
    ]);
  } catch (error) {
    console.error(`[api] could not enqueue ${submissionId}: ${(error as Error).message}`);
    throw new AppError("SERVICE_UNAVAILABLE", "The judge queue is unavailable. Please try again later.");
  } finally {
    clearTimeout(timer);
  }
}

export async function createExecution(db: PrismaClient, actor: Actor, input: ExecutionInput) {
  if (!getLanguage(input.language)) throw new AppError("BAD_REQUEST", `Unknown language "${input.language}".`);
  assertExecutionSizes(input);
  const args = input.args ?? [];
  if (args.length > EXEC_LIMITS.maxArgs || args.some((a) => byteLength(a) > EXEC_LIMITS.maxArgBytes || a.includes("\0"))) {
    throw new AppError("BAD_REQUEST", `At most ${EXEC_LIMITS.maxArgs} arguments of ${EXEC_LIMITS.maxArgBytes} bytes each, without NUL.`);
  }
  const timeLimitMs = clamp(Math.round(input.timeLimitMs ?? EXEC_LIMITS.defaultTimeMs), EXEC_LIMITS.minTimeMs, EXEC_LIMITS.maxTimeMs);
  const memoryLimitMb =
    input.memoryLimitMb === undefined
      ? EXEC_LIMITS.defaultMemoryMb
      : input.memoryLimitMb <= 0
        ? EXEC_LIMITS.maxMemoryMb // Piston's -1: "no limit" means the server's maximum
        : clamp(Math.ceil(input.memoryLimitMb), EXEC_LIMITS.minMemoryMb, EXEC_LIMITS.maxMemoryMb);

  const row = await db.submission.create({
    data: {
      userId: actor.id,
      kind: "EXEC",
      language: input.language,
      source: input.source,
      stdin: input.stdin ?? "",
      runArgs: args,
      runTimeLimitMs: timeLimitMs,
      runMemoryLimitMb: memoryLimitMb,
      expectedOutput: input.expectedOutput ?? null,
    },
    select: { id: true, status: true, createdAt: true },
  });
  try {
    await enqueueOrFail(row.id, "run");
  } catch (error) {
    await db.submission.delete({ where: { id: row.id } }).catch(() => undefined);
    throw error;
  }
  return row;
}

const FINISHED = new Set(["DONE", "FAILED"]);

/**
 * Waits until the submission is finished or `timeoutMs` passes; true when finished.
 * Listens on the worker's progress channel and polls Postgres as a safety net (a missed
 * message, or Redis pub/sub down, only costs up to a second).
 */
export async function waitForSubmission(db: PrismaClient, id: string, timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
  const isFinished = async () => {
    const row = await db.submission.findUnique({ where: { id }, select: { status: true } });
    return !row || FINISHED.has(row.status);
  };
  const subscriber = new Redis(env.REDIS_URL, { maxRetriesPerRequest: 1, lazyConnect: true, enableOfflineQueue: false });
  subscriber.on("error", () => undefined);
  let poll: NodeJS.Timeout | undefined;
  let deadline: NodeJS.Timeout | undefined;
  try {
    return await new Promise<boolean>((resolve) => {
      let settled = false;
      const settle = (finished: boolean) => {
        if (settled) return;
        settled = true;
        resolve(finished);
      };
      signal?.addEventListener("abort", () => settle(false));
      deadline = setTimeout(() => settle(false), timeoutMs);
      subscriber.on("message", (_channel: string, message: string) => {
        try {
          if ((JSON.parse(message) as ProgressEvent).type === "done") settle(true);
        } catch {
          // not ours
        }
      });
      const check = () =>
        isFinished().then(
          (finished) => finished && settle(true),
          () => undefined,
        );
      subscriber
        .connect()
        .then(() => subscriber.subscribe(progressChannel(id)))
        .catch(() => undefined)
        // Subscribed (or not): anything that finished before is in the database.
        .finally(() => void check());
      poll = setInterval(() => void check(), POLL_MS);
    });
  } finally {
    clearInterval(poll);
    clearTimeout(deadline);
    subscriber.disconnect();
  }
}

const executionSelect = {
  ...outcomeSelect,
  userId: true,
  source: true,
  stdin: true,
  compileOutput: true,
  runArgs: true,
  runTimeLimitMs: true,
  runMemoryLimitMb: true,
  expectedOutput: true,
  finishedAt: true,
  results: {
    orderBy: { position: "asc" },
    take: 1,
    select: testResultFields,
  },
} as const;

/** One execution (kind EXEC or RUN) of the caller's own; anything else does not exist. */
export async function getExecution(db: PrismaClient, actor: Actor, id: string) {
  const row = id.length <= 64 ? await db.submission.findUnique({ where: { id }, select: executionSelect }) : null;
  if (!row || row.userId !== actor.id || row.kind === "SUBMIT") throw new AppError("NOT_FOUND", "Submission not found.");
  const { results, ...rest } = row;
  return { ...rest, result: results[0] ?? null };
}

export type Execution = Awaited<ReturnType<typeof getExecution>>;

/** Several executions of the caller's own, in the order asked; unknown ids give null. */
export async function getExecutions(db: PrismaClient, actor: Actor, ids: string[]) {
  const rows = await db.submission.findMany({
    where: { id: { in: ids.filter((id) => id.length <= 64) }, userId: actor.id, kind: { not: "SUBMIT" } },
    select: executionSelect,
  });
  const byId = new Map(rows.map(({ results, ...rest }) => [rest.id, { ...rest, result: results[0] ?? null }]));
  return ids.map((id) => byId.get(id) ?? null);
}

const ANONYMOUS_EMAIL = "anonymous-api@coderunner.invalid";

/** The user anonymous API executions belong to (no password: nobody can sign in as it). */
export async function getAnonymousActor(db: PrismaClient): Promise<Actor & { name: string; email: string }> {
  const select = { id: true, name: true, email: true, role: true } as const;
  const existing = await db.user.findUnique({ where: { email: ANONYMOUS_EMAIL }, select });
  if (existing) return existing;
  try {
    return await db.user.create({ data: { email: ANONYMOUS_EMAIL, name: "Anonymous API user", role: "STUDENT" }, select });
  } catch {
    // Two first anonymous calls at once: the other one created it.
    return db.user.findUniqueOrThrow({ where: { email: ANONYMOUS_EMAIL }, select });
  }
}
