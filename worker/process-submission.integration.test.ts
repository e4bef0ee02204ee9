/**
 * processSubmission against real Postgres (coderunner_test) and the real Docker sandbox,
 * without the queue: idempotency, re-runs and hostile output.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProgressEvent } from "../src/judge/queue";
import { createPrismaClient } from "../src/server/db";
import { sandboxProviderFromEnv } from "./sandbox-config";
import type { SandboxProvider } from "../sandbox/types";
import { STORED_TEXT_LIMIT_BYTES, processSubmission, type ProcessDeps } from "./process-submission";
import { SUM_SOLUTIONS, createProblem, createSubmission, createUser, sumTests } from "../test/factories";

const db = createPrismaClient();
let provider: SandboxProvider;
let userId: string;

beforeAll(async () => {
  provider = await sandboxProviderFromEnv({ poolSize: 1 });
  userId = (await createUser(db, { label: "process-it" })).id;
});

afterAll(async () => {
  await provider?.shutdown();
  await db.$disconnect();
});

function deps(events: ProgressEvent[] = [], attempt = 1): ProcessDeps {
  return { db, provider, publish: (e) => void events.push(e), attempt, maxAttempts: 3 };
}

describe("processSubmission", () => {
  it("re-running a submission (after a stall) replaces its test results instead of duplicating them", async () => {
    const problem = await createProblem(db, userId, { tests: sumTests(3) });
    const submission = await createSubmission(db, { userId, problemId: problem.id, language: "python", source: SUM_SOLUTIONS.python });

    const first = await processSubmission(submission.id, deps());
    expect(first).toMatchObject({ kind: "done", verdict: "AC", testsPassed: 3, testsTotal: 3 });
    const firstIds = (await db.testResult.findMany({ where: { submissionId: submission.id } })).map((r) => r.id);
    expect(firstIds).toHaveLength(3);

    // What a crash between the last test and the final write leaves behind: RUNNING with rows.
    await db.submission.update({ where: { id: submission.id }, data: { status: "RUNNING", verdict: null } });
    const second = await processSubmission(submission.id, deps([], 2));
    expect(second).toMatchObject({ kind: "done", verdict: "AC" });
    const rows = await db.testResult.findMany({ where: { submissionId: submission.id }, orderBy: { position: "asc" } });
    expect(rows.map((r) => r.position)).toEqual([1, 2, 3]);
    expect(rows.some((r) => firstIds.includes(r.id))).toBe(false);
    expect(await db.submission.findUniqueOrThrow({ where: { id: submission.id } })).toMatchObject({
      status: "DONE",
      verdict: "AC",
      attempts: 2,
    });
  });

  it("discards its result when a newer attempt has claimed the submission meanwhile (fencing)", async () => {
    const problem = await createProblem(db, userId, { tests: sumTests(1), timeLimitMs: 10_000 });
    const slow = "import sys, time\ntime.sleep(2)\nprint(sum(map(int, sys.stdin.read().split())))\n";
    const submission = await createSubmission(db, { userId, problemId: problem.id, language: "python", source: slow });
    const events: ProgressEvent[] = [];
    const running = processSubmission(submission.id, deps(events));
    await expect
      .poll(async () => (await db.submission.findUniqueOrThrow({ where: { id: submission.id } })).status, { timeout: 30_000 })
      .toBe("RUNNING");
    // Another worker took the job over after a stall: it claimed attempt 2.
    await db.submission.update({ where: { id: submission.id }, data: { attempts: { increment: 1 } } });

    expect(await running).toEqual({ kind: "skipped", reason: "superseded" });
    expect(await db.submission.findUniqueOrThrow({ where: { id: submission.id } })).toMatchObject({
      status: "RUNNING",
      verdict: null,
      attempts: 2,
    });
    expect(events.some((e) => e.type === "done")).toBe(false);
  });

  it("a stale attempt's per-test rows are rejected once a newer attempt has claimed the submission", async () => {
    const problem = await createProblem(db, userId, { tests: sumTests(3) });
    const submission = await createSubmission(db, { userId, problemId: problem.id, language: "python", source: SUM_SOLUTIONS.python });
    const events: ProgressEvent[] = [];
    const stale: ProcessDeps = {
      ...deps(events),
      // Right after this attempt's claim, another worker claims attempt 2 (a stall
      // takeover): bumps the fence and clears the rows, as processSubmission's claim does.
      publish: async (event) => {
        events.push(event);
        if (event.type === "status" && event.status === "RUNNING") {
          await db.submission.update({ where: { id: submission.id }, data: { attempts: { increment: 1 } } });
        }
      },
    };
    expect(await processSubmission(submission.id, stale)).toEqual({ kind: "skipped", reason: "superseded" });
    expect(await db.testResult.count({ where: { submissionId: submission.id } })).toBe(0);
    expect(events.filter((e) => e.type === "test")).toEqual([]);
    expect(await db.submission.findUniqueOrThrow({ where: { id: submission.id } })).toMatchObject({
      status: "RUNNING",
      attempts: 2,
      verdict: null,
    });
  });

  it("leaves a finished submission alone", async () => {
    const problem = await createProblem(db, userId, { tests: sumTests(1) });
    const submission = await createSubmission(db, { userId, problemId: problem.id, language: "python", source: SUM_SOLUTIONS.python });
    await processSubmission(submission.id, deps());
    const before = await db.submission.findUniqueOrThrow({ where: { id: submission.id }, include: { results: true } });

    const events: ProgressEvent[] = [];
    expect(await processSubmission(submission.id, deps(events))).toEqual({ kind: "skipped", reason: "DONE" });
    expect(events).toEqual([]);
    const after = await db.submission.findUniqueOrThrow({ where: { id: submission.id }, include: { results: true } });
    expect(after).toEqual(before);
  });

  it("skips a submission that no longer exists", async () => {
    expect(await processSubmission("no-such-submission", deps())).toEqual({ kind: "skipped", reason: "missing" });
  });

  it("stores hostile output safely: NUL bytes replaced, excerpt capped at 64 KiB", async () => {
    // NUL cannot be stored in a Postgres text column; a megabyte of output must not be stored whole.
    const source = "import sys\nsys.stdout.write('\\0é' * 400000)\n";
    const submission = await createSubmission(db, { userId, kind: "RUN", language: "python", source, stdin: "" });
    const outcome = await processSubmission(submission.id, deps());
    expect(outcome.kind).toBe("done");
    const [row] = await db.testResult.findMany({ where: { submissionId: submission.id } });
    expect(row).toBeDefined();
    expect(row!.outputExcerpt).not.toContain("\0");
    expect(Buffer.byteLength(row!.outputExcerpt ?? "")).toBeLessThanOrEqual(STORED_TEXT_LIMIT_BYTES);
    expect(row!.outputExcerpt!.startsWith("\uFFFDé\uFFFDé")).toBe(true);
  });

  it("a Run checks the problem's samples (every one) and then runs the custom input", async () => {
    const problem = await createProblem(db, userId, { tests: sumTests(3) });
    await db.testCase.updateMany({ where: { problemId: problem.id, position: { in: [1, 2] } }, data: { isSample: true } });
    // The product, not the sum: right on sample 1 (0 0), wrong on sample 2 (1 7).
    const source = "a, b = map(int, input().split())\nprint(a * b)\n";
    const run = await createSubmission(db, { userId, problemId: problem.id, kind: "RUN", language: "python", source, stdin: "5 6\n" });
    const events: ProgressEvent[] = [];
    expect(await processSubmission(run.id, deps(events))).toMatchObject({ kind: "done", verdict: "WA", testsPassed: 1, testsTotal: 2 });
    const rows = await db.testResult.findMany({ where: { submissionId: run.id }, orderBy: { position: "asc" } });
    expect(rows.map((r) => [r.position, r.verdict, r.outputExcerpt, r.testCaseId])).toEqual([
      [0, "AC", "30\n", null],
      [1, "AC", "0\n", problem.tests[0]!.id],
      [2, "WA", "7\n", problem.tests[1]!.id],
    ]);
    // Live progress: samples first, then the custom input, each with the running total.
    expect(events.filter((e) => e.type === "test").map((e) => [e.position, e.testsDone, e.testsTotal])).toEqual([
      [1, 1, 3],
      [2, 2, 3],
      [0, 3, 3],
    ]);
    expect(events.map((e) => e.type)).toEqual(["status", "compiled", "test", "test", "test", "done"]);

    // Without custom input only the samples run; all passing leaves the Run without a verdict.
    const sum = await createSubmission(db, {
      userId,
      problemId: problem.id,
      kind: "RUN",
      language: "python",
      source: SUM_SOLUTIONS.python,
    });
    expect(await processSubmission(sum.id, deps())).toMatchObject({ kind: "done", verdict: null, testsPassed: 2, testsTotal: 2 });
    const sumRows = await db.testResult.findMany({ where: { submissionId: sum.id }, orderBy: { position: "asc" } });
    expect(sumRows.map((r) => [r.position, r.verdict])).toEqual([
      [1, "AC"],
      [2, "AC"],
    ]);
  });

  it("uses the Run defaults (2 s) and records TLE for a Run that loops forever", async () => {
    const submission = await createSubmission(db, { userId, kind: "RUN", language: "python", source: "while True: pass\n", stdin: "" });
    const outcome = await processSubmission(submission.id, deps());
    expect(outcome).toMatchObject({ kind: "done", verdict: "TLE" });
    // Stopped by the 2 s CPU limit, or by the wall limit when the machine is busy: either way
    // not before 2 s of wall time, and not long after.
    const [test] = await db.testResult.findMany({ where: { submissionId: submission.id } });
    expect(test?.stoppedBy).toMatch(/^(cpu|wall)-limit$/);
    expect(test!.wallMs).toBeGreaterThanOrEqual(1900);
    expect(test!.cpuMs).toBeLessThan(4000);
  });

  it("fails an unknown language at once as IE, without retries", async () => {
    const problem = await createProblem(db, userId, { tests: sumTests(1) });
    const submission = await createSubmission(db, { userId, problemId: problem.id, language: "cobol", source: "x" });
    await expect(processSubmission(submission.id, deps())).rejects.toThrow(/unknown language/);
    expect(await db.submission.findUniqueOrThrow({ where: { id: submission.id } })).toMatchObject({
      status: "FAILED",
      verdict: "IE",
      attempts: 1,
    });
  });
});
