import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db";
import { clearLeaderboardCache } from "../../services/leaderboard-service";
import { createProblem, SECRET_SUM_TESTS, createUser, uniqueSuffix, type CreatedUser } from "../../../../test/factories";
import { callerFor, trpcErrorOf } from "../../../../test/trpc";
import { insertJudgedSubmission } from "../../../../test/factories";

type TestUser = CreatedUser;
const T0 = new Date("2026-03-01T10:00:00Z");
const at = (minutes: number, seconds = 0) => new Date(T0.getTime() + minutes * 60_000 + seconds * 1000);

let teacher: TestUser, a: TestUser, b: TestUser, c: TestUser, outsider: TestUser;
let course: { id: string };
let p1: { id: string; slug: string }, p2: { id: string; slug: string };

beforeAll(async () => {
  teacher = await createUser(db, { role: "TEACHER" });
  a = await createUser(db, { role: "STUDENT" });
  b = await createUser(db, { role: "STUDENT" });
  c = await createUser(db, { role: "STUDENT" });
  outsider = await createUser(db, { role: "STUDENT" });
  p1 = await createProblem(db, teacher.id, { tests: SECRET_SUM_TESTS, visibility: "COURSE" });
  p2 = await createProblem(db, teacher.id, { tests: SECRET_SUM_TESTS, visibility: "COURSE" });
  course = await callerFor(teacher).course.create({ title: `Board ${uniqueSuffix()}` });
  for (const p of [p1, p2]) await callerFor(teacher).course.addProblem({ courseId: course.id, problemSlug: p.slug });
  await db.enrollment.createMany({ data: [a, b, c].map((u) => ({ courseId: course.id, userId: u.id })) });

  const sub = (user: TestUser, problem: { id: string }, verdict: "AC" | "WA" | "TLE" | "CE" | "IE", when: Date, extra = {}) =>
    insertJudgedSubmission(db, { userId: user.id, problemId: problem.id, verdict, createdAt: when, ...extra });
  // a: p1 WA, CE (free), AC at 10:30 → 10 min + 20 = 30; p2 AC first try → 0. Solved 2, penalty 30.
  await sub(a, p1, "WA", at(0));
  await sub(a, p1, "CE", at(1));
  await sub(a, p1, "IE", at(2));
  await sub(a, p1, "AC", at(10, 30), { maxCpuMs: 50, maxPeakKb: 1000 });
  await sub(a, p1, "WA", at(11)); // after the first AC: costs nothing
  await sub(a, p1, "AC", at(12), { maxCpuMs: 30, maxPeakKb: 2000 });
  await sub(a, p2, "AC", at(5));
  // b: p1 AC at once → 0; p2 TLE then AC 2 min later → 2 + 20 = 22. Solved 2, penalty 22.
  await sub(b, p1, "AC", at(0), { language: "cpp", maxCpuMs: 10, maxPeakKb: 3000 });
  await sub(b, p1, "WA", at(1), { maxCpuMs: 5, maxPeakKb: 500 }); // a WA is never "best"
  await sub(b, p2, "TLE", at(1));
  await sub(b, p2, "AC", at(3));
  // c: three WAs on p1, plus a custom RUN (never counts, even when marked AC).
  for (const m of [0, 1, 2]) await sub(c, p1, "WA", at(m));
  await insertJudgedSubmission(db, { userId: c.id, problemId: p2.id, verdict: "AC", kind: "RUN", createdAt: at(4) });
  // Not enrolled, and the teacher: solve, but are not on the course board.
  await sub(outsider, p1, "AC", at(0), { maxCpuMs: 100, maxPeakKb: 100 });
  await sub(teacher, p1, "AC", at(0));
});

