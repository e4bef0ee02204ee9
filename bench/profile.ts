/**
 * `npm run bench:profile`: where the time of one submission goes. Judges a 10-test Python
 * submission (and C, Java with --languages) through the worker's own path
 * (`processSubmission`: claim, judge, per-test rows, Redis progress, final write) one at a
 * time, with every sandbox call and every progress publish timestamped, and sets the total
 * against the same program compiled and run bare in a plain container, in the same run.
 *
 *   npm run bench:profile                       # python, 10 submissions after 2 warm-ups
 *   npm run bench:profile -- --runs 20 --languages python,c,java
 *   npm run bench:profile -- --gap 0             # back to back, as in a queue never empty
 */
import os from "node:os";
import { parseArgs } from "node:util";
import type { FileToPut, RunRequest, SandboxOptions, SandboxProvider, SandboxSession } from "../sandbox/types";
import { BENCH_DATABASE_URL, prepareDatabase } from "./database";
import { bareTimes } from "./bare";
import { containerCpuWeight } from "./machine";
import { formatTable, percentile, round } from "./stats";

const { values: args } = parseArgs({
  options: {
    runs: { type: "string", default: "10" },
    languages: { type: "string", default: "python" },
    tests: { type: "string", default: "10" },
    /** Pause between submissions (ms): 0 = back to back, as in a queue that is never empty. */
    gap: { type: "string", default: "400" },
  },
});
const RUNS = Number(args.runs);
const TESTS = Number(args.tests);

interface Span {
  step: string;
  start: number;
  end: number;
}

/** Wraps a provider so every session call of the current submission lands in `spans`. */
class TracingProvider implements SandboxProvider {
  spans: Span[] = [];
  constructor(private readonly inner: SandboxProvider) {}

  async time<T>(step: string, work: () => Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      return await work();
    } finally {
      this.spans.push({ step, start, end: performance.now() });
    }
  }

  async acquire(options?: SandboxOptions): Promise<SandboxSession> {
    const session = await this.time("acquire", () => this.inner.acquire(options));
    let runs = 0;
    const traced: SandboxSession = {
      id: session.id,
      get memoryMb() {
        return session.memoryMb;
      },
      putFiles: (files: FileToPut[]) => this.time("putFiles", () => session.putFiles(files)),
      setMemoryLimit: (mb: number) => this.time("setMemoryLimit", () => session.setMemoryLimit(mb)),
      run: (request: RunRequest, runOptions?: { resetFirst?: boolean }) =>
        this.time(runs++ === 0 ? "compile" : "run", () => session.run(request, runOptions)),
      seal: () => this.time("seal", () => session.seal()),
      reset: () => this.time("reset", () => session.reset()),
      close: () => this.time("close", () => session.close()),
    };
    return traced;
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }
}

/**
 * The submission's timeline (requests are pipelined, so the sandbox calls overlap; each
 * step runs from the end of the one before):
 * claim: load + claim transaction + "running" published, up to the first sandbox call;
 * acquire: a warm container; compile: the source put in, compiled and sealed, up to the
 * compile's answer; setMemoryLimit: a limit change before the tests, when one is needed;
 * tests: up to the last test's answer (runs, resets, checks, per-test rows and progress);
 * finish: the final write and "done" published. close: removing the container, in the
 * background (not part of the total).
 */
const STEPS = ["claim", "acquire", "compile", "setMemoryLimit", "tests", "finish", "close"] as const;

