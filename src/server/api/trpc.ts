/**
 * tRPC plumbing (create-t3-app shape): the request context, error formatting and the
 * procedure builders every router uses. Procedures stay thin: validate with zod, check
 * permission here, call a service in src/server/services.
 */
import { initTRPC, TRPCError } from "@trpc/server";
import type { Session } from "next-auth";
import superjson from "superjson";
import { z, ZodError } from "zod";
import type { Role } from "../../generated/prisma/enums";
import { getServerAuthSession } from "../auth";
import { db } from "../db";
import { AppError, GENERIC_INTERNAL_MESSAGE, toTRPCError } from "../errors";
import { RateLimitError } from "../rate-limit";

export interface TRPCContext {
  db: typeof db;
  session: Session | null;
  headers: Headers;
}

/** Context without any request plumbing: used by tests and the server-side caller. */
export function createInnerTRPCContext(opts: { session: Session | null; headers?: Headers }): TRPCContext {
  return { db, session: opts.session, headers: opts.headers ?? new Headers() };
}

/** Context for an HTTP request (the fetch adapter in src/app/api/trpc). */
export async function createTRPCContext(opts: { headers: Headers }): Promise<TRPCContext> {
  const session = await getServerAuthSession();
  return createInnerTRPCContext({ session, headers: opts.headers });
}

const t = initTRPC.context<TRPCContext>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    let fieldErrors: Record<string, string[] | undefined> | null = null;
    if (cause instanceof ZodError) fieldErrors = z.flattenError(cause).fieldErrors as Record<string, string[] | undefined>;
    else if (cause instanceof AppError && cause.fieldErrors) fieldErrors = cause.fieldErrors;
    const isInternal = error.code === "INTERNAL_SERVER_ERROR";
    return {
      ...shape,
      // For invalid input, the first problem in words ("Source code is larger than 64 KiB"), not zod's JSON.
      message: isInternal
        ? GENERIC_INTERNAL_MESSAGE
        : cause instanceof ZodError
          ? (cause.issues[0]?.message ?? "Invalid input.")
          : shape.message,
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        fieldErrors,
        // Seconds until a rate-limited request may be retried (also the HTTP Retry-After header).
        retryAfterSec: cause instanceof RateLimitError ? cause.retryAfterSec : null,
      },
    };
  },
});

export const createCallerFactory = t.createCallerFactory;
export const createTRPCRouter = t.router;

/** Maps AppError / Prisma errors to tRPC codes; anything unexpected becomes a generic 500. */
const errorMapping = t.middleware(async ({ next, path }) => {
  const result = await next();
  if (!result.ok) throw toTRPCError(result.error, path);
  return result;
});

export const publicProcedure = t.procedure.use(errorMapping);

export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.session?.user?.id) throw new TRPCError({ code: "UNAUTHORIZED", message: "Please sign in." });
  return next({ ctx: { session: ctx.session, user: ctx.session.user } });
});

const requireRole = (roles: readonly Role[], message: string) =>
  protectedProcedure.use(({ ctx, next }) => {
    if (!roles.includes(ctx.user.role)) throw new TRPCError({ code: "FORBIDDEN", message });
    return next();
  });

/** TEACHER or ADMIN. */
export const teacherProcedure = requireRole(["TEACHER", "ADMIN"], "Only teachers can do this.");
