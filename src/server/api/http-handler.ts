/**
 * tRPC over HTTP (the fetch adapter behind src/app/api/trpc): caps the request body while
 * it streams, and answers rate-limited calls with Retry-After. Kept out of the route file
 * so tests can drive it with their own context.
 */
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { capRequestBody } from "../http/body-limit";
import { RateLimitError } from "../rate-limit";
import { appRouter } from "./root";
import type { TRPCContext } from "./trpc";

/**
 * Largest request body read at all: the biggest legitimate one is 1 MiB of stdin plus
 * 64 KiB of source, JSON-escaped. Anything larger is refused while it streams in.
 */
export const MAX_TRPC_BODY_BYTES = 8 * 1024 * 1024;

export async function handleTRPCRequest(req: Request, createContext: (headers: Headers) => Promise<TRPCContext>): Promise<Response> {
  const capped = await capRequestBody(req, MAX_TRPC_BODY_BYTES);
  if (!capped.ok) return capped.response;
  const request = capped.body
    ? new Request(req.url, { method: req.method, headers: capped.headers, body: capped.body, signal: req.signal })
    : req;
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    createContext: () => createContext(request.headers),
    responseMeta({ errors }) {
      // A refused call says when to come back (streamed batches carry it in the error's data).
      const waits = errors.map((e) => e.cause).flatMap((c) => (c instanceof RateLimitError ? [c.retryAfterSec] : []));
      return waits.length ? { headers: new Headers({ "Retry-After": String(Math.max(...waits)) }) } : {};
    },
    onError({ path, error }) {
      // Errors inside procedures were logged by the error-mapping middleware (which drops
      // the cause); this catches the rest, e.g. a failure while building the context.
      if (error.code === "INTERNAL_SERVER_ERROR" && error.cause) console.error(`[trpc] ${path ?? "<no-path>"}:`, error.cause);
    },
  });
}
