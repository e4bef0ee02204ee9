/** tRPC helpers for integration tests: a caller acting as a given user, and error assertions. */
import { TRPCError } from "@trpc/server";
import type { Session } from "next-auth";
import { expect } from "vitest";
import type { Role } from "../src/generated/prisma/client";
import { createCaller } from "../src/server/api/root";
import { createInnerTRPCContext } from "../src/server/api/trpc";

export function callerFor(user: { id: string; email: string; name: string; role: Role } | null) {
  const session: Session | null = user ? { user, expires: new Date(Date.now() + 3600_000).toISOString() } : null;
  return createCaller(createInnerTRPCContext({ session }));
}

/** Awaits `promise`, asserts it failed with a TRPCError, and returns that error. */
export async function trpcErrorOf(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

/** Awaits `promise` and asserts it failed with a TRPCError of one of `codes` (and, optionally, a message part). */
export async function expectTRPCError(promise: Promise<unknown>, codes: string | string[], message?: string): Promise<TRPCError> {
  const error = await trpcErrorOf(promise);
  expect([codes].flat()).toContain(error.code);
  if (message) expect(JSON.stringify({ message: error.message, cause: error.cause })).toContain(message);
  return error;
}
