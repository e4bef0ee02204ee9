/**
 * Similarity reports end to end: tRPC `similarity.start` → BullMQ → the worker's
 * similarity consumer (started by `startWorker`, as `npm run worker` does) → Dolos → rows
 * in Postgres; then the report and a pair through tRPC. Plus every refusal.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "../../db";
import { startWorker, type WorkerHandle } from "../../../../worker/index";
import { createUser, createProblem, insertJudgedSubmission, type CreatedUser } from "../../../../test/factories";
import { DISTINCT_SOLUTIONS, disguisedCopy } from "../../../../test/similarity-sources";
import { callerFor, expectTRPCError } from "../../../../test/trpc";

const db = createPrismaClient();
let handle: WorkerHandle;
let teacher: CreatedUser;
let otherTeacher: CreatedUser;
let student: CreatedUser;
let problem: { id: string; slug: string };
let courseId: string;
const students: CreatedUser[] = [];
const submissionOf = new Map<string, string>(); // student id → accepted submission id

async function waitForReport(caller: ReturnType<typeof callerFor>, reportId: string) {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const report = await caller.similarity.report({ reportId });
    if (report.status === "DONE" || report.status === "FAILED") return report;
    if (Date.now() > deadline) throw new Error(`report ${reportId} still ${report.status} (${report.progress}%)`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

beforeAll(async () => {
  teacher = await createUser(db, { role: "TEACHER", label: "sim-teacher" });
  otherTeacher = await createUser(db, { role: "TEACHER", label: "sim-other" });
  student = await createUser(db, { label: "sim-outsider" });
  problem = await createProblem(db, teacher.id, { label: "sim" });
  courseId = (
    await db.course.create({
      data: { title: "Similarity course", joinCode: `SIM${Date.now()}`, ownerId: teacher.id },
      select: { id: true },
    })
  ).id;
  // Five students: the first two hand in the same program (the second disguised), the rest their own.
  const sources = [DISTINCT_SOLUTIONS[0]!, disguisedCopy(DISTINCT_SOLUTIONS[0]!), ...DISTINCT_SOLUTIONS.slice(1, 4)];
  for (const [i, source] of sources.entries()) {
    const s = await createUser(db, { label: `sim-student${i}` });
    students.push(s);
    await db.enrollment.create({ data: { courseId, userId: s.id } });
    // An earlier wrong answer that an accepted-only report must not use.
    await insertJudgedSubmission(db, {
      userId: s.id,
      problemId: problem.id,
      verdict: "WA",
      source: DISTINCT_SOLUTIONS[4]!,
      createdAt: new Date(Date.now() - 60_000),
    });
    submissionOf.set(s.id, (await insertJudgedSubmission(db, { userId: s.id, problemId: problem.id, verdict: "AC", source })).id);
  }
  handle = await startWorker({ concurrency: 1, recover: false, log: () => undefined });
});

afterAll(async () => {
  await handle?.close();
  await db.$disconnect();
});

describe("similarity report", () => {
  it("ranks the disguised copy first with a high score, and distinct programs low", async () => {
    const caller = callerFor(teacher);
    const { id } = await caller.similarity.start({ problemId: problem.id, courseId, onlyAccepted: true });
    const report = await waitForReport(caller, id);
    expect(report.status).toBe("DONE");
    expect(report.progress).toBe(100);
    expect(report.submissions).toBe(5);
    expect(report.languages).toEqual([expect.objectContaining({ language: "python", files: 5, pairs: 10, stored: 10, available: true })]);
    expect(report.pairs).toHaveLength(10);

    const [top, ...rest] = report.pairs;
    const copiers = [submissionOf.get(students[0]!.id), submissionOf.get(students[1]!.id)].sort();
    expect([top!.leftSubmission.id, top!.rightSubmission.id].sort()).toEqual(copiers);
    expect(top!.similarity).toBeGreaterThan(0.7);
    expect(top!.longest).toBeGreaterThan(5);
    for (const pair of rest) expect(pair.similarity).toBeLessThan(0.25);

    // The pair view: both sources, and fragments that point into them.
    const pair = await caller.similarity.pair({ pairId: top!.id });
    expect(pair.leftSubmission.source).toContain("def");
    expect(pair.rightSubmission.source).toContain("def");
    expect(pair.fragments.length).toBeGreaterThan(0);
    const lines = pair.leftSubmission.source.split("\n").length;
    for (const f of pair.fragments) {
      expect(f.left.startRow).toBeLessThanOrEqual(f.left.endRow);
      expect(f.left.endRow).toBeLessThan(lines);
    }
  });

  it("uses each student's latest submission when asked, wrong answers included", async () => {
    const late = await createUser(db, { label: "sim-late" });
    await db.enrollment.create({ data: { courseId, userId: late.id } });
    await insertJudgedSubmission(db, { userId: late.id, problemId: problem.id, verdict: "WA", source: DISTINCT_SOLUTIONS[0]! });
    const caller = callerFor(teacher);
    const accepted = await waitForReport(
      caller,
      (await caller.similarity.start({ problemId: problem.id, courseId, onlyAccepted: true })).id,
    );
    const latest = await waitForReport(
      caller,
      (await caller.similarity.start({ problemId: problem.id, courseId, onlyAccepted: false })).id,
    );
    expect(accepted.submissions).toBe(5);
    expect(latest.submissions).toBe(6);
  });

  it("refuses students everywhere", async () => {
    const caller = callerFor(student);
    await expectTRPCError(caller.similarity.overview({ slug: problem.slug }), "FORBIDDEN");
    await expectTRPCError(caller.similarity.start({ problemId: problem.id, courseId: null, onlyAccepted: true }), "FORBIDDEN");
    const report = await db.similarityReport.findFirstOrThrow({ where: { problemId: problem.id, status: "DONE" }, select: { id: true } });
    await expectTRPCError(caller.similarity.report({ reportId: report.id }), "FORBIDDEN");
    const pair = await db.similarityPair.findFirstOrThrow({ where: { reportId: report.id }, select: { id: true } });
    await expectTRPCError(caller.similarity.pair({ pairId: pair.id }), "FORBIDDEN");
  });

  it("shows another teacher neither the course, its reports, nor those students", async () => {
    const caller = callerFor(otherTeacher);
    await expectTRPCError(caller.similarity.start({ problemId: problem.id, courseId, onlyAccepted: true }), "FORBIDDEN");
    const report = await db.similarityReport.findFirstOrThrow({ where: { problemId: problem.id, status: "DONE" }, select: { id: true } });
    await expectTRPCError(caller.similarity.report({ reportId: report.id }), "NOT_FOUND");
    const pair = await db.similarityPair.findFirstOrThrow({ where: { reportId: report.id }, select: { id: true } });
    await expectTRPCError(caller.similarity.pair({ pairId: pair.id }), "NOT_FOUND");
    const overview = await caller.similarity.overview({ slug: problem.slug });
    expect(overview.reports).toEqual([]);
    expect(overview.courses.map((c) => c.id)).not.toContain(courseId);
    expect(overview.seesAllStudents).toBe(false);
    // Their own report on the problem covers only their own students: none here.
    const own = await waitForReport(
      caller,
      (await caller.similarity.start({ problemId: problem.id, courseId: null, onlyAccepted: true })).id,
    );
    expect(own.status).toBe("DONE");
    expect(own.submissions).toBe(0);
    expect(own.pairs).toEqual([]);
  });

  it("rejects bad input with clear errors", async () => {
    const caller = callerFor(teacher);
    await expectTRPCError(caller.similarity.start({ problemId: "no-such-problem", courseId: null, onlyAccepted: true }), "NOT_FOUND");
    await expectTRPCError(caller.similarity.start({ problemId: problem.id, courseId: "no-such-course", onlyAccepted: true }), "NOT_FOUND");
    await expectTRPCError(caller.similarity.report({ reportId: "" }), "BAD_REQUEST");
    await expectTRPCError(caller.similarity.overview({ slug: "no-such-problem-slug" }), "NOT_FOUND");
  });
});
