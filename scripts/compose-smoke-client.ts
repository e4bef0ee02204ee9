/**
 * The client half of `npm run compose:smoke` (scripts/compose-smoke.sh): against the composed
 * system at the given URL, wait for /api/health, sign in as the seeded demo student over
 * HTTP, submit the `sum-two` package's accepted and wrong-answer Python programs through
 * tRPC (as the Submit button does) and wait until the composed worker has judged them.
 * Exits 1 unless they end AC and WA.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { signIn, trpcClient, waitForHealth } from "../bench/http-session";

const baseUrl = process.argv[2] ?? "http://127.0.0.1:3000";
const problemDir = path.resolve(import.meta.dirname, "../problems/sum-two/submissions");
const cases = [
  { file: "accepted/sum.py", expect: "AC" },
  { file: "wrong_answer/difference.py", expect: "WA" },
];

async function main() {
  await waitForHealth(baseUrl, 240_000);
  console.log(`[smoke] ${baseUrl}/api/health is 200`);
  const student = await signIn(baseUrl, "student@coderunner.dev", "student-demo");
  const client = trpcClient(baseUrl, student.cookie);
  let failed = 0;
  for (const c of cases) {
    const source = readFileSync(path.join(problemDir, c.file), "utf8");
    const started = Date.now();
    const created = (await client.submission.create.mutate({ problemSlug: "sum-two", language: "python", source })) as { id: string };
    let row: { status: string; verdict: string | null; errorMessage?: string | null } = { status: "QUEUED", verdict: null };
    while (row.status !== "DONE" && row.status !== "FAILED") {
      if (Date.now() - started > 180_000) throw new Error(`submission ${created.id} still ${row.status} after 180 s`);
      await new Promise((r) => setTimeout(r, 500));
      row = (await client.submission.byId.query({ id: created.id })) as typeof row;
    }
    const ok = row.verdict === c.expect;
    if (!ok) failed++;
    console.log(`[smoke] ${c.file}: ${row.status} ${row.verdict ?? "-"} (expected ${c.expect}) in ${Date.now() - started} ms`);
  }
  console.log(failed === 0 ? "[smoke] the composed worker judged every submission as expected" : `[smoke] ${failed} wrong`);
  process.exit(failed === 0 ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(`[smoke] failed: ${(error as Error).message}`);
  process.exit(1);
});
