import { describe, expect, it } from "vitest";
import { db } from "../../db";
import { createProblem, createSubmission, createUser, type CreatedUser } from "../../../../test/factories";
import { callerFor, expectTRPCError } from "../../../../test/trpc";

/** A teacher with a course (one student enrolled, one set with one problem, one finished submission). */
async function world() {
  const owner = await createUser(db, { role: "TEACHER", label: "owner" });
  const other = await createUser(db, { role: "TEACHER", label: "other-teacher" });
  const student = await createUser(db, { label: "student" });
  const t = callerFor(owner);
  const course = await t.teach.course.create({ title: "Algorithms" });
  await callerFor(student).course.join({ joinCode: course.joinCode });
  const problem = await createProblem(db, owner.id, { visibility: "COURSE" });
  const set = await t.teach.problemSet.create({ courseId: course.id, title: "Week 1", dueAt: new Date(Date.now() + 86_400_000) });
  await t.teach.problemSet.setProblems({ problemSetId: set.id, problemSlugs: [problem.slug] });
  const submission = await createSubmission(db, {
    userId: student.id,
    problemId: problem.id,
    language: "python",
    source: "print(1)",
    status: "DONE",
  });
  await db.submission.update({ where: { id: submission.id }, data: { verdict: "WA" } });
  const reference = await t.teach.problem.addReference({
    problemId: problem.id,
    name: "sum.py",
    language: "python",
    source: "print(1)",
    expectedVerdict: "AC",
  });
  return { owner, other, student, course, problem, set, submission, reference, testId: problem.tests[0]!.id };
}

type World = Awaited<ReturnType<typeof world>>;

/** Every teacher procedure, called on the world's course/problem. */
function everyProcedure(w: World, as: CreatedUser): [string, () => Promise<unknown>][] {
  const c = callerFor(as).teach;
  return [
    ["course.byId", () => c.course.byId({ courseId: w.course.id })],
    ["course.update", () => c.course.update({ courseId: w.course.id, title: "Mine now" })],
    ["course.regenerateJoinCode", () => c.course.regenerateJoinCode({ courseId: w.course.id })],
    ["course.addStudent", () => c.course.addStudent({ courseId: w.course.id, email: w.student.email })],
    ["course.removeStudent", () => c.course.removeStudent({ courseId: w.course.id, userId: w.student.id })],
    ["course.addCoTeacher", () => c.course.addCoTeacher({ courseId: w.course.id, email: w.other.email })],
    ["course.removeCoTeacher", () => c.course.removeCoTeacher({ courseId: w.course.id, userId: w.other.id })],
    ["course.submissions", () => c.course.submissions({ courseId: w.course.id })],
    ["problemSet.byId", () => c.problemSet.byId({ problemSetId: w.set.id })],
    ["problemSet.create", () => c.problemSet.create({ courseId: w.course.id, title: "Sneaky" })],
    ["problemSet.update", () => c.problemSet.update({ problemSetId: w.set.id, title: "Sneaky" })],
    ["problemSet.delete", () => c.problemSet.delete({ problemSetId: w.set.id })],
    ["problemSet.setProblems", () => c.problemSet.setProblems({ problemSetId: w.set.id, problemSlugs: [] })],
    ["problem.forEditing", () => c.problem.forEditing({ slug: w.problem.slug })],
    ["problem.test", () => c.problem.test({ testId: w.testId })],
    ["problem.addTests", () => c.problem.addTests({ problemId: w.problem.id, tests: [{ input: "1", expectedOutput: "1" }] })],
    ["problem.updateTest", () => c.problem.updateTest({ testId: w.testId, expectedOutput: "0" })],
    ["problem.deleteTests", () => c.problem.deleteTests({ problemId: w.problem.id, testIds: [w.testId] })],
    [
      "problem.reorderTests",
      () => c.problem.reorderTests({ problemId: w.problem.id, testIds: w.problem.tests.map((t) => t.id).reverse() }),
    ],
    [
      "problem.addReference",
      () => c.problem.addReference({ problemId: w.problem.id, name: "x", language: "python", source: "x", expectedVerdict: "AC" }),
    ],
    ["problem.deleteReference", () => c.problem.deleteReference({ referenceId: w.reference.id })],
    ["problem.verify", () => c.problem.verify({ problemId: w.problem.id })],
    ["problem.verifyResults", () => c.problem.verifyResults({ problemId: w.problem.id })],
    ["rejudge.submission", () => c.rejudge.submission({ submissionId: w.submission.id })],
    ["rejudge.problem", () => c.rejudge.problem({ problemId: w.problem.id })],
    ["rejudge.forProblem", () => c.rejudge.forProblem({ problemId: w.problem.id })],
  ];
}

