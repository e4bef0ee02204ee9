/**
 * Plumbing shared by the public API's route handlers (REST v1, Piston, Judge0): bearer
 * token authentication, per-token rate limits (Redis), bounded JSON bodies, and the one
 * mapping from AppError to an HTTP status, with an error body in each API's own shape.
 */
import type { ApiScope } from "../../generated/prisma/enums";
import { env } from "../../env";
import { db } from "../db";
import { AppError, HTTP_STATUS, toAppError, GENERIC_INTERNAL_MESSAGE } from "../errors";
import { readBodyCapped } from "../http/body-limit";
import { hitRateLimit, RateLimitError, type RateLimitRule } from "../rate-limit";
import { authenticateApiToken } from "../services/api-token-service";
import { getAnonymousActor } from "../services/execution-service";
import { ApiValidationError } from "./validation";
import type { SessionUser } from "../services/user-service";

export { ApiValidationError, parseWith } from "./validation";

/** Which API's error shape to answer with. */
export type ApiFlavor = "v1" | "piston" | "judge0";

/** Largest request body read at all (a batch of Judge0 submissions, base64, fits). */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

export { HTTP_STATUS };

export interface ApiCallerContext {
  user: SessionUser;
  scopes: ApiScope[];
  anonymous: boolean;
  /** Whom the rate limits count: the token, or the client's address when anonymous. */
  subject: string;
}

/**
 * The token a client sent: `Authorization: Bearer <token>`, a bare `Authorization: <token>`
 * (what Piston deployments with keys expect), or Judge0's `X-Auth-Token: <token>`.
 */
export function tokenFromHeaders(headers: Headers): string | null {
  const authorization = headers.get("authorization")?.trim();
  if (authorization) return authorization.replace(/^Bearer\s+/i, "").trim() || null;
  return headers.get("x-auth-token")?.trim() || null;
}

function clientAddress(headers: Headers): string {
  return headers.get("x-forwarded-for")?.split(",")[0]?.trim() || headers.get("x-real-ip")?.trim() || "unknown";
}

const requestRule = (): RateLimitRule => ({ name: "api:requests", limit: env.API_REQUESTS_PER_MINUTE, windowMs: 60_000 });
const executionRule = (): RateLimitRule => ({ name: "api:executions", limit: env.API_EXECUTIONS_PER_MINUTE, windowMs: 60_000 });

async function enforce(rule: RateLimitRule, subject: string, what: string) {
  const result = await hitRateLimit(rule, subject);
  if (!result.ok) {
    throw new RateLimitError(`${what}: rate limit reached. Please wait ${result.retryAfterSec} s and try again.`, result.retryAfterSec);
  }
}

/**
 * Who is calling, with `scope` checked and the per-token request limit counted.
 * `scope`: any one of them suffices. `anonymousAllowed`: the compatible endpoints may run without a token when
 * API_ANONYMOUS_EXEC is on (then limits count per client address).
 */
export async function authenticate(
  request: Request,
  options: { scope: ApiScope | ApiScope[]; anonymousAllowed?: boolean },
): Promise<ApiCallerContext> {
  const secret = tokenFromHeaders(request.headers);
  let context: ApiCallerContext;
  if (secret) {
    const caller = await authenticateApiToken(db, secret);
    if (!caller) throw new AppError("UNAUTHORIZED", "The API token is invalid or has been revoked.");
    context = { user: caller.user, scopes: caller.scopes, anonymous: false, subject: `token:${caller.tokenId}` };
  } else if (options.anonymousAllowed && env.API_ANONYMOUS_EXEC) {
    const user = await getAnonymousActor(db);
    context = { user, scopes: ["READ", "SUBMIT"], anonymous: true, subject: `ip:${clientAddress(request.headers)}` };
  } else {
    throw new AppError("UNAUTHORIZED", "An API token is required: send it as 'Authorization: Bearer <token>'.");
  }
  await enforce(requestRule(), context.subject, "API requests");
  const anyOf = Array.isArray(options.scope) ? options.scope : [options.scope];
  if (!anyOf.some((scope) => context.scopes.includes(scope))) {
    throw new AppError("FORBIDDEN", `This token lacks the '${anyOf.map((s) => s.toLowerCase()).join("' or '")}' scope.`);
  }
  return context;
}

/** Counts one submission or execution against the caller's (stricter) execution limit. */
export function enforceExecutionLimit(context: ApiCallerContext): Promise<void> {
  return enforce(executionRule(), context.subject, "Executions");
}

/** Reads a JSON body of at most `maxBytes`, whatever its Content-Type (piston-client sends text/plain). */
export async function readJsonBody(request: Request, maxBytes = MAX_BODY_BYTES): Promise<unknown> {
  const tooLarge = () => new AppError("PAYLOAD_TOO_LARGE", `The request body is larger than ${maxBytes / 1024 / 1024} MiB.`);
  const body = await readBodyCapped(request, maxBytes);
  if (!body) throw tooLarge();
  const text = Buffer.from(body).toString("utf8");
  if (!text.trim()) throw new AppError("BAD_REQUEST", "The request needs a JSON body.");
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("BAD_REQUEST", "The request body is not valid JSON.");
  }
}

function errorBody(flavor: ApiFlavor, error: AppError): unknown {
  if (flavor === "piston") return { message: error.message };
  if (flavor === "judge0") {
    // Judge0 answers validation errors as { field: [messages] } with 422, others as { error }.
    if (error instanceof ApiValidationError) return error.issues;
    return { error: error.message };
  }
  return { error: { code: error.code, message: error.message, ...(error.fieldErrors ? { fields: error.fieldErrors } : {}) } };
}

/** The HTTP answer for any thrown value; unexpected errors are logged and answered with a generic 500. */
export function errorResponse(flavor: ApiFlavor, thrown: unknown): Response {
  const error = toAppError(thrown);
  if (!error) {
    console.error(`[api:${flavor}] internal error:`, thrown);
    const message = GENERIC_INTERNAL_MESSAGE;
    const body =
      flavor === "v1" ? { error: { code: "INTERNAL_SERVER_ERROR", message } } : flavor === "piston" ? { message } : { error: message };
    return Response.json(body, { status: 500 });
  }
  const status = flavor === "judge0" && error instanceof ApiValidationError ? 422 : HTTP_STATUS[error.code];
  const headers: Record<string, string> = {};
  if (error instanceof RateLimitError) headers["Retry-After"] = String(error.retryAfterSec);
  if (error.code === "SERVICE_UNAVAILABLE") headers["Retry-After"] = "30";
  if (error.code === "UNAUTHORIZED") headers["WWW-Authenticate"] = 'Bearer realm="coderunner"';
  return Response.json(errorBody(flavor, error), { status, headers });
}

type RouteContext<P> = { params: Promise<P> };

/** Wraps a route handler so that every error becomes a JSON answer in the API's shape. */
export function apiRoute<P = Record<string, never>>(
  flavor: ApiFlavor,
  handler: (request: Request, params: P) => Promise<Response>,
): (request: Request, context: RouteContext<P>) => Promise<Response> {
  return async (request, context) => {
    try {
      return await handler(request, await context.params);
    } catch (error) {
      return errorResponse(flavor, error);
    }
  };
}

/** `?flag=true` style query booleans ("true"/"1" are true). */
export function queryFlag(url: URL, name: string): boolean {
  const value = url.searchParams.get(name)?.toLowerCase();
  return value === "true" || value === "1";
}
