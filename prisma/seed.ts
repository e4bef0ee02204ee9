/**
 * Demo data: three accounts, a course, and the problem packages under problems/.
 * Idempotent: users and problems are upserted by email/slug; a problem's tests
 * are replaced only when they changed.
 */
import bcrypt from "bcrypt";
import { db } from "../src/server/db";
import { loadSeedProblems } from "./seed-problems";
import type { Prisma } from "../src/generated/prisma/client";

export const DEMO_USERS = [
  { email: "student@coderunner.dev", name: "Sam Student", password: "student-demo", role: "STUDENT" },
  { email: "teacher@coderunner.dev", name: "Tess Teacher", password: "teacher-demo", role: "TEACHER" },
  { email: "admin@coderunner.dev", name: "Ada Admin", password: "admin-demo", role: "ADMIN" },
] as const;

async function upsertUsers() {
  const ids: Record<string, string> = {};
  for (const u of DEMO_USERS) {
    const existing = await db.user.findUnique({ where: { email: u.email }, select: { id: true } });
    if (existing) {
      ids[u.role] = existing.id;
      continue;
    }
    const created = await db.user.create({
      data: { email: u.email, name: u.name, role: u.role, passwordHash: await bcrypt.hash(u.password, 10) },
      select: { id: true },
    });
    ids[u.role] = created.id;
  }
  return ids as Record<(typeof DEMO_USERS)[number]["role"], string>;
}

async function main() {
  const users = await upsertUsers();
  const problems = await loadSeedProblems();

  const course = await db.course.upsert({
    where: { joinCode: "DEMO-2026" },
    update: {},
    create: { title: "Introduction to Algorithms (demo)", joinCode: "DEMO-2026", ownerId: users.TEACHER },
  });
  await db.enrollment.upsert({
    where: { courseId_userId: { courseId: course.id, userId: users.STUDENT } },
    update: {},
    create: { courseId: course.id, userId: users.STUDENT },
  });

  for (const [index, p] of problems.entries()) {
    const data = {
      title: p.title,
      statement: p.statement,
      timeLimitMs: p.timeLimitMs,
      memoryLimitMb: p.memoryLimitMb,
      checkerKind: p.checkerKind,
      checkerOptions: (p.checkerOptions ?? undefined) as Prisma.InputJsonValue | undefined,
      checkerSource: p.checkerSource ?? null,
      checkerLanguage: p.checkerLanguage ?? null,
      scoringMode: p.scoringMode,
      difficulty: p.difficulty,
      tags: p.tags,
    };
    const problem = await db.problem.upsert({
      where: { slug: p.slug },
      update: data,
      create: { ...data, slug: p.slug, visibility: "PUBLIC", authorId: users.TEACHER },
      include: { tests: { orderBy: { position: "asc" } } },
    });
    const same =
      problem.tests.length === p.tests.length &&
      problem.tests.every((t, i) => {
        const n = p.tests[i]!;
        return t.input === n.input && t.expectedOutput === n.expectedOutput && t.isSample === n.isSample && t.points === n.points;
      });
    if (!same) {
      await db.$transaction([
        db.testCase.deleteMany({ where: { problemId: problem.id } }),
        db.testCase.createMany({
          data: p.tests.map((t) => ({ ...t, name: t.name ?? null, problemId: problem.id })),
        }),
      ]);
    }
    await db.courseProblem.upsert({
      where: { courseId_problemId: { courseId: course.id, problemId: problem.id } },
      update: { position: index },
      create: { courseId: course.id, problemId: problem.id, position: index },
    });
    console.log(`[seed] problem ${p.slug}: ${p.tests.length} tests${same ? " (unchanged)" : ""}`);
  }
  console.log(`[seed] ${DEMO_USERS.length} demo users, course DEMO-2026, ${problems.length} problems`);
}

main()
  .then(() => db.$disconnect())
  .catch(async (err) => {
    console.error("[seed] failed:", err);
    await db.$disconnect();
    process.exit(1);
  });
