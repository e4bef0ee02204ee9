import { Counter, Gauge, Histogram, Registry } from "prom-client";

/**
 * The judge's Prometheus metrics, kept by each worker in its own registry (labelled with
 * its id) and published with its heartbeat; /api/metrics serves them with the web's own.
 */
export function createWorkerMetrics(workerId: string) {
  const registry = new Registry();
  registry.setDefaultLabels({ worker: workerId });
  const judgeDuration = new Histogram({
    name: "coderunner_judge_duration_seconds",
    help: "Time from claiming a submission to its final write, per language and kind (SUBMIT/RUN).",
    labelNames: ["language", "kind"],
    buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120],
    registers: [registry],
  });
  const verdicts = new Counter({
    name: "coderunner_verdicts_total",
    help: "Finished judgements by language and verdict (OK = a Run that simply ran; IE = internal error).",
    labelNames: ["language", "verdict"],
    registers: [registry],
  });
  const sandboxErrors = new Counter({
    name: "coderunner_sandbox_errors_total",
    help: "Attempts that failed on the sandbox or Docker (retried; IE only after the last attempt).",
    registers: [registry],
  });
  const jobFailures = new Counter({
    name: "coderunner_job_failures_total",
    help: "Failed attempts by outcome: retry (will run again) or final (recorded as IE).",
    labelNames: ["outcome"],
    registers: [registry],
  });
  const activeJobs = new Gauge({
    name: "coderunner_worker_active_jobs",
    help: "Submissions this worker is judging right now.",
    registers: [registry],
  });
  return { registry, judgeDuration, verdicts, sandboxErrors, jobFailures, activeJobs };
}

export type WorkerMetrics = ReturnType<typeof createWorkerMetrics>;
