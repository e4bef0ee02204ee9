/**
 * The judge worker: consumes the BullMQ judge queue and records results in Postgres.
 *
 *   npm run worker
 *
 * Start-up: wait for Docker, Postgres and Redis; make sure the runner image exists;
 * re-queue submissions left QUEUED/RUNNING by a crash; then consume jobs. SIGTERM or
 * SIGINT closes gracefully (see worker/README.md).
 */
import os from "node:os";
import { pathToFileURL } from "node:url";
import { DelayedError, Queue, UnrecoverableError, Worker, type ConnectionOptions, type Job } from "bullmq";
import Docker from "dockerode";
import { Redis } from "ioredis";
import { env } from "../src/env";
import type { Prisma, PrismaClient } from "../src/generated/prisma/client";
import { JUDGE_QUEUE, createWorkerConnection, progressChannel, type JudgeJobData, type ProgressEvent } from "../src/judge/queue";
import { createPrismaClient } from "../src/server/db";
import { runnerImageFromEnv, sandboxProviderFromEnv } from "./sandbox-config";
import type { SandboxProvider } from "../sandbox/types";
import { processSubmission, type ProcessOutcome } from "./process-submission";
import { recoverUnfinishedSubmissions, type RecoveryReport } from "./recovery";
import { REAP_INTERVAL_MS, sandboxLease } from "./sandbox-lease";
import { createLogger, type Logger } from "../src/server/logger";
import { startOpsReporting } from "./ops";
import { writeHeartbeat } from "../src/judge/worker-heartbeat";
import { startSimilarityConsumer } from "./similarity";
import { withTimeout } from "../src/judge/timeout";

export interface StartWorkerOptions {
  /** Jobs judged at once; default WORKER_CONCURRENCY (= cores − 1: headroom for the web app). */
  concurrency?: number;
  /** Prisma client to use; the worker creates (and later disconnects) its own otherwise. */
  db?: PrismaClient;
  /** Sandbox provider to use; the worker creates (and later shuts down) its own otherwise. */
  provider?: SandboxProvider;
  /** Re-queue unfinished submissions on start, and then periodically (default true). */
  recover?: boolean;
  /** Limits recovery to matching submissions (for tests sharing a database). */
  recoverScope?: Prisma.SubmissionWhereInput;
  /** How often a running worker repeats recovery (default 5 min; 0 = only at start). */
  recoverIntervalMs?: number;
  /** Periodic recovery skips submissions younger than this (their enqueue may be in flight). */
  recoverMinAgeMs?: number;
  /** How long start-up waits for Docker, Postgres and Redis before giving up. */
  serviceTimeoutMs?: number;
  /** How long close() lets running jobs finish before handing them back. */
  shutdownTimeoutMs?: number;
  /** BullMQ lock/stall settings; defaults suit jobs of up to a few minutes. */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  maxStalledCount?: number;
  /** JSON logger (pino); default: one on stdout at LOG_LEVEL. */
  logger?: Logger;
  /** Plain-line sink instead of `logger` (tests pass a no-op); each line is still a JSON record. */
  log?: (line: string) => void;
  /** This worker's id in heartbeats and metrics; default WORKER_ID, else hostname:pid. */
  workerId?: string;
  /** Also consume similarity reports (worker/similarity.ts), one at a time (default true). */
  similarity?: boolean;
}

export interface WorkerHandle {
  worker: Worker<JudgeJobData, ProcessOutcome>;
  /** The similarity-report consumer, unless started with `similarity: false`. */
  similarity: Worker | null;
  queue: Queue<JudgeJobData>;
  recovery: RecoveryReport | null;
  workerId: string;
  /** Graceful stop: finish running jobs (up to shutdownTimeoutMs), then release everything. Idempotent. */
  close(): Promise<void>;
}

