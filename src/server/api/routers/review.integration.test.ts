import { describe, expect, it } from "vitest";
import type { Verdict } from "../../../generated/prisma/enums";
import { db } from "../../db";
import { csvDownload } from "../../http/csv";
import { exportReviewSubmissions, REVIEW_SORTS, type ReviewFilters } from "../../services/review-service";
import { createProblem, createUser, insertJudgedSubmission, SECRET_SUM_TESTS, type CreatedUser } from "../../../../test/factories";
import { callerFor, expectTRPCError } from "../../../../test/trpc";

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

/**
 * A teacher's course (two students, one problem of the teacher's in a set), a student of
 * the course also working on another teacher's public problem, and a stranger.
 */
async function world() {
  const teacher = await createUser(db, { role: "TEACHER", label: "review-owner" });
  const other = await createUser(db, { role: "TEACHER", label: "review-other" });
  const admin = await createUser(db, { role: "ADMIN", label: "review-admin" });
  const alice = await createUser(db, { label: "alice" });
  const bob = await createUser(db, { label: "bob" });
  const stranger = await createUser(db, { label: "stranger" });
  const t = callerFor(teacher);
  const course = await t.teach.course.create({ title: "Review course" });
  for (const s of [alice, bob]) await callerFor(s).course.join({ joinCode: course.joinCode });
  const problem = await createProblem(db, teacher.id, {
    visibility: "COURSE",
    tests: [...SECRET_SUM_TESTS, { input: "5 5\n", expectedOutput: "10\n" }],
  });
  const set = await t.teach.problemSet.create({ courseId: course.id, title: "Week 1" });
  await t.teach.problemSet.setProblems({ problemSetId: set.id, problemSlugs: [problem.slug] });
  const othersProblem = await createProblem(db, other.id, { visibility: "PUBLIC" });

  const add = async (
    user: CreatedUser,
    problemId: string,
    minutes: number,
    verdict: Verdict,
    extra: { language?: string; maxCpuMs?: number; source?: string; score?: number } = {},
  ) => {
    const { id } = await insertJudgedSubmission(db, {
      userId: user.id,
      problemId,
      verdict,
      createdAt: minutesAgo(minutes),
      language: extra.language,
      maxCpuMs: extra.maxCpuMs,
      source: extra.source,
    });
    await db.submission.update({ where: { id }, data: { score: extra.score ?? (verdict === "AC" ? 3 : 0), maxScore: 3 } });
    return id;
  };
  // Alice: WA (tests 1 pass, 2 fail), then AC with one line changed.
  const first = await add(alice, problem.id, 50, "WA", { source: "a = 1\nprint(a)\n", maxCpuMs: 30 });
  const second = await add(alice, problem.id, 40, "AC", { source: "a = 2\nprint(a)\nprint('done')\n", maxCpuMs: 20 });
  await db.testResult.createMany({
    data: [
      {
        submissionId: first,
        testCaseId: problem.tests[0]!.id,
        position: 1,
        verdict: "AC",
        cpuMs: 5,
        wallMs: 6,
        peakKb: 900,
        stoppedBy: "exited",
        outputExcerpt: "3\n",
      },
      {
        submissionId: first,
        testCaseId: problem.tests[1]!.id,
        position: 2,
        verdict: "WA",
        cpuMs: 5,
        wallMs: 6,
        peakKb: 900,
        stoppedBy: "exited",
        outputExcerpt: "41\n",
      },
      ...problem.tests.map((test, i) => ({
        submissionId: second,
        testCaseId: test.id,
        position: i + 1,
        verdict: "AC" as const,
        cpuMs: 5,
        wallMs: 6,
        peakKb: 900,
        stoppedBy: "exited",
        outputExcerpt: test.expectedOutput,
      })),
    ],
  });
  const others = [
    await add(alice, problem.id, 30, "TLE", { language: "java", maxCpuMs: 2000, source: "class A {}\n" }),
    await add(bob, problem.id, 45, "AC", { language: "c", maxCpuMs: 3 }),
    await add(bob, problem.id, 20, "RE", { language: "python", maxCpuMs: 7 }),
    await add(bob, problem.id, 60 * 24 * 3, "WA", { language: "python", maxCpuMs: 11 }),
  ];
  // Work the teacher may see (Alice is their student) but not through the course filter.
  const onOthersProblem = await add(alice, othersProblem.id, 10, "AC");
  // Work the teacher may not see: a stranger on another teacher's problem.
  const strangers = await add(stranger, othersProblem.id, 5, "WA");
  return { teacher, other, admin, alice, bob, stranger, course, problem, othersProblem, first, second, others, onOthersProblem, strangers };
}

