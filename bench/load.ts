/**
 * `npm run bench:load`: a lab of N students (default 200) pressing Submit in the same
 * minute, over the public path (HTTP sign-in, the browser's tRPC calls). See bench/README.md.
 *
 *   npm run bench:load                          # starts `next start` + one worker on coderunner_bench
 *   npm run bench:load -- --students 50 --mix all
 *   npm run bench:load -- --url http://host:3000  # a running system; DATABASE_URL must be its database
 *
 * Options: --students N, --mix python|all, --workers N (self-started workers), --concurrency N
 * (their WORKER_CONCURRENCY; default: the worker's own default), --port P,
 * --timeout S (how long the drain may take before the rest counts as stuck).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { bareTimes } from "./bare";
import { BENCH_DATABASE_URL, prepareDatabase } from "./database";
import { signIn, trpcClient, waitForHealth } from "./http-session";
import { containerCpuWeight } from "./machine";
import { percentile, round } from "./stats";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const RESULTS_DIR = path.join(ROOT, "bench", "results");

const { values: args } = parseArgs({
  options: {
    students: { type: "string", default: "200" },
    mix: { type: "string", default: "python" },
    workers: { type: "string", default: "1" },
    concurrency: { type: "string" },
    port: { type: "string", default: "3170" },
    url: { type: "string" },
    timeout: { type: "string", default: "300" },
  },
});
const STUDENTS = Number(args.students);
const DRAIN_TIMEOUT_MS = Number(args.timeout) * 1000;
const TARGETS = { drainS: 60, pageP95Ms: 300, overhead: 1.5 } as const;
/** The overhead measure: this many submissions one at a time, each after this pause. */
const SEQUENTIAL_RUNS = 10;
const SETTLE_MS = 1000;

/** The programs students submit: a sum over 10 tests, right or wrong in the usual ways. */
const PROGRAMS = {
  "python-AC": { language: "python", verdict: "AC", source: "import sys\nprint(sum(map(int, sys.stdin.read().split())))\n" },
  "python-WA": { language: "python", verdict: "WA", source: "import sys\nprint(sum(map(int, sys.stdin.read().split())) + 1)\n" },
  "python-RE": { language: "python", verdict: "RE", source: "import sys\nraise SystemExit(3)\n" },
  "python-CE": { language: "python", verdict: "CE", source: "def broken(:\n" },
  "c-AC": {
    language: "c",
    verdict: "AC",
    source: '#include <stdio.h>\nint main(void){long a,t=0;while(scanf("%ld",&a)==1)t+=a;printf("%ld\\n",t);return 0;}\n',
  },
  "c-WA": { language: "c", verdict: "WA", source: '#include <stdio.h>\nint main(void){puts("0");return 0;}\n' },
  "java-AC": {
    language: "java",
    verdict: "AC",
    source:
      "import java.util.*;\npublic class Sum {\n  public static void main(String[] a) {\n    Scanner s = new Scanner(System.in);\n    long t = 0;\n    while (s.hasNextLong()) t += s.nextLong();\n    System.out.println(t);\n  }\n}\n",
  },
} as const;
type ProgramKey = keyof typeof PROGRAMS;

function programFor(i: number): ProgramKey {
  // Most of a lab is right; some are wrong, some crash, a few do not compile.
  if (args.mix === "all") {
    const cycle: ProgramKey[] = [
      "python-AC",
      "python-AC",
      "c-AC",
      "python-WA",
      "java-AC",
      "python-AC",
      "c-WA",
      "python-RE",
      "python-AC",
      "python-CE",
    ];
    return cycle[i % cycle.length]!;
  }
  const cycle: ProgramKey[] = [
    "python-AC",
    "python-AC",
    "python-AC",
    "python-WA",
    "python-AC",
    "python-AC",
    "python-RE",
    "python-AC",
    "python-AC",
    "python-WA",
  ];
  return cycle[i % cycle.length]!;
}

const load = () => os.loadavg().map((l) => round(l, 2));
/** Count, p50 and p95 of page-load times (ms), or null without any. */
const pageSummary = (times: number[]) =>
  times.length ? { n: times.length, p50: round(percentile(times, 50)), p95: round(percentile(times, 95)) } : null;

