import { beforeAll, describe, expect, it } from "vitest";
import type { Verdict } from "../../../generated/prisma/enums";
import { db } from "../../db";
import { csvDownload } from "../../http/csv";
import { getGradebookCsv } from "../../services/insights-service";
import { createProblem, createUser, insertJudgedSubmission, uniqueSuffix, type CreatedUser } from "../../../../test/factories";
import { callerFor, expectTRPCError } from "../../../../test/trpc";

const T0 = new Date("2026-03-01T10:00:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const DUE = at(60);

let owner: CreatedUser, coTeacher: CreatedUser, otherTeacher: CreatedUser, admin: CreatedUser;
let a: CreatedUser, b: CreatedUser, c: CreatedUser, outsider: CreatedUser;
let course: { id: string; title: string };
let p1: { id: string; slug: string }, p2: { id: string; slug: string }, p3: { id: string; slug: string };

async function sub(
  user: CreatedUser,
  problem: { id: string },
  verdict: Verdict,
  minute: number,
  extra: { score?: number; language?: string; maxCpuMs?: number; maxPeakKb?: number; kind?: "SUBMIT" | "RUN" } = {},
) {
  const { score, ...rest } = extra;
  const row = await insertJudgedSubmission(db, { userId: user.id, problemId: problem.id, verdict, createdAt: at(minute), ...rest });
  await db.submission.update({ where: { id: row.id }, data: { score: score ?? (verdict === "AC" ? 3 : 0), maxScore: 3 } });
}

beforeAll(async () => {
  const suffix = uniqueSuffix();
  [owner, coTeacher, otherTeacher, admin] = await Promise.all([
    createUser(db, { role: "TEACHER" }),
    createUser(db, { role: "TEACHER" }),
    createUser(db, { role: "TEACHER" }),
    createUser(db, { role: "ADMIN" }),
  ]);
  [a, b, c, outsider] = await Promise.all([
    createUser(db, { role: "STUDENT" }),
    createUser(db, { role: "STUDENT" }),
    createUser(db, { role: "STUDENT" }),
    createUser(db, { role: "STUDENT" }),
  ]);
  // Names a spreadsheet must not split or mangle.
  a.name = `Ársælsdóttir, "Anna"\nII ${suffix}`;
  b.name = `Юлия 李 ${suffix}`;
  c.name = `Carl ${suffix}`;
  for (const u of [a, b, c]) await db.user.update({ where: { id: u.id }, data: { name: u.name } });

  p1 = await createProblem(db, owner.id, { visibility: "COURSE" });
  p2 = await createProblem(db, owner.id, { visibility: "COURSE" });
  p3 = await createProblem(db, otherTeacher.id, { visibility: "PUBLIC" });
  const teach = callerFor(owner).teach;
  course = await teach.course.create({ title: `Insights ${suffix}` });
  await teach.course.addCoTeacher({ courseId: course.id, email: coTeacher.email });
  const set1 = await teach.problemSet.create({ courseId: course.id, title: "Week 1", dueAt: DUE, allowLate: true });
  const set2 = await teach.problemSet.create({ courseId: course.id, title: "Week 2", allowLate: true });
  await teach.problemSet.setProblems({ problemSetId: set1.id, problemSlugs: [p1.slug, p2.slug] });
  await teach.problemSet.setProblems({ problemSetId: set2.id, problemSlugs: [p3.slug] });
  await db.enrollment.createMany({ data: [a, b, c].map((u) => ({ courseId: course.id, userId: u.id })) });

  // p1 (due at +60): a solves at the second try in time; b solves late in C++.
  await sub(a, p1, "WA", 0);
  await sub(a, p1, "AC", 10, { maxCpuMs: 40, maxPeakKb: 4000 });
  await sub(a, p1, "WA", 20);
  await sub(b, p1, "WA", 30);
  await sub(b, p1, "AC", 90, { language: "cpp", maxCpuMs: 10, maxPeakKb: 1000 });
  // Not in the course: counts only where the actor may see every student.
  await sub(outsider, p1, "AC", 0, { maxCpuMs: 20, maxPeakKb: 2000 });
  // Never counted: a teacher's own submission, a custom run.
  await sub(owner, p1, "AC", 0);
  await sub(a, p2, "AC", 5, { kind: "RUN" });
  // p2: b tries only after the due date; the best score (1) came at +80.
  await sub(b, p2, "TLE", 70);
  await sub(b, p2, "WA", 80, { score: 1 });
  // p3 (no due date): a, compile error first.
  await sub(a, p3, "CE", 100);
  await sub(a, p3, "AC", 110);
  await sub(a, p3, "AC", 120);
});

describe("insights.courseProgress", () => {
  it("gives each student's cell per problem of the sets, in set order, sorted by name", async () => {
    const m = await callerFor(owner).insights.courseProgress({ courseId: course.id });
    expect(m.columns.map((col) => [col.setTitle, col.slug])).toEqual([
      ["Week 1", p1.slug],
      ["Week 1", p2.slug],
      ["Week 2", p3.slug],
    ]);
    expect(m.students.map((s) => s.id)).toEqual([a.id, c.id, b.id]);
    const [rowA, rowC, rowB] = m.students;
    expect(rowA!.cells).toEqual([
      { status: "solved", attempts: 3, firstAcceptedAt: at(10), bestScore: 3, maxScore: 3, late: false },
      { status: "new", attempts: 0, firstAcceptedAt: null, bestScore: null, maxScore: null, late: null },
      { status: "solved", attempts: 3, firstAcceptedAt: at(110), bestScore: 3, maxScore: 3, late: false },
    ]);
    expect(rowB!.cells).toEqual([
      { status: "solved", attempts: 2, firstAcceptedAt: at(90), bestScore: 3, maxScore: 3, late: true },
      { status: "attempted", attempts: 2, firstAcceptedAt: null, bestScore: 1, maxScore: 3, late: true },
      { status: "new", attempts: 0, firstAcceptedAt: null, bestScore: null, maxScore: null, late: null },
    ]);
    expect(rowC!.cells.every((cell) => cell.status === "new")).toBe(true);
    expect([rowA!.solved, rowB!.solved, rowB!.attempted, rowC!.attempts]).toEqual([2, 1, 1, 0]);
  });

  it("adds the course's problems that are in no set as a last group, without a due date", async () => {
    const loose = await callerFor(owner).teach.course.create({ title: `Insights loose ${uniqueSuffix()}` });
    await db.courseProblem.createMany({
      data: [p2, p1].map((p, position) => ({ courseId: loose.id, problemId: p.id, position })),
    });
    const set = await callerFor(owner).teach.problemSet.create({ courseId: loose.id, title: "Week 1", dueAt: DUE, allowLate: true });
    await callerFor(owner).teach.problemSet.setProblems({ problemSetId: set.id, problemSlugs: [p1.slug] });
    await db.enrollment.create({ data: { courseId: loose.id, userId: b.id } });
    const m = await callerFor(owner).insights.courseProgress({ courseId: loose.id });
    expect(m.columns.map((col) => [col.setId === set.id ? "set" : col.setId, col.slug, col.dueAt])).toEqual([
      ["set", p1.slug, DUE],
      ["course", p2.slug, null],
    ]);
    expect(m.sets.map((x) => x.id)).toEqual([set.id, "course"]);
    // b's p2 attempts came after DUE, but the course's own list has no due date: not late.
    expect(m.students[0]!.cells[1]).toMatchObject({ status: "attempted", attempts: 2, late: false });
  });

  it("is open to co-teachers and admins", async () => {
    for (const user of [coTeacher, admin]) {
      const m = await callerFor(user).insights.courseProgress({ courseId: course.id });
      expect(m.students).toHaveLength(3);
    }
  });

  it("refuses students, other teachers, anonymous callers and unknown courses", async () => {
    await expectTRPCError(callerFor(a).insights.courseProgress({ courseId: course.id }), "FORBIDDEN");
    await expectTRPCError(callerFor(otherTeacher).insights.courseProgress({ courseId: course.id }), "FORBIDDEN");
    await expectTRPCError(callerFor(null).insights.courseProgress({ courseId: course.id }), "UNAUTHORIZED");
    await expectTRPCError(callerFor(owner).insights.courseProgress({ courseId: "nope" }), "NOT_FOUND");
    await expectTRPCError(callerFor(owner).insights.courseProgress({ courseId: "" }), "BAD_REQUEST");
  });
});

describe("insights.problemStats", () => {
  it("counts every student's SUBMITs for the problem's author", async () => {
    const s = await callerFor(owner).insights.problemStats({ slug: p1.slug });
    expect(s.scope).toEqual({ course: null, allStudents: true });
    // a (3), b (2), outsider (1); the teacher's own AC and the RUN do not count.
    expect([s.attempts, s.students, s.solved]).toEqual([6, 3, 3]);
    expect(s.acceptanceRate).toBe(50);
    expect(s.verdicts).toEqual([
      { verdict: "AC", count: 3 },
      { verdict: "WA", count: 3 },
    ]);
    // First AC after 2 (a), 2 (b: a Python WA, then C++ AC) and 1 (outsider) submissions.
    expect(s.medianAttemptsToAc).toBe(2);
    expect(s.attemptsToAc).toEqual([
      { attempts: "1", students: 1 },
      { attempts: "2", students: 2 },
    ]);
    const python = s.languages.find((l) => l.language === "python")!;
    const cpp = s.languages.find((l) => l.language === "cpp")!;
    expect([python.attempts, python.students, python.solved, python.medianAttemptsToAc]).toEqual([5, 3, 2, 1.5]);
    expect([cpp.attempts, cpp.students, cpp.solved, cpp.acceptanceRate]).toEqual([1, 1, 1, 100]);
    expect([python.cpuMs.count, python.cpuMs.min, python.cpuMs.median, python.cpuMs.max]).toEqual([2, 20, 30, 40]);
    expect(python.peakKb.median).toBe(3000);
    expect(python.cpuMs.histogram.reduce((n, bucket) => n + bucket.count, 0)).toBe(2);
    expect(cpp.cpuMs.median).toBe(10);
  });

  it("scopes to a course's students, and to their own courses' students for a teacher who did not write it", async () => {
    const inCourse = await callerFor(owner).insights.problemStats({ slug: p1.slug, courseId: course.id });
    expect(inCourse.scope.course).toEqual({ id: course.id, title: course.title });
    const viaCourses = await callerFor(coTeacher).insights.problemStats({ slug: p1.slug });
    expect(viaCourses.scope).toEqual({ course: null, allStudents: false });
    for (const s of [inCourse, viaCourses]) {
      expect([s.attempts, s.students, s.solved, s.medianAttemptsToAc]).toEqual([5, 2, 2, 2]);
    }
    expect(viaCourses.courses).toEqual([{ id: course.id, title: course.title }]);
  });

  it("shows a problem's author every student, even outside their courses", async () => {
    const s = await callerFor(otherTeacher).insights.problemStats({ slug: p3.slug });
    expect([s.attempts, s.students, s.solved]).toEqual([3, 1, 1]);
    expect(s.verdicts.find((v) => v.verdict === "CE")?.count).toBe(1);
    // CE is judged (a rejected try) for the acceptance rate.
    expect(s.acceptanceRate).toBe(66.7);
  });

  it("refuses students, teachers without the problem or the course, anonymous callers and bad input", async () => {
    await expectTRPCError(callerFor(a).insights.problemStats({ slug: p1.slug }), "FORBIDDEN");
    await expectTRPCError(callerFor(otherTeacher).insights.problemStats({ slug: p1.slug }), "FORBIDDEN");
    await expectTRPCError(callerFor(otherTeacher).insights.problemStats({ slug: p3.slug, courseId: course.id }), "FORBIDDEN");
    await expectTRPCError(callerFor(null).insights.problemStats({ slug: p1.slug }), "UNAUTHORIZED");
    await expectTRPCError(callerFor(owner).insights.problemStats({ slug: "no-such-problem-x" }), "NOT_FOUND");
    await expectTRPCError(callerFor(owner).insights.problemStats({ slug: "Not A Slug!" }), "BAD_REQUEST");
    const s = await callerFor(admin).insights.problemStats({ slug: p1.slug });
    expect(s.students).toBe(3);
  });
});

describe("gradebook CSV", () => {
  const download = (user: CreatedUser | null, courseId = course.id) =>
    csvDownload(user ? { user } : null, (actor) => getGradebookCsv(db, actor, courseId));
  const bytes = async (res: Response) => Buffer.from(await res.arrayBuffer());

  it("has one escaped row per student and, per problem, best score, solved, attempts, first AC and late", async () => {
    const res = await download(owner);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="gradebook-Insights-[0-9a-f]+-\d{4}-\d{2}-\d{2}\.csv"/);
    const body = await bytes(res);
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = body.toString("utf8").slice(1).split("\r\n");
    const cols = (slug: string) => ["best score", "solved", "attempts", "first accepted (UTC)", "late"].map((h) => `${slug}: ${h}`);
    expect(lines[0]).toBe(["Name", "Email", "Solved", ...cols(p1.slug), ...cols(p2.slug), ...cols(p3.slug)].join(","));
    expect(lines[1]).toBe(
      [
        `"${a.name.replaceAll('"', '""')}"`,
        a.email,
        2,
        ...[3, "yes", 3, "2026-03-01T10:10:00.000Z", "no"],
        ...["", "no", 0, "", ""],
        ...[3, "yes", 3, "2026-03-01T11:50:00.000Z", "no"],
      ].join(","),
    );
    expect(lines[1]).toContain('"Ársælsdóttir, ""Anna""\nII ');
    expect(lines[2]).toBe([c.name, c.email, 0, "", "no", 0, "", "", "", "no", 0, "", "", "", "no", 0, "", ""].join(","));
    expect(lines[3]).toBe(
      [b.name, b.email, 1, 3, "yes", 2, "2026-03-01T11:30:00.000Z", "yes", 1, "no", 2, "", "yes", "", "no", 0, "", ""].join(","),
    );
    expect(lines[3]).toMatch(/^Юлия 李 /);
    expect(lines.slice(4)).toEqual([""]);
  });

  it("is refused to students (403), other teachers (403) and anonymous callers (401)", async () => {
    for (const [user, status] of [
      [a, 403],
      [otherTeacher, 403],
      [null, 401],
    ] as const) {
      const res = await download(user);
      expect(res.status).toBe(status);
      expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
      expect(await res.text()).toMatch(/teachers|not one of your courses|sign in/i);
    }
    const missing = await download(owner, "no-such-course");
    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe("Course not found.");
  });

  it("serves co-teachers and admins", async () => {
    for (const user of [coTeacher, admin]) expect((await download(user)).status).toBe(200);
  });
});

