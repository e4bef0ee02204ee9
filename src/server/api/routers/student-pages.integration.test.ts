/** The student side: problem list, submission history, courses with progress, profile. */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db";
import { hashPassword, verifyCredentials } from "../../services/user-service";
import { createProblem, SECRET_SUM_TESTS, createUser, uniqueSuffix, type CreatedUser } from "../../../../test/factories";
import { callerFor, trpcErrorOf } from "../../../../test/trpc";
import { insertJudgedSubmission } from "../../../../test/factories";

type TestUser = CreatedUser;

describe("problem.list", () => {
  const token = `plist${uniqueSuffix()}`;
  let teacher: TestUser, student: TestUser, other: TestUser;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    teacher = await createUser(db, { role: "TEACHER" });
    student = await createUser(db, { role: "STUDENT" });
    other = await createUser(db, { role: "STUDENT" });
    // Oldest first so "newest first" is easy to read: d, c, b, a.
    const specs = [
      { key: "a", difficulty: "EASY", tags: ["math"] },
      { key: "b", difficulty: "MEDIUM", tags: ["math", "greedy"] },
      { key: "c", difficulty: "HARD", tags: [] },
      { key: "d", difficulty: null, tags: ["greedy"] },
    ] as const;
    for (const [i, s] of specs.entries()) {
      const p = await createProblem(db, teacher.id, { tests: SECRET_SUM_TESTS });
      await db.problem.update({
        where: { id: p.id },
        data: { title: `${token} ${s.key}`, difficulty: s.difficulty, tags: [...s.tags], createdAt: new Date(Date.UTC(2026, 0, 1 + i)) },
      });
      ids[s.key] = p.id;
    }
    // student: a solved (after a WA), b attempted (WA only; a RUN marked AC does not count), c and d new.
    await insertJudgedSubmission(db, { userId: student.id, problemId: ids.a!, verdict: "WA" });
    await insertJudgedSubmission(db, { userId: student.id, problemId: ids.a!, verdict: "AC" });
    await insertJudgedSubmission(db, { userId: student.id, problemId: ids.b!, verdict: "WA" });
    await insertJudgedSubmission(db, { userId: student.id, problemId: ids.b!, verdict: "AC", kind: "RUN" });
    // Someone else's AC on c feeds c's acceptance, not the student's status.
    await insertJudgedSubmission(db, { userId: other.id, problemId: ids.c!, verdict: "AC" });
  });

  const titles = (r: { items: Array<{ title: string }> }) => r.items.map((p) => p.title.replace(`${token} `, ""));

  it("searches titles, shows status and acceptance rate", async () => {
    const r = await callerFor(student).problem.list({ search: token.toUpperCase() });
    expect(titles(r)).toEqual(["d", "c", "b", "a"]);
    expect(r.total).toBe(4);
    const byKey = Object.fromEntries(r.items.map((p) => [p.title.slice(-1), p]));
    expect(byKey.a).toMatchObject({ status: "solved", acceptanceRate: 0.5, judged: 2, difficulty: "EASY", tags: ["math"] });
    expect(byKey.b).toMatchObject({ status: "attempted", acceptanceRate: 0, judged: 1 });
    expect(byKey.c).toMatchObject({ status: "new", acceptanceRate: 1 });
    expect(byKey.d).toMatchObject({ status: "new", acceptanceRate: null, judged: 0 });
  });

  it("filters by status, difficulty and tag", async () => {
    const s = callerFor(student);
    expect(titles(await s.problem.list({ search: token, status: "solved" }))).toEqual(["a"]);
    expect(titles(await s.problem.list({ search: token, status: "attempted" }))).toEqual(["b"]);
    expect(titles(await s.problem.list({ search: token, status: "new" }))).toEqual(["d", "c"]);
    expect(titles(await s.problem.list({ search: token, difficulty: "HARD" }))).toEqual(["c"]);
    expect(titles(await s.problem.list({ search: token, tag: "greedy" }))).toEqual(["d", "b"]);
    expect(await s.problem.tags()).toEqual(expect.arrayContaining(["greedy", "math"]));
  });

  it("pages without overlap or loss, beyond any fixed cap", async () => {
    const s = callerFor(student);
    const p1 = await s.problem.list({ search: token, pageSize: 3, page: 1 });
    const p2 = await s.problem.list({ search: token, pageSize: 3, page: 2 });
    expect(p1).toMatchObject({ total: 4, pageCount: 2, page: 1 });
    expect([...titles(p1), ...titles(p2)]).toEqual(["d", "c", "b", "a"]);
    expect(titles(await s.problem.list({ search: token, pageSize: 3, page: 3 }))).toEqual([]);
    expect((await trpcErrorOf(s.problem.list({ page: 0 }))).code).toBe("BAD_REQUEST");
  });

  it("filters by course", async () => {
    const course = await callerFor(teacher).course.create({ title: `C ${token}` });
    await callerFor(teacher).course.addProblem({
      courseId: course.id,
      problemSlug: (await db.problem.findUniqueOrThrow({ where: { id: ids.c! } })).slug,
    });
    expect(titles(await callerFor(student).problem.list({ search: token, courseId: course.id }))).toEqual(["c"]);
  });
});

