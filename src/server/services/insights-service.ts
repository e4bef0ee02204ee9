/**
 * Teacher insights: a course's class progress (students × problems of its problem sets),
 * its gradebook, and per-problem statistics. Only SUBMIT submissions count (never Runs,
 * API executions or reference solutions). A course's staff see its students; a problem's
 * statistics cover the students the actor may see (`staffMaySeeWorkOf`): everyone for an
 * admin or the problem's author, else the students of the courses the actor teaches.
 */
import { Prisma, type PrismaClient } from "../../generated/prisma/client";
import { getLanguage } from "../../judge/languages";
import { VERDICTS, type Verdict } from "../../judge/verdicts";
import { AppError } from "../errors";
import type { CsvTable } from "../http/csv";
import { isStaff, type Actor } from "./access";
import { assertCourseStaff, taughtCoursesWhere } from "./course-admin-service";
import { histogram, type HistogramBucket } from "./submission-stats";

// ---------------------------------------------------------------------------------------
// Class progress

export type CellStatus = "solved" | "attempted" | "new";

export interface ProgressCell {
  status: CellStatus;
  attempts: number;
  firstAcceptedAt: Date | null;
  bestScore: number | null;
  maxScore: number | null;
  /**
   * After the set's due date: the first Accepted when solved, else the first submission
   * that reached the best score. Null when nothing was submitted.
   */
  late: boolean | null;
}

/** The set id of the columns for the course's problems that are in no problem set. */
export const COURSE_PROBLEMS_SET_ID = "course";

export interface ProgressColumn {
  /** `setId:problemId` (a problem may sit in two sets with different due dates). */
  key: string;
  setId: string;
  setTitle: string;
  dueAt: Date | null;
  problemId: string;
  slug: string;
  title: string;
}

interface RawCell {
  userId: string;
  problemId: string;
  attempts: number;
  first_ac: Date | null;
  best_score: number | null;
  max_score: number | null;
  best_at: Date;
}

const EMPTY_CELL: ProgressCell = { status: "new", attempts: 0, firstAcceptedAt: null, bestScore: null, maxScore: null, late: null };

function cellOf(raw: RawCell | undefined, dueAt: Date | null): ProgressCell {
  if (!raw) return EMPTY_CELL;
  const decisive = raw.first_ac ?? raw.best_at;
  return {
    status: raw.first_ac ? "solved" : "attempted",
    attempts: raw.attempts,
    firstAcceptedAt: raw.first_ac,
    bestScore: raw.best_score,
    maxScore: raw.max_score,
    late: dueAt !== null && decisive > dueAt,
  };
}

/**
 * Every enrolled student's progress on every problem of the course's sets (in set order),
 * then on the course's problems that are in no set,
 * from one aggregate query over the course's SUBMIT rows. Course staff and admins only.
 */