async function main() {
  const selfStarted = !args.url;
  const port = Number(args.port);
  const baseUrl = args.url ?? `http://127.0.0.1:${port}`;
  const databaseUrl = selfStarted ? BENCH_DATABASE_URL : (process.env.DATABASE_URL ?? "");
  if (!databaseUrl) throw new Error("with --url, set DATABASE_URL to the running system's database (the bench creates its users there)");
  const queuePrefix = selfStarted ? `coderunner-load-${process.pid}` : (process.env.QUEUE_PREFIX ?? "coderunner");
  if (selfStarted) await prepareDatabase(databaseUrl);
  // Set before the app's env module is first imported (it is parsed once, at import).
  process.env.DATABASE_URL = databaseUrl;
  process.env.QUEUE_PREFIX = queuePrefix;
  const { createPrismaClient } = await import("../src/server/db");
  const { createProblem, sumTests, uniqueSuffix } = await import("../test/factories");
  const { hashPassword } = await import("../src/server/services/user-service");
  const { getJudgeQueue } = await import("../src/judge/queue");
  const { runnerImageFromEnv } = await import("../worker/sandbox-config");
  const db = createPrismaClient();
  const children: ChildProcess[] = [];
  const startedAtLoad = load();
  console.log(
    `[load] ${STUDENTS} students, mix ${args.mix}, ${baseUrl}, load average ${startedAtLoad.join(" ")}, ${os.availableParallelism()} cores`,
  );

  try {
    if (selfStarted) {
      if (!fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) throw new Error("no production build: run `npx next build` first");
      const childEnv = {
        ...process.env,
        DATABASE_URL: databaseUrl,
        QUEUE_PREFIX: queuePrefix,
        NODE_ENV: "production" as const,
        NEXTAUTH_URL: baseUrl,
        NEXTAUTH_SECRET: randomBytes(24).toString("base64"),
        LOG_LEVEL: "warn",
        // Every simulated student signs in from this one address: the per-IP limits would
        // refuse a lab behind one NAT just the same (raise them there too). Per-account and
        // per-user limits (Submit 5 per 10 s) stay as configured.
        RATE_LIMIT_SIGNIN_IP: process.env.RATE_LIMIT_SIGNIN_IP ?? "100000/1m",
        RATE_LIMIT_SIGNUP_IP: process.env.RATE_LIMIT_SIGNUP_IP ?? "100000/1m",
      };
      // Node directly, not npx: a signal to npx does not reach the server it starts.
      const nextBin = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
      children.push(
        spawn(process.execPath, [nextBin, "start", "-p", String(port)], {
          cwd: ROOT,
          env: childEnv,
          stdio: ["ignore", "ignore", "inherit"],
        }),
      );
      for (let i = 0; i < Number(args.workers); i++) {
        children.push(
          spawn(process.execPath, ["--import", "tsx", "worker/index.ts"], {
            cwd: ROOT,
            env: {
              ...childEnv,
              WORKER_ID: `load-${i + 1}`,
              ...(args.concurrency ? { WORKER_CONCURRENCY: args.concurrency } : {}),
            },
            stdio: ["ignore", "ignore", "inherit"],
          }),
        );
      }
    }
    await waitForHealth(baseUrl);

    // The problem and the students, straight into the database (one bcrypt hash for all).
    const label = `load-${uniqueSuffix()}`;
    const author = await db.user.create({ data: { email: `${label}-teacher@bench.coderunner`, name: "Load teacher", role: "TEACHER" } });
    const problem = await createProblem(db, author.id, { tests: sumTests(10), label, timeLimitMs: 2000 });
    const password = `pw-${randomBytes(6).toString("hex")}`;
    const passwordHash = await hashPassword(password);
    const emails = Array.from({ length: STUDENTS }, (_, i) => `${label}-s${i}@bench.coderunner`);
    await db.user.createMany({ data: emails.map((email, i) => ({ email, name: `Student ${i}`, role: "STUDENT" as const, passwordHash })) });

    // Sign-in over HTTP, as a browser does (CSRF token, credentials callback, session cookie).
    const signInStarted = Date.now();
    const students = await mapLimit(emails, 4, (email) => signIn(baseUrl, email, password));
    console.log(`[load] ${students.length} students signed in over HTTP in ${round((Date.now() - signInStarted) / 1000)} s`);

    // The burst: every student presses Submit at once (tRPC submission.create, like the browser).
    const queue = getJudgeQueue();
    const samples: Array<{ t: number; queued: number; running: number; waitingJobs: number; load: number }> = [];
    const burstStarted = Date.now();
    let draining = true;
    const sampler = (async () => {
      while (draining) {
        const [counts, jobs] = await Promise.all([
          db.submission.groupBy({ by: ["status"], where: { problemId: problem.id }, _count: { _all: true } }),
          queue.getJobCounts("waiting", "prioritized").catch(() => ({}) as Record<string, number>),
        ]);
        samples.push({
          t: round((Date.now() - burstStarted) / 1000),
          queued: counts.find((c) => c.status === "QUEUED")?._count._all ?? 0,
          running: counts.find((c) => c.status === "RUNNING")?._count._all ?? 0,
          waitingJobs: (jobs.waiting ?? 0) + (jobs.prioritized ?? 0),
          load: round(os.loadavg()[0]!, 2),
        });
        await sleep(1000);
      }
    })();
    // While it drains, one student keeps reloading the problem page.
    const pageTimes: number[] = [];
    /** The same loads, split: while the 200 Submits were still being answered, and after. */
    const pageTimesAccepting: number[] = [];
    const pageTimesAfter: number[] = [];
    let accepting = true;
    const prober = (async () => {
      while (draining) {
        const t0 = performance.now();
        const res = await fetch(`${baseUrl}/problems/${problem.slug}`, { headers: { cookie: students[0]!.cookie } });
        await res.text();
        if (res.ok) {
          const ms = performance.now() - t0;
          pageTimes.push(ms);
          (accepting ? pageTimesAccepting : pageTimesAfter).push(ms);
        }
        await sleep(200);
      }
    })();

    const submitted = await Promise.all(
      students.map(async (student, i) => {
        const key = programFor(i);
        const program = PROGRAMS[key];
        const client = trpcClient(baseUrl, student.cookie);
        const sentAt = Date.now();
        try {
          const created = (await client.submission.create.mutate({
            problemSlug: problem.slug,
            language: program.language,
            source: program.source,
          })) as { id: string };
          return { id: created.id, key, sentAt, acceptedMs: Date.now() - sentAt, error: null as string | null };
        } catch (error) {
          return { id: null, key, sentAt, acceptedMs: Date.now() - sentAt, error: (error as Error).message };
        }
      }),
    );
    accepting = false;
    const refused = submitted.filter((s) => !s.id);
    const ids = submitted.flatMap((s) => (s.id ? [s.id] : []));
    console.log(`[load] ${ids.length} submissions accepted in ${round((Date.now() - burstStarted) / 1000)} s, ${refused.length} refused`);
    for (const r of refused.slice(0, 5)) console.log(`[load]   refused: ${r.error}`);

    // Drain: wait until every accepted submission is DONE/FAILED (or the timeout).
    const deadline = burstStarted + DRAIN_TIMEOUT_MS;
    let unfinished = ids.length;
    while (Date.now() < deadline) {
      unfinished = await db.submission.count({ where: { id: { in: ids }, status: { in: ["QUEUED", "RUNNING"] } } });
      if (unfinished === 0) break;
      await sleep(500);
    }
    const drainedMs = Date.now() - burstStarted;
    draining = false;
    await Promise.all([sampler, prober]);

    const rows = await db.submission.findMany({
      where: { id: { in: ids } },
      select: { id: true, status: true, verdict: true, createdAt: true, startedAt: true, finishedAt: true, attempts: true },
    });
    const byId = new Map(rows.map((r) => [r.id, r]));
    const lost = ids.filter((id) => !byId.has(id)).length;
    const stuck = rows.filter((r) => r.status === "QUEUED" || r.status === "RUNNING").length;
    const finished = rows.filter((r) => r.finishedAt);
    const wrongVerdicts = submitted.filter(
      (s) => s.id && byId.get(s.id)?.finishedAt && byId.get(s.id)!.verdict !== PROGRAMS[s.key].verdict,
    );
    const latencies = submitted.flatMap((s) => {
      const row = s.id ? byId.get(s.id) : undefined;
      return row?.finishedAt ? [row.finishedAt.getTime() - s.sentAt] : [];
    });
    const lastFinish = Math.max(...finished.map((r) => r.finishedAt!.getTime()));
    const drainS = (lastFinish - burstStarted) / 1000;
    // The verdict is visible over the public path too (a sample of students ask for it).
    const visible = await mapLimit(submitted.filter((s) => s.id).slice(0, 20), 4, async (s) => {
      const i = submitted.indexOf(s);
      const sub = (await trpcClient(baseUrl, students[i]!.cookie).submission.byId.query({ id: s.id! })) as { verdict: string | null };
      return sub.verdict === byId.get(s.id!)?.verdict;
    });

    // Overhead: judging time of AC submissions vs the same program run bare (same run).
    const acKey: ProgramKey = "python-AC";
    const judgingMs = submitted
      .filter((s) => s.key === acKey && s.id)
      .flatMap((s) => {
        const r = byId.get(s.id!);
        return r?.startedAt && r.finishedAt && r.verdict === "AC" && r.attempts === 1
          ? [r.finishedAt.getTime() - r.startedAt.getTime()]
          : [];
      });
    // The same, one at a time with the queue idle (what one submission costs without the
    // crowd): a second apart, so the previous one's container is removed and replaced before
    // the next starts, as between students' submissions on a quiet system. (Back to back,
    // that container work runs beside the judging: see the burst figure and bench:profile --gap 0.)
    const sequentialMs: number[] = [];
    await sleep(SETTLE_MS);
    for (let i = 0; i < SEQUENTIAL_RUNS; i++) {
      if (i > 0) await sleep(SETTLE_MS);
      const client = trpcClient(baseUrl, students[i]!.cookie);
      const created = (await client.submission.create.mutate({
        problemSlug: problem.slug,
        language: "python",
        source: PROGRAMS[acKey].source,
      })) as { id: string };
      for (;;) {
        const r = await db.submission.findUniqueOrThrow({ where: { id: created.id }, select: { startedAt: true, finishedAt: true } });
        if (r.finishedAt) {
          sequentialMs.push(r.finishedAt.getTime() - r.startedAt!.getTime());
          break;
        }
        await sleep(50);
      }
    }
    const image = await runnerImageFromEnv();
    // The denominator: bare compile (py_compile) + the sum of the bare test runs.
    const bare = await bareTimes(
      image,
      "python",
      PROGRAMS[acKey].source,
      problem.tests.map((t) => t.input),
      5,
    );
    const bareMs = bare.totalMs;

    const report = {
      at: new Date().toISOString(),
      machine: {
        cores: os.availableParallelism(),
        loadAtStart: startedAtLoad,
        loadAtEnd: load(),
        containerCpuWeight: containerCpuWeight(),
      },
      students: STUDENTS,
      mix: args.mix,
      workers: selfStarted ? Number(args.workers) : "external",
      concurrency: args.concurrency ? Number(args.concurrency) : "default",
      accepted: ids.length,
      refused: refused.length,
      lost,
      stuck,
      wrongVerdicts: wrongVerdicts.length,
      visibleOverHttp: `${visible.filter(Boolean).length}/${visible.length}`,
      drainS: round(drainS, 1),
      // Machine-independent: the drain ÷ the same submissions' bare compile + runs, one after another.
      drainVsBare: round((drainS * 1000) / (ids.length * bareMs), 2),
      judgedPerMinute: round((finished.length / drainS) * 60, 1),
      submitToVerdictMs: latencies.length
        ? { p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99) }
        : null,
      submitAcceptedMs: {
        p50: percentile(
          submitted.map((s) => s.acceptedMs),
          50,
        ),
        p95: percentile(
          submitted.map((s) => s.acceptedMs),
          95,
        ),
      },
      problemPageMs: pageSummary(pageTimes),
      problemPageWhileAcceptingMs: pageSummary(pageTimesAccepting),
      problemPageAfterAcceptingMs: pageSummary(pageTimesAfter),
      overhead: {
        bareMs: round(bareMs, 1),
        bareCompileMs: round(bare.compileMs, 1),
        bareRunsMs: round(bare.runsMs, 1),
        judgingInBurstP50Ms: judgingMs.length ? percentile(judgingMs, 50) : null,
        judgingSequentialP50Ms: percentile(sequentialMs, 50),
        ratioSequential: round(percentile(sequentialMs, 50) / bareMs, 2),
        ratioInBurst: judgingMs.length ? round(percentile(judgingMs, 50) / bareMs, 2) : null,
      },
      queueDepth: samples,
      drainedWithinTimeout: unfinished === 0,
      drainMeasuredMs: drainedMs,
    };
    printReport(report);
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    const file = path.join(RESULTS_DIR, `load-${report.at.replace(/[:.]/g, "-")}.json`);
    fs.writeFileSync(file, JSON.stringify(report, null, 2));
    console.log(`[load] written ${path.relative(ROOT, file)}`);
    await queue.close().catch(() => undefined);
    return report.lost === 0 && report.stuck === 0 && report.wrongVerdicts === 0;
  } finally {
    for (const child of children) child.kill("SIGTERM");
    await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once("exit", r)))));
    await db.$disconnect();
  }
}

