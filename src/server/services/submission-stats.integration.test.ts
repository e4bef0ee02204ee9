import { describe, expect, it } from "vitest";
import { db } from "../db";
import { createProblem, SECRET_SUM_TESTS, createUser } from "../../../test/factories";
import { callerFor } from "../../../test/trpc";

/** A judged submission written straight into the database (no worker needed here). */
async function judged(
  userId: string,
  problemId: string,
  data: { verdict: "AC" | "WA"; cpuMs: number; peakKb: number; language?: string; kind?: "SUBMIT" | "RUN" },
) {
  const tests = await db.testCase.findMany({ where: { problemId }, orderBy: { position: "asc" } });
  return db.submission.create({
    data: {
      userId,
      problemId,
      kind: data.kind ?? "SUBMIT",
      language: data.language ?? "python",
      source: "print(1)",
      status: "DONE",
      verdict: data.verdict,
      maxCpuMs: data.cpuMs,
      maxPeakKb: data.peakKb,
      results: {
        create: tests.map((t) => ({
          testCaseId: t.id,
          position: t.position,
          verdict: data.verdict,
          cpuMs: data.cpuMs,
          wallMs: data.cpuMs,
          peakKb: data.peakKb,
          stoppedBy: "exited",
          exitCode: 0,
          outputExcerpt: `out-${t.position}`,
        })),
      },
    },
    select: { id: true },
  });
}

describe("submission.acceptedStats", () => {
  it("compares with other accepted submissions in the same language only, Runs and failures left out", async () => {
    const teacher = await createUser(db, { role: "TEACHER" });
    const student = await createUser(db, { role: "STUDENT" });
    const problem = await createProblem(db, teacher.id, { tests: SECRET_SUM_TESTS });
    for (const cpuMs of [10, 40, 50, 60]) await judged((await createUser(db)).id, problem.id, { verdict: "AC", cpuMs, peakKb: 5000 });
    await judged(teacher.id, problem.id, { verdict: "AC", cpuMs: 1, peakKb: 1, language: "c" });
    await judged(teacher.id, problem.id, { verdict: "WA", cpuMs: 999, peakKb: 99_999 });
    await judged(teacher.id, problem.id, { verdict: "AC", cpuMs: 999, peakKb: 99_999, kind: "RUN" });
    const mine = await judged(student.id, problem.id, { verdict: "AC", cpuMs: 30, peakKb: 4000 });

    const stats = await callerFor(student).submission.acceptedStats({ id: mine.id });
    expect(stats).toMatchObject({ language: "python", accepted: 5, cpu: { mine: 30, betterThanPct: 75 }, memory: { betterThanPct: 100 } });
    expect(stats!.cpu.histogram.reduce((n, b) => n + b.count, 0)).toBe(4);

    // Not accepted: no comparison. Someone else's submission: it does not exist for them.
    const failed = await judged(student.id, problem.id, { verdict: "WA", cpuMs: 5, peakKb: 5 });
    expect(await callerFor(student).submission.acceptedStats({ id: failed.id })).toBeNull();
    await expect(callerFor(await createUser(db)).submission.acceptedStats({ id: mine.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("submission.byId for the IDE", () => {
  it("gives the expected output of sample tests only, points per test and the problem's limits", async () => {
    const teacher = await createUser(db, { role: "TEACHER" });
    const student = await createUser(db, { role: "STUDENT" });
    const problem = await createProblem(db, teacher.id, { tests: SECRET_SUM_TESTS });
    const s = await judged(student.id, problem.id, { verdict: "WA", cpuMs: 5, peakKb: 5 });
    const view = await callerFor(student).submission.byId({ id: s.id });
    expect(view.problem).toMatchObject({ timeLimitMs: 2000, memoryLimitMb: 256, scoringMode: "ICPC" });
    expect(view.results.map((r) => [r.position, r.isSample, r.expectedOutput, r.points])).toEqual([
      [1, true, "3\n", 1],
      [2, false, null, 1],
    ]);
    expect(JSON.stringify(view)).not.toContain("SECRET-OUTPUT");
  });

  it("a Run on a problem counts its samples, plus the custom input when there is one", async () => {
    const teacher = await createUser(db, { role: "TEACHER" });
    const student = await createUser(db, { role: "STUDENT" });
    const problem = await createProblem(db, teacher.id, { tests: SECRET_SUM_TESTS });
    const caller = callerFor(student);
    const samplesOnly = await caller.submission.run({ problemSlug: problem.slug, language: "python", source: "print(3)" });
    expect((await caller.submission.byId({ id: samplesOnly.id })).testsTotal).toBe(1);
    const withInput = await caller.submission.run({ problemSlug: problem.slug, language: "python", source: "print(3)", stdin: "7\n" });
    expect((await caller.submission.byId({ id: withInput.id })).testsTotal).toBe(2);
    const rows = await db.submission.findMany({ where: { id: { in: [samplesOnly.id, withInput.id] } }, select: { stdin: true } });
    expect(rows.map((r) => r.stdin).sort()).toEqual(["7\n", null]);
  });
});