async function main() {
  await prepareDatabase(BENCH_DATABASE_URL);
  process.env.DATABASE_URL = BENCH_DATABASE_URL;
  process.env.QUEUE_PREFIX = `coderunner-profile-${process.pid}`;
  const { Redis } = await import("ioredis");
  const { env } = await import("../src/env");
  const { createPrismaClient } = await import("../src/server/db");
  const { progressChannel } = await import("../src/judge/queue");
  const { sandboxProviderFromEnv, runnerImageFromEnv } = await import("../worker/sandbox-config");
  const { processSubmission } = await import("../worker/process-submission");
  const { SUM_SOLUTIONS, createProblem, createSubmission, createUser, sumTests } = await import("../test/factories");

  const loadAtStart = os.loadavg().map((l) => round(l, 2));
  console.log(
    `[profile] ${os.availableParallelism()} cores, load average ${loadAtStart.join(" ")}, containers' ${containerCpuWeight()}, gap ${args.gap} ms`,
  );
  const image = await runnerImageFromEnv();
  const db = createPrismaClient();
  const redis = new Redis(env.REDIS_URL);
  const tracer = new TracingProvider(await sandboxProviderFromEnv({ image }));
  const user = await createUser(db, { label: "profile" });
  const problem = await createProblem(db, user.id, { tests: sumTests(TESTS), label: "profile" });
  let failed = false;
  try {
    for (const language of args.languages.split(",") as Array<keyof typeof SUM_SOLUTIONS>) {
      const source = SUM_SOLUTIONS[language];
      const totals: number[] = [];
      const judging: number[] = [];
      const bySteps: Array<Record<string, number>> = [];
      const publishes: number[] = [];
      for (let i = -2; i < RUNS; i++) {
        // Let the pool refill, as between jobs in a real queue (--gap 0: back to back).
        await new Promise((r) => setTimeout(r, Number(args.gap)));
        const submission = await createSubmission(db, { userId: user.id, problemId: problem.id, language, source });
        tracer.spans = [];
        const publishSpans: Span[] = [];
        const t0 = performance.now();
        const outcome = await processSubmission(submission.id, {
          db,
          provider: tracer,
          attempt: 1,
          maxAttempts: 1,
          publish: async (event) => {
            const start = performance.now();
            await redis.publish(progressChannel(event.submissionId), JSON.stringify(event));
            publishSpans.push({ step: "publish", start, end: performance.now() });
          },
        });
        const t1 = performance.now();
        if (outcome.kind !== "done" || outcome.verdict !== "AC") {
          failed = true;
          console.error(`[profile] ${language} submission judged ${JSON.stringify(outcome)}`);
        }
        const row = await db.submission.findUniqueOrThrow({ where: { id: submission.id }, select: { startedAt: true, finishedAt: true } });
        if (i < 0) continue;
        const spans = tracer.spans.filter((s) => s.step !== "close");
        const steps: Record<string, number> = Object.fromEntries(STEPS.map((s) => [s, 0]));
        const endOf = (step: string) => Math.max(...spans.filter((s) => s.step === step).map((s) => s.end));
        const firstStart = spans[0]?.start ?? t1;
        const acquired = endOf("acquire");
        const compiled = Math.max(endOf("compile"), endOf("putFiles"));
        const memorySet = Math.max(compiled, endOf("setMemoryLimit"));
        const lastEnd = Math.max(...spans.map((s) => s.end));
        steps.claim = firstStart - t0;
        steps.acquire = acquired - firstStart;
        steps.compile = compiled - acquired;
        steps.setMemoryLimit = memorySet - compiled;
        steps.tests = lastEnd - memorySet;
        steps.finish = t1 - lastEnd;
        steps.close = tracer.spans.filter((s) => s.step === "close").reduce((sum, s) => sum + (s.end - s.start), 0);
        bySteps.push(steps);
        totals.push(t1 - t0);
        judging.push(row.finishedAt!.getTime() - row.startedAt!.getTime());
        publishes.push(publishSpans.reduce((sum, s) => sum + (s.end - s.start), 0));
      }
      const bare = await bareTimes(
        image,
        language,
        source,
        problem.tests.map((t) => t.input),
        5,
      );
      const median = (key: string) =>
        round(
          percentile(
            bySteps.map((s) => s[key]!),
            50,
          ),
          1,
        );
      console.log(`\n=== ${language}: ${TESTS} tests, ${RUNS} submissions one at a time (medians, ms) ===`);
      console.log(
        formatTable(
          ["step", "ms", "share"],
          STEPS.map((s) => [s, median(s), `${round((100 * median(s)) / percentile(totals, 50), 0)} %`]),
        ),
      );
      const judgingP50 = percentile(judging, 50);
      console.log(`  Redis publishes, all together: ${round(percentile(publishes, 50), 1)} ms`);
      console.log(
        `  processSubmission total p50 ${round(percentile(totals, 50), 0)} ms; judging (startedAt → finishedAt) p50 ${judgingP50} ms`,
      );
      console.log(
        `  bare: compile ${round(bare.compileMs, 1)} ms + ${TESTS} runs ${round(bare.runsMs, 1)} ms = ${round(bare.totalMs, 1)} ms` +
          ` → overhead ${round(judgingP50 / bare.totalMs, 2)}× (target ≤ 1.5×)`,
      );
    }
  } finally {
    console.log(
      `[profile] load average at end ${os
        .loadavg()
        .map((l) => round(l, 2))
        .join(" ")}`,
    );
    await tracer.shutdown();
    await db.submission.deleteMany({ where: { userId: user.id } });
    await db.problem.deleteMany({ where: { authorId: user.id } });
    await db.user.delete({ where: { id: user.id } });
    await db.$disconnect();
    await redis.quit();
  }
  return !failed;
}

main().then(
  (ok) => process.exit(ok ? 0 : 1),
  (error: unknown) => {
    console.error(`[profile] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(2);
  },
);