describe("teach: permissions", () => {
  it("a student reaches no teacher procedure", async () => {
    const w = await world();
    const student = callerFor(w.student).teach;
    await expectTRPCError(student.course.list(), "FORBIDDEN");
    await expectTRPCError(student.course.create({ title: "Mine" }), "FORBIDDEN");
    await expectTRPCError(student.problem.list(), "FORBIDDEN");
    await expectTRPCError(student.problemSet.assignableProblems(), "FORBIDDEN");
    for (const [name, call] of everyProcedure(w, w.student)) {
      await expectTRPCError(call(), "FORBIDDEN").catch((e) => {
        throw new Error(`${name} did not refuse a student: ${e}`);
      });
    }
    // Nothing changed.
    const course = await db.course.findUniqueOrThrow({ where: { id: w.course.id }, include: { problemSets: true, enrollments: true } });
    expect(course.title).toBe("Algorithms");
    expect(course.problemSets).toHaveLength(1);
    expect(course.enrollments).toHaveLength(1);
  });

  it("another teacher reaches nothing of this course or problem", async () => {
    const w = await world();
    for (const [name, call] of everyProcedure(w, w.other)) {
      await expectTRPCError(call(), ["FORBIDDEN", "NOT_FOUND"]).catch((e) => {
        throw new Error(`${name} did not refuse another teacher: ${e}`);
      });
    }
    expect((await callerFor(w.other).teach.course.list()).map((c) => c.id)).not.toContain(w.course.id);
    const course = await db.course.findUniqueOrThrow({ where: { id: w.course.id }, include: { coTeachers: true } });
    expect(course.title).toBe("Algorithms");
    expect(course.coTeachers).toHaveLength(0);
    expect(await db.testCase.count({ where: { problemId: w.problem.id } })).toBe(3);
    expect((await db.submission.findUniqueOrThrow({ where: { id: w.submission.id } })).verdict).toBe("WA");
  });

  it("a teacher sees submissions of their own students and problems only", async () => {
    const w = await world();
    await expectTRPCError(callerFor(w.other).submission.byId({ id: w.submission.id }), "NOT_FOUND");
    expect((await callerFor(w.other).submission.forProblem({ problemSlug: w.problem.slug, limit: 20 })).items).toEqual([]);
    expect((await callerFor(w.owner).submission.forProblem({ problemSlug: w.problem.slug, limit: 20 })).items.map((i) => i.id)).toEqual([
      w.submission.id,
    ]);
    await expect(callerFor(w.owner).submission.byId({ id: w.submission.id })).resolves.toMatchObject({ id: w.submission.id });
    // A co-teacher of the course sees it too; so does the author of the problem.
    await callerFor(w.owner).teach.course.addCoTeacher({ courseId: w.course.id, email: w.other.email });
    await expect(callerFor(w.other).submission.byId({ id: w.submission.id })).resolves.toMatchObject({ id: w.submission.id });
    expect((await callerFor(w.other).submission.forProblem({ problemSlug: w.problem.slug, limit: 20 })).items).toHaveLength(1);
    const author = await createUser(db, { role: "TEACHER" });
    const own = await createProblem(db, author.id);
    const sub = await createSubmission(db, { userId: w.student.id, problemId: own.id, language: "python", source: "x" });
    await expect(callerFor(author).submission.byId({ id: sub.id })).resolves.toMatchObject({ id: sub.id });
  });

  it("an admin sees every course", async () => {
    const w = await world();
    const admin = await createUser(db, { role: "ADMIN" });
    const course = await callerFor(admin).teach.course.byId({ courseId: w.course.id });
    expect(course.students.map((s) => s.id)).toEqual([w.student.id]);
  });
});

