import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db";
import { getJudgeQueue, JOB_PRIORITY } from "../../../judge/queue";
import { createProblem, SECRET_SUM_TESTS, createUser, uniqueSuffix, type CreatedUser } from "../../../../test/factories";
import { callerFor, expectTRPCError } from "../../../../test/trpc";

let teacher: CreatedUser;
let studentA: CreatedUser;
let studentB: CreatedUser;
let problem: { id: string; slug: string };

beforeAll(async () => {
  teacher = await createUser(db, { role: "TEACHER" });
  studentA = await createUser(db, { role: "STUDENT" });
  studentB = await createUser(db, { role: "STUDENT" });
  problem = await createProblem(db, teacher.id, { tests: SECRET_SUM_TESTS });
});

afterAll(async () => {
  // The queue prefix is unique to this test worker: drop its jobs (no worker consumes them).
  await getJudgeQueue().obliterate({ force: true });
  await getJudgeQueue().close();
});

describe("problem.bySlug", () => {
  it("sends statement, limits and sample tests but never hidden test data", async () => {
    const result = await callerFor(studentA).problem.bySlug({ slug: problem.slug });
    expect(result).toMatchObject({ slug: problem.slug, timeLimitMs: 2000, memoryLimitMb: 256, testCount: 2 });
    expect(result.sampleTests).toEqual([{ position: 1, name: null, input: "1 2\n", expectedOutput: "3\n" }]);
    expect(JSON.stringify(result)).not.toContain("SECRET");
  });

  it("hides HIDDEN and COURSE problems from students outside the course", async () => {
    const hidden = await createProblem(db, teacher.id, { tests: SECRET_SUM_TESTS, visibility: "HIDDEN" });
    const courseOnly = await createProblem(db, teacher.id, { tests: SECRET_SUM_TESTS, visibility: "COURSE" });
    const student = callerFor(studentA);
    await expectTRPCError(student.problem.bySlug({ slug: hidden.slug }), ["NOT_FOUND"]);
    await expectTRPCError(student.problem.bySlug({ slug: courseOnly.slug }), ["NOT_FOUND"]);
    // Searched by slug so other files' problems cannot page these out.
    const found = async (slug: string) => (await student.problem.list({ search: slug })).items.map((p) => p.slug);
    expect(await found(problem.slug)).toContain(problem.slug);
    expect(await found(hidden.slug)).toEqual([]);
    expect(await found(courseOnly.slug)).toEqual([]);

    // Joining the course that lists it makes the COURSE problem visible.
    const course = await callerFor(teacher).course.create({ title: `Course ${uniqueSuffix()}` });
    await callerFor(teacher).course.addProblem({ courseId: course.id, problemSlug: courseOnly.slug });
    await student.course.join({ joinCode: course.joinCode.toLowerCase() });
    await expect(student.problem.bySlug({ slug: courseOnly.slug })).resolves.toMatchObject({ slug: courseOnly.slug });
    expect((await student.course.mine()).map((c) => c.id)).toContain(course.id);
    // The teacher sees everything.
    expect((await callerFor(teacher).problem.list({ search: hidden.slug })).items.map((p) => p.slug)).toEqual(
      expect.arrayContaining([hidden.slug]),
    );
  });
});

describe("submission.create", () => {
  it("stores a QUEUED submission and enqueues a BullMQ job for it", async () => {
    const source = `print(sum(map(int, input().split())))  # ${uniqueSuffix()}`;
    const created = await callerFor(studentA).submission.create({ problemSlug: problem.slug, language: "python", source });
    expect(created.status).toBe("QUEUED");
    const row = await db.submission.findUniqueOrThrow({ where: { id: created.id } });
    expect(row).toMatchObject({ userId: studentA.id, problemId: problem.id, kind: "SUBMIT", language: "python", source });
    const job = await getJudgeQueue().getJob(created.id);
    expect(job?.data).toEqual({ submissionId: created.id });
    expect(job?.opts.priority).toBe(JOB_PRIORITY.submit);

    const list = await callerFor(studentA).problem.list({ search: problem.slug });
    expect(list.items.find((p) => p.slug === problem.slug)?.status).toBe("attempted");
  });

  it("refuses source over 64 KiB (counted in UTF-8 bytes) and stores nothing", async () => {
    const marker = uniqueSuffix();
    // 22,000 three-byte characters: under 64 Ki characters, over 64 KiB.
    const source = `# ${marker}\n` + "€".repeat(22_000);
    await expectTRPCError(
      callerFor(studentA).submission.create({ problemSlug: problem.slug, language: "python", source }),
      ["BAD_REQUEST"],
      "Source code is larger than 64 KiB",
    );
    await expectTRPCError(
      callerFor(studentA).submission.run({ language: "python", source, stdin: "" }),
      ["BAD_REQUEST"],
      "Source code is larger than 64 KiB",
    );
    expect(await db.submission.count({ where: { source: { contains: marker } } })).toBe(0);
  });

  it("refuses stdin over 1 MiB and stores nothing", async () => {
    const marker = uniqueSuffix();
    await expectTRPCError(
      callerFor(studentA).submission.run({ language: "python", source: `print(1) # ${marker}`, stdin: "x".repeat(1024 * 1024 + 1) }),
      ["BAD_REQUEST"],
      "Input is larger than 1 MiB",
    );
    expect(await db.submission.count({ where: { source: { contains: marker } } })).toBe(0);
  });

  it("refuses unknown languages and unknown problems", async () => {
    await expectTRPCError(
      callerFor(studentA).submission.create({ problemSlug: problem.slug, language: "cobol" as "python", source: "x" }),
      ["BAD_REQUEST"],
    );
    await expectTRPCError(
      callerFor(studentA).submission.create({ problemSlug: `missing-${uniqueSuffix()}`, language: "python", source: "x" }),
      ["NOT_FOUND"],
    );
  });

  it("a custom-input run is stored as RUN with its stdin and enqueued with run priority", async () => {
    const created = await callerFor(studentA).submission.run({ language: "c", source: "int main(){return 0;}", stdin: "5\n" });
    const row = await db.submission.findUniqueOrThrow({ where: { id: created.id }, select: { kind: true, stdin: true, problemId: true } });
    expect(row).toEqual({ kind: "RUN", stdin: "5\n", problemId: null });
    expect((await getJudgeQueue().getJob(created.id))?.opts.priority).toBe(JOB_PRIORITY.run);
  });
});

