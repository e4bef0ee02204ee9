/**
 * Similarity (plagiarism) reports: which students' code on a problem looks alike.
 *
 * The web side only creates a `SimilarityReport` row and enqueues it; the worker
 * (`worker/similarity.ts`) picks the submissions with `similaritySubmissions`, compares
 * them with Dolos and stores the most similar pairs. A report covers, per language,
 * each student's latest accepted submission (or latest submission) among the students
 * the teacher may see: a course's students when a course is chosen; otherwise every
 * student for the problem's author or an admin, and the students of the teacher's own
 * courses for any other teacher. Students reach none of this.
 */
import type { Prisma, PrismaClient } from "../../generated/prisma/client";
import { enqueueSimilarityReport } from "../../judge/queue";
import { AppError } from "../errors";
import { isStaff, type Actor } from "./access";
import { assertCourseStaff, taughtCoursesWhere } from "./course-admin-service";

/** How many of a report's pairs the list shows (the most similar first). */
export const SIMILARITY_PAIRS_SHOWN = 200;

/** One language of a report, as the worker records it in `SimilarityReport.languages`. */
export interface SimilarityLanguageSummary {
  language: string;
  /** Submissions compared (one per student). */
  files: number;
  /** Pairs compared, and how many of the most similar were kept. */
  pairs: number;
  stored: number;
  /** False when this server cannot parse the language (its parser is missing): nothing compared. */
  available: boolean;
  message?: string;
}

/** A highlighted range in a source, 0-based rows and columns as tree-sitter gives them. */
export interface SourceRegion {
  startRow: number;
  startCol: number;
  endRow: number;
  endCol: number;
}

export interface SimilarityFragment {
  left: SourceRegion;
  right: SourceRegion;
  /** Length in k-grams (Dolos' unit: overlapping runs of tokens). */
  kgrams: number;
}

function assertStaff(actor: Actor) {
  if (!isStaff(actor)) throw new AppError("FORBIDDEN", "Only teachers can do this.");
}

/** The submitters a report may include: see the module comment. */
function studentsWhere(report: { courseId: string | null; problem: { authorId: string } }, creator: Actor): Prisma.UserWhereInput {
  if (report.courseId) return { enrollments: { some: { courseId: report.courseId } } };
  if (creator.role === "ADMIN" || report.problem.authorId === creator.id) return { role: "STUDENT" };
  if (!isStaff(creator)) return { id: { in: [] } };
  return { enrollments: { some: { course: taughtCoursesWhere(creator) } } };
}

