/**
 * The problem list: search, filters (course, the student's status, difficulty, tag),
 * acceptance rate and page-number paging. Only problems the actor may see are listed.
 */
import type { Prisma, PrismaClient } from "../../generated/prisma/client";
import type { Difficulty } from "../../generated/prisma/enums";
import { ttlCache } from "../ttl-cache";
import { visibleProblemsWhere, type Actor } from "./access";

export const PROBLEM_STATUS_FILTERS = ["solved", "attempted", "new"] as const;
export type ProblemStatusFilter = (typeof PROBLEM_STATUS_FILTERS)[number];
/** A student's progress on one problem (only SUBMIT counts; custom runs are not attempts). */
export type ProblemProgress = "solved" | "attempted" | "new";

export interface ProblemListInput {
  search?: string;
  courseId?: string;
  status?: ProblemStatusFilter;
  difficulty?: Difficulty;
  tag?: string;
  page: number;
  pageSize: number;
}

function statusWhere(actor: Actor, status: ProblemStatusFilter | undefined): Prisma.ProblemWhereInput {
  const mine = { userId: actor.id, kind: "SUBMIT" as const };
  if (status === "solved") return { submissions: { some: { ...mine, verdict: "AC" } } };
  if (status === "attempted") return { AND: [{ submissions: { some: mine } }, { submissions: { none: { ...mine, verdict: "AC" } } }] };
  if (status === "new") return { submissions: { none: mine } };
  return {};
}

/** The actor's progress on each of `problemIds` (one grouped query on the (problemId, userId, …) index). */
export async function progressFor(db: PrismaClient, actor: Actor, problemIds: string[]): Promise<Map<string, ProblemProgress>> {
  const progress = new Map<string, ProblemProgress>();
  if (problemIds.length === 0) return progress;
  const attempts = await db.submission.groupBy({
    by: ["problemId", "verdict"],
    where: { userId: actor.id, kind: "SUBMIT", problemId: { in: problemIds } },
  });
  for (const a of attempts) {
    if (!a.problemId) continue;
    if (a.verdict === "AC") progress.set(a.problemId, "solved");
    else if (!progress.has(a.problemId)) progress.set(a.problemId, "attempted");
  }
  return progress;
}

type Acceptance = Map<string, { judged: number; accepted: number }>;
// Counting a page's submissions is the list's one scan over many rows: keep it a minute.
const ACCEPTANCE_TTL_MS = 60_000;
const acceptanceCache = ttlCache<Acceptance>(ACCEPTANCE_TTL_MS, 200);

/** Acceptance per problem: accepted / judged SUBMIT submissions (as LeetCode shows it). */
function acceptanceFor(db: PrismaClient, problemIds: string[]): Promise<Acceptance> {
  if (problemIds.length === 0) return Promise.resolve(new Map());
  return acceptanceCache.get([...problemIds].sort().join(","), () => countAcceptance(db, problemIds));
}

async function countAcceptance(db: PrismaClient, problemIds: string[]): Promise<Acceptance> {
  const stats: Acceptance = new Map();
  const rows = await db.submission.groupBy({
    by: ["problemId", "verdict"],
    where: { kind: "SUBMIT", problemId: { in: problemIds }, verdict: { not: null } },
    _count: { _all: true },
  });
  for (const r of rows) {
    if (!r.problemId) continue;
    const s = stats.get(r.problemId) ?? { judged: 0, accepted: 0 };
    s.judged += r._count._all;
    if (r.verdict === "AC") s.accepted += r._count._all;
    stats.set(r.problemId, s);
  }
  return stats;
}

export async function listProblems(db: PrismaClient, actor: Actor, input: ProblemListInput) {
  const search = input.search?.trim();
  const where: Prisma.ProblemWhereInput = {
    AND: [
      visibleProblemsWhere(actor),
      search ? { OR: [{ title: { contains: search, mode: "insensitive" } }, { slug: { contains: search.toLowerCase() } }] } : {},
      input.courseId ? { courses: { some: { courseId: input.courseId } } } : {},
      input.difficulty ? { difficulty: input.difficulty } : {},
      input.tag ? { tags: { has: input.tag } } : {},
      statusWhere(actor, input.status),
    ],
  };
  const [total, problems] = await Promise.all([
    db.problem.count({ where }),
    db.problem.findMany({
      where,
      // Newest first (as on Codeforces); id breaks ties so pages never overlap.
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (input.page - 1) * input.pageSize,
      take: input.pageSize,
      select: {
        id: true,
        slug: true,
        title: true,
        difficulty: true,
        tags: true,
        timeLimitMs: true,
        memoryLimitMb: true,
        visibility: true,
      },
    }),
  ]);
  const ids = problems.map((p) => p.id);
  const [progress, acceptance] = await Promise.all([progressFor(db, actor, ids), acceptanceFor(db, ids)]);
  return {
    items: problems.map((p) => {
      const a = acceptance.get(p.id);
      return {
        ...p,
        status: progress.get(p.id) ?? ("new" as ProblemProgress),
        judged: a?.judged ?? 0,
        acceptanceRate: a && a.judged > 0 ? a.accepted / a.judged : null,
      };
    }),
    total,
    page: input.page,
    pageSize: input.pageSize,
    pageCount: Math.max(1, Math.ceil(total / input.pageSize)),
  };
}

/** Every tag used by a problem the actor can see, sorted (for the filter). */
export async function listProblemTags(db: PrismaClient, actor: Actor): Promise<string[]> {
  const rows = await db.problem.findMany({
    where: { AND: [visibleProblemsWhere(actor), { NOT: { tags: { isEmpty: true } } }] },
    select: { tags: true },
  });
  return [...new Set(rows.flatMap((r) => r.tags))].sort((a, b) => a.localeCompare(b));
}