describe("submission.mine (history)", () => {
  let teacher: TestUser, student: TestUser, other: TestUser;
  let p: { id: string; slug: string }, q: { id: string; slug: string };

  beforeAll(async () => {
    teacher = await createUser(db, { role: "TEACHER" });
    student = await createUser(db, { role: "STUDENT" });
    other = await createUser(db, { role: "STUDENT" });
    p = await createProblem(db, teacher.id, { tests: SECRET_SUM_TESTS });
    q = await createProblem(db, teacher.id, { tests: SECRET_SUM_TESTS });
    const t = (m: number) => new Date(Date.UTC(2026, 1, 1, 12, m));
    await insertJudgedSubmission(db, { userId: student.id, problemId: p.id, verdict: "WA", language: "python", createdAt: t(1) });
    await insertJudgedSubmission(db, { userId: student.id, problemId: p.id, verdict: "AC", language: "cpp", createdAt: t(2) });
    await insertJudgedSubmission(db, { userId: student.id, problemId: q.id, verdict: "AC", language: "python", createdAt: t(3) });
    await insertJudgedSubmission(db, { userId: student.id, problemId: q.id, verdict: null, kind: "RUN", createdAt: t(4) });
    await insertJudgedSubmission(db, { userId: other.id, problemId: p.id, verdict: "AC", source: "OTHER-STUDENT-SECRET", createdAt: t(5) });
  });

  it("lists the student's judged submissions only, never runs, never code, never anyone else's", async () => {
    const page = await callerFor(student).submission.mine();
    expect(page.items.map((s) => `${s.problem?.slug === p.slug ? "p" : "q"}:${s.verdict}`)).toEqual(["q:AC", "p:AC", "p:WA"]);
    expect(page.items.every((s) => s.kind === "SUBMIT")).toBe(true);
    expect(JSON.stringify(page)).not.toContain("print(1)");
    expect(JSON.stringify(page)).not.toContain("OTHER-STUDENT-SECRET");
    // Runs only on request.
    expect((await callerFor(student).submission.mine({ limit: 20, kind: "RUN" })).items).toHaveLength(1);
  });

  it("filters by problem, language and verdict, and pages by cursor", async () => {
    const s = callerFor(student);
    expect((await s.submission.mine({ limit: 20, problemSlug: p.slug })).items.map((x) => x.verdict)).toEqual(["AC", "WA"]);
    expect((await s.submission.mine({ limit: 20, language: "python" })).items.map((x) => x.verdict)).toEqual(["AC", "WA"]);
    expect((await s.submission.mine({ limit: 20, verdict: "AC" })).items.map((x) => x.language)).toEqual(["python", "cpp"]);
    expect((await s.submission.mine({ limit: 20, problemSlug: p.slug, verdict: "AC", language: "cpp" })).items).toHaveLength(1);
    const first = await s.submission.mine({ limit: 2 });
    expect(first.items).toHaveLength(2);
    const second = await s.submission.mine({ limit: 2, cursor: first.nextCursor });
    expect(second.items.map((x) => x.verdict)).toEqual(["WA"]);
    expect(second.nextCursor).toBeNull();
    expect((await trpcErrorOf(s.submission.mine({ limit: 20, verdict: "NOPE" as "AC" }))).code).toBe("BAD_REQUEST");
    expect((await s.submission.myProblems()).map((x) => x.slug).sort()).toEqual([p.slug, q.slug].sort());
  });

  it("the detail of another student's submission does not exist for a student", async () => {
    const theirs = await db.submission.findFirstOrThrow({ where: { userId: other.id }, select: { id: true } });
    expect((await trpcErrorOf(callerFor(student).submission.byId({ id: theirs.id }))).code).toBe("NOT_FOUND");
  });
});