export async function getCourseProgress(db: PrismaClient, actor: Actor, courseId: string) {
  await assertCourseStaff(db, actor, courseId);
  const course = await db.course.findUniqueOrThrow({
    where: { id: courseId },
    select: {
      id: true,
      title: true,
      enrollments: { select: { user: { select: { id: true, name: true, email: true } } } },
      problems: {
        orderBy: [{ position: "asc" }, { problemId: "asc" }],
        select: { problem: { select: { id: true, slug: true, title: true } } },
      },
      problemSets: {
        orderBy: [{ position: "asc" }, { createdAt: "asc" }],
        select: {
          id: true,
          title: true,
          dueAt: true,
          problems: { orderBy: { position: "asc" }, select: { problem: { select: { id: true, slug: true, title: true } } } },
        },
      },
    },
  });
  // The course's own problem list (outside any set) is one more group, with no due date.
  const inSets = new Set(course.problemSets.flatMap((set) => set.problems.map(({ problem }) => problem.id)));
  const loose = course.problems.filter(({ problem }) => !inSets.has(problem.id));
  const groups = [
    ...course.problemSets,
    ...(loose.length > 0 ? [{ id: COURSE_PROBLEMS_SET_ID, title: "Course problems (no set)", dueAt: null, problems: loose }] : []),
  ];
  const columns: ProgressColumn[] = groups.flatMap((set) =>
    set.problems.map(({ problem }) => ({
      key: `${set.id}:${problem.id}`,
      setId: set.id,
      setTitle: set.title,
      dueAt: set.dueAt,
      problemId: problem.id,
      slug: problem.slug,
      title: problem.title,
    })),
  );
  const problemIds = [...new Set(columns.map((c) => c.problemId))];
  const raw =
    problemIds.length === 0 || course.enrollments.length === 0
      ? []
      : await db.$queryRaw<RawCell[]>`
          WITH subs AS (
            SELECT s."userId", s."problemId", s."createdAt", s.verdict, s.score, s."maxScore",
                   max(s.score) OVER (PARTITION BY s."userId", s."problemId") AS best
            FROM "Submission" s
            JOIN "Enrollment" e ON e."userId" = s."userId" AND e."courseId" = ${courseId}
            WHERE s.kind = 'SUBMIT' AND s."problemId" IN (${Prisma.join(problemIds)})
          )
          SELECT "userId", "problemId", count(*)::int AS attempts,
                 min("createdAt") FILTER (WHERE verdict = 'AC') AS first_ac,
                 max(score) AS best_score, max("maxScore") AS max_score,
                 coalesce(min("createdAt") FILTER (WHERE score = best), min("createdAt")) AS best_at
          FROM subs GROUP BY "userId", "problemId"`;
  const byPair = new Map(raw.map((r) => [`${r.userId}:${r.problemId}`, r]));
  const students = course.enrollments
    .map((e) => e.user)
    .sort((a, b) => a.name.localeCompare(b.name) || a.email.localeCompare(b.email))
    .map((user) => {
      const cells = columns.map((c) => cellOf(byPair.get(`${user.id}:${c.problemId}`), c.dueAt));
      return {
        ...user,
        cells,
        solved: cells.filter((c) => c.status === "solved").length,
        attempted: cells.filter((c) => c.status === "attempted").length,
        attempts: cells.reduce((sum, c) => sum + c.attempts, 0),
      };
    });
  return {
    course: { id: course.id, title: course.title },
    sets: groups.map((s) => ({ id: s.id, title: s.title, dueAt: s.dueAt })),
    columns,
    students,
  };
}

/** The gradebook as a CSV table: one row per student; per problem best score, solved, attempts, first Accepted, late. */
export async function getGradebookCsv(db: PrismaClient, actor: Actor, courseId: string): Promise<CsvTable> {
  const { course, columns, students } = await getCourseProgress(db, actor, courseId);
  const slugCount = new Map<string, number>();
  for (const c of columns) slugCount.set(c.slug, (slugCount.get(c.slug) ?? 0) + 1);
  // A problem in two sets gets two groups of columns, told apart by the set's title.
  const label = (c: ProgressColumn) => ((slugCount.get(c.slug) ?? 0) > 1 ? `${c.setTitle} / ${c.slug}` : c.slug);
  const headers = [
    "Name",
    "Email",
    "Solved",
    ...columns.flatMap((c) => {
      const l = label(c);
      return [`${l}: best score`, `${l}: solved`, `${l}: attempts`, `${l}: first accepted (UTC)`, `${l}: late`];
    }),
  ];
  const rows = students.map((s) => [
    s.name,
    s.email,
    s.solved,
    ...s.cells.flatMap((cell) => [cell.bestScore, cell.status === "solved", cell.attempts, cell.firstAcceptedAt, cell.late]),
  ]);
  const day = new Date().toISOString().slice(0, 10);
  return { fileName: `gradebook ${course.title} ${day}`, headers, rows };
}

// ---------------------------------------------------------------------------------------
// Per-problem statistics

export const STATS_SAMPLE_LIMIT = 5000;

export interface Distribution {
  count: number;
  min: number | null;
  median: number | null;
  p90: number | null;
  max: number | null;
  histogram: HistogramBucket[];
}

/** Linear-interpolated quantile of ascending `sorted` (null when empty). */
export function quantile(sorted: number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export function distribution(values: number[]): Distribution {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length,
    min: sorted[0] ?? null,
    median: quantile(sorted, 0.5),
    p90: quantile(sorted, 0.9),
    max: sorted.at(-1) ?? null,
    histogram: histogram(sorted),
  };
}

const rate = (part: number, whole: number) => (whole === 0 ? null : Math.round((1000 * part) / whole) / 10);