type World = Awaited<ReturnType<typeof world>>;

/** Every page of the list (limit 2), following the cursors. */
async function allPages(user: CreatedUser, filters: { courseId: string; sort: (typeof REVIEW_SORTS)[number]; dir: "asc" | "desc" }) {
  const caller = callerFor(user);
  const items = [];
  let cursor: string | null = null;
  for (let i = 0; i < 50; i++) {
    const page: Awaited<ReturnType<typeof caller.review.list>> = await caller.review.list({ ...filters, limit: 2, cursor });
    items.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return items;
}

const courseIds = (w: World) => [w.first, w.second, ...w.others];

describe("review.list", () => {
  it("lists the teacher's students' and problems' submissions, filtered", async () => {
    const w = await world();
    const t = callerFor(w.teacher).review;
    const ids = async (filters: Parameters<typeof t.list>[0]) => (await t.list({ limit: 100, ...filters })).items.map((s) => s.id);

    expect((await ids({ courseId: w.course.id })).sort()).toEqual(courseIds(w).sort());
    // Without the course filter: Alice's work on the other teacher's problem too, never the stranger's.
    const scope = await ids({ userId: w.alice.id });
    expect(scope).toContain(w.onOthersProblem);
    expect(await ids({ problemSlug: w.othersProblem.slug })).toEqual([w.onOthersProblem]);
    expect(await ids({ courseId: w.course.id, userId: w.bob.id })).toEqual([w.others[2], w.others[1], w.others[3]]);
    expect(await ids({ courseId: w.course.id, userId: w.alice.id, problemSlug: w.problem.slug })).toEqual([w.others[0], w.second, w.first]);
    expect(await ids({ courseId: w.course.id, language: "java" })).toEqual([w.others[0]]);
    expect((await ids({ courseId: w.course.id, verdict: "AC" })).sort()).toEqual([w.second, w.others[1]].sort());
    const today = new Date().toISOString().slice(0, 10);
    const old = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10);
    expect(await ids({ courseId: w.course.id, from: old, to: old })).toEqual([w.others[3]]);
    expect(await ids({ courseId: w.course.id, to: old })).toEqual([w.others[3]]);
    expect(await ids({ courseId: w.course.id, from: today })).not.toContain(w.others[3]);
    expect(await ids({ problemSlug: "no-such-problem" })).toEqual([]);
    // The other teacher sees the stranger's and Alice's work on their problem only.
    expect((await callerFor(w.other).review.list({ limit: 100, userId: w.alice.id })).items.map((s) => s.id)).toEqual([w.onOthersProblem]);
    expect((await callerFor(w.other).review.list({ limit: 100, userId: w.bob.id })).items).toEqual([]);
    // Admins see everything.
    expect(
      await callerFor(w.admin)
        .review.list({ limit: 100, userId: w.stranger.id })
        .then((p) => p.items.map((s) => s.id)),
    ).toEqual([w.strangers]);
  });

  it("sorts by every key, both ways, and pages without duplicates or gaps", async () => {
    const w = await world();
    const expected = courseIds(w).sort();
    for (const sort of REVIEW_SORTS) {
      for (const dir of ["asc", "desc"] as const) {
        const items = await allPages(w.teacher, { courseId: w.course.id, sort, dir });
        expect(items.map((s) => s.id).sort(), `${sort} ${dir}`).toEqual(expected);
        const key = (s: (typeof items)[number]): string | number =>
          sort === "time"
            ? s.createdAt.getTime()
            : sort === "student"
              ? s.user.name
              : sort === "problem"
                ? (s.problem?.title ?? "")
                : sort === "verdict"
                  ? ["AC", "WA", "TLE", "MLE", "RE", "CE", "OLE", "IE"].indexOf(s.verdict ?? "") + 1
                  : sort === "score"
                    ? (s.score ?? -1)
                    : (s.maxCpuMs ?? -1);
        for (let i = 1; i < items.length; i++) {
          const [a, b] = [key(items[i - 1]!), key(items[i]!)];
          const ordered =
            typeof a === "number" ? (dir === "asc" ? a <= (b as number) : a >= (b as number)) : dir === "asc" ? a <= b : a >= b;
          expect(ordered, `${sort} ${dir}: ${a} then ${b}`).toBe(true);
        }
      }
    }
    const byCpu = await allPages(w.teacher, { courseId: w.course.id, sort: "cpu", dir: "desc" });
    expect(byCpu[0]!.id).toBe(w.others[0]);
  });

  it("refuses bad input with a clear message", async () => {
    const w = await world();
    const t = callerFor(w.teacher).review;
    await expectTRPCError(t.list({ limit: 10, from: "2026-13-45" }), "BAD_REQUEST", "That date does not exist.");
    await expectTRPCError(t.list({ limit: 10, from: "yesterday" }), "BAD_REQUEST", "YYYY-MM-DD");
    await expectTRPCError(t.list({ limit: 10, verdict: "OK" as Verdict }), "BAD_REQUEST");
    await expectTRPCError(t.list({ limit: 1000 }), "BAD_REQUEST");
    await expectTRPCError(t.list({ limit: 10, courseId: "no-such-course" }), "NOT_FOUND");
  });
});

