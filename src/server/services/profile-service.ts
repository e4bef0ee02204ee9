/** The signed-in user's own profile: name, password, solved count and a year of activity. */
import type { PrismaClient } from "../../generated/prisma/client";
import { AppError } from "../errors";
import type { Actor } from "./access";
import { hashPassword, verifyPassword } from "./user-service";

export const ACTIVITY_DAYS = 365;

/** Submissions (SUBMIT only) per UTC day over the last year, oldest first; days without any are left out. */
export async function activityByDay(db: PrismaClient, actor: Actor, now = new Date()) {
  const since = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - (ACTIVITY_DAYS - 1)));
  // createdAt is stored in UTC (timestamp without time zone), so date_trunc gives UTC days.
  const rows = await db.$queryRaw<Array<{ day: string; count: number }>>`
    SELECT to_char(date_trunc('day', "createdAt"), 'YYYY-MM-DD') AS day, count(*)::int AS count
    FROM "Submission"
    WHERE "userId" = ${actor.id} AND kind = 'SUBMIT' AND "createdAt" >= ${since}
    GROUP BY 1 ORDER BY 1`;
  return { since: since.toISOString().slice(0, 10), days: rows };
}

export async function getProfile(db: PrismaClient, actor: Actor) {
  const user = await db.user.findUnique({
    where: { id: actor.id },
    select: { id: true, name: true, email: true, role: true, createdAt: true, passwordHash: true },
  });
  if (!user) throw new AppError("NOT_FOUND", "Account not found.");
  const mine = { userId: actor.id, kind: "SUBMIT" as const };
  const [solved, submissions, accepted, activity] = await Promise.all([
    db.submission.findMany({ where: { ...mine, verdict: "AC" }, distinct: ["problemId"], select: { problemId: true } }),
    db.submission.count({ where: mine }),
    db.submission.count({ where: { ...mine, verdict: "AC" } }),
    activityByDay(db, actor),
  ]);
  const { passwordHash, ...rest } = user;
  return {
    ...rest,
    hasPassword: passwordHash !== null,
    solvedCount: solved.length,
    submissionCount: submissions,
    acceptedCount: accepted,
    activity,
  };
}

export async function updateName(db: PrismaClient, actor: Actor, name: string) {
  return db.user.update({ where: { id: actor.id }, data: { name: name.trim() }, select: { id: true, name: true } });
}

/** Changes the password after checking the current one (bcrypt). GitHub-only accounts have none to change. */
export async function changePassword(db: PrismaClient, actor: Actor, input: { currentPassword: string; newPassword: string }) {
  const user = await db.user.findUnique({ where: { id: actor.id }, select: { passwordHash: true } });
  if (!user) throw new AppError("NOT_FOUND", "Account not found.");
  if (!user.passwordHash) {
    throw new AppError("BAD_REQUEST", "This account signs in with GitHub and has no password to change.");
  }
  if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
    throw new AppError("BAD_REQUEST", "Your current password is not correct.", {
      fieldErrors: { currentPassword: ["Your current password is not correct."] },
    });
  }
  await db.user.update({ where: { id: actor.id }, data: { passwordHash: await hashPassword(input.newPassword) } });
  return { ok: true as const };
}
