/**
 * The worker's operational reporting: a heartbeat in Redis every 10 s — the worker's one
 * liveness record, read by /api/health (is this worker alive, can it reach its Docker
 * engine and runner image) and by the sandbox reaper (worker/sandbox-lease.ts) — carrying
 * its Prometheus metrics snapshot (served by /api/metrics), and the metric updates around
 * each job.
 */
import { randomUUID } from "node:crypto";
import os from "node:os";
import { UnrecoverableError } from "bullmq";
import Docker from "dockerode";
import type { Redis } from "ioredis";
import { createWorkerMetrics } from "../src/judge/metrics";
import {
  HEARTBEAT_INTERVAL_MS,
  HEARTBEAT_TTL_S,
  removeHeartbeat,
  writeHeartbeat,
  type WorkerHeartbeat,
} from "../src/judge/worker-heartbeat";
import type { Logger } from "../src/server/logger";
import { SandboxError } from "../sandbox/types";
import { createDiskCheck } from "./disk-check";
import type { ProcessOutcome } from "./process-submission";
import { withTimeout } from "../src/judge/timeout";

export interface OpsOptions {
  workerId: string;
  concurrency: number;
  /** A connection that gives up rather than queueing while Redis is down. */
  redis: Redis;
  /** The runner image this worker uses, checked on every beat (undefined: not checked). */
  image?: string;
  logger: Logger;
  docker?: Docker;
  intervalMs?: number;
  /** The heartbeat's TTL (default HEARTBEAT_TTL_S); keep it above two intervals. */
  ttlMs?: number;
  /** How often the check repeats while it finds the sandbox broken (default 2 s). */
  recheckMs?: number;
  /** Disk check settings (worker/disk-check.ts); default: the engine's data root, 256 MiB. */
  disk?: { paths?: string[]; minFreeBytes?: number };
}

export function startOpsReporting(options: OpsOptions) {
  const metrics = createWorkerMetrics(options.workerId);
  const docker = options.docker ?? new Docker();
  const startedAt = new Date().toISOString();
  const instance = randomUUID().slice(0, 8);
  const ttlMs = options.ttlMs ?? HEARTBEAT_TTL_S * 1000;
  let lastDockerState = "ok";
  let onDockerChange: ((ok: boolean) => void) | undefined;
  const disk = createDiskCheck({ docker, image: options.image, ...options.disk });

  const checkDocker = async (): Promise<Pick<WorkerHeartbeat, "docker" | "message">> => {
    try {
      await withTimeout(docker.ping(), 3000, "the Docker engine did not answer within 3 s");
    } catch (error) {
      return { docker: "error", message: `Docker engine unreachable: ${shortMessage(error)}` };
    }
    if (options.image) {
      try {
        await withTimeout(docker.getImage(options.image).inspect(), 3000, "no answer within 3 s");
      } catch (error) {
        const missing = (error as { statusCode?: number }).statusCode === 404;
        return {
          docker: "error",
          message: missing
            ? `runner image ${options.image} is missing (run \`npm run images\` on this host)`
            : `cannot inspect runner image ${options.image}: ${shortMessage(error)}`,
        };
      }
    }
    const full = await withTimeout(disk.check(), 10_000, "the disk check did not finish within 10 s").catch(() => undefined);
    if (full) return { docker: "error", message: full };
    return { docker: "ok" };
  };

  const beat = async () => {
    const dockerState = await checkDocker();
    if (dockerState.docker !== lastDockerState) {
      if (dockerState.docker === "error") options.logger.error({ docker: dockerState.message }, "[worker] sandbox unavailable");
      else options.logger.info("[worker] sandbox available again");
      lastDockerState = dockerState.docker;
      onDockerChange?.(dockerState.docker === "ok");
    }
    const heartbeat: WorkerHeartbeat = {
      id: options.workerId,
      instance,
      host: os.hostname(),
      pid: process.pid,
      startedAt,
      lastBeatAt: new Date().toISOString(),
      concurrency: options.concurrency,
      ...dockerState,
    };
    await writeHeartbeat(options.redis, heartbeat, await metrics.registry.getMetricsAsJSON(), ttlMs);
  };

  let running: Promise<void> | undefined;
  const tick = () => {
    running ??= beat()
      .catch((error: unknown) => options.logger.debug({ err: shortMessage(error) }, "[worker] heartbeat not written"))
      .finally(() => (running = undefined));
    return running;
  };
  // A check that starts now: one already under way may have looked before the failure.
  const freshCheck = async () => {
    await running;
    await tick();
  };
  const firstBeat = tick();
  const timer = setInterval(tick, options.intervalMs ?? HEARTBEAT_INTERVAL_MS);
  timer.unref();
  // Redis back after an outage (maybe restarted empty): beat now, before other workers'
  // reapers take this worker for dead.
  const beatOnReconnect = () => void tick();
  options.redis.on("ready", beatOnReconnect);
  // While the sandbox is broken, look again every few seconds: a restarted engine should
  // not leave the worker paused for a whole heartbeat interval.
  const recheckTimer = setInterval(() => {
    if (lastDockerState !== "ok") void tick();
  }, options.recheckMs ?? 2000);
  recheckTimer.unref();

  return {
    metrics,
    /** This process's instance in the heartbeat (see WorkerHeartbeat.instance and sandbox-lease.ts). */
    instance,
    /** Settles once the first beat was written (or failed: it is retried every interval). */
    firstBeat,
    /** False while the last check found the Docker engine or the runner image missing. */
    sandboxOk: () => lastDockerState === "ok",
    /** Called when this worker's Docker engine or runner image goes missing (false) or comes back (true). */
    onDockerChange(listener: (ok: boolean) => void) {
      onDockerChange = listener;
      if (lastDockerState !== "ok") listener(false); // the first beat already found it broken
    },
    /** Runs one job, recording its duration, verdict or failure. */
    async measure(job: () => Promise<ProcessOutcome>, attempt: { number: number; max: number }): Promise<ProcessOutcome> {
      metrics.activeJobs.inc();
      try {
        const outcome = await job();
        if (outcome.kind === "done") {
          metrics.judgeDuration.observe({ language: outcome.language, kind: outcome.submissionKind }, outcome.elapsedMs / 1000);
          metrics.verdicts.inc({ language: outcome.language, verdict: outcome.verdict ?? "OK" });
        }
        return outcome;
      } catch (error) {
        if (error instanceof SandboxError) metrics.sandboxErrors.inc();
        disk.noteFailure(error);
        const final = error instanceof UnrecoverableError || attempt.number >= attempt.max;
        // An infrastructure failure: if the engine is gone, pause before the retry is scheduled.
        if (!(error instanceof UnrecoverableError)) {
          await freshCheck();
          // A stopping engine kills its containers a moment before it stops answering: look
          // again shortly, so the pause comes before the retry rather than after it.
          if (error instanceof SandboxError && lastDockerState === "ok") {
            for (const ms of [1000, 2500]) setTimeout(() => void tick(), ms).unref();
          }
        }
        metrics.jobFailures.inc({ outcome: final ? "final" : "retry" });
        if (final) metrics.verdicts.inc({ language: "unknown", verdict: "IE" });
        throw error;
      } finally {
        metrics.activeJobs.dec();
      }
    },
    /** Stops beating and removes this worker's keys (it is no longer a live worker). */
    async stop() {
      clearInterval(timer);
      clearInterval(recheckTimer);
      options.redis.off("ready", beatOnReconnect);
      await running;
      await removeHeartbeat(options.redis, options.workerId).catch(() => undefined);
    },
  };
}

function shortMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split("\n")[0]!.slice(0, 300);
}