export async function startWorker(options: StartWorkerOptions = {}): Promise<WorkerHandle> {
  const workerId = options.workerId ?? env.WORKER_ID ?? `${os.hostname()}:${process.pid}`;
  const sink = options.log;
  const logger = (options.logger ?? createLogger("worker", sink ? { destination: { write: (line) => sink(line.trimEnd()) } } : {})).child({
    workerId,
  });
  const log = (line: string) => logger.info(line);
  const concurrency = options.concurrency ?? env.WORKER_CONCURRENCY;
  const serviceTimeoutMs = options.serviceTimeoutMs ?? 60_000;
  const shutdownTimeoutMs = options.shutdownTimeoutMs ?? 30_000;

  const ownsDb = !options.db;
  const db = options.db ?? createPrismaClient();
  const connection = createWorkerConnection();
  // Progress is best-effort (Postgres has the truth): a publisher that gives up instead of blocking a job.
  const publisher = new Redis(env.REDIS_URL, { maxRetriesPerRequest: 2 });
  // Without a listener ioredis prints every reconnect failure; log each new error once.
  let lastRedisError = "";
  const onRedisError = (error: Error) => {
    if (error.message !== lastRedisError) logger.warn({ err: error.message }, "[worker] Redis connection error");
    lastRedisError = error.message;
  };
  connection.on("error", onRedisError);
  publisher.on("error", onRedisError);
  connection.on("ready", () => (lastRedisError = ""));
  // Set once running: a reconnect to Redis (which may have lost its data) re-queues at once.
  let onRedisReconnect: (() => void) | undefined;
  let everReady = false;
  connection.on("ready", () => {
    if (everReady) onRedisReconnect?.();
    everReady = true;
  });
  const released: Array<() => Promise<unknown>> = [];
  const releaseAll = async () => {
    for (const release of released.reverse()) await release().catch(() => undefined);
  };
  released.push(
    () => (ownsDb ? db.$disconnect() : Promise.resolve()),
    () => connection.quit(),
    () => publisher.quit(),
  );

  let provider: SandboxProvider;
  let runnerImage: string | undefined;
  let ops: ReturnType<typeof startOpsReporting>;
  let queue: Queue<JudgeJobData>;
  let recovery: RecoveryReport | null = null;
  try {
    await waitFor("Redis", () => connection.ping(), serviceTimeoutMs, log);
    await waitFor("Postgres", () => db.$queryRaw`SELECT 1`, serviceTimeoutMs, log);
    if (!options.provider) {
      await waitFor("Docker", () => new Docker().ping(), serviceTimeoutMs, log);
      log("[worker] checking the runner image (a first build takes a few minutes)");
      const image = await runnerImageFromEnv((line) => log(`[images] ${line}`)).catch((error: unknown) => {
        throw new Error(
          `the runner image is missing and could not be built (${(error as Error).message}); run \`npm run images\` to see the build log`,
        );
      });
      log(`[worker] runner image ${image} ready`);
      runnerImage = image;
    }
    // The heartbeat (for /api/health) with metrics (for /api/metrics), every 10 s; see ./ops.ts.
    // It is also the sandbox lease: other workers' reapers must see it before our first container.
    ops = startOpsReporting({ workerId, concurrency, redis: publisher, image: runnerImage, logger });
    const started = ops;
    released.push(() => started.stop());
    await ops.firstBeat;
    if (!options.provider) {
      const created = await sandboxProviderFromEnv({
        image: runnerImage,
        concurrency,
        lease: sandboxLease(publisher, env.REDIS_URL, { workerId, instance: ops.instance }),
        reapIntervalMs: REAP_INTERVAL_MS,
        log: (line) => log(`[sandbox] ${line}`),
      });
      released.unshift(() => created.shutdown());
      provider = created;
    } else {
      provider = options.provider;
    }

    queue = new Queue<JudgeJobData>(JUDGE_QUEUE, { connection: connection as unknown as ConnectionOptions, prefix: env.QUEUE_PREFIX });
    released.push(() => queue.close());
    if (options.recover ?? true) recovery = await recoverUnfinishedSubmissions(db, queue, log, options.recoverScope);
  } catch (error) {
    await releaseAll();
    throw error;
  }

  // Set while closing: an error caused by the shutdown itself must not be recorded as
  // the submission's failure; the job is handed back instead.
  const shuttingDown = new AbortController();

  const publish = async (job: Job<JudgeJobData>, event: ProgressEvent) => {
    try {
      await publisher.publish(progressChannel(event.submissionId), JSON.stringify(event));
      if (event.type === "test") await job.updateProgress({ done: event.testsDone ?? 0, total: event.testsTotal ?? 0 });
    } catch (error) {
      logger.warn({ submissionId: event.submissionId, err: (error as Error).message }, "[worker] progress not published");
    }
  };

  const worker = new Worker<JudgeJobData, ProcessOutcome>(
    JUDGE_QUEUE,
    async (job, token) => {
      const submissionId = job.data?.submissionId;
      if (typeof submissionId !== "string" || submissionId.length === 0 || submissionId.length > 100) {
        throw new UnrecoverableError(`malformed job data: ${JSON.stringify(job.data).slice(0, 200)}`);
      }
      if (!ops.sandboxOk()) {
        // Taken just before the pause below took effect: put it back untouched (no attempt
        // spent, nothing claimed in Postgres) rather than fail it on a known-broken sandbox.
        await job.moveToDelayed(Date.now() + 10_000, token);
        throw new DelayedError();
      }
      const jobLogger = logger.child({ submissionId, jobId: job.id, attempt: job.attemptsMade + 1 });
      jobLogger.debug("[worker] job taken");
      return ops.measure(
        () =>
          processSubmission(submissionId, {
            db,
            provider,
            publish: (event) => publish(job, event),
            attempt: job.attemptsMade + 1,
            maxAttempts: job.opts.attempts ?? 1,
            shutdownSignal: shuttingDown.signal,
            log: (line) => (/fail|interrupted|superseded/i.test(line) ? jobLogger.warn(line) : jobLogger.info(line)),
          }),
        { number: job.attemptsMade + 1, max: job.opts.attempts ?? 1 },
      );
    },
    {
      connection: connection as unknown as ConnectionOptions,
      prefix: env.QUEUE_PREFIX,
      concurrency,
      // The lock is renewed every lockDuration/2 while a job runs (the event loop stays
      // free: judging awaits Docker), so it bounds how long a crashed worker's job waits.
      lockDuration: options.lockDurationMs ?? 60_000,
      stalledInterval: options.stalledIntervalMs ?? 30_000,
      // A job whose worker died twice is failed rather than crashing workers forever.
      maxStalledCount: options.maxStalledCount ?? 2,
      name: workerId,
    },
  );
  worker.on("error", onRedisError);
  // Without a Docker engine or runner image every job would burn its attempts and end as
  // IE: take no new jobs until the heartbeat's check sees the sandbox back (they wait).
  ops.onDockerChange((ok) => {
    if (ok) {
      worker.resume();
      logger.info("[worker] taking jobs again");
    } else {
      void worker.pause(true).then(() => logger.warn("[worker] paused: no new jobs until the sandbox is back"));
    }
  });
  worker.on("stalled", (jobId) =>
    logger.warn({ submissionId: jobId }, "[worker] job stalled (its worker died or froze); handed back to the queue"),
  );
  worker.on("failed", (job, error) => {
    if (job && error instanceof UnrecoverableError) logger.warn({ submissionId: job.id, err: error.message }, "[worker] not retried");
  });
  // Periodic recovery catches what start-up recovery cannot: Redis losing its data while
  // workers run, or a job failed by the stalled check while its row still says RUNNING.
  const recoverIntervalMs = options.recover === false ? 0 : (options.recoverIntervalMs ?? 5 * 60_000);
  let sweep: Promise<void> | undefined;
  const runSweep = (minAgeMs: number, why: string) => {
    if (sweep) return;
    const youngest = new Date(Date.now() - minAgeMs);
    sweep = recoverUnfinishedSubmissions(db, queue, log, { AND: [options.recoverScope ?? {}, { createdAt: { lt: youngest } }] })
      .then(
        () => undefined,
        (error: unknown) => logger.error({ err: (error as Error).message }, `[worker] ${why} recovery failed`),
      )
      .finally(() => (sweep = undefined));
  };
  const sweepTimer =
    recoverIntervalMs > 0 ? setInterval(() => runSweep(options.recoverMinAgeMs ?? 60_000, "periodic"), recoverIntervalMs) : undefined;
  sweepTimer?.unref();
  // Redis came back after an outage: it may have lost every job (no persistence), so
  // sweep now rather than at the next period. Enqueueing is idempotent (job id =
  // submission id), so a submission whose enqueue is in flight is not doubled.
  if (options.recover !== false) {
    onRedisReconnect = () => {
      logger.warn("[worker] Redis reconnected: re-queueing unfinished submissions it may have lost");
      runSweep(0, "reconnect");
    };
  }
  released.push(async () => {
    clearInterval(sweepTimer);
    await sweep;
  });

  const similarity = options.similarity === false ? null : startSimilarityConsumer({ db, connection, logger, workerId });
  await worker.waitUntilReady();
  await similarity?.waitUntilReady();
  log(`[worker] consuming "${JUDGE_QUEUE}" (prefix ${env.QUEUE_PREFIX}) with concurrency ${concurrency}`);

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      log("[worker] shutting down: finishing running jobs");
      const graceful = Promise.all([worker.close(), similarity?.close()]).then(() => true);
      const finishedInTime = await Promise.race([graceful, sleep(shutdownTimeoutMs).then(() => false)]);
      if (!finishedInTime) {
        log(`[worker] jobs still running after ${shutdownTimeoutMs} ms: handing them back to the queue`);
        shuttingDown.abort();
        await Promise.all([worker.close(true), similarity?.close(true)]);
      }
      await releaseAll();
      log("[worker] stopped");
    })();
    return closing;
  };

  return { worker, similarity, queue, recovery, workerId, close };
}

