import { createHash, randomBytes } from "node:crypto";
import type { PrismaClient } from "../../generated/prisma/client";
import type { ApiScope } from "../../generated/prisma/enums";
import { AppError } from "../errors";
import type { Actor } from "./access";
import type { SessionUser } from "./user-service";

/**
 * Personal API tokens: `cr_` + 32 random bytes (base64url). Only a SHA-256 of the secret is
 * stored (a random 256-bit secret needs no slow hash: there is nothing to brute-force), so
 * the secret is shown once, at creation. Revoking deletes the row.
 */
export const API_TOKEN_PREFIX = "cr_";
export const API_SCOPES = ["READ", "SUBMIT"] as const satisfies readonly ApiScope[];
export const MAX_TOKENS_PER_USER = 20;
export const TOKEN_NAME_MAX = 64;
/** lastUsedAt is written at most this often per token, not on every request. */
const LAST_USED_RESOLUTION_MS = 60_000;

export const hashApiToken = (secret: string) => createHash("sha256").update(secret, "utf8").digest("hex");

const tokenSelect = { id: true, name: true, prefix: true, scopes: true, lastUsedAt: true, createdAt: true } as const;

export async function listApiTokens(db: PrismaClient, actor: Actor) {
  return db.apiToken.findMany({ where: { userId: actor.id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: tokenSelect });
}

export async function createApiToken(db: PrismaClient, actor: Actor, input: { name: string; scopes: ApiScope[] }) {
  const name = input.name.trim();
  if (!name || name.length > TOKEN_NAME_MAX) {
    throw new AppError("BAD_REQUEST", `A token needs a name of 1 to ${TOKEN_NAME_MAX} characters.`, {
      fieldErrors: { name: [`1 to ${TOKEN_NAME_MAX} characters.`] },
    });
  }
  const scopes = [...new Set(input.scopes)].filter((s) => (API_SCOPES as readonly string[]).includes(s));
  if (scopes.length === 0) {
    throw new AppError("BAD_REQUEST", "Pick at least one scope.", { fieldErrors: { scopes: ["Pick at least one scope."] } });
  }
  if ((await db.apiToken.count({ where: { userId: actor.id } })) >= MAX_TOKENS_PER_USER) {
    throw new AppError("CONFLICT", `You already have ${MAX_TOKENS_PER_USER} tokens. Revoke one first.`);
  }
  const secret = API_TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const token = await db.apiToken.create({
    data: { userId: actor.id, name, scopes, tokenHash: hashApiToken(secret), prefix: secret.slice(0, 9) },
    select: tokenSelect,
  });
  return { token, secret };
}

export async function revokeApiToken(db: PrismaClient, actor: Actor, id: string) {
  const deleted = await db.apiToken.deleteMany({ where: { id, userId: actor.id } });
  if (deleted.count === 0) throw new AppError("NOT_FOUND", "Token not found.");
}

export interface ApiCaller {
  user: SessionUser;
  tokenId: string;
  scopes: ApiScope[];
}

/** The caller a bearer secret stands for, or null when it is unknown or revoked. */
export async function authenticateApiToken(db: PrismaClient, secret: string): Promise<ApiCaller | null> {
  if (!secret.startsWith(API_TOKEN_PREFIX) || secret.length > 200) return null;
  const row = await db.apiToken.findUnique({
    where: { tokenHash: hashApiToken(secret) },
    select: { id: true, scopes: true, lastUsedAt: true, user: { select: { id: true, name: true, email: true, role: true } } },
  });
  if (!row) return null;
  const now = Date.now();
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db.apiToken.updateMany({ where: { id: row.id }, data: { lastUsedAt: new Date(now) } });
  }
  return { user: row.user, tokenId: row.id, scopes: row.scopes };
}