describe("teach: courses, roster and co-teachers", () => {
  it("edits, archives (no more joining) and regenerates the join code", async () => {
    const w = await world();
    const t = callerFor(w.owner).teach.course;
    const old = w.course.joinCode;
    const { joinCode } = await t.regenerateJoinCode({ courseId: w.course.id });
    expect(joinCode).not.toBe(old);
    const late = await createUser(db);
    await expectTRPCError(callerFor(late).course.join({ joinCode: old }), "NOT_FOUND");
    await t.update({ courseId: w.course.id, title: "Algorithms II", archived: true });
    await expectTRPCError(callerFor(late).course.join({ joinCode }), "FORBIDDEN", "archived");
    const listed = (await t.list()).find((c) => c.id === w.course.id);
    expect(listed).toMatchObject({ title: "Algorithms II", students: 1, problemSets: 1 });
    expect(listed?.archivedAt).toBeInstanceOf(Date);
    await t.update({ courseId: w.course.id, archived: false });
    await expect(callerFor(late).course.join({ joinCode })).resolves.toMatchObject({ id: w.course.id });
  });

  it("adds and removes students by email; an unknown email is a field error", async () => {
    const w = await world();
    const t = callerFor(w.owner).teach.course;
    const extra = await createUser(db);
    await t.addStudent({ courseId: w.course.id, email: extra.email.toUpperCase() });
    expect((await t.byId({ courseId: w.course.id })).students.map((s) => s.id).sort()).toEqual([w.student.id, extra.id].sort());
    await t.removeStudent({ courseId: w.course.id, userId: w.student.id });
    expect((await t.byId({ courseId: w.course.id })).students.map((s) => s.id)).toEqual([extra.id]);
    const error = await expectTRPCError(t.addStudent({ courseId: w.course.id, email: "nobody@nowhere.test" }), "NOT_FOUND");
    expect(error.message).toBe("No account has this email address.");
    await expectTRPCError(t.addStudent({ courseId: w.course.id, email: "not an email" }), "BAD_REQUEST");
  });

  it("a co-teacher sees and manages what the owner does, but cannot manage co-teachers", async () => {
    const w = await world();
    const t = callerFor(w.owner).teach.course;
    await expectTRPCError(t.addCoTeacher({ courseId: w.course.id, email: w.student.email }), "BAD_REQUEST", "Only teacher accounts");
    await t.addCoTeacher({ courseId: w.course.id, email: w.other.email });
    const co = callerFor(w.other).teach;
    expect((await co.course.list()).find((c) => c.id === w.course.id)).toMatchObject({ isOwner: false });
    const seen = await co.course.byId({ courseId: w.course.id });
    expect(seen.coTeachers.map((c) => c.id)).toEqual([w.other.id]);
    expect((await co.course.submissions({ courseId: w.course.id })).items.map((s) => s.id)).toEqual([w.submission.id]);
    await co.problemSet.create({ courseId: w.course.id, title: "Week 2" });
    const third = await createUser(db, { role: "TEACHER" });
    await expectTRPCError(co.course.addCoTeacher({ courseId: w.course.id, email: third.email }), "FORBIDDEN", "owner");
    await t.removeCoTeacher({ courseId: w.course.id, userId: w.other.id });
    await expectTRPCError(co.course.byId({ courseId: w.course.id }), "FORBIDDEN");
  });
});

