/**
 * The `verify` command end to end: a real process, the real sandbox (Docker), a real
 * problem package. The full fixture set is exercised by `npm run verify -- problems/*`.
 */
import { spawn } from "node:child_process";
import { cp, mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const REPO = path.resolve(import.meta.dirname, "..");
const SUM_TWO = path.join(REPO, "problems/sum-two");

interface VerifyRun {
  code: number | null;
  stderr: string;
  records: Array<{ file: string; expected: string; verdict: string; ok: boolean; timeMs: number; memoryKb: number; tests: unknown[] }>;
}

function runVerify(args: string[]): Promise<VerifyRun> {
  return new Promise((resolve, reject) => {
    const child = spawn("npx", ["tsx", "worker/verify.ts", ...args], { cwd: REPO, env: process.env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      // stdout must be nothing but JSON lines.
      const records = stdout
        .split("\n")
        .filter((line) => line.trim())
        .map((line) => JSON.parse(line) as VerifyRun["records"][number]);
      resolve({ code, stderr, records });
    });
  });
}

async function submissionFiles(problemDir: string): Promise<string[]> {
  const files: string[] = [];
  for (const folder of await readdir(path.join(problemDir, "submissions"))) {
    for (const name of await readdir(path.join(problemDir, "submissions", folder))) files.push(`submissions/${folder}/${name}`);
  }
  return files.sort();
}

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "verify-test-"));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe("npm run verify", () => {
  it("judges every sum-two submission with the verdict of its folder (exit 0)", async () => {
    const run = await runVerify(["problems/sum-two"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.records.map((r) => r.file).sort()).toEqual(await submissionFiles(SUM_TWO));
    for (const record of run.records) {
      expect(record.verdict, `${record.file}: ${JSON.stringify(record)}`).toBe(record.expected);
      expect(record.ok).toBe(true);
      if (record.expected !== "CE") expect(record.tests.length).toBeGreaterThan(0);
    }
    // Every language appears in accepted/.
    const accepted = run.records.filter((r) => r.expected === "AC").map((r) => path.extname(r.file));
    expect(new Set(accepted)).toEqual(new Set([".py", ".js", ".ts", ".c", ".cpp", ".java", ".go", ".rs"]));
    expect(run.stderr).toMatch(/sum-two: \d+\/\d+ submissions as expected/);
  }, 600_000);

  it("fails (exit 1) when a submission is filed under the wrong verdict", async () => {
    const copy = path.join(tmp, "misfiled", "sum-two");
    await mkdir(path.dirname(copy), { recursive: true });
    for (const part of ["problem.yaml", "statement", "data"])
      await cp(path.join(SUM_TWO, part), path.join(copy, part), { recursive: true });
    await mkdir(path.join(copy, "submissions/accepted"), { recursive: true });
    await mkdir(path.join(copy, "submissions/run_time_error"), { recursive: true });
    await cp(path.join(SUM_TWO, "submissions/accepted/sum.py"), path.join(copy, "submissions/accepted/sum.py"));
    // A wrong answer filed as accepted, and an accepted one filed as a run-time error.
    await cp(path.join(SUM_TWO, "submissions/wrong_answer/difference.py"), path.join(copy, "submissions/accepted/difference.py"));
    await cp(path.join(SUM_TWO, "submissions/accepted/sum.c"), path.join(copy, "submissions/run_time_error/sum.c"));

    const run = await runVerify([copy]);
    expect(run.code, run.stderr).toBe(1);
    const byFile = new Map(run.records.map((r) => [r.file, r]));
    expect(byFile.get("submissions/accepted/sum.py")).toMatchObject({ expected: "AC", verdict: "AC", ok: true });
    expect(byFile.get("submissions/accepted/difference.py")).toMatchObject({ expected: "AC", verdict: "WA", ok: false });
    expect(byFile.get("submissions/run_time_error/sum.c")).toMatchObject({ expected: "RE", verdict: "AC", ok: false });
    expect(run.stderr).toMatch(/✗ submissions\/accepted\/difference\.py: expected AC, got WA on test 1 \(sample\/1\)/);
    expect(run.stderr).toMatch(/2 unexpected/);
  }, 300_000);

  it("reports a broken package and bad usage with exit 2, without a stack trace", async () => {
    const broken = path.join(tmp, "broken", "sum-two");
    await mkdir(path.join(broken, "data/secret"), { recursive: true });
    await cp(path.join(SUM_TWO, "statement"), path.join(broken, "statement"), { recursive: true });
    await writeFile(path.join(broken, "problem.yaml"), "validator_flags: float_tolerance\n");
    await writeFile(path.join(broken, "data/secret/1.in"), "1 2\n");

    const run = await runVerify([broken]);
    expect(run.code).toBe(2);
    expect(run.records).toEqual([]);
    expect(run.stderr).toMatch(/error: .*problem\.yaml: .*float_tolerance needs a number/);
    expect(run.stderr).not.toMatch(/\n\s+at /);

    const usage = await runVerify([]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/usage: npm run verify/);
  }, 300_000);
});
