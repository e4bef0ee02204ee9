/**
 * Demo data: three accounts, a course, and the problem packages under problems/.
 * Idempotent: users and problems are upserted by email/slug; a problem's tests
 * are replaced only when they changed.
 */
import { formatJoinCode, normaliseJoinCode } from "../src/lib/join-code";
import { db } from "../src/server/db";
import { hashPassword } from "../src/server/services/user-service";
import { loadSeedProblems, upsertSeedProblem } from "./seed-problems";

/** Printed in the README as DEMO-2026; stored normalised like every join code. */
const DEMO_JOIN_CODE = normaliseJoinCode("DEMO-2026");

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
      data: { email: u.email, name: u.name, role: u.role, passwordHash: await hashPassword(u.password) },
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
    where: { joinCode: DEMO_JOIN_CODE },
    update: {},
    create: { title: "Introduction to Algorithms (demo)", joinCode: DEMO_JOIN_CODE, ownerId: users.TEACHER },
  });
  await db.enrollment.upsert({
    where: { courseId_userId: { courseId: course.id, userId: users.STUDENT } },
    update: {},
    create: { courseId: course.id, userId: users.STUDENT },
  });

  for (const [index, p] of problems.entries()) {
    const { problem, changed } = await upsertSeedProblem(db, p, { authorId: users.TEACHER, visibility: "PUBLIC" });
    await db.courseProblem.upsert({
      where: { courseId_problemId: { courseId: course.id, problemId: problem.id } },
      update: { position: index },
      create: { courseId: course.id, problemId: problem.id, position: index },
    });
    console.log(`[seed] problem ${p.slug}: ${p.tests.length} tests${changed ? "" : " (unchanged)"}`);
  }
  console.log(`[seed] ${DEMO_USERS.length} demo users, course ${formatJoinCode(DEMO_JOIN_CODE)}, ${problems.length} problems`);
}

main()
  .then(() => db.$disconnect())
  .catch(async (err) => {
    console.error("[seed] failed:", err);
    await db.$disconnect();
    process.exit(1);
  });
