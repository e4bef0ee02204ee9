/**
 * Leaderboards. Only SUBMIT submissions count (custom runs never do), only students are
 * ranked, and a row carries a name and numbers — never an id, an email or code.
 *
 * Ranking (global and per course), ICPC-style:
 *   1. more problems solved ranks higher;
 *   2. then lower total penalty. For each SOLVED problem the penalty is
 *        whole minutes from the student's first submission to that problem until their
 *        first Accepted one
 *      + 20 minutes for every rejected submission before that first Accepted
 *        (Wrong Answer, Time/Memory/Output Limit Exceeded, Runtime Error; Compilation
 *        and Internal Errors cost nothing).
 *      Unsolved problems add no penalty, however many attempts they had.
 *   3. Equal solved and penalty share a rank; the earlier last first-Accepted is listed first.
 * Solving a problem at the first try costs 0 minutes; so does any first Accepted within the
 * minute of the first attempt. Everyone with at least one submission is listed.
 *
 * Per problem: each student's best accepted CPU time and (separately) best peak memory,
 * per language, fastest first.
 */
import { Prisma, type PrismaClient } from "../../generated/prisma/client";
import { AppError } from "../errors";
import { ttlCache } from "../ttl-cache";
import type { Actor } from "./access";
import { assertCourseMember } from "./course-progress-service";
import { findVisibleProblemId } from "./problem-service";

export const PENALTY_PER_REJECTED_MINUTES = 20;
export const LEADERBOARD_LIMIT = 100;

export interface RankingRow {
  rank: number;
  name: string;
  solved: number;
  attempted: number;
  penaltyMinutes: number;
  lastAcceptedAt: Date | null;
  isMe: boolean;
}

interface RawRankingRow {
  userId: string;
  name: string;
  solved: number;
  attempted: number;
  penalty: number;
  last_ac: Date | null;
  rank: bigint | number;
}

/**
 * Boards are aggregates over every submission in scope, so each scope's full ranking is
 * computed at most once per LEADERBOARD_TTL_MS per process (a board may lag by that much).
 */
export const LEADERBOARD_TTL_MS = 15_000;
const rankingCache = ttlCache<RawRankingRow[]>(LEADERBOARD_TTL_MS, 200);
/** For tests that change submissions and read a board at once. */
export const clearLeaderboardCache = () => rankingCache.clear();

/**
 * One pass over the scope's SUBMIT rows: a window gives each row its (student, problem)'s
 * first AC time, so rejected tries before it are counted in the same GROUP BY.
 * `scope` joins/filters Submission `s` to the problems (and students) that count.
 */
function fullRanking(db: PrismaClient, scope: Prisma.Sql): Promise<RawRankingRow[]> {
  return db.$queryRaw<RawRankingRow[]>`
    WITH subs AS (
      SELECT s."userId", s."problemId", s."createdAt", s.verdict,
             min(s."createdAt") FILTER (WHERE s.verdict = 'AC') OVER (PARTITION BY s."problemId", s."userId") AS ac_at
      FROM "Submission" s
      ${scope}
      WHERE s.kind = 'SUBMIT'
    ),
    per_problem AS (
      SELECT "userId", "problemId", min("createdAt") AS first_at, min(ac_at) AS ac_at,
             count(*) FILTER (WHERE "createdAt" < ac_at AND verdict IN ('WA', 'TLE', 'MLE', 'RE', 'OLE')) AS rejected
      FROM subs GROUP BY "problemId", "userId"
    ),
    board AS (
      SELECT "userId",
             count(ac_at)::int AS solved,
             count(*)::int AS attempted,
             coalesce(sum(
               CASE WHEN ac_at IS NULL THEN 0
                    ELSE floor(extract(epoch FROM ac_at - first_at) / 60) + ${PENALTY_PER_REJECTED_MINUTES} * rejected
               END), 0)::int AS penalty,
             max(ac_at) AS last_ac
      FROM per_problem GROUP BY "userId"
    )
    SELECT b."userId", u.name, b.solved, b.attempted, b.penalty, b.last_ac,
           rank() OVER (ORDER BY b.solved DESC, b.penalty ASC) AS rank
    FROM board b JOIN "User" u ON u.id = b."userId" AND u.role = 'STUDENT'
    ORDER BY b.solved DESC, b.penalty ASC, b.last_ac ASC NULLS LAST, u.name, b."userId"`;
}

