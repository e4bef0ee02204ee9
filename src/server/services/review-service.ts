/**
 * Teacher review of submissions: the filtered, sorted, keyset-paged list over the
 * teacher's courses (and its CSV), one submission with every test's data, the student's
 * timeline on that problem and the diff between two of their attempts.
 *
 * Who sees what is `staffMaySeeWorkOf`'s rule, written once more as SQL for the list: a
 * teacher sees the work of students enrolled in a course they own or co-teach, and all
 * work on problems they wrote; admins see everything; students none of it.
 */
import { Prisma, type PrismaClient } from "../../generated/prisma/client";
import type { Verdict } from "../../generated/prisma/enums";
import { codeDiff, diffSize } from "../../lib/code-diff";
import { AppError } from "../errors";
import type { CsvTable } from "../http/csv";
import { isStaff, type Actor } from "./access";
import { assertCourseStaff, staffMaySeeWorkOf, taughtCoursesWhere } from "./course-admin-service";
import { outcomeSelect, summarySelect, testResultFields } from "./submission-service";

export const REVIEW_SORTS = ["time", "student", "problem", "verdict", "score", "cpu"] as const;
export type ReviewSort = (typeof REVIEW_SORTS)[number];
export type SortDirection = "asc" | "desc";

/** The CSV export stops here (about 5 MB); the page says so. */
export const CSV_ROW_LIMIT = 50_000;
/** Test data and outputs are shown as previews of this many characters. */
export const PREVIEW_CHARS = 4096;
/** The timeline lists at most this many of the student's latest attempts. */
export const TIMELINE_LIMIT = 200;

export interface ReviewFilters {
  courseId?: string;
  userId?: string;
  problemSlug?: string;
  language?: string;
  verdict?: Verdict;
  /** UTC days (YYYY-MM-DD), both inclusive. */
  from?: string;
  to?: string;
}

export interface ReviewListInput extends ReviewFilters {
  sort?: ReviewSort;
  dir?: SortDirection;
  cursor?: string | null;
  limit: number;
}

function assertStaff(actor: Actor) {
  if (!isStaff(actor)) throw new AppError("FORBIDDEN", "Only teachers can review submissions.");
}

/**
 * The sort keys as SQL over the aliases of a submission, its user and its problem.
 * Constants only (never user input); nulls sort as the lowest value so keyset comparisons hold.
 * Each has an index (migration 20261130080000_review_indexes) with exactly this expression.
 */
const SORT_KEYS: Record<ReviewSort, { key: (s: string, u: string, p: string) => string; join?: "user" | "problem" }> = {
  time: { key: (s) => `${s}."createdAt"` },
  student: { key: (_s, u) => `${u}.name`, join: "user" },
  problem: { key: (_s, _u, p) => `${p}.title`, join: "problem" },
  // In the order of the Verdict enum (an enum-to-text cast could not be indexed).
  verdict: { key: (s) => `COALESCE(array_position('{AC,WA,TLE,MLE,RE,CE,OLE,IE}'::"Verdict"[], ${s}.verdict), 0)` },
  score: { key: (s) => `COALESCE(${s}.score, -1)` },
  cpu: { key: (s) => `COALESCE(${s}."maxCpuMs", -1)` },
};

/** Problems of a course: listed in it, or in one of its problem sets. */
const courseProblemsSql = (courseId: string) => Prisma.sql`
  SELECT cp."problemId" FROM "CourseProblem" cp WHERE cp."courseId" = ${courseId}
  UNION SELECT i."problemId" FROM "ProblemSetItem" i JOIN "ProblemSet" ps ON ps.id = i."problemSetId" WHERE ps."courseId" = ${courseId}`;