/** The problem's page header and what the page may offer: the actor's courses and latest reports. */
export async function getSimilarityOverview(db: PrismaClient, actor: Actor, slug: string) {
  assertStaff(actor);
  const problem = await db.problem.findUnique({ where: { slug }, select: { id: true, slug: true, title: true, authorId: true } });
  if (!problem) throw new AppError("NOT_FOUND", "Problem not found.");
  const courses = await db.course.findMany({
    where: taughtCoursesWhere(actor),
    orderBy: [{ archivedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
    take: 200,
    select: { id: true, title: true, archivedAt: true, problems: { where: { problemId: problem.id }, select: { problemId: true } } },
  });
  const reports = await db.similarityReport.findMany({
    where: { problemId: problem.id, ...reportVisibleWhere(actor) },
    orderBy: { createdAt: "desc" },
    take: 10,
    select: reportSummarySelect,
  });
  return {
    problem: { id: problem.id, slug: problem.slug, title: problem.title },
    /** Whether "all students" means everyone (author, admin) or only the actor's own students. */
    seesAllStudents: actor.role === "ADMIN" || problem.authorId === actor.id,
    courses: courses.map((c) => ({ id: c.id, title: c.title, archived: c.archivedAt !== null, hasProblem: c.problems.length > 0 })),
    reports,
  };
}

const reportSummarySelect = {
  id: true,
  status: true,
  progress: true,
  onlyAccepted: true,
  submissions: true,
  createdAt: true,
  finishedAt: true,
  course: { select: { id: true, title: true } },
} satisfies Prisma.SimilarityReportSelect;

/** Reports the actor may read: their own, their courses' (any staff of the course), all for an admin. */
function reportVisibleWhere(actor: Actor): Prisma.SimilarityReportWhereInput {
  if (actor.role === "ADMIN") return {};
  return { OR: [{ createdById: actor.id }, { course: taughtCoursesWhere(actor) }] };
}

/**
 * Creates a report and queues it for the worker. A report of the same problem, scope
 * and option that is still queued or running is returned instead of a second one.
 */
export async function startSimilarityReport(
  db: PrismaClient,
  actor: Actor,
  input: { problemId: string; courseId: string | null; onlyAccepted: boolean },
) {
  assertStaff(actor);
  const problem = await db.problem.findUnique({ where: { id: input.problemId }, select: { id: true } });
  if (!problem) throw new AppError("NOT_FOUND", "Problem not found.");
  if (input.courseId) await assertCourseStaff(db, actor, input.courseId);
  const scope = { problemId: problem.id, courseId: input.courseId, onlyAccepted: input.onlyAccepted, createdById: actor.id };
  const pending = await db.similarityReport.findFirst({
    where: { ...scope, status: { in: ["QUEUED", "RUNNING"] } },
    select: { id: true },
  });
  if (pending) return pending;
  const report = await db.similarityReport.create({ data: scope, select: { id: true } });
  try {
    await enqueueSimilarityReport(report.id);
  } catch {
    await db.similarityReport.update({ where: { id: report.id }, data: { status: "FAILED", error: "The job queue is unavailable." } });
    throw new AppError("SERVICE_UNAVAILABLE", "The job queue is unavailable right now; please try again in a minute.");
  }
  return report;
}

async function assertMayReadReport(db: PrismaClient, actor: Actor, reportId: string) {
  assertStaff(actor);
  const visible = await db.similarityReport.count({ where: { id: reportId, ...reportVisibleWhere(actor) } });
  if (visible === 0) throw new AppError("NOT_FOUND", "Report not found.");
}

/** A report's state (the page polls it while it runs) and its most similar pairs. */
export async function getSimilarityReport(db: PrismaClient, actor: Actor, reportId: string) {
  await assertMayReadReport(db, actor, reportId);
  const report = await db.similarityReport.findUniqueOrThrow({
    where: { id: reportId },
    select: { ...reportSummarySelect, error: true, languages: true, problem: { select: { slug: true, title: true } } },
  });
  const side = { select: { id: true, createdAt: true, verdict: true, user: { select: { id: true, name: true } } } } as const;
  const pairs =
    report.status === "DONE"
      ? await db.similarityPair.findMany({
          where: { reportId },
          orderBy: [{ similarity: "desc" }, { longest: "desc" }, { id: "asc" }],
          take: SIMILARITY_PAIRS_SHOWN,
          select: {
            id: true,
            language: true,
            similarity: true,
            longest: true,
            overlap: true,
            leftSubmission: side,
            rightSubmission: side,
          },
        })
      : [];
  return { ...report, languages: (report.languages ?? []) as unknown as SimilarityLanguageSummary[], pairs };
}

/** One pair: both sources side by side with the shared fragments. */
export async function getSimilarityPair(db: PrismaClient, actor: Actor, pairId: string) {
  assertStaff(actor);
  const pair = await db.similarityPair.findUnique({ where: { id: pairId }, select: { reportId: true } });
  if (!pair) throw new AppError("NOT_FOUND", "Pair not found.");
  await assertMayReadReport(db, actor, pair.reportId);
  const side = {
    select: { id: true, language: true, source: true, createdAt: true, verdict: true, user: { select: { id: true, name: true } } },
  } as const;
  const row = await db.similarityPair.findUniqueOrThrow({
    where: { id: pairId },
    select: {
      id: true,
      reportId: true,
      language: true,
      similarity: true,
      longest: true,
      overlap: true,
      leftCovered: true,
      rightCovered: true,
      leftTotal: true,
      rightTotal: true,
      fragments: true,
      leftSubmission: side,
      rightSubmission: side,
      report: { select: { problem: { select: { slug: true, title: true } } } },
    },
  });
  return { ...row, fragments: row.fragments as unknown as SimilarityFragment[] };
}

/**
 * For the worker: the submissions a report compares, one per student and language (the
 * latest, or the latest accepted), with their sources. Decided when the report runs,
 * with the creator's rights at that moment.
 */
export async function similaritySubmissions(db: PrismaClient, reportId: string) {
  const report = await db.similarityReport.findUniqueOrThrow({
    where: { id: reportId },
    select: {
      problemId: true,
      courseId: true,
      onlyAccepted: true,
      createdBy: { select: { id: true, role: true } },
      problem: { select: { authorId: true } },
    },
  });
  const candidates = await db.submission.findMany({
    where: {
      problemId: report.problemId,
      kind: "SUBMIT",
      status: "DONE",
      ...(report.onlyAccepted ? { verdict: "AC" } : {}),
      user: studentsWhere(report, report.createdBy),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, userId: true, language: true },
  });
  const latest = new Map<string, string>();
  for (const s of candidates) if (!latest.has(`${s.userId}\n${s.language}`)) latest.set(`${s.userId}\n${s.language}`, s.id);
  return db.submission.findMany({
    where: { id: { in: [...latest.values()] } },
    orderBy: { createdAt: "asc" },
    select: { id: true, userId: true, language: true, source: true },
  });
}

/** For the worker: the problem's starter code per language (shared boilerplate is not plagiarism). */
export async function similarityTemplates(db: PrismaClient, reportId: string): Promise<Record<string, string>> {
  const report = await db.similarityReport.findUniqueOrThrow({
    where: { id: reportId },
    select: { problem: { select: { starterCode: true } } },
  });
  const code = report.problem.starterCode;
  return code && typeof code === "object" && !Array.isArray(code)
    ? Object.fromEntries(Object.entries(code).filter((e): e is [string, string] => typeof e[1] === "string"))
    : {};
}
