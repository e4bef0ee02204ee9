/**
 * Teacher review benchmark: `npm run bench:review`. See bench/README.md ("Teacher review").
 *
 * Seeds its own database (coderunner_bench_review; BENCH_REVIEW_DATABASE_URL overrides)
 * once with 100,000 judged submissions from 1,000 students on 50 problems, two teachers
 * with a course each, then times the service behind `review.list` for the usual filters
 * and sorts (first pages and deep keyset pages), p50/p95 by nearest rank, and prints the
 * planner's access paths. Target: every case's p95 ≤ 50 ms. Load averages are printed at
 * the start and the end: on a busy machine every number is pessimistic.
 */
import os from "node:os";
import { prepareDatabase } from "./database";
import { formatTable, percentile, round } from "./stats";

const DATABASE_URL = process.env.BENCH_REVIEW_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/coderunner_bench_review";
const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const TARGET_P95_MS = 50;

const TAG = "benchrv";
const STUDENTS = 1000;
const PROBLEMS = 50;
const SUBMISSIONS = 100_000;

const loadLine = () => {
  const [one, five] = os.loadavg();
  return `load average ${one!.toFixed(2)} (1 min), ${five!.toFixed(2)} (5 min) on ${os.availableParallelism()} cores`;
};

async function main() {
  console.log(`[bench:review] ${loadLine()}, Node ${process.version}`);
  console.log(`[bench:review] preparing ${DATABASE_URL}`);
  await prepareDatabase(DATABASE_URL);
  // Set before the app's env module is first imported (it is parsed once, at import).
  process.env.DATABASE_URL = DATABASE_URL;
  const { db } = await import("../src/server/db");
  const { listReviewSubmissions, exportReviewSubmissions } = await import("../src/server/services/review-service");
  type ListInput = Parameters<typeof listReviewSubmissions>[2];

  /**
   * Teacher A owns course A (students 1–300, problems 31–50, which A wrote); teacher B owns
   * course B (students 301–700, problems 1–30); students 701–1000 are in no course.
   */
  async function seed(): Promise<string> {
    const count = await db.submission.count({ where: { id: { startsWith: `${TAG}-s` } } });
    if (count === SUBMISSIONS) {
      await db.$executeRawUnsafe(`ANALYZE`);
      return `already seeded (${count} submissions tagged ${TAG})`;
    }
    const started = Date.now();
    for (const table of ["Submission", "Course", "Problem", "User"])
      await db.$executeRawUnsafe(`DELETE FROM "${table}" WHERE id LIKE '${TAG}-%'`);
    await db.$executeRawUnsafe(
      `INSERT INTO "User" (id, email, name, role, "updatedAt")
       SELECT '${TAG}-u' || g, '${TAG}-' || g || '@coderunner.bench', 'Student ' || md5(g::text), 'STUDENT', now()
       FROM generate_series(1, ${STUDENTS}) g`,
    );
    await db.$executeRawUnsafe(
      `INSERT INTO "User" (id, email, name, role, "updatedAt") VALUES
       ('${TAG}-ta', '${TAG}-ta@coderunner.bench', 'Teacher A', 'TEACHER', now()),
       ('${TAG}-tb', '${TAG}-tb@coderunner.bench', 'Teacher B', 'TEACHER', now()),
       ('${TAG}-admin', '${TAG}-admin@coderunner.bench', 'Admin', 'ADMIN', now())`,
    );
    await db.$executeRawUnsafe(
      `INSERT INTO "Problem" (id, slug, title, statement, "authorId", visibility, "updatedAt")
       SELECT '${TAG}-p' || g, '${TAG}-problem-' || g, 'Problem ' || md5(g::text), 'Statement',
              CASE WHEN g <= 30 THEN '${TAG}-tb' ELSE '${TAG}-ta' END, 'COURSE', now()
       FROM generate_series(1, ${PROBLEMS}) g`,
    );
    await db.$executeRawUnsafe(
      `INSERT INTO "Course" (id, title, "joinCode", "ownerId") VALUES
       ('${TAG}-ca', 'Course A', 'BENCHRVA', '${TAG}-ta'), ('${TAG}-cb', 'Course B', 'BENCHRVB', '${TAG}-tb')`,
    );
    await db.$executeRawUnsafe(
      `INSERT INTO "ProblemSet" (id, "courseId", title) VALUES ('${TAG}-set-a', '${TAG}-ca', 'Set A'), ('${TAG}-set-b', '${TAG}-cb', 'Set B')`,
    );
    await db.$executeRawUnsafe(
      `INSERT INTO "ProblemSetItem" ("problemSetId", "problemId", position)
       SELECT CASE WHEN g <= 30 THEN '${TAG}-set-b' ELSE '${TAG}-set-a' END, '${TAG}-p' || g, g FROM generate_series(1, ${PROBLEMS}) g`,
    );
    await db.$executeRawUnsafe(
      `INSERT INTO "Enrollment" ("courseId", "userId")
       SELECT CASE WHEN g <= 300 THEN '${TAG}-ca' ELSE '${TAG}-cb' END, '${TAG}-u' || g FROM generate_series(1, 700) g`,
    );
    // A year of submissions; a third accepted; scores and CPU times spread.
    await db.$executeRawUnsafe(
      `INSERT INTO "Submission" (id, "userId", "problemId", kind, language, source, status, verdict, score, "maxScore", "maxCpuMs", "maxPeakKb", "createdAt")
       SELECT '${TAG}-s' || g, '${TAG}-u' || (1 + g % ${STUDENTS}), '${TAG}-p' || (1 + (g * 7 + g / ${STUDENTS}) % ${PROBLEMS}), 'SUBMIT',
              (ARRAY['python','cpp','java','c'])[1 + g % 4], 'print(1)', 'DONE',
              (ARRAY['AC','WA','AC','TLE','AC','RE','WA','CE','MLE'])[1 + g % 9]::"Verdict", g % 11, 10, 5 + g % 900, 8000 + g % 50000,
              now() - ((g * 37) % 525600 || ' minutes')::interval
       FROM generate_series(1, ${SUBMISSIONS}) g`,
    );
    await db.$executeRawUnsafe(`VACUUM ANALYZE "Submission"`);
    for (const table of ["User", "Problem", "Course", "ProblemSet", "ProblemSetItem", "Enrollment"])
      await db.$executeRawUnsafe(`ANALYZE "${table}"`);
    return `seeded ${SUBMISSIONS} submissions, ${STUDENTS} students, ${PROBLEMS} problems in ${((Date.now() - started) / 1000).toFixed(1)} s`;
  }

  console.log(`[bench:review] data: ${await seed()}`);
  const teacher = { id: `${TAG}-ta`, role: "TEACHER" as const };
  const admin = { id: `${TAG}-admin`, role: "ADMIN" as const };
  const monthAgo = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
  const twoMonthsAgo = new Date(Date.now() - 60 * 86_400_000).toISOString().slice(0, 10);

  /** The cursor of page `pages + 1` (walks the pages once, untimed). */
  async function deepCursor(actor: typeof teacher | typeof admin, input: ListInput, pages: number) {
    let cursor: string | null = null;
    for (let i = 0; i < pages; i++) cursor = (await listReviewSubmissions(db, actor, { ...input, cursor })).nextCursor;
    return cursor;
  }

  const page = { limit: 50 };
  const cases: Array<[string, typeof teacher | typeof admin, ListInput]> = [
    ["admin, no filter, newest first", admin, { ...page }],
    ["admin, verdict=AC, language=java", admin, { ...page, verdict: "AC", language: "java" }],
    ["teacher, no filter (own scope), newest first", teacher, { ...page }],
    ["teacher, course", teacher, { ...page, courseId: `${TAG}-ca` }],
    ["teacher, course + student", teacher, { ...page, courseId: `${TAG}-ca`, userId: `${TAG}-u7` }],
    [
      "teacher, course + student + problem (dashboard link)",
      teacher,
      { ...page, courseId: `${TAG}-ca`, userId: `${TAG}-u7`, problemSlug: `${TAG}-problem-40` },
    ],
    ["teacher, problem", teacher, { ...page, problemSlug: `${TAG}-problem-40` }],
    ["teacher, verdict=WA", teacher, { ...page, verdict: "WA" }],
    ["teacher, course + language=java + verdict=AC", teacher, { ...page, courseId: `${TAG}-ca`, language: "java", verdict: "AC" }],
    ["teacher, last 30 days", teacher, { ...page, from: monthAgo }],
    ["teacher, course, one month (from/to)", teacher, { ...page, courseId: `${TAG}-ca`, from: twoMonthsAgo, to: monthAgo }],
    ["teacher, sort student A→Z", teacher, { ...page, sort: "student", dir: "asc" }],
    ["teacher, sort problem A→Z", teacher, { ...page, sort: "problem", dir: "asc" }],
    ["teacher, sort verdict", teacher, { ...page, sort: "verdict", dir: "asc" }],
    ["teacher, sort score high→low", teacher, { ...page, sort: "score", dir: "desc" }],
    ["teacher, sort CPU time high→low", teacher, { ...page, sort: "cpu", dir: "desc" }],
    ["teacher, course, sort CPU time", teacher, { ...page, courseId: `${TAG}-ca`, sort: "cpu", dir: "desc" }],
  ];
  const deep: Array<[string, typeof teacher | typeof admin, ListInput, number]> = [
    ["admin, newest first, page 200 (keyset)", admin, { ...page }, 199],
    ["teacher, newest first, page 100 (keyset)", teacher, { ...page }, 99],
    ["teacher, sort student, page 100 (keyset)", teacher, { ...page, sort: "student", dir: "asc" }, 99],
    ["teacher, sort CPU time, page 100 (keyset)", teacher, { ...page, sort: "cpu", dir: "desc" }, 99],
  ];

  async function timeIt(fn: () => Promise<unknown>) {
    for (let i = 0; i < 3; i++) await fn();
    const samples: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      await fn();
      samples.push(performance.now() - t);
    }
    return { p50: round(percentile(samples, 50)), p95: round(percentile(samples, 95)) };
  }

  console.log(
    `\n[bench:review] (a) review.list (the service: scope + filters + keyset page of 50 + page rows), ${RUNS} runs each after 3 warm-ups`,
  );
  // The floor on this machine right now: one trivial round trip through the same client.
  // The ratio column (p95 / floor p95) says how much of a case is the query, not the load.
  const floor = await timeIt(() => db.$queryRaw`SELECT 1`);
  const rows: Array<Array<string | number>> = [["(floor: SELECT 1)", 1, floor.p50, floor.p95, "1.0×"]];
  let worst = 0;
  const record = async (name: string, actor: typeof teacher | typeof admin, input: ListInput) => {
    const first = await listReviewSubmissions(db, actor, input);
    const { p50, p95 } = await timeIt(() => listReviewSubmissions(db, actor, input));
    worst = Math.max(worst, p95);
    rows.push([name, first.items.length, p50, p95, `${(p95 / floor.p95).toFixed(1)}×`]);
  };
  for (const [name, actor, input] of cases) await record(name, actor, input);
  for (const [name, actor, input, pages] of deep) await record(name, actor, { ...input, cursor: await deepCursor(actor, input, pages) });
  console.log(formatTable(["case", "rows", "p50 ms", "p95 ms", "p95 / floor"], rows));
  console.log(
    `\n[bench:review] slowest p95 ${worst.toFixed(1)} ms (target ≤ ${TARGET_P95_MS} ms): ${worst <= TARGET_P95_MS ? "met" : "MISSED"}`,
  );

  const csvStarted = performance.now();
  const csv = await exportReviewSubmissions(db, teacher, { courseId: `${TAG}-ca` });
  console.log(
    `\n[bench:review] (b) CSV export of course A: ${csv.rows.length} rows in ${(performance.now() - csvStarted).toFixed(0)} ms (once)`,
  );

  console.log(`\n[bench:review] (c) planner choices (EXPLAIN ANALYZE, teacher scope, newest first and by CPU time)`);
  const scope = `s.kind = 'SUBMIT' AND (s."userId" IN (SELECT e."userId" FROM "Enrollment" e JOIN "Course" c ON c.id = e."courseId" WHERE c."ownerId" = '${TAG}-ta' OR EXISTS (SELECT 1 FROM "CourseTeacher" ct WHERE ct."courseId" = c.id AND ct."userId" = '${TAG}-ta')) OR s."problemId" IN (SELECT pa.id FROM "Problem" pa WHERE pa."authorId" = '${TAG}-ta'))`;
  for (const [name, sql] of [
    ["newest first", `SELECT s.id FROM "Submission" s WHERE ${scope} ORDER BY s."createdAt" DESC, s.id DESC LIMIT 51`],
    ["CPU time", `SELECT s.id FROM "Submission" s WHERE ${scope} ORDER BY COALESCE(s."maxCpuMs", -1) DESC, s.id DESC LIMIT 51`],
    [
      "one student",
      `SELECT s.id FROM "Submission" s WHERE ${scope} AND s."userId" = '${TAG}-u7' ORDER BY s."createdAt" DESC, s.id DESC LIMIT 51`,
    ],
  ] as const) {
    const plan = await db.$queryRawUnsafe<Array<{ "QUERY PLAN": string }>>(`EXPLAIN ANALYZE ${sql}`);
    console.log(`  ${name}:`);
    for (const line of plan.map((r) => r["QUERY PLAN"]).filter((l) => /Scan|Sort|Execution Time/.test(l)))
      console.log(`    ${line.trim()}`);
  }
  console.log(`\n[bench:review] ${loadLine()} (at the end)`);
  await db.$disconnect();
  process.exit(worst <= TARGET_P95_MS || !process.argv.includes("--strict") ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(`[bench:review] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(2);
});