/** Courses the actor teaches that hold the problem (in a problem set or the course's list). */
function taughtCoursesWithProblem(actor: Actor, problemId: string): Prisma.CourseWhereInput {
  const holdsIt = { OR: [{ problems: { some: { problemId } } }, { problemSets: { some: { problems: { some: { problemId } } } } }] };
  return { AND: [taughtCoursesWhere(actor), holdsIt] };
}

/**
 * Which submitters count, as SQL on Submission `s`: students only, and for a teacher who
 * did not write the problem only the students of the courses they teach (or of `courseId`).
 */
async function statsScope(db: PrismaClient, actor: Actor, problem: { id: string; authorId: string }, courseId: string | undefined) {
  if (!isStaff(actor)) throw new AppError("FORBIDDEN", "Only teachers can do this.");
  if (courseId) {
    await assertCourseStaff(db, actor, courseId);
    const course = await db.course.findUniqueOrThrow({ where: { id: courseId }, select: { id: true, title: true } });
    return { course, sql: Prisma.sql`AND s."userId" IN (SELECT e."userId" FROM "Enrollment" e WHERE e."courseId" = ${courseId})` };
  }
  if (actor.role === "ADMIN" || problem.authorId === actor.id) return { course: null, sql: Prisma.empty };
  const teachesIt = await db.course.count({ where: taughtCoursesWithProblem(actor, problem.id) });
  if (teachesIt === 0) throw new AppError("FORBIDDEN", "This problem is neither yours nor in one of your courses.");
  const sql = Prisma.sql`AND s."userId" IN (
    SELECT e."userId" FROM "Enrollment" e JOIN "Course" c ON c.id = e."courseId"
    WHERE c."ownerId" = ${actor.id}
       OR EXISTS (SELECT 1 FROM "CourseTeacher" ct WHERE ct."courseId" = c.id AND ct."userId" = ${actor.id}))`;
  return { course: null, sql };
}

interface RawUserLanguage {
  userId: string;
  language: string;
  attempts: number;
  solved: boolean;
  /** This language's submissions up to the user's first Accepted in this language. */
  to_ac_lang: number;
  /** This language's submissions up to the user's first Accepted in any language. */
  to_ac_all: number;
  solved_any: boolean;
}

interface Tally {
  attempts: number;
  judged: number;
  accepted: number;
  students: number;
  solved: number;
  verdicts: Record<Verdict | "PENDING", number>;
  attemptsToAc: number[];
}

const emptyTally = (): Tally => ({
  attempts: 0,
  judged: 0,
  accepted: 0,
  students: 0,
  solved: 0,
  verdicts: Object.fromEntries([...VERDICTS, "PENDING"].map((v) => [v, 0])) as Tally["verdicts"],
  attemptsToAc: [],
});

function summarise(t: Tally) {
  const sorted = [...t.attemptsToAc].sort((a, b) => a - b);
  return {
    attempts: t.attempts,
    students: t.students,
    solved: t.solved,
    acceptanceRate: rate(t.accepted, t.judged),
    solveRate: rate(t.solved, t.students),
    medianAttemptsToAc: quantile(sorted, 0.5),
    verdicts: (Object.entries(t.verdicts) as [Verdict | "PENDING", number][])
      .filter(([, n]) => n > 0)
      .map(([verdict, count]) => ({ verdict, count })),
  };
}

