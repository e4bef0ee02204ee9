import bcrypt from "bcrypt";
import type { PrismaClient } from "../../generated/prisma/client";
import { Prisma } from "../../generated/prisma/client";
import type { Role } from "../../generated/prisma/enums";
import { AppError } from "../errors";
import { enforceRateLimit } from "../rate-limit";
import { RATE_LIMITS } from "../rate-limit-rules";

const BCRYPT_COST = 12;
// Compared against when the email is unknown, so a miss costs as long as a wrong password.
const DUMMY_HASH = bcrypt.hashSync("coderunner-timing-equaliser", BCRYPT_COST);

export interface SessionUser {
  id: string;
  name: string;
  email: string;
  role: Role;
}

const sessionUserSelect = { id: true, name: true, email: true, role: true } as const;

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, BCRYPT_COST);
}

/** Creates a STUDENT account; limited per client IP and per email (hashing costs CPU). */
export async function signUp(
  db: PrismaClient,
  input: { name: string; email: string; password: string },
  client: { ip: string },
): Promise<SessionUser> {
  const email = normaliseEmail(input.email);
  await enforceRateLimit(RATE_LIMITS.signUpIp, client.ip, "Sign-up");
  await enforceRateLimit(RATE_LIMITS.signUpAccount, email, "Sign-up");
  const duplicate = () =>
    new AppError("CONFLICT", "An account with this email already exists.", {
      fieldErrors: { email: ["An account with this email already exists."] },
    });
  if (await db.user.findUnique({ where: { email }, select: { id: true } })) throw duplicate();
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.user.create({
      data: { name: input.name.trim(), email, passwordHash, role: "STUDENT" },
      select: sessionUserSelect,
    });
  } catch (error) {
    // A concurrent sign-up with the same email won the race.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw duplicate();
    throw error;
  }
}

/** Returns the user when email + password match, else null (never says which was wrong). */
export async function verifyCredentials(db: PrismaClient, email: string, password: string): Promise<SessionUser | null> {
  const user = await db.user.findUnique({
    where: { email: normaliseEmail(email) },
    select: { ...sessionUserSelect, passwordHash: true },
  });
  const ok = await bcrypt.compare(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !user.passwordHash || !ok) return null;
  return { id: user.id, name: user.name, email: user.email, role: user.role };
}

/**
 * A password sign-in attempt: limited per client IP and per email before any bcrypt work
 * (throws RateLimitError), then like verifyCredentials. Every attempt counts, so guessing
 * at one account is slow from any number of addresses.
 */
export async function signInWithPassword(db: PrismaClient, input: { email: string; password: string; ip: string }) {
  await enforceRateLimit(RATE_LIMITS.signInIp, input.ip, "Sign-in");
  await enforceRateLimit(RATE_LIMITS.signInAccount, normaliseEmail(input.email), "Sign-in");
  return verifyCredentials(db, input.email, input.password);
}

export function findSessionUser(db: PrismaClient, id: string): Promise<SessionUser | null> {
  return db.user.findUnique({ where: { id }, select: sessionUserSelect });
}

/**
 * GitHub sign-in: reuse the account already linked to this GitHub identity, else link to
 * the user with the same email, else create a student. Linking or creating needs an
 * address GitHub reports as verified (github-emails.ts); without one, an identity that
 * is not linked yet is refused (null).
 */
export async function linkOAuthAccount(
  db: PrismaClient,
  input: { provider: string; providerAccountId: string; verifiedEmail?: string | null; name?: string | null; image?: string | null },
): Promise<SessionUser | null> {
  const linked = await db.account.findUnique({
    where: { provider_providerAccountId: { provider: input.provider, providerAccountId: input.providerAccountId } },
    select: { user: { select: sessionUserSelect } },
  });
  if (linked) return linked.user;
  if (!input.verifiedEmail) return null;
  const email = normaliseEmail(input.verifiedEmail);
  const user = await db.user.upsert({
    where: { email },
    update: {},
    create: { email, name: input.name?.trim() || email.split("@")[0]!, image: input.image ?? null, role: "STUDENT" },
    select: sessionUserSelect,
  });
  await db.account.upsert({
    where: { provider_providerAccountId: { provider: input.provider, providerAccountId: input.providerAccountId } },
    update: {},
    create: { userId: user.id, provider: input.provider, providerAccountId: input.providerAccountId },
  });
  return user;
}

/** Whether `password` matches a stored bcrypt hash. */
export function verifyPassword(password: string, passwordHash: string): Promise<boolean> {
  return bcrypt.compare(password, passwordHash);
}
