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

const globalForQueue = globalThis as unknown as { coderunnerQueues?: Map<string, Queue> };

/** One producer queue per name and process (the web app keeps it across hot reloads). */
function producerQueue<T>(name: string): Queue<T> {
  const queues = (globalForQueue.coderunnerQueues ??= new Map());
  let queue = queues.get(name);
  if (!queue) {
    const connection = createProducerConnection();
    // While Redis is down every reconnect attempt errors; callers see failed enqueues
    // (logged with the submission id) and /api/health names Redis, so no extra noise here.
    connection.on("error", () => undefined);
    queue = new Queue(name, { connection: connection as unknown as ConnectionOptions, prefix: env.QUEUE_PREFIX });
    queue.on("error", () => undefined);
    queues.set(name, queue);
  }
  return queue as Queue<T>;
}

export function getJudgeQueue(): Queue<JudgeJobData> {
  return producerQueue<JudgeJobData>(JUDGE_QUEUE);
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

/**
 * The similarity queue: one job per `SimilarityReport` row (Postgres has the report's
 * state and progress). Its own queue, consumed one job at a time by every worker, so
 * a large report never takes a judging slot.
 */
export const SIMILARITY_QUEUE = "similarity";

export interface SimilarityJobData {
  reportId: string;
}

export function getSimilarityQueue(): Queue<SimilarityJobData> {
  return producerQueue<SimilarityJobData>(SIMILARITY_QUEUE);
}

/** Enqueue a report; the job id is the report id, so enqueueing twice makes one job. */
export async function enqueueSimilarityReport(reportId: string, queue = getSimilarityQueue()) {
  await queue.add(
    "similarity",
    { reportId },
    {
      jobId: reportId,
      attempts: 2,
      backoff: { type: "exponential", delay: 5000 },
      removeOnComplete: { age: 3600, count: 100 },
      removeOnFail: { age: 24 * 3600 },
    },
  );
}