/** The WHERE clause (over alias `s`) for the actor's scope and the filters. */
async function whereSql(db: PrismaClient, actor: Actor, filters: ReviewFilters): Promise<Prisma.Sql> {
  assertStaff(actor);
  const parts: Prisma.Sql[] = [Prisma.sql`s.kind = 'SUBMIT'`];
  if (filters.courseId) {
    // Course staff see every enrolled student's work on the course's problems.
    await assertCourseStaff(db, actor, filters.courseId);
    parts.push(Prisma.sql`s."userId" IN (SELECT e."userId" FROM "Enrollment" e WHERE e."courseId" = ${filters.courseId})`);
    parts.push(Prisma.sql`s."problemId" IN (${courseProblemsSql(filters.courseId)})`);
  } else if (actor.role !== "ADMIN") {
    parts.push(Prisma.sql`(
      s."userId" IN (
        SELECT e."userId" FROM "Enrollment" e JOIN "Course" c ON c.id = e."courseId"
        WHERE c."ownerId" = ${actor.id}
           OR EXISTS (SELECT 1 FROM "CourseTeacher" ct WHERE ct."courseId" = c.id AND ct."userId" = ${actor.id}))
      OR s."problemId" IN (SELECT pa.id FROM "Problem" pa WHERE pa."authorId" = ${actor.id}))`);
  }
  if (filters.userId) parts.push(Prisma.sql`s."userId" = ${filters.userId}`);
  if (filters.problemSlug) parts.push(Prisma.sql`s."problemId" = (SELECT ps.id FROM "Problem" ps WHERE ps.slug = ${filters.problemSlug})`);
  if (filters.language) parts.push(Prisma.sql`s.language = ${filters.language}`);
  if (filters.verdict) parts.push(Prisma.sql`s.verdict = ${filters.verdict}::"Verdict"`);
  if (filters.from) parts.push(Prisma.sql`s."createdAt" >= ${filters.from}::date`);
  if (filters.to) parts.push(Prisma.sql`s."createdAt" < ${filters.to}::date + 1`);
  return Prisma.join(parts, " AND ");
}

function orderSql(sort: ReviewSort, dir: SortDirection) {
  const { key, join } = SORT_KEYS[sort];
  const direction = dir === "asc" ? "ASC" : "DESC";
  return {
    key: key("s", "u", "p"),
    joins: Prisma.raw(
      join === "user" ? `JOIN "User" u ON u.id = s."userId"` : join === "problem" ? `JOIN "Problem" p ON p.id = s."problemId"` : "",
    ),
    orderBy: Prisma.raw(`${key("s", "u", "p")} ${direction}, s.id ${direction}`),
    /** Rows after the cursor's row in this order (keyset: no OFFSET, deep pages cost what the first does). */
    after: (cursor: string) => {
      const cursorRow = Prisma.sql`FROM "Submission" c JOIN "User" cu ON cu.id = c."userId" LEFT JOIN "Problem" cp ON cp.id = c."problemId" WHERE c.id = ${cursor}`;
      const sortKey = Prisma.raw(key("s", "u", "p"));
      const cursorKey = Prisma.raw(key("c", "cu", "cp"));
      // The first comparison is implied by the second; it is there because the planner can
      // start an index scan from it when the key lives in a joined table (student, problem).
      return Prisma.sql`${sortKey} ${Prisma.raw(dir === "asc" ? ">=" : "<=")} (SELECT ${cursorKey} ${cursorRow})
        AND (${sortKey}, s.id) ${Prisma.raw(dir === "asc" ? ">" : "<")} (SELECT ${cursorKey}, c.id ${cursorRow})`;
    },
  };
}