describe("a course of 200 students × 20 problems", () => {
  it("fills every cell from the aggregate and the gradebook has a row per student", async () => {
    const teacher = await createUser(db, { role: "TEACHER" });
    const big = await callerFor(teacher).teach.course.create({ title: `Big ${uniqueSuffix()}` });
    const problems = await Promise.all(Array.from({ length: 20 }, () => createProblem(db, teacher.id, { visibility: "COURSE" })));
    const set = await callerFor(teacher).teach.problemSet.create({ courseId: big.id, title: "All", dueAt: at(1000), allowLate: true });
    await callerFor(teacher).teach.problemSet.setProblems({ problemSetId: set.id, problemSlugs: problems.map((p) => p.slug) });
    const suffix = uniqueSuffix();
    await db.user.createMany({
      data: Array.from({ length: 200 }, (_, i) => ({
        email: `big-${suffix}-${i}@test.coderunner`,
        name: `Big ${suffix} ${String(i).padStart(3, "0")}`,
      })),
    });
    const students = await db.user.findMany({
      where: { email: { startsWith: `big-${suffix}-` } },
      orderBy: { name: "asc" },
      select: { id: true },
    });
    await db.enrollment.createMany({ data: students.map((s) => ({ courseId: big.id, userId: s.id })) });
    // Student i tried problem j when (i + j) % 3 != 0, and solved it (second try) when also (i + j) % 2 == 0.
    const rows = students.flatMap((s, i) =>
      problems.flatMap((p, j) => {
        if ((i + j) % 3 === 0) return [];
        const tries: { verdict: "WA" | "AC"; createdAt: Date }[] = [{ verdict: "WA", createdAt: at(j) }];
        if ((i + j) % 2 === 0) tries.push({ verdict: "AC" as const, createdAt: at(j + 1) });
        return tries.map((t) => ({ userId: s.id, problemId: p.id, language: "python", source: "x", status: "DONE" as const, ...t }));
      }),
    );
    await db.submission.createMany({ data: rows });

    const m = await callerFor(teacher).insights.courseProgress({ courseId: big.id });
    expect(m.students).toHaveLength(200);
    expect(m.columns).toHaveLength(20);
    m.students.forEach((s, i) =>
      s.cells.forEach((cell, j) => {
        const expected = (i + j) % 3 === 0 ? "new" : (i + j) % 2 === 0 ? "solved" : "attempted";
        expect(cell.status).toBe(expected);
        expect(cell.attempts).toBe(expected === "new" ? 0 : expected === "solved" ? 2 : 1);
      }),
    );
    const table = await getGradebookCsv(db, teacher, big.id);
    expect(table.rows).toHaveLength(200);
    expect(table.headers).toHaveLength(3 + 20 * 5);
  });
});
