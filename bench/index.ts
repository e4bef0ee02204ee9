/**
 * CodeRunner benchmarks: `npm run bench`. See bench/README.md for what each number means.
 *
 * Runs against its own database (coderunner_bench, created and migrated here) and its own
 * queue prefix, so it never touches development data or a running worker's queue.
 */
import { BENCH_DATABASE_URL, prepareDatabase } from "./database";

async function main() {
  console.log(`[bench] preparing ${BENCH_DATABASE_URL}`);
  await prepareDatabase(BENCH_DATABASE_URL);
  // Set before the app's env module is first imported (it is parsed once, at import).
  process.env.DATABASE_URL = BENCH_DATABASE_URL;
  process.env.QUEUE_PREFIX = `coderunner-bench-${process.pid}`;
  // The latency benchmark submits back to back through the web app's Submit path: it
  // measures the judge, not the per-user rate limit.
  process.env.RATE_LIMIT_SUBMIT = "100000/1s";
  const { runBenchmarks } = await import("./benchmarks");
  const passed = await runBenchmarks();
  process.exit(passed ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(`[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(2);
});
