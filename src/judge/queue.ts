import { Queue, type ConnectionOptions } from "bullmq";
import { Redis } from "ioredis";
import { env } from "../env";

/**
 * The judge queue contract shared by the web app (producer) and the worker
 * (consumer). Jobs carry only a submission id: Postgres is the source of truth.
 */
export const JUDGE_QUEUE = "judge";

export interface JudgeJobData {
  submissionId: string;
}

/** Lower number = served first (BullMQ priorities). Run before Submit before rejudge. */
export const JOB_PRIORITY = { run: 1, submit: 5, rejudge: 10 } as const;
export type JobPriorityKind = keyof typeof JOB_PRIORITY;

/** Redis pub/sub channel on which the worker publishes per-test progress. */
export const progressChannel = (submissionId: string) => `${env.QUEUE_PREFIX}:progress:${submissionId}`;

export interface ProgressEvent {
  submissionId: string;
  type: "status" | "compiled" | "test" | "done";
  status?: string;
  position?: number;
  verdict?: string;
  cpuMs?: number;
  peakKb?: number;
  testsDone?: number;
  testsTotal?: number;
}

/** Producer connection: fail fast when Redis is down instead of queueing commands forever. */
export function createProducerConnection(): Redis {
  return new Redis(env.REDIS_URL, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false });
}

/** Worker connection: BullMQ requires maxRetriesPerRequest null for blocking commands. */
export function createWorkerConnection(): Redis {
  return new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
}

const globalForQueue = globalThis as unknown as { judgeQueue?: Queue<JudgeJobData> };

export function getJudgeQueue(): Queue<JudgeJobData> {
  if (!globalForQueue.judgeQueue) {
    const connection = createProducerConnection();
    // While Redis is down every reconnect attempt errors; callers see failed enqueues
    // (logged with the submission id) and /api/health names Redis, so no extra noise here.
    connection.on("error", () => undefined);
    globalForQueue.judgeQueue = new Queue<JudgeJobData>(JUDGE_QUEUE, {
      connection: connection as unknown as ConnectionOptions,
      prefix: env.QUEUE_PREFIX,
    });
    globalForQueue.judgeQueue.on("error", () => undefined);
  }
  return globalForQueue.judgeQueue;
}

/**
 * Enqueue a submission. The job id is derived from the submission id, so enqueueing
 * the same submission twice (e.g. recovery after a crash) never creates two jobs.
 */
export async function enqueueSubmission(submissionId: string, kind: JobPriorityKind, queue = getJudgeQueue()) {
  const jobId = kind === "rejudge" ? `${submissionId}-rejudge-${Date.now()}` : submissionId;
  await queue.add(
    "judge",
    { submissionId },
    {
      jobId,
      priority: JOB_PRIORITY[kind],
      attempts: 3,
      backoff: { type: "exponential", delay: 2000 },
      removeOnComplete: { age: 3600, count: 1000 },
      removeOnFail: { age: 24 * 3600 },
    },
  );
}