/** Students who solved, grouped by how many submissions their first Accepted took (1, 2, … 10+). */
function attemptsHistogram(values: number[]) {
  const counts = new Map<string, number>();
  for (const v of values) {
    const key = v >= 10 ? "10+" : String(v);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const top = Math.min(10, Math.max(0, ...values));
  return Array.from({ length: top }, (_, i) => {
    const key = i + 1 === 10 ? "10+" : String(i + 1);
    return { attempts: key, students: counts.get(key) ?? 0 };
  });
}

export async function getProblemStats(db: PrismaClient, actor: Actor, input: { slug: string; courseId?: string }) {
  if (!isStaff(actor)) throw new AppError("FORBIDDEN", "Only teachers can do this.");
  const problem = await db.problem.findUnique({
    where: { slug: input.slug },
    select: { id: true, slug: true, title: true, authorId: true, scoringMode: true },
  });
  if (!problem) throw new AppError("NOT_FOUND", "Problem not found.");
  const scope = await statsScope(db, actor, problem, input.courseId);
  const base = Prisma.sql`
    FROM "Submission" s JOIN "User" u ON u.id = s."userId" AND u.role = 'STUDENT'
    WHERE s."problemId" = ${problem.id} AND s.kind = 'SUBMIT' ${scope.sql}`;

  const [perUser, verdictRows, accepted, courses] = await Promise.all([
    db.$queryRaw<RawUserLanguage[]>`
      WITH subs AS (
        SELECT s."userId", s.language, s."createdAt", s.verdict,
               min(s."createdAt") FILTER (WHERE s.verdict = 'AC') OVER (PARTITION BY s."userId", s.language) AS ac_lang,
               min(s."createdAt") FILTER (WHERE s.verdict = 'AC') OVER (PARTITION BY s."userId") AS ac_all
        ${base}
      )
      SELECT "userId", language, count(*)::int AS attempts,
             bool_or(verdict = 'AC') AS solved,
             count(*) FILTER (WHERE "createdAt" <= ac_lang)::int AS to_ac_lang,
             count(*) FILTER (WHERE "createdAt" <= ac_all)::int AS to_ac_all,
             bool_or(ac_all IS NOT NULL) AS solved_any
      FROM subs GROUP BY "userId", language`,
    db.$queryRaw<Array<{ language: string; verdict: Verdict | null; count: number }>>`
      SELECT s.language, s.verdict, count(*)::int AS count ${base} GROUP BY s.language, s.verdict`,
    db.$queryRaw<Array<{ language: string; cpu: number; peak: number }>>`
      SELECT s.language, s."maxCpuMs" AS cpu, s."maxPeakKb" AS peak ${base}
        AND s.verdict = 'AC' AND s."maxCpuMs" IS NOT NULL AND s."maxPeakKb" IS NOT NULL
      ORDER BY s."createdAt" DESC LIMIT ${STATS_SAMPLE_LIMIT}`,
    db.course.findMany({
      where: taughtCoursesWithProblem(actor, problem.id),
      orderBy: { createdAt: "desc" },
      select: { id: true, title: true },
    }),
  ]);

  const overall = emptyTally();
  const byLanguage = new Map<string, Tally>();
  const tallyOf = (language: string) => byLanguage.get(language) ?? byLanguage.set(language, emptyTally()).get(language)!;
  for (const r of verdictRows) {
    for (const t of [overall, tallyOf(r.language)]) {
      t.attempts += r.count;
      t.verdicts[r.verdict ?? "PENDING"] += r.count;
      if (r.verdict && r.verdict !== "IE") t.judged += r.count;
      if (r.verdict === "AC") t.accepted += r.count;
    }
  }
  const users = new Map<string, { solved: boolean; toAc: number }>();
  for (const r of perUser) {
    const t = tallyOf(r.language);
    t.students++;
    if (r.solved) {
      t.solved++;
      t.attemptsToAc.push(r.to_ac_lang);
    }
    const u = users.get(r.userId) ?? { solved: r.solved_any, toAc: 0 };
    u.toAc += r.to_ac_all;
    users.set(r.userId, u);
  }
  for (const u of users.values()) {
    overall.students++;
    if (u.solved) {
      overall.solved++;
      overall.attemptsToAc.push(u.toAc);
    }
  }

  const languages = [...byLanguage.entries()]
    .sort((a, b) => b[1].attempts - a[1].attempts || a[0].localeCompare(b[0]))
    .map(([language, t]) => {
      const sample = accepted.filter((a) => a.language === language);
      return {
        language,
        name: getLanguage(language)?.name ?? language,
        ...summarise(t),
        cpuMs: distribution(sample.map((a) => Number(a.cpu))),
        peakKb: distribution(sample.map((a) => Number(a.peak))),
      };
    });

  return {
    problem: { slug: problem.slug, title: problem.title, isAuthor: problem.authorId === actor.id },
    scope: { course: scope.course, allStudents: !scope.course && (actor.role === "ADMIN" || problem.authorId === actor.id) },
    courses,
    ...summarise(overall),
    attemptsToAc: attemptsHistogram(overall.attemptsToAc),
    languages,
    sampleLimit: STATS_SAMPLE_LIMIT,
  };
}