describe("course.byId and course.mine", () => {
  it("a student joins by code in any case without the dash, then sees the problems in order with progress", async () => {
    const teacher = await createUser(db, { role: "TEACHER" });
    const student = await createUser(db, { role: "STUDENT" });
    const outsider = await createUser(db, { role: "STUDENT" });
    const course = await callerFor(teacher).course.create({ title: `Progress ${uniqueSuffix()}` });
    const [x, y, z] = [
      await createProblem(db, teacher.id, { tests: SECRET_SUM_TESTS, visibility: "COURSE" }),
      await createProblem(db, teacher.id, { tests: SECRET_SUM_TESTS }),
      await createProblem(db, teacher.id, { tests: SECRET_SUM_TESTS }),
    ];
    for (const pr of [y, x, z]) await callerFor(teacher).course.addProblem({ courseId: course.id, problemSlug: pr.slug });

    const spaced = `${course.joinCode.slice(0, 4)}-${course.joinCode.slice(4)}`.toLowerCase();
    await expect(callerFor(student).course.join({ joinCode: spaced })).resolves.toMatchObject({ id: course.id });
    await insertJudgedSubmission(db, { userId: student.id, problemId: x.id, verdict: "AC" });
    await insertJudgedSubmission(db, { userId: student.id, problemId: z.id, verdict: "TLE" });

    const detail = await callerFor(student).course.byId({ id: course.id });
    expect(detail.problems.map((pr) => [pr.slug, pr.status])).toEqual([
      [y.slug, "new"],
      [x.slug, "solved"],
      [z.slug, "attempted"],
    ]);
    expect(detail).toMatchObject({ solved: 1, attempted: 1, joinCode: null, isOwner: false, students: 1 });
    const mine = (await callerFor(student).course.mine()).find((c) => c.id === course.id);
    expect(mine).toMatchObject({ problems: 3, solved: 1, attempted: 1, joinCode: null });
    expect((await callerFor(teacher).course.byId({ id: course.id })).joinCode).toBe(course.joinCode);

    expect((await trpcErrorOf(callerFor(outsider).course.byId({ id: course.id }))).code).toBe("NOT_FOUND");
    expect((await trpcErrorOf(callerFor(outsider).course.join({ joinCode: "ZZZZ-ZZZZ" }))).code).toBe("NOT_FOUND");
  });
});

