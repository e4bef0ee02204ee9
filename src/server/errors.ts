import { TRPCError } from "@trpc/server";
import { Prisma } from "../generated/prisma/client";
import { webLogger } from "./logger";

/**
 * The one typed application error. Services throw it; `toTRPCError` maps it (and
 * Prisma's well-known errors) to tRPC codes in one place. Anything else becomes a
 * generic INTERNAL_SERVER_ERROR: the real message is only logged on the server.
 */
export const APP_ERROR_CODES = {
  BAD_REQUEST: "BAD_REQUEST",
  UNAUTHORIZED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  PAYLOAD_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  TOO_MANY_REQUESTS: "TOO_MANY_REQUESTS",
  /** The judge queue (Redis) cannot take work right now. */
  SERVICE_UNAVAILABLE: "SERVICE_UNAVAILABLE",
} as const;

export type AppErrorCode = keyof typeof APP_ERROR_CODES;

/** The HTTP status of each AppError code, for route handlers outside tRPC. */
export const HTTP_STATUS: Record<AppErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  TOO_MANY_REQUESTS: 429,
  SERVICE_UNAVAILABLE: 503,
};

export class AppError extends Error {
  readonly code: AppErrorCode;
  /** Optional per-field messages shown next to form inputs. */
  readonly fieldErrors?: Record<string, string[]>;

  constructor(code: AppErrorCode, message: string, options?: { fieldErrors?: Record<string, string[]>; cause?: unknown }) {
    super(message, { cause: options?.cause });
    this.name = "AppError";
    this.code = code;
    this.fieldErrors = options?.fieldErrors;
  }
}

export const GENERIC_INTERNAL_MESSAGE = "Something went wrong on our side. Please try again.";

function fromPrismaError(error: Prisma.PrismaClientKnownRequestError): AppError | null {
  if (error.code === "P2002") {
    const target = (error.meta?.target as string[] | string | undefined) ?? [];
    const fields = Array.isArray(target) ? target : [target];
    return new AppError("CONFLICT", `That ${fields.join(", ") || "value"} is already taken.`, { cause: error });
  }
  if (error.code === "P2025") return new AppError("NOT_FOUND", "Not found.", { cause: error });
  return null;
}

/** Turns any thrown value into an AppError, or null when it is an unexpected (internal) error. */
export function toAppError(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  if (error instanceof Prisma.PrismaClientKnownRequestError) return fromPrismaError(error);
  return null;
}

/** Maps an error thrown inside a procedure to what the client may see. */
export function toTRPCError(error: unknown, path?: string): TRPCError {
  if (error instanceof TRPCError && error.code !== "INTERNAL_SERVER_ERROR") return error;
  const cause = error instanceof TRPCError ? (error.cause ?? error) : error;
  const appError = toAppError(cause);
  if (appError) return new TRPCError({ code: appError.code, message: appError.message, cause: appError });
  webLogger().error({ path, err: cause }, "[trpc] internal error");
  return new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: GENERIC_INTERNAL_MESSAGE });
}