/** The list's page: submission summaries with their student, in the chosen order. */
export async function listReviewSubmissions(db: PrismaClient, actor: Actor, input: ReviewListInput) {
  const where = await whereSql(db, actor, input);
  const order = orderSql(input.sort ?? "time", input.dir ?? "desc");
  const cursor = input.cursor ? Prisma.sql`AND ${order.after(input.cursor)}` : Prisma.empty;
  const ids = await db.$queryRaw<{ id: string }[]>(Prisma.sql`
    SELECT s.id FROM "Submission" s ${order.joins}
    WHERE ${where} ${cursor}
    ORDER BY ${order.orderBy}
    LIMIT ${input.limit + 1}`);
  const hasMore = ids.length > input.limit;
  const pageIds = ids.slice(0, input.limit).map((r) => r.id);
  const rows = await db.submission.findMany({
    where: { id: { in: pageIds } },
    select: { ...summarySelect, user: { select: { id: true, name: true, email: true } } },
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const items = pageIds.map((id) => byId.get(id)!).filter(Boolean);
  return { items, nextCursor: hasMore ? pageIds[pageIds.length - 1]! : null };
}

/** The filtered list as a spreadsheet, in the list's order, at most CSV_ROW_LIMIT rows. */
export async function exportReviewSubmissions(
  db: PrismaClient,
  actor: Actor,
  input: ReviewFilters & { sort?: ReviewSort; dir?: SortDirection },
): Promise<CsvTable> {
  const where = await whereSql(db, actor, input);
  const order = orderSql(input.sort ?? "time", input.dir ?? "desc");
  const rows = await db.$queryRaw<
    {
      id: string;
      createdAt: Date;
      name: string;
      email: string;
      slug: string | null;
      title: string | null;
      language: string;
      status: string;
      verdict: string | null;
      score: number | null;
      maxScore: number | null;
      maxCpuMs: number | null;
      maxPeakKb: number | null;
    }[]
  >(Prisma.sql`
    SELECT s.id, s."createdAt", u.name, u.email, p.slug, p.title, s.language, s.status::text AS status, s.verdict::text AS verdict,
           s.score, s."maxScore", s."maxCpuMs", s."maxPeakKb"
    FROM "Submission" s JOIN "User" u ON u.id = s."userId" LEFT JOIN "Problem" p ON p.id = s."problemId"
    WHERE ${where}
    ORDER BY ${order.orderBy}
    LIMIT ${CSV_ROW_LIMIT}`);
  return {
    fileName: `submissions-${new Date().toISOString().slice(0, 10)}`,
    headers: [
      "Submission",
      "Submitted (UTC)",
      "Student",
      "Email",
      "Problem",
      "Problem title",
      "Language",
      "Status",
      "Verdict",
      "Score",
      "Max score",
      "CPU ms",
      "Memory KiB",
    ],
    rows: rows.map((r) => [
      r.id,
      r.createdAt,
      r.name,
      r.email,
      r.slug,
      r.title,
      r.language,
      r.status,
      r.verdict,
      r.score,
      r.maxScore,
      r.maxCpuMs,
      r.maxPeakKb,
    ]),
  };
}

const MAX_FILTER_STUDENTS = 2000;

/** Choices for the list's filters: the actor's courses, and the students and problems in scope. */
export async function reviewFilterOptions(db: PrismaClient, actor: Actor, input: { courseId?: string; userId?: string }) {
  assertStaff(actor);
  if (input.courseId) await assertCourseStaff(db, actor, input.courseId);
  const courses = await db.course.findMany({
    where: taughtCoursesWhere(actor),
    orderBy: [{ archivedAt: { sort: "desc", nulls: "first" } }, { title: "asc" }],
    select: { id: true, title: true, archivedAt: true },
  });
  const inCourses: Prisma.CourseWhereInput = input.courseId ? { id: input.courseId } : taughtCoursesWhere(actor);
  const [students, problems] = await Promise.all([
    db.user.findMany({
      where: { enrollments: { some: { course: inCourses } } },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      take: MAX_FILTER_STUDENTS,
      select: { id: true, name: true, email: true },
    }),
    db.problem.findMany({
      where: input.courseId
        ? {
            OR: [
              { courses: { some: { courseId: input.courseId } } },
              { problemSets: { some: { problemSet: { courseId: input.courseId } } } },
            ],
          }
        : actor.role === "ADMIN"
          ? {}
          : {
              OR: [
                { authorId: actor.id },
                { courses: { some: { course: inCourses } } },
                { problemSets: { some: { problemSet: { course: inCourses } } } },
              ],
            },
      orderBy: { title: "asc" },
      select: { slug: true, title: true },
    }),
  ]);
  // A student picked from elsewhere (a link from the dashboard) stays selectable by name.
  if (input.userId && !students.some((s) => s.id === input.userId)) {
    const picked = await db.user.findUnique({ where: { id: input.userId }, select: { id: true, name: true, email: true } });
    if (picked && (await staffMaySeeWorkOf(db, actor, picked.id, null))) students.unshift(picked);
  }
  return { courses, students, problems };
}

const attemptSelect = { ...outcomeSelect, source: true } as const satisfies Prisma.SubmissionSelect;

const reviewSelect = {
  ...attemptSelect,
  userId: true,
  problemId: true,
  compileOutput: true,
  errorMessage: true,
  finishedAt: true,
  user: { select: { id: true, name: true, email: true } },
  problem: {
    select: {
      slug: true,
      title: true,
      authorId: true,
      scoringMode: true,
      timeLimitMs: true,
      memoryLimitMb: true,
      _count: { select: { tests: true } },
    },
  },
  results: { orderBy: { position: "asc" }, select: { ...testResultFields, testCaseId: true } },
} as const satisfies Prisma.SubmissionSelect;

interface TestCasePreview {
  id: string;
  name: string | null;
  isSample: boolean;
  points: number;
  input: string;
  inputLength: number;
  expectedOutput: string;
  expectedLength: number;
}

/** The problem's tests with their data cut to previews in the database (tests can be megabytes). */
function testCasePreviews(db: PrismaClient, problemId: string) {
  return db.$queryRaw<TestCasePreview[]>(Prisma.sql`
    SELECT id, name, "isSample", points,
           left(input, ${PREVIEW_CHARS}) AS input, length(input)::int AS "inputLength",
           left("expectedOutput", ${PREVIEW_CHARS}) AS "expectedOutput", length("expectedOutput")::int AS "expectedLength"
    FROM "TestCase" WHERE "problemId" = ${problemId}`);
}

const preview = (text: string | null) =>
  text == null ? { text: null, truncated: false } : { text: text.slice(0, PREVIEW_CHARS), truncated: text.length > PREVIEW_CHARS };

/** Number of accepted tests of each submission. */
async function passedCounts(db: PrismaClient, submissionIds: string[]) {
  const groups = await db.testResult.groupBy({
    by: ["submissionId"],
    where: { submissionId: { in: submissionIds }, verdict: "AC" },
    _count: { _all: true },
  });
  return new Map(groups.map((g) => [g.submissionId, g._count._all]));
}

type Attempt = Prisma.SubmissionGetPayload<{ select: typeof attemptSelect }>;

/**
 * One submission for its teacher: source, compile output, every test with its input,
 * expected and actual output (previews), the student's attempts at the problem in order
 * with diff sizes, and the diff against `againstId` (default: the attempt before this one).
 */
export async function getReviewSubmission(db: PrismaClient, actor: Actor, input: { id: string; againstId?: string | null }) {
  assertStaff(actor);
  const row = await db.submission.findUnique({ where: { id: input.id }, select: reviewSelect });
  if (!row || row.kind !== "SUBMIT" || !row.problemId || !(await staffMaySeeWorkOf(db, actor, row.userId, row.problemId))) {
    throw new AppError("NOT_FOUND", "Submission not found.");
  }
  const problemId = row.problemId;
  const [latest, tests] = await Promise.all([
    db.submission.findMany({
      where: { userId: row.userId, problemId, kind: "SUBMIT" },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: TIMELINE_LIMIT,
      select: attemptSelect,
    }),
    testCasePreviews(db, problemId),
  ]);
  const attempts: Attempt[] = latest.reverse();
  if (!attempts.some((a) => a.id === row.id)) attempts.unshift(row); // an old one, beyond the timeline's window

  let against: Attempt | null = null;
  if (input.againstId) {
    against =
      attempts.find((a) => a.id === input.againstId) ??
      (await db.submission.findFirst({
        where: { id: input.againstId, userId: row.userId, problemId, kind: "SUBMIT" },
        select: attemptSelect,
      }));
    if (!against) throw new AppError("NOT_FOUND", "That attempt is not one of this student's submissions to this problem.");
  } else {
    const index = attempts.findIndex((a) => a.id === row.id);
    against = index > 0 ? attempts[index - 1]! : null;
  }

  const passed = await passedCounts(db, [...new Set([...attempts.map((a) => a.id), ...(against ? [against.id] : [])])]);
  const testsTotal = row.problem?._count.tests ?? 0;
  const summary = ({ source: _source, ...a }: Attempt) => ({ ...a, passed: passed.get(a.id) ?? 0, testsTotal });
  const timeline = attempts.map((a, i) => ({
    ...summary(a),
    number: i + 1,
    /** Lines added/removed since the attempt before (null for the first). */
    change: i > 0 ? diffSize(attempts[i - 1]!.source, a.source) : null,
  }));

  const testById = new Map(tests.map((t) => [t.id, t]));
  const { results, problem, source, ...rest } = row;
  return {
    ...rest,
    source,
    problem: problem && {
      slug: problem.slug,
      title: problem.title,
      scoringMode: problem.scoringMode,
      timeLimitMs: problem.timeLimitMs,
      memoryLimitMb: problem.memoryLimitMb,
    },
    passed: passed.get(row.id) ?? 0,
    testsTotal,
    compileOutput: preview(row.compileOutput),
    results: results.map(({ testCaseId, outputExcerpt, stderrExcerpt, ...r }) => {
      const test = testCaseId ? testById.get(testCaseId) : undefined;
      return {
        ...r,
        name: test?.name ?? null,
        isSample: test?.isSample ?? false,
        points: test?.points ?? null,
        input: test ? { text: test.input, truncated: test.inputLength > PREVIEW_CHARS } : null,
        expected: test ? { text: test.expectedOutput, truncated: test.expectedLength > PREVIEW_CHARS } : null,
        output: preview(outputExcerpt),
        stderr: preview(stderrExcerpt),
      };
    }),
    timeline,
    compare: against && {
      from: summary(against),
      to: summary(row),
      diff: codeDiff(against.source, source),
    },
  };
}
