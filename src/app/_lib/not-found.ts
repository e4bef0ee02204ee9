import { TRPCError } from "@trpc/server";
import { notFound } from "next/navigation";

/**
 * Awaits a server-side tRPC call for a page and turns "no such thing" (NOT_FOUND, or an id
 * or slug that cannot exist: BAD_REQUEST) into the 404 page; anything else is rethrown.
 */
export async function orNotFound<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
    throw error;
  }
}