async function waitFor(name: string, check: () => Promise<unknown>, timeoutMs: number, log: (line: string) => void) {
  const deadline = Date.now() + timeoutMs;
  let announced = false;
  for (;;) {
    try {
      // Bounded: the worker's Redis connection queues commands while disconnected instead of failing.
      await withTimeout(check(), 3000, `no answer within 3 s`);
      if (announced) log(`[worker] ${name} is up`);
      return;
    } catch (error) {
      if (Date.now() >= deadline) {
        throw new Error(`${name} did not answer within ${Math.round(timeoutMs / 1000)} s: ${(error as Error).message}`);
      }
      if (!announced) log(`[worker] waiting for ${name} (${(error as Error).message})`);
      announced = true;
      await sleep(1000);
    }
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/**
 * Start, and if start-up fails (Docker, Postgres or Redis unreachable for 60 s, runner
 * image missing and not buildable), say so in the log and in a heartbeat (/api/health
 * names it), wait and try again: a broken host must not become a crash loop.
 */
async function startWithRetry(logger: Logger): Promise<WorkerHandle> {
  const workerId = env.WORKER_ID ?? `${os.hostname()}:${process.pid}`;
  const startedAt = new Date().toISOString();
  for (;;) {
    try {
      return await startWorker({ logger, workerId });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      logger.error({ err: message }, "[worker] could not start; retrying in 30 s");
      const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: true });
      redis.on("error", () => undefined);
      await redis
        .connect()
        .then(() =>
          writeHeartbeat(redis, {
            id: workerId,
            host: os.hostname(),
            pid: process.pid,
            startedAt,
            lastBeatAt: new Date().toISOString(),
            concurrency: 0,
            docker: "error",
            message: `not started: ${message.slice(0, 300)}`,
          }),
        )
        .catch(() => undefined);
      redis.disconnect();
      await new Promise((resolve) => setTimeout(resolve, 30_000)); // not unref'd: this wait is all the process does
    }
  }
}

async function main(logger: Logger) {
  const handle = await startWithRetry(logger);
  let firstSignalAt = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    // Ctrl+C under a process manager delivers SIGINT and then SIGTERM at once: only a
    // repeated signal seconds later means "stop waiting for running jobs".
    if (firstSignalAt && Date.now() - firstSignalAt < 2000) return;
    if (firstSignalAt) {
      logger.warn(`[worker] second ${signal}: exiting now; running jobs are recovered on the next start`);
      process.exit(1);
    }
    firstSignalAt = Date.now();
    logger.info(`[worker] ${signal} received`);
    handle.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: (error as Error).message }, "[worker] shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const logger = createLogger("worker");
  main(logger).catch((error: unknown) => {
    logger.fatal({ err: error instanceof Error ? error.message : String(error) }, "[worker] failed to start");
    process.exit(1);
  });
}