// The report is a plain JSON object built above; printing reads it loosely.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function printReport(r: Record<string, any>) {
  const check = (ok: boolean) => (ok ? "met" : "MISSED");
  console.log("");
  console.log(
    `machine: ${r.machine.cores} cores, load average at start ${r.machine.loadAtStart.join(" ")}, at end ${r.machine.loadAtEnd.join(" ")}, containers' ${r.machine.containerCpuWeight}`,
  );
  console.log(
    `accepted ${r.accepted}, refused ${r.refused}, lost ${r.lost}, unfinished at the ${args.timeout} s timeout ${r.stuck}, wrong verdicts ${r.wrongVerdicts}, verdict visible over HTTP ${r.visibleOverHttp}`,
  );
  console.log(
    `drain: ${r.drainS} s (target ≤ ${TARGETS.drainS} s: ${check(r.drainS <= TARGETS.drainS)}), ${r.judgedPerMinute} judged/min, ` +
      `${r.drainVsBare}× the bare work of the ${r.accepted} submissions done one after another (${r.accepted} × ${r.overhead.bareMs} ms)`,
  );
  if (r.submitToVerdictMs)
    console.log(
      `Submit → verdict: p50 ${r.submitToVerdictMs.p50} ms, p95 ${r.submitToVerdictMs.p95} ms, p99 ${r.submitToVerdictMs.p99} ms`,
    );
  console.log(`Submit accepted (HTTP): p50 ${r.submitAcceptedMs.p50} ms, p95 ${r.submitAcceptedMs.p95} ms`);
  if (r.problemPageMs) {
    console.log(
      `problem page while draining: n ${r.problemPageMs.n}, p50 ${r.problemPageMs.p50} ms, p95 ${r.problemPageMs.p95} ms (target ≤ ${TARGETS.pageP95Ms} ms: ${check(r.problemPageMs.p95 <= TARGETS.pageP95Ms)})`,
    );
    const part = (name: string, m: { n: number; p50: number; p95: number } | null) =>
      m ? `${name}: n ${m.n}, p50 ${m.p50} ms, p95 ${m.p95} ms` : `${name}: none`;
    console.log(
      `  ${part("while the Submits were being answered", r.problemPageWhileAcceptingMs)}; ${part("after", r.problemPageAfterAcceptingMs)}`,
    );
  }
  const o = r.overhead;
  console.log(
    `overhead: bare ${o.bareMs} ms (compile ${o.bareCompileMs} + 10 runs ${o.bareRunsMs}); judged one at a time p50 ${o.judgingSequentialP50Ms} ms = ${o.ratioSequential}× (target ≤ ${TARGETS.overhead}×: ${check(o.ratioSequential <= TARGETS.overhead)}); during the burst p50 ${o.judgingInBurstP50Ms} ms = ${o.ratioInBurst}×`,
  );
  const depth = (r.queueDepth as Array<{ t: number; queued: number; running: number; load: number }>)
    .filter((_, i, all) => i % Math.max(1, Math.ceil(all.length / 15)) === 0)
    .map((s) => `${s.t}s:${s.queued}q/${s.running}r(load ${s.load})`)
    .join("  ");
  console.log(`queue depth over time: ${depth}`);
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i]!);
      }
    }),
  );
  return results;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

main().then(
  (ok) => process.exit(ok ? 0 : 1),
  (error: unknown) => {
    console.error(`[load] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(2);
  },
);