describe("teach: problem sets", () => {
  it("orders problems, refuses a due date before the opening, and shows students their progress", async () => {
    const w = await world();
    const t = callerFor(w.owner).teach.problemSet;
    const second = await createProblem(db, w.owner.id, { visibility: "COURSE" });
    await t.setProblems({ problemSetId: w.set.id, problemSlugs: [second.slug, w.problem.slug] });
    const staffView = await t.byId({ problemSetId: w.set.id });
    expect(staffView.problems.map((p) => p.slug)).toEqual([second.slug, w.problem.slug]);
    expect(staffView.students).toEqual([expect.objectContaining({ id: w.student.id, progress: [null, "attempted"] })]);
    await expectTRPCError(
      t.setProblems({ problemSetId: w.set.id, problemSlugs: ["no-such-problem-zz"] }),
      "NOT_FOUND",
      "no-such-problem-zz",
    );
    const now = Date.now();
    await expectTRPCError(
      t.update({ problemSetId: w.set.id, opensAt: new Date(now + 2 * 86_400_000) }),
      "BAD_REQUEST",
      "The due date must be after the opening date.",
    );
    // A set that opens tomorrow is invisible to students, and so are its COURSE problems.
    const future = await t.create({ courseId: w.course.id, title: "Next week", opensAt: new Date(now + 86_400_000) });
    const hidden = await createProblem(db, w.owner.id, { visibility: "COURSE" });
    await t.setProblems({ problemSetId: future.id, problemSlugs: [hidden.slug] });
    const sets = await callerFor(w.student).course.problemSets({ courseId: w.course.id });
    expect(sets.map((s) => s.title)).toEqual(["Week 1"]);
    expect(sets[0]!.problems.map((p) => [p.slug, p.progress])).toEqual([
      [second.slug, null],
      [w.problem.slug, "attempted"],
    ]);
    await expectTRPCError(callerFor(w.student).problem.bySlug({ slug: hidden.slug }), "NOT_FOUND");
    await expect(callerFor(w.student).problem.bySlug({ slug: second.slug })).resolves.toMatchObject({ slug: second.slug });
    // Outsiders get nothing.
    const outsider = await createUser(db);
    await expectTRPCError(callerFor(outsider).course.problemSets({ courseId: w.course.id }), "NOT_FOUND", "Course not found.");
  });

  it("after the due date: accepted and marked late, or refused when the set says so", async () => {
    const w = await world();
    const t = callerFor(w.owner).teach;
    await db.submission.update({ where: { id: w.submission.id }, data: { createdAt: new Date(Date.now() - 120_000) } });
    await t.problemSet.update({ problemSetId: w.set.id, dueAt: new Date(Date.now() - 60_000) });
    const s = callerFor(w.student);
    const late = await s.submission.create({ problemSlug: w.problem.slug, language: "python", source: "print(3)" });
    const listed = await t.course.submissions({ courseId: w.course.id });
    expect(listed.items.find((i) => i.id === late.id)).toMatchObject({ late: true });
    expect(listed.items.find((i) => i.id === w.submission.id)).toMatchObject({ late: false });
    await t.problemSet.update({ problemSetId: w.set.id, allowLate: false });
    await expectTRPCError(
      s.submission.create({ problemSlug: w.problem.slug, language: "python", source: "print(3)" }),
      "FORBIDDEN",
      "due date",
    );
    // The teacher can still submit (to test the problem).
    await expect(
      callerFor(w.owner).submission.create({ problemSlug: w.problem.slug, language: "python", source: "print(3)" }),
    ).resolves.toBeTruthy();
  });
});

