/**
 * A package without a time limit: Verify runs its references under a generous limit, the
 * worker stores the limit problemtools would derive (slowest accepted × time_multiplier,
 * rounded up to whole seconds), and the Verify table judges every reference under it and
 * flags the ones too close to it. Real Postgres, Redis and Docker; no queue consumer: the
 * test processes the queued runs itself.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deriveTimeLimitMs, VERIFY_DERIVING_TIME_LIMIT_MS } from "../src/judge/time-limit";
import { createPrismaClient } from "../src/server/db";
import { importProblemFromDirectory } from "../src/server/services/problem-import-service";
import { createUser, uniqueSuffix } from "../test/factories";
import { callerFor } from "../test/trpc";
import type { SandboxProvider } from "../sandbox/types";
import { processSubmission } from "./process-submission";
import { sandboxProviderFromEnv } from "./sandbox-config";

const db = createPrismaClient();
let provider: SandboxProvider;
let scratch: string;

beforeAll(async () => {
  provider = await sandboxProviderFromEnv({ poolSize: 1 });
  scratch = await mkdtemp(path.join(os.tmpdir(), "derived-limit-"));
});
afterAll(async () => {
  await provider?.shutdown();
  await rm(scratch, { recursive: true, force: true });
  await db.$disconnect();
});

/** Echo the number, after burning `cpuSeconds` of CPU time (measured by the process itself). */
const burner = (cpuSeconds: number) =>
  `import sys, time\nwhile time.process_time() < ${cpuSeconds}:\n    pass\nprint(sys.stdin.read().strip())\n`;

async function writePackage(files: Record<string, string>) {
  const dir = path.join(scratch, `no-limit-${uniqueSuffix()}`);
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), content);
  }
  return dir;
}

describe("time limit derived from the reference solutions", () => {
  it("stores slowest AC × time_multiplier (rounded up) and flags a TLE reference that is too close", async () => {
    const teacher = await createUser(db, { role: "TEACHER" });
    const dir = await writePackage({
      "problem.yaml": "name: Echo\nlimits:\n  time_multiplier: 3\n",
      "statement/problem.md": "Print the number.\n",
      "data/sample/1.in": "1\n",
      "data/sample/1.ans": "1\n",
      "data/secret/1.in": "2\n",
      "data/secret/1.ans": "2\n",
      "submissions/accepted/fast.py": "print(input())\n",
      "submissions/accepted/slow.py": burner(0.5),
      // About 1.3 × the derived 2 s: times out, but would pass with the limit × time_safety_margin (2).
      "submissions/time_limit_exceeded/barely.py": burner(2.6),
    });
    const imported = await importProblemFromDirectory(db, teacher, dir);
    expect(imported.warnings.join("\n")).toMatch(/sets no time limit/);
    const problem = await db.problem.findUniqueOrThrow({ where: { slug: imported.slug } });
    expect(problem).toMatchObject({ timeLimitDerived: true, timeMultiplier: 3, timeSafetyMargin: 2, derivedFromCpuMs: null });

    const t = callerFor(teacher).teach.problem;
    await t.verify({ problemId: problem.id });
    const runs = await db.submission.findMany({
      where: { problemId: problem.id, kind: "REFERENCE" },
      select: { id: true, runTimeLimitMs: true },
    });
    expect(runs).toHaveLength(3);
    expect(runs.every((r) => r.runTimeLimitMs === VERIFY_DERIVING_TIME_LIMIT_MS)).toBe(true);
    for (const run of runs) await processSubmission(run.id, { db, provider, publish: () => {}, attempt: 1, maxAttempts: 1 });

    const refs = await db.referenceSolution.findMany({
      where: { problemId: problem.id },
      select: { name: true, lastRun: { select: { verdict: true, maxCpuMs: true } } },
    });
    const cpu = (name: string) => refs.find((r) => r.name === name)!.lastRun!.maxCpuMs!;
    // Under the generous limit every reference finished: the slow one's real time is known.
    expect(refs.every((r) => r.lastRun?.verdict === "AC")).toBe(true);
    const slowest = Math.max(cpu("accepted/fast.py"), cpu("accepted/slow.py"));
    const stored = await db.problem.findUniqueOrThrow({ where: { id: problem.id }, select: { timeLimitMs: true, derivedFromCpuMs: true } });
    expect(stored).toEqual({ timeLimitMs: deriveTimeLimitMs(slowest, 3), derivedFromCpuMs: slowest });
    expect(stored.timeLimitMs % 1000).toBe(0);
    expect(stored.timeLimitMs).toBeGreaterThanOrEqual(1000);

    const results = await t.verifyResults({ problemId: problem.id });
    expect(results.timeLimit).toMatchObject({ derived: true, timeLimitMs: stored.timeLimitMs, derivedFromCpuMs: slowest, multiplier: 3 });
    const row = (name: string) => results.rows.find((r) => r.name === name)!;
    expect(row("accepted/fast.py")).toMatchObject({ got: "AC", matches: true, tooClose: false });
    expect(row("accepted/slow.py")).toMatchObject({ got: "AC", matches: true, tooClose: false });
    // Judged again under the derived limit from its per-test times: a time-out, but a close one.
    expect(cpu("time_limit_exceeded/barely.py")).toBeGreaterThan(stored.timeLimitMs);
    expect(row("time_limit_exceeded/barely.py")).toMatchObject({ got: "TLE", matches: true, tooClose: true });
    // A fixed limit's suggestion is not offered: this limit is the derived one.
    expect(results.derivedTimeLimit).toBeNull();

    // Setting a limit by hand ends the derivation; the next Verify runs under that limit.
    await callerFor(teacher).problem.update({ slug: problem.slug, timeLimitMs: 3000 });
    expect(await db.problem.findUniqueOrThrow({ where: { id: problem.id }, select: { timeLimitDerived: true } })).toEqual({
      timeLimitDerived: false,
    });
    await t.verify({ problemId: problem.id });
    const fixed = await db.submission.findMany({
      where: { problemId: problem.id, kind: "REFERENCE", status: "QUEUED" },
      select: { runTimeLimitMs: true },
    });
    expect(fixed.map((r) => r.runTimeLimitMs)).toEqual([null, null, null]);
  });
});
