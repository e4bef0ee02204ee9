// What students receive of hidden tests through the tRPC caller, under each feedback setting.
import { beforeAll, describe, expect, it } from "vitest";
import type { TestFeedback } from "../../../generated/prisma/enums";
import { db } from "../../db";
import { createUser, uniqueSuffix, type CreatedUser } from "../../../../test/factories";
import { callerFor, expectTRPCError } from "../../../../test/trpc";

type User = CreatedUser;

// Every detail of a hidden test carries a marker that must never reach a student.
const SECRET = /SECRET|SIGKILL|wall-limit|hidden-name|"exitCode":43/;

/** A problem with one sample and three hidden tests, and a DONE POINTS-style submission: AC, AC, RE, TLE. */
async function recordedSubmission(owner: User, author: User, testFeedback: TestFeedback) {
  const problem = await db.problem.create({
    data: {
      slug: `feedback-${uniqueSuffix()}`,
      title: "Feedback",
      statement: "x",
      authorId: author.id,
      scoringMode: "POINTS",
      testFeedback,
      tests: {
        create: [1, 2, 3, 4].map((position) => ({
          position,
          name: position === 1 ? "sample-1" : `hidden-name-${position}`,
          input: `in ${position}`,
          expectedOutput: `out ${position}`,
          isSample: position === 1,
        })),
      },
    },
    select: { id: true, slug: true, tests: { select: { id: true, position: true } } },
  });
  const submission = await db.submission.create({
    data: {
      userId: owner.id,
      problemId: problem.id,
      language: "python",
      source: "print(1)",
      status: "DONE",
      verdict: "RE",
      score: 2,
      maxScore: 4,
      maxCpuMs: 400,
      maxPeakKb: 40_000,
    },
    select: { id: true },
  });
  const outcome = {
    1: ["AC", 0, null, "exited"],
    2: ["AC", 0, null, "exited"],
    3: ["RE", 43, null, "exited"],
    4: ["TLE", null, "SIGKILL", "wall-limit"],
  } as const;
  await db.testResult.createMany({
    data: problem.tests.map((t) => {
      const [verdict, exitCode, signal, stoppedBy] = outcome[t.position as 1 | 2 | 3 | 4];
      const secret = t.position === 1 ? "sample" : `SECRET-${t.position}`;
      return {
        submissionId: submission.id,
        testCaseId: t.id,
        position: t.position,
        verdict,
        cpuMs: 100 * t.position,
        wallMs: 1000 + t.position,
        peakKb: 10_000 * t.position,
        exitCode,
        signal,
        stoppedBy,
        outputExcerpt: `${secret}-output`,
        stderrExcerpt: `${secret}-stderr`,
        checkerMessage: `${secret}-checker`,
      };
    }),
  });
  return { submissionId: submission.id, slug: problem.slug };
}

let teacher: User;
let otherTeacher: User;
let admin: User;
let student: User;

beforeAll(async () => {
  [teacher, otherTeacher, admin, student] = await Promise.all([
    createUser(db, { role: "TEACHER" }),
    createUser(db, { role: "TEACHER" }),
    createUser(db, { role: "ADMIN" }),
    createUser(db, { role: "STUDENT" }),
  ]);
});

const expected: Record<TestFeedback, { positions: number[]; maxCpuMs: number; maxPeakKb: number }> = {
  FULL: { positions: [1, 2, 3, 4], maxCpuMs: 400, maxPeakKb: 40_000 },
  FIRST_FAILURE: { positions: [1, 2, 3], maxCpuMs: 300, maxPeakKb: 30_000 },
  VERDICT_ONLY: { positions: [1], maxCpuMs: 100, maxPeakKb: 10_000 },
};