describe("review.submission", () => {
  it("shows every test's data, the timeline with diff sizes, and the diff against the previous attempt", async () => {
    const w = await world();
    const r = await callerFor(w.teacher).review.submission({ id: w.second });
    expect(r.source).toContain("print('done')");
    expect(r.passed).toBe(3);
    expect(r.testsTotal).toBe(3);
    // Hidden test data is shown to the teacher.
    expect(r.results[1]!.input?.text).toContain("SECRET-INPUT-40");
    expect(r.results[1]!.expected?.text).toContain("SECRET-OUTPUT-42");
    expect(r.results[1]!.isSample).toBe(false);

    expect(r.timeline.map((a) => a.id)).toEqual([w.first, w.second, w.others[0]]);
    expect(r.timeline.map((a) => a.number)).toEqual([1, 2, 3]);
    expect(r.timeline[0]!.change).toBeNull();
    expect(r.timeline[1]!.change).toEqual({ added: 2, removed: 1 });
    expect(r.timeline[2]!.change).toEqual({ added: 1, removed: 3 });
    expect(r.timeline.map((a) => a.passed)).toEqual([1, 3, 0]);

    expect(r.compare?.from.id).toBe(w.first);
    expect(r.compare?.from.verdict).toBe("WA");
    expect(r.compare?.to.verdict).toBe("AC");
    expect(r.compare?.diff).toMatchObject({ added: 2, removed: 1 });
    const changed = r.compare!.diff.lines.filter((l) => l.kind !== "gap" && l.kind !== "same");
    expect(changed).toEqual([
      { kind: "removed", oldNumber: 1, newNumber: null, text: "a = 1" },
      { kind: "added", oldNumber: null, newNumber: 1, text: "a = 2" },
      { kind: "added", oldNumber: null, newNumber: 3, text: "print('done')" },
    ]);

    // Any two attempts; the first has nothing before it.
    const picked = await callerFor(w.teacher).review.submission({ id: w.others[0]!, againstId: w.first });
    expect(picked.compare?.from.id).toBe(w.first);
    expect(picked.compare?.diff).toMatchObject({ added: 1, removed: 2 });
    expect((await callerFor(w.teacher).review.submission({ id: w.first })).compare).toBeNull();
    // Another student's attempt is not comparable.
    await expectTRPCError(callerFor(w.teacher).review.submission({ id: w.second, againstId: w.others[1] }), "NOT_FOUND");
  });
});