describe("teach: tests, references and rejudge", () => {
  it("adds, edits, reorders and deletes tests; big tests are previewed truncated", async () => {
    const w = await world();
    const t = callerFor(w.owner).teach.problem;
    const big = "9 ".repeat(1024 * 1024); // 2 MiB
    await t.addTests({ problemId: w.problem.id, tests: [{ name: "big", input: big, expectedOutput: "x\n", points: 5 }] });
    let problem = await t.forEditing({ slug: w.problem.slug });
    expect(problem.tests).toHaveLength(4);
    const bigTest = problem.tests[3]!;
    expect(bigTest).toMatchObject({ name: "big", position: 4, points: 5, isSample: false });
    expect(bigTest.input).toMatchObject({ truncated: true, bytes: big.length });
    expect(bigTest.input.text.length).toBeLessThan(8 * 1024);
    expect((await t.test({ testId: bigTest.id })).input).toBe(big);
    await t.updateTest({ testId: bigTest.id, isSample: true, expectedOutput: "y\n" });
    const order = problem.tests.map((x) => x.id).reverse();
    await t.reorderTests({ problemId: w.problem.id, testIds: order });
    problem = await t.forEditing({ slug: w.problem.slug });
    expect(problem.tests.map((x) => x.id)).toEqual(order);
    expect(problem.tests[0]).toMatchObject({ isSample: true, expectedOutput: { text: "y\n" } });
    await expectTRPCError(t.reorderTests({ problemId: w.problem.id, testIds: order.slice(1) }), "BAD_REQUEST", "every test");
    await t.deleteTests({ problemId: w.problem.id, testIds: [order[0]!] });
    problem = await t.forEditing({ slug: w.problem.slug });
    expect(problem.tests.map((x) => x.position)).toEqual([1, 2, 3]);
  });

  it("Verify queues every reference solution as a REFERENCE run kept out of the student's view", async () => {
    const w = await world();
    const t = callerFor(w.owner).teach.problem;
    await expect(t.verify({ problemId: w.problem.id })).resolves.toEqual({ queued: 1 });
    const [row] = (await t.verifyResults({ problemId: w.problem.id })).rows;
    expect(row).toMatchObject({ name: "sum.py", expectedVerdict: "AC", matches: null, lastRun: { status: "QUEUED" } });
    const run = await db.submission.findUniqueOrThrow({ where: { id: row!.lastRun!.id } });
    expect(run.kind).toBe("REFERENCE");
    // Finishing it as the worker would: the table compares.
    await db.submission.update({ where: { id: run.id }, data: { status: "DONE", verdict: "WA" } });
    const wrong = await t.verifyResults({ problemId: w.problem.id });
    expect(wrong.rows[0]).toMatchObject({ matches: false });
    expect(wrong.derivedTimeLimit).toBeNull();
    // Accepted in 1.2 s of CPU: problemtools would set 1.2 × 5 (its default multiplier) = 6 s.
    await db.submission.update({ where: { id: run.id }, data: { verdict: "AC", maxCpuMs: 1200 } });
    const accepted = await t.verifyResults({ problemId: w.problem.id });
    expect(accepted.derivedTimeLimit).toEqual({ slowestAcceptedMs: 1200, multiplier: 5, timeLimitMs: 6000 });
    // 1.2 s × the safety margin 2 is more than the problem's 1 s: too close.
    expect(accepted.rows[0]).toMatchObject({ got: "AC", matches: true, tooClose: true });
    expect((await t.forEditing({ slug: w.problem.slug })).submissionCount).toBe(1);
    await expectTRPCError(
      t.addReference({ problemId: w.problem.id, name: "x", language: "python", source: "x", expectedVerdict: "IE" }),
      "BAD_REQUEST",
    );
  });

  it("a custom validator's other files are saved with it; unsafe names are a field error", async () => {
    const w = await world();
    const p = callerFor(w.owner).problem;
    const base = { slug: w.problem.slug, checkerKind: "CUSTOM" as const, checkerLanguage: "cpp" as const, checkerSource: '#include "v.h"' };
    await p.update({ ...base, checkerFiles: [{ name: "v.h", content: "#pragma once\n" }] });
    expect((await callerFor(w.owner).teach.problem.forEditing({ slug: w.problem.slug })).checkerFiles).toEqual([
      { name: "v.h", content: "#pragma once\n" },
    ]);
    for (const name of ["../v.h", "judge_answer", "main.cpp"]) {
      const error = await expectTRPCError(p.update({ ...base, checkerFiles: [{ name, content: "" }] }), "BAD_REQUEST");
      expect(error.message).toMatch(/Validator files/);
    }
    await p.update({ slug: w.problem.slug, checkerFiles: null });
    expect((await callerFor(w.owner).teach.problem.forEditing({ slug: w.problem.slug })).checkerFiles).toEqual([]);
  });

  it("rejudge puts finished submissions back in the queue, keeps the old verdict and reports changes", async () => {
    const w = await world();
    await db.testResult.create({
      data: { submissionId: w.submission.id, position: 1, verdict: "WA", cpuMs: 1, wallMs: 1, peakKb: 1, stoppedBy: "exited" },
    });
    const t = callerFor(w.owner).teach.rejudge;
    const rejudge = await t.problem({ problemId: w.problem.id });
    expect(rejudge.total).toBe(1);
    const row = await db.submission.findUniqueOrThrow({ where: { id: w.submission.id }, include: { results: true } });
    expect(row).toMatchObject({ status: "QUEUED", verdict: null, previousVerdict: "WA", rejudgeId: rejudge.id });
    expect(row.results).toHaveLength(0);
    expect(await t.byId({ rejudgeId: rejudge.id })).toMatchObject({ total: 1, done: 0, changed: [] });
    // The worker judges it again (simulated): AC now.
    await db.submission.update({ where: { id: w.submission.id }, data: { status: "DONE", verdict: "AC" } });
    const after = await t.byId({ rejudgeId: rejudge.id });
    expect(after).toMatchObject({ total: 1, done: 1 });
    expect(after.changed).toEqual([expect.objectContaining({ id: w.submission.id, previousVerdict: "WA", verdict: "AC" })]);
    // Still queued: not rejudged twice.
    await db.submission.update({ where: { id: w.submission.id }, data: { status: "QUEUED" } });
    await expectTRPCError(t.submission({ submissionId: w.submission.id }), "CONFLICT");
    await expectTRPCError(callerFor(w.other).teach.rejudge.byId({ rejudgeId: rejudge.id }), "NOT_FOUND");
  });
});