describe("leaderboard.course", () => {
  it("ranks by solved, then ICPC penalty (minutes to first AC + 20 per rejected try), students only", async () => {
    const board = await callerFor(a).leaderboard.course({ courseId: course.id });
    expect(board.problems).toBe(2);
    expect(
      board.rows.map(({ name, rank, solved, attempted, penaltyMinutes, isMe }) => ({
        name,
        rank,
        solved,
        attempted,
        penaltyMinutes,
        isMe,
      })),
    ).toEqual([
      { name: b.name, rank: 1, solved: 2, attempted: 2, penaltyMinutes: 22, isMe: false },
      { name: a.name, rank: 2, solved: 2, attempted: 2, penaltyMinutes: 30, isMe: true },
      { name: c.name, rank: 3, solved: 0, attempted: 1, penaltyMinutes: 0, isMe: false },
    ]);
  });

  it("shows names and numbers only: no ids, emails or code", async () => {
    const board = await callerFor(c).leaderboard.course({ courseId: course.id });
    const text = JSON.stringify(board);
    for (const u of [a, b, c]) {
      expect(text).not.toContain(u.id);
      expect(text).not.toContain(u.email);
    }
    expect(text).not.toContain("print(1)");
    expect(Object.keys(board.rows[0]!).sort()).toEqual(["attempted", "isMe", "lastAcceptedAt", "name", "penaltyMinutes", "rank", "solved"]);
  });

  it("is refused (as not found) to a student outside the course", async () => {
    expect((await trpcErrorOf(callerFor(outsider).leaderboard.course({ courseId: course.id }))).code).toBe("NOT_FOUND");
    // The owner may look.
    await expect(callerFor(teacher).leaderboard.course({ courseId: course.id })).resolves.toMatchObject({ problems: 2 });
  });
});

describe("leaderboard.problem", () => {
  it("lists each student's best accepted CPU time and memory per language, fastest first", async () => {
    const board = await callerFor(a).leaderboard.problem({ problemSlug: p1.slug });
    expect(
      board.rows.map(({ name, language, bestCpuMs, bestPeakKb, isMe, rank }) => ({ name, language, bestCpuMs, bestPeakKb, isMe, rank })),
    ).toEqual([
      { name: b.name, language: "cpp", bestCpuMs: 10, bestPeakKb: 3000, isMe: false, rank: 1 },
      { name: a.name, language: "python", bestCpuMs: 30, bestPeakKb: 1000, isMe: true, rank: 2 },
      // Left the course (or was moved out) after solving: the per-problem board keeps the result.
      { name: outsider.name, language: "python", bestCpuMs: 100, bestPeakKb: 100, isMe: false, rank: 3 },
    ]);
    const python = await callerFor(a).leaderboard.problem({ problemSlug: p1.slug, language: "python" });
    expect(python.rows.map((r) => r.name)).toEqual([a.name, outsider.name]);
  });

  it("is not found for a problem the student cannot see", async () => {
    expect((await trpcErrorOf(callerFor(outsider).leaderboard.problem({ problemSlug: p1.slug }))).code).toBe("NOT_FOUND");
  });
});

describe("leaderboard.global", () => {
  it("counts PUBLIC problems only, always includes the caller's row and ignores runs", async () => {
    const student = await createUser(db, { role: "STUDENT" });
    const pub = await createProblem(db, teacher.id, { tests: SECRET_SUM_TESTS });
    await insertJudgedSubmission(db, { userId: student.id, problemId: pub.id, verdict: "WA", createdAt: at(0) });
    await insertJudgedSubmission(db, { userId: student.id, problemId: pub.id, verdict: "AC", createdAt: at(7) });
    await insertJudgedSubmission(db, { userId: student.id, problemId: p1.id, verdict: "AC", createdAt: at(1) }); // COURSE problem
    await insertJudgedSubmission(db, { userId: student.id, problemId: pub.id, verdict: "AC", kind: "RUN", createdAt: at(0) });
    clearLeaderboardCache(); // boards are cached for LEADERBOARD_TTL_MS
    const board = await callerFor(student).leaderboard.global();
    const mine = board.rows.filter((r) => r.isMe);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ name: student.name, solved: 1, attempted: 1, penaltyMinutes: 27 });
    // Ranks never decrease down the board.
    const ranks = board.rows.map((r) => r.rank);
    expect([...ranks].sort((x, y) => x - y)).toEqual(ranks);
    expect(board.rows.some((r) => r.name === teacher.name)).toBe(false);
  });
});