describe("another student's source is never readable", () => {
  it("byId: owner and teacher can read it, another student gets NOT_FOUND", async () => {
    const secret = `print(42)  # secret-of-B-${uniqueSuffix()}`;
    const created = await callerFor(studentB).submission.create({ problemSlug: problem.slug, language: "python", source: secret });
    await expect(callerFor(studentB).submission.byId({ id: created.id })).resolves.toMatchObject({ source: secret });
    await expect(callerFor(teacher).submission.byId({ id: created.id })).resolves.toMatchObject({ source: secret });
    await expectTRPCError(callerFor(studentA).submission.byId({ id: created.id }), ["NOT_FOUND", "FORBIDDEN"]);

    // Neither list leaks it to student A, nor does forProblem.
    const mine = await callerFor(studentA).submission.mine({ limit: 100 });
    expect(JSON.stringify(mine)).not.toContain("secret-of-B");
    expect(mine.items.map((s) => s.id)).not.toContain(created.id);
    await expectTRPCError(callerFor(studentA).submission.forProblem({ problemSlug: problem.slug, userId: studentB.id, limit: 20 }), [
      "FORBIDDEN",
    ]);
    // Teachers' list shows the submission but never the source.
    const forProblem = await callerFor(teacher).submission.forProblem({ problemSlug: problem.slug, userId: studentB.id, limit: 20 });
    expect(forProblem.items.map((s) => s.id)).toContain(created.id);
    expect(JSON.stringify(forProblem)).not.toContain("secret-of-B");
  });

  it("students see hidden tests' verdicts but not their output; teachers see everything", async () => {
    // Recorded directly as a worker would (already DONE, so no worker picks it up).
    const created = await db.submission.create({
      data: {
        userId: studentA.id,
        problemId: problem.id,
        language: "python",
        source: "print(3)",
        status: "DONE",
        verdict: "WA",
        errorMessage: "internal detail",
      },
      select: { id: true },
    });
    const tests = await db.testCase.findMany({ where: { problemId: problem.id }, orderBy: { position: "asc" } });
    await db.testResult.createMany({
      data: tests.map((t) => ({
        submissionId: created.id,
        testCaseId: t.id,
        position: t.position,
        verdict: t.isSample ? ("AC" as const) : ("WA" as const),
        cpuMs: 10,
        wallMs: 20,
        peakKb: 9000,
        stoppedBy: "exited",
        outputExcerpt: t.isSample ? "3" : "HIDDEN-OUTPUT",
        checkerMessage: t.isSample ? null : "expected SECRET-OUTPUT-42",
      })),
    });
    const asStudent = await callerFor(studentA).submission.byId({ id: created.id });
    expect(asStudent.results.map((r) => r.verdict)).toEqual(["AC", "WA"]);
    expect(asStudent.results[0]?.outputExcerpt).toBe("3");
    expect(JSON.stringify(asStudent)).not.toMatch(/HIDDEN-OUTPUT|SECRET|internal detail/);
    const asTeacher = await callerFor(teacher).submission.byId({ id: created.id });
    expect(asTeacher.results[1]?.outputExcerpt).toBe("HIDDEN-OUTPUT");
    expect(asTeacher.errorMessage).toBe("internal detail");
  });
});

describe("submission.mine", () => {
  it("pages with a cursor, newest first, filtered by problem", async () => {
    const student = await createUser(db, { role: "STUDENT" });
    const other = await createProblem(db, teacher.id, { tests: SECRET_SUM_TESTS });
    const caller = callerFor(student);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push((await caller.submission.create({ problemSlug: problem.slug, language: "python", source: `print(${i})` })).id);
    }
    await caller.submission.create({ problemSlug: other.slug, language: "python", source: "print(0)" });
    const first = await caller.submission.mine({ limit: 3, problemSlug: problem.slug });
    expect(first.items).toHaveLength(3);
    expect(first.items[0]).not.toHaveProperty("source");
    const second = await caller.submission.mine({ limit: 3, problemSlug: problem.slug, cursor: first.nextCursor });
    expect(second.nextCursor).toBeNull();
    expect([...first.items, ...second.items].map((s) => s.id)).toEqual([...ids].reverse());
  });
});