describe("who is refused", () => {
  it("refuses students every procedure and the CSV, and other teachers this course's data", async () => {
    const w = await world();
    for (const as of [w.alice, w.stranger]) {
      const c = callerFor(as).review;
      await expectTRPCError(c.list({ limit: 10 }), "FORBIDDEN");
      await expectTRPCError(c.filterOptions({}), "FORBIDDEN");
      await expectTRPCError(c.submission({ id: w.first }), "FORBIDDEN");
    }
    const o = callerFor(w.other).review;
    await expectTRPCError(o.list({ limit: 10, courseId: w.course.id }), "FORBIDDEN");
    await expectTRPCError(o.filterOptions({ courseId: w.course.id }), "FORBIDDEN");
    await expectTRPCError(o.submission({ id: w.first }), "NOT_FOUND");
    expect((await o.list({ limit: 100, problemSlug: w.problem.slug })).items).toEqual([]);
    const options = await o.filterOptions({});
    expect(options.courses.map((c) => c.id)).not.toContain(w.course.id);
    expect(options.students.map((s) => s.id)).not.toContain(w.bob.id);
    expect(options.problems.map((p) => p.slug)).not.toContain(w.problem.slug);
    await expectTRPCError(callerFor(null).review.list({ limit: 10 }), "UNAUTHORIZED");

    const download = (user: CreatedUser | null, filters: ReviewFilters) =>
      csvDownload(user ? { user } : null, (actor) => exportReviewSubmissions(db, actor, filters));
    expect((await download(null, {})).status).toBe(401);
    expect((await download(w.alice, {})).status).toBe(403);
    expect((await download(w.other, { courseId: w.course.id })).status).toBe(403);
    const theirs = await (await download(w.other, { userId: w.bob.id })).text();
    expect(theirs.trim().split("\r\n")).toHaveLength(1); // the header only
  });

  it("exports the filtered list as CSV, in the list's order", async () => {
    const w = await world();
    await db.user.update({ where: { id: w.bob.id }, data: { name: `Bob, "the" Łukasz ${w.bob.id}` } });
    const res = await csvDownload({ user: w.teacher }, (actor) =>
      exportReviewSubmissions(db, actor, { courseId: w.course.id, userId: w.bob.id }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    const text = await res.text();
    const lines = text
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toMatch(/^Submission,Submitted \(UTC\),Student,Email,Problem/);
    expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual([w.others[2], w.others[1], w.others[3]]);
    expect(lines[1]).toContain(`"Bob, ""the"" Łukasz ${w.bob.id}"`);
    expect(lines[1]).toContain(w.problem.slug);
  });
});

describe("review.filterOptions", () => {
  it("offers the teacher's courses, their students and problems", async () => {
    const w = await world();
    const options = await callerFor(w.teacher).review.filterOptions({ courseId: w.course.id });
    expect(options.courses.map((c) => c.id)).toContain(w.course.id);
    expect(options.students.map((s) => s.id).sort()).toEqual([w.alice.id, w.bob.id].sort());
    expect(options.problems.map((p) => p.slug)).toEqual([w.problem.slug]);
    // A student reached through a link stays selectable when the teacher may see their work.
    const linked = await callerFor(w.other).review.filterOptions({ userId: w.stranger.id });
    expect(linked.students.map((s) => s.id)).not.toContain(w.stranger.id);
  });
});