describe("user (profile)", () => {
  async function userWithPassword(password: string) {
    const user = await createUser(db, { role: "STUDENT" });
    await db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(password) } });
    return user;
  }

  it("shows name, solved count and a year of daily activity (runs excluded), never the hash", async () => {
    const teacher = await createUser(db, { role: "TEACHER" });
    const user = await userWithPassword("old-password-1");
    const [p, q] = [
      await createProblem(db, teacher.id, { tests: SECRET_SUM_TESTS }),
      await createProblem(db, teacher.id, { tests: SECRET_SUM_TESTS }),
    ];
    const today = new Date();
    const yesterday = new Date(today.getTime() - 86_400_000);
    const day = (d: Date) => d.toISOString().slice(0, 10);
    await insertJudgedSubmission(db, { userId: user.id, problemId: p.id, verdict: "AC", createdAt: today });
    await insertJudgedSubmission(db, { userId: user.id, problemId: p.id, verdict: "AC", createdAt: today });
    await insertJudgedSubmission(db, { userId: user.id, problemId: q.id, verdict: "WA", createdAt: yesterday });
    await insertJudgedSubmission(db, { userId: user.id, problemId: q.id, verdict: "AC", kind: "RUN", createdAt: yesterday });
    await insertJudgedSubmission(db, {
      userId: user.id,
      problemId: q.id,
      verdict: "WA",
      createdAt: new Date(today.getTime() - 400 * 86_400_000),
    });

    const profile = await callerFor(user).user.profile();
    expect(profile).toMatchObject({
      name: user.name,
      email: user.email,
      solvedCount: 1,
      submissionCount: 4,
      acceptedCount: 2,
      hasPassword: true,
    });
    expect(profile.activity.days).toEqual([
      { day: day(yesterday), count: 1 },
      { day: day(today), count: 2 },
    ]);
    expect(JSON.stringify(profile)).not.toContain("$2");
  });

  it("changes the name", async () => {
    const user = await createUser(db, { role: "STUDENT" });
    await callerFor(user).user.updateName({ name: "  Grace Hopper " });
    expect((await callerFor(user).user.profile()).name).toBe("Grace Hopper");
    expect((await trpcErrorOf(callerFor(user).user.updateName({ name: " " }))).code).toBe("BAD_REQUEST");
  });

  it("changes the password only with the right current one, with field errors otherwise", async () => {
    const user = await userWithPassword("old-password-1");
    const caller = callerFor(user);
    const wrong = await trpcErrorOf(
      caller.user.changePassword({ currentPassword: "nope", newPassword: "new-password-2", confirmPassword: "new-password-2" }),
    );
    expect(wrong.code).toBe("BAD_REQUEST");
    expect(JSON.stringify(wrong.cause)).toContain("currentPassword");
    const mismatch = await trpcErrorOf(
      caller.user.changePassword({ currentPassword: "old-password-1", newPassword: "new-password-2", confirmPassword: "new-password-3" }),
    );
    expect(mismatch.code).toBe("BAD_REQUEST");
    expect(JSON.stringify(mismatch.cause)).toContain("confirmPassword");
    const short = await trpcErrorOf(
      caller.user.changePassword({ currentPassword: "old-password-1", newPassword: "short", confirmPassword: "short" }),
    );
    expect(JSON.stringify(short.cause)).toContain("newPassword");
    expect(await verifyCredentials(db, user.email, "old-password-1")).not.toBeNull();

    await caller.user.changePassword({
      currentPassword: "old-password-1",
      newPassword: "new-password-2",
      confirmPassword: "new-password-2",
    });
    expect(await verifyCredentials(db, user.email, "new-password-2")).toMatchObject({ id: user.id });
    expect(await verifyCredentials(db, user.email, "old-password-1")).toBeNull();
  });

  it("refuses a password change for a GitHub-only account", async () => {
    const user = await createUser(db, { role: "STUDENT" }); // no password hash
    const error = await trpcErrorOf(
      callerFor(user).user.changePassword({ currentPassword: "x", newPassword: "new-password-2", confirmPassword: "new-password-2" }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toContain("GitHub");
  });

  it("needs a session", async () => {
    expect((await trpcErrorOf(callerFor(null).user.profile())).code).toBe("UNAUTHORIZED");
    expect((await trpcErrorOf(callerFor(null).leaderboard.global())).code).toBe("UNAUTHORIZED");
  });
});
