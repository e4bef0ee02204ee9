/**
 * Data and timings for `npm run bench:pages` (imported after DATABASE_URL points at the
 * bench database). Rows are tagged "benchpg-" and kept between runs (seeding takes a while).
 */
import { db } from "../src/server/db";
import { getCourseWithProgress } from "../src/server/services/course-progress-service";
import { courseLeaderboard, globalLeaderboard, problemLeaderboard } from "../src/server/services/leaderboard-service";
import { listProblems } from "../src/server/services/problem-list-service";
import { getProfile } from "../src/server/services/profile-service";
import { listMySubmissions } from "../src/server/services/submission-service";
import { hashPassword } from "../src/server/services/user-service";
import { formatTable, percentile, round } from "./stats";

const TAG = "benchpg";
const STUDENTS = 1000;
const PROBLEMS = 50;
const SUBMISSIONS = 100_000;
const RUNS_ROWS = 5_000;
const COURSE_PROBLEMS = 20;
const COURSE_STUDENTS = 300;

export const BENCH_STUDENT = { id: `${TAG}-u1`, email: "bench-student@coderunner.bench", password: "bench-student-password" };

export async function seedPageBenchData(): Promise<string> {
  const count = await db.submission.count({ where: { id: { startsWith: `${TAG}-s` } } });
  if (count === SUBMISSIONS + RUNS_ROWS) {
    await db.$executeRawUnsafe(`ANALYZE`);
    return `already seeded (${count} submissions tagged ${TAG})`;
  }
  const started = Date.now();
  await db.$executeRawUnsafe(`DELETE FROM "Submission" WHERE id LIKE '${TAG}-%'`);
  await db.$executeRawUnsafe(`DELETE FROM "Course" WHERE id LIKE '${TAG}-%'`);
  await db.$executeRawUnsafe(`DELETE FROM "Problem" WHERE id LIKE '${TAG}-%'`);
  await db.$executeRawUnsafe(`DELETE FROM "User" WHERE id LIKE '${TAG}-%'`);
  await db.$executeRawUnsafe(
    `INSERT INTO "User" (id, email, name, role, "updatedAt")
     SELECT '${TAG}-u' || g, '${TAG}-' || g || '@coderunner.bench', 'Bench Student ' || g, 'STUDENT', now()
     FROM generate_series(2, ${STUDENTS}) g`,
  );
  await db.user.create({
    data: {
      id: BENCH_STUDENT.id,
      email: BENCH_STUDENT.email,
      name: "Bench Student 1",
      role: "STUDENT",
      passwordHash: await hashPassword(BENCH_STUDENT.password),
    },
  });
  await db.$executeRawUnsafe(
    `INSERT INTO "User" (id, email, name, role, "updatedAt") VALUES ('${TAG}-teacher', '${TAG}-teacher@coderunner.bench', 'Bench Teacher', 'TEACHER', now())`,
  );
  await db.$executeRawUnsafe(
    `INSERT INTO "Problem" (id, slug, title, statement, "authorId", visibility, difficulty, tags, "updatedAt", "createdAt")
     SELECT '${TAG}-p' || g, '${TAG}-problem-' || g, 'Bench problem ' || g, 'Statement', '${TAG}-teacher',
            (CASE WHEN g <= 40 THEN 'PUBLIC' ELSE 'COURSE' END)::"Visibility",
            (ARRAY['EASY','MEDIUM','HARD'])[1 + g % 3]::"Difficulty", ARRAY[(ARRAY['math','graphs','dp','strings'])[1 + g % 4]],
            now(), now() - (g || ' days')::interval
     FROM generate_series(1, ${PROBLEMS}) g`,
  );
  await db.$executeRawUnsafe(
    `INSERT INTO "Course" (id, title, "joinCode", "ownerId") VALUES ('${TAG}-c1', 'Bench course', 'BENCHPG1', '${TAG}-teacher')`,
  );
  await db.$executeRawUnsafe(
    `INSERT INTO "CourseProblem" ("courseId", "problemId", position) SELECT '${TAG}-c1', '${TAG}-p' || g, g FROM generate_series(${PROBLEMS - COURSE_PROBLEMS + 1}, ${PROBLEMS}) g`,
  );
  await db.$executeRawUnsafe(
    `INSERT INTO "Enrollment" ("courseId", "userId") SELECT '${TAG}-c1', '${TAG}-u' || g FROM generate_series(1, ${COURSE_STUDENTS}) g`,
  );
  // One third accepted, the rest spread over the other verdicts; a year of timestamps.
  await db.$executeRawUnsafe(
    `INSERT INTO "Submission" (id, "userId", "problemId", kind, language, source, status, verdict, "maxCpuMs", "maxPeakKb", "createdAt")
     SELECT '${TAG}-s' || g, '${TAG}-u' || (1 + g % ${STUDENTS}), '${TAG}-p' || (1 + (g * 7 + g / ${STUDENTS}) % ${PROBLEMS}), 'SUBMIT',
            (ARRAY['python','cpp','java','c'])[1 + g % 4], 'print(1)', 'DONE',
            (ARRAY['AC','WA','AC','TLE','AC','RE','WA','CE','MLE'])[1 + g % 9]::"Verdict", 5 + g % 900, 8000 + g % 50000,
            now() - ((g * 37) % 525600 || ' minutes')::interval
     FROM generate_series(1, ${SUBMISSIONS}) g`,
  );
  await db.$executeRawUnsafe(
    `INSERT INTO "Submission" (id, "userId", "problemId", kind, language, source, stdin, status, "maxCpuMs", "maxPeakKb", "createdAt")
     SELECT '${TAG}-s-run' || g, '${TAG}-u' || (1 + g % ${STUDENTS}), '${TAG}-p' || (1 + g % ${PROBLEMS}), 'RUN', 'python', 'print(1)', '',
            'DONE', 10, 9000, now() - (g || ' minutes')::interval
     FROM generate_series(1, ${RUNS_ROWS}) g`,
  );
  await db.$executeRawUnsafe(`VACUUM ANALYZE "Submission"`);
  // Fresh statistics for every table the plans join (autovacuum would get there later).
  for (const table of ["User", "Problem", "Course", "CourseProblem", "Enrollment"]) await db.$executeRawUnsafe(`ANALYZE "${table}"`);
  return `seeded ${SUBMISSIONS} submissions + ${RUNS_ROWS} runs, ${STUDENTS} students, ${PROBLEMS} problems in ${((Date.now() - started) / 1000).toFixed(1)} s`;
}

