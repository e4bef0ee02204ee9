/**
 * Student-page benchmark: `npm run bench:pages`. See bench/README.md ("Student pages").
 *
 * 1. Seeds the bench database (coderunner_bench) once with 100k judged submissions
 *    (+5k custom runs) from 1,000 students on 50 problems and one 300-student course.
 * 2. Times the services behind the list and leaderboard procedures (p50/p95) and
 *    prints the planner's choice for the hot queries (EXPLAIN).
 * 3. Starts the production build (`next start`, building first if there is none), signs in
 *    as a seeded student and fetches each main page N times (p50/p95).
 * Load averages are printed before and after: on a busy machine every number is pessimistic.
 */
import { spawn, execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import { BENCH_DATABASE_URL, prepareDatabase } from "./database";

const PORT = Number(process.env.BENCH_PORT ?? 3141);
const RUNS = Number(process.env.BENCH_RUNS ?? 40);

const loadLine = () => {
  const [one, five] = os.loadavg();
  return `load average ${one!.toFixed(2)} (1 min), ${five!.toFixed(2)} (5 min) on ${os.availableParallelism()} cores`;
};

async function waitForServer(url: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`server at ${url} did not start within ${timeoutMs} ms`);
}

/** Signs in through next-auth's credentials flow and returns the Cookie header to send. */
async function signIn(base: string, email: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair!.indexOf("=");
      jar.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  keep(csrfRes);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  keep(res);
  if (![...jar.keys()].some((k) => k.includes("session-token"))) throw new Error(`sign-in failed (HTTP ${res.status})`);
  return cookie();
}

async function main() {
  console.log(`[bench:pages] ${loadLine()}, Node ${process.version}`);
  console.log(`[bench:pages] preparing ${BENCH_DATABASE_URL}`);
  await prepareDatabase(BENCH_DATABASE_URL);
  process.env.DATABASE_URL = BENCH_DATABASE_URL;
  const { seedPageBenchData, timeQueries, explainHotQueries, BENCH_STUDENT, closeBenchDb } = await import("./page-benchmarks");
  const seeded = await seedPageBenchData();
  console.log(`[bench:pages] data: ${seeded}`);

  console.log(`\n[bench:pages] (a) the services behind the procedures, ${RUNS} runs each after 3 warm-ups`);
  console.log(await timeQueries(RUNS));
  console.log(`\n[bench:pages] (b) planner choices (EXPLAIN ANALYZE)`);
  console.log(await explainHotQueries());
  await closeBenchDb();

  if (!fs.existsSync(".next/BUILD_ID")) {
    console.log("[bench:pages] no production build: running next build");
    execFileSync("npx", ["next", "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  }
  const base = `http://127.0.0.1:${PORT}`;
  const server = spawn("npx", ["next", "start", "-p", String(PORT)], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: BENCH_DATABASE_URL,
      NEXTAUTH_URL: base,
      NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? "bench-only-secret-0123456789abcdef0123456789",
    },
    stdio: "ignore",
    detached: true,
  });
  try {
    await waitForServer(`${base}/signin`);
    const cookie = await signIn(base, BENCH_STUDENT.email, BENCH_STUDENT.password);
    const { timePages } = await import("./page-benchmarks");
    console.log(`\n[bench:pages] (c) pages from the production build, signed in, ${RUNS} sequential requests each after 3 warm-ups`);
    const { table, worstP95 } = await timePages(base, cookie, RUNS);
    console.log(table);
    console.log(`\n[bench:pages] slowest page p95 ${worstP95.toFixed(1)} ms (target < 300 ms): ${worstP95 < 300 ? "met" : "MISSED"}`);
  } finally {
    // The server runs in its own process group: end that group only.
    if (server.pid) process.kill(-server.pid, "SIGTERM");
  }
  console.log(`[bench:pages] ${loadLine()} (at the end)`);
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(`[bench:pages] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(2);
});