async function ranking(db: PrismaClient, actor: Actor, scopeKey: string, scope: Prisma.Sql, limit: number): Promise<RankingRow[]> {
  const all = await rankingCache.get(scopeKey, () => fullRanking(db, scope));
  return all
    .filter((r, i) => i < limit || r.userId === actor.id)
    .map((r) => ({
      rank: Number(r.rank),
      name: r.name,
      solved: r.solved,
      attempted: r.attempted,
      penaltyMinutes: r.penalty,
      lastAcceptedAt: r.last_ac,
      isMe: r.userId === actor.id,
    }));
}

/** Every student, on PUBLIC problems (course and hidden problems count only on their course's board). */
export async function globalLeaderboard(db: PrismaClient, actor: Actor, limit = LEADERBOARD_LIMIT) {
  const scope = Prisma.sql`JOIN "Problem" p ON p.id = s."problemId" AND p.visibility = 'PUBLIC'`;
  const [rows, problems] = await Promise.all([
    ranking(db, actor, "global", scope, limit),
    db.problem.count({ where: { visibility: "PUBLIC" } }),
  ]);
  return { rows, problems, limit };
}

/** A course's enrolled students on the course's problems. Members, the owner and admins only. */
export async function courseLeaderboard(db: PrismaClient, actor: Actor, courseId: string, limit = LEADERBOARD_LIMIT) {
  await assertCourseMember(db, actor, courseId);
  const scope = Prisma.sql`
    JOIN "CourseProblem" cp ON cp."problemId" = s."problemId" AND cp."courseId" = ${courseId}
    JOIN "Enrollment" e ON e."userId" = s."userId" AND e."courseId" = ${courseId}`;
  const [rows, course] = await Promise.all([
    ranking(db, actor, `course:${courseId}`, scope, limit),
    db.course.findUniqueOrThrow({ where: { id: courseId }, select: { id: true, title: true, _count: { select: { problems: true } } } }),
  ]);
  return { rows, problems: course._count.problems, course: { id: course.id, title: course.title }, limit };
}

export interface ProblemBoardRow {
  rank: number;
  name: string;
  language: string;
  bestCpuMs: number;
  bestPeakKb: number | null;
  firstAcceptedAt: Date;
  isMe: boolean;
}

/** Best accepted CPU time and peak memory per student and language on one problem the actor can see. */
export async function problemLeaderboard(
  db: PrismaClient,
  actor: Actor,
  input: { problemSlug: string; language?: string },
  limit = LEADERBOARD_LIMIT,
) {
  const problemId = await findVisibleProblemId(db, actor, input.problemSlug);
  const problem = await db.problem.findUnique({ where: { id: problemId }, select: { slug: true, title: true } });
  if (!problem) throw new AppError("NOT_FOUND", "Problem not found.");
  const languageFilter = input.language ? Prisma.sql`AND s.language = ${input.language}` : Prisma.empty;
  const rows = await db.$queryRaw<
    Array<{ userId: string; name: string; language: string; cpu: number; peak: number | null; first_ac: Date; rank: bigint; pos: bigint }>
  >`
    WITH best AS (
      SELECT s."userId", s.language, min(s."maxCpuMs") AS cpu, min(s."maxPeakKb") AS peak, min(s."createdAt") AS first_ac
      FROM "Submission" s
      JOIN "User" u ON u.id = s."userId" AND u.role = 'STUDENT'
      WHERE s."problemId" = ${problemId} AND s.verdict = 'AC' AND s.kind = 'SUBMIT' AND s."maxCpuMs" IS NOT NULL ${languageFilter}
      GROUP BY s."userId", s.language
    ),
    ranked AS (
      SELECT b.*, u.name,
             rank() OVER (ORDER BY b.cpu, b.peak NULLS LAST) AS rank,
             row_number() OVER (ORDER BY b.cpu, b.peak NULLS LAST, b.first_ac, b."userId", b.language) AS pos
      FROM best b JOIN "User" u ON u.id = b."userId"
    )
    SELECT * FROM ranked WHERE pos <= ${limit} OR "userId" = ${actor.id} ORDER BY pos`;
  return {
    problem,
    limit,
    rows: rows.map((r): ProblemBoardRow => ({
      rank: Number(r.rank),
      name: r.name,
      language: r.language,
      bestCpuMs: Number(r.cpu),
      bestPeakKb: r.peak == null ? null : Number(r.peak),
      firstAcceptedAt: r.first_ac,
      isMe: r.userId === actor.id,
    })),
  };
}