async function timeIt(fn: () => Promise<unknown>, runs: number) {
  for (let i = 0; i < 3; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  return { p50: round(percentile(samples, 50)), p95: round(percentile(samples, 95)) };
}

export async function timeQueries(runs: number): Promise<string> {
  // The services behind the procedures (the tRPC layer adds only zod parsing).
  const me = { id: BENCH_STUDENT.id, role: "STUDENT" as const };
  const cases: Array<[string, () => Promise<unknown>]> = [
    ["leaderboard.global (40 public problems)", () => globalLeaderboard(db, me)],
    ["leaderboard.course (20 problems, 300 students)", () => courseLeaderboard(db, me, `${TAG}-c1`)],
    ["leaderboard.problem", () => problemLeaderboard(db, me, { problemSlug: `${TAG}-problem-7` })],
    ["problem.list (page 1, 50 a page)", () => listProblems(db, me, { page: 1, pageSize: 50 })],
    ["problem.list (status=attempted)", () => listProblems(db, me, { status: "attempted", page: 1, pageSize: 50 })],
    ["submission.mine (page 1)", () => listMySubmissions(db, me, { limit: 25 })],
    ["submission.mine (verdict=AC, python)", () => listMySubmissions(db, me, { limit: 25, verdict: "AC", language: "python" })],
    ["course.byId", () => getCourseWithProgress(db, me, `${TAG}-c1`)],
    ["user.profile (with heatmap)", () => getProfile(db, me)],
  ];
  const rows: Array<Array<string | number>> = [];
  for (const [name, fn] of cases) {
    const { p50, p95 } = await timeIt(fn, runs);
    rows.push([name, p50, p95]);
  }
  return formatTable(["procedure", "p50 ms", "p95 ms"], rows);
}

/** EXPLAIN ANALYZE of the hot queries, reduced to the lines that show access paths and the total. */
export async function explainHotQueries(): Promise<string> {
  const queries: Array<[string, string]> = [
    [
      "my submissions (history page)",
      `SELECT id FROM "Submission" WHERE "userId" = '${BENCH_STUDENT.id}' AND kind = 'SUBMIT' ORDER BY "createdAt" DESC, id DESC LIMIT 26`,
    ],
    [
      "per-problem board (best AC per student and language)",
      `SELECT "userId", language, min("maxCpuMs") FROM "Submission" WHERE "problemId" = '${TAG}-p7' AND verdict = 'AC' AND kind = 'SUBMIT' GROUP BY 1, 2`,
    ],
    [
      "course board: first attempt / first AC per (student, problem)",
      `SELECT s."userId", s."problemId", min(s."createdAt"), min(s."createdAt") FILTER (WHERE verdict = 'AC')
       FROM "Submission" s
       JOIN "CourseProblem" cp ON cp."problemId" = s."problemId" AND cp."courseId" = '${TAG}-c1'
       JOIN "Enrollment" e ON e."userId" = s."userId" AND e."courseId" = '${TAG}-c1'
       WHERE s.kind = 'SUBMIT' GROUP BY 1, 2`,
    ],
    [
      "activity heatmap (one student, one year)",
      `SELECT date_trunc('day', "createdAt"), count(*) FROM "Submission" WHERE "userId" = '${BENCH_STUDENT.id}' AND kind = 'SUBMIT' AND "createdAt" >= now() - interval '365 days' GROUP BY 1`,
    ],
  ];
  const out: string[] = [];
  for (const [name, sql] of queries) {
    const rows = await db.$queryRawUnsafe<Array<{ "QUERY PLAN": string }>>(`EXPLAIN ANALYZE ${sql}`);
    const lines = rows.map((r) => r["QUERY PLAN"]);
    const access = lines.filter((l) => /Scan|Execution Time/.test(l)).map((l) => `    ${l.trim()}`);
    out.push(`  ${name}:`, ...access);
  }
  return out.join("\n");
}

const PAGES = [
  "/problems",
  "/problems?status=attempted&difficulty=EASY",
  "/submissions",
  "/submissions?verdict=AC",
  "/courses",
  `/courses/${TAG}-c1`,
  "/leaderboard",
  `/leaderboard?course=${TAG}-c1`,
  `/leaderboard?problem=${TAG}-problem-7`,
  "/profile",
];

export async function timePages(base: string, cookie: string, runs: number) {
  const rows: Array<Array<string | number>> = [];
  let worstP95 = 0;
  for (const page of PAGES) {
    const fetchOnce = async () => {
      const res = await fetch(base + page, { headers: { cookie }, redirect: "manual" });
      const body = await res.text();
      if (res.status !== 200) throw new Error(`${page}: HTTP ${res.status}`);
      return body.length;
    };
    const bytes = await fetchOnce();
    const { p50, p95 } = await timeIt(fetchOnce, runs);
    worstP95 = Math.max(worstP95, p95);
    rows.push([page, Math.round(bytes / 1024), p50, p95]);
  }
  return { table: formatTable(["page", "KiB", "p50 ms", "p95 ms"], rows), worstP95 };
}

export async function closeBenchDb() {
  await db.$disconnect();
}