describe.each(["FULL", "FIRST_FAILURE", "VERDICT_ONLY"] as const)("testFeedback %s", (feedback) => {
  it("submission.byId: the student never receives a hidden test's exit code, signal, wall time or output", async () => {
    const { submissionId } = await recordedSubmission(student, teacher, feedback);
    const view = await callerFor(student).submission.byId({ id: submissionId });
    expect(view.testFeedback).toBe(feedback);
    expect(view.verdict).toBe("RE");
    expect(view.score).toBe(2);
    expect(view.results.map((r) => r.position)).toEqual(expected[feedback].positions);
    expect({ maxCpuMs: view.maxCpuMs, maxPeakKb: view.maxPeakKb }).toEqual({
      maxCpuMs: expected[feedback].maxCpuMs,
      maxPeakKb: expected[feedback].maxPeakKb,
    });
    expect(JSON.stringify(view)).not.toMatch(SECRET);
    for (const hidden of view.results.filter((r) => !r.isSample)) {
      expect(hidden).toMatchObject({ exitCode: null, signal: null, wallMs: null, stoppedBy: null, outputExcerpt: null, limited: true });
      expect(hidden.cpuMs).toBe(hidden.position * 100);
    }
    // The sample is the student's own business: shown in full.
    expect(view.results[0]).toMatchObject({ isSample: true, exitCode: 0, wallMs: 1001, outputExcerpt: "sample-output", name: "sample-1" });
  });

  it("submission.mine: the list's maxima cover only what the student may see", async () => {
    const { submissionId, slug } = await recordedSubmission(student, teacher, feedback);
    const list = await callerFor(student).submission.mine({ limit: 5, problemSlug: slug });
    const row = list.items.find((s) => s.id === submissionId);
    expect(row).toMatchObject({ maxCpuMs: expected[feedback].maxCpuMs, maxPeakKb: expected[feedback].maxPeakKb });
    expect(JSON.stringify(list)).not.toMatch(/authorId|testFeedback|SECRET/);
  });

  it("staff who may see the work (the problem's author, an admin) see every test in full; other teachers see nothing", async () => {
    const { submissionId, slug } = await recordedSubmission(student, teacher, feedback);
    // A teacher sees only their own courses' students and work on their own problems.
    await expectTRPCError(callerFor(otherTeacher).submission.byId({ id: submissionId }), "NOT_FOUND");
    for (const viewer of [teacher, admin]) {
      const view = await callerFor(viewer).submission.byId({ id: submissionId });
      expect(view.results.map((r) => r.position)).toEqual([1, 2, 3, 4]);
      expect(view.results[2]).toMatchObject({ exitCode: 43, signal: null, stoppedBy: "exited", outputExcerpt: "SECRET-3-output" });
      expect(view.results[3]).toMatchObject({ signal: "SIGKILL", stoppedBy: "wall-limit", wallMs: 1004, stderrExcerpt: "SECRET-4-stderr" });
      expect(view.results[1]).toMatchObject({ exitCode: 0, name: "hidden-name-2", checkerMessage: "SECRET-2-checker", limited: false });
      expect(view.maxCpuMs).toBe(400);
    }
    const staffList = await callerFor(teacher).submission.forProblem({ problemSlug: slug, limit: 5 });
    expect(staffList.items[0]).toMatchObject({ id: submissionId, maxCpuMs: 400, maxPeakKb: 40_000 });
  });

  it("a student who authored the problem sees their own submission's hidden tests in full", async () => {
    const author = await createUser(db, { role: "STUDENT" });
    const { submissionId } = await recordedSubmission(author, author, feedback);
    const view = await callerFor(author).submission.byId({ id: submissionId });
    expect(view.results.map((r) => r.position)).toEqual([1, 2, 3, 4]);
    expect(view.results[2]).toMatchObject({ exitCode: 43, outputExcerpt: "SECRET-3-output" });
  });
});

it("problems default to FULL feedback", async () => {
  const problem = await db.problem.create({
    data: { slug: `default-${uniqueSuffix()}`, title: "d", statement: "d", authorId: teacher.id },
    select: { testFeedback: true },
  });
  expect(problem.testFeedback).toBe("FULL");
});
