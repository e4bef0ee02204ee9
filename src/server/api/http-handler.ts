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

/** At most `limit` holders at once; the others wait in arrival order. */
export class Gate {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  constructor(private readonly limit: number) {}

  async enter(): Promise<() => void> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next)
        next(); // the slot passes on
      else this.active--;
    };
  }
}

/**
 * Submits and Runs being handled at once; more wait their turn without using the CPU. A lab
 * pressing Submit together would otherwise queue every page load and query behind all of
 * them on the event loop (each costs the web app ~20 ms of CPU): with the gate, a page load
 * waits for at most this many. Total throughput is the same.
 */
export const MAX_CONCURRENT_CODE_SUBMITS = 2;
const CODE_SUBMIT_PROCEDURES = new Set(["submission.create", "submission.run"]);
/** The gate is a soft limit: a slot is given back after this long whatever the response does. */
const MAX_SUBMIT_HOLD_MS = 2000;
const submitGate = new Gate(MAX_CONCURRENT_CODE_SUBMITS);

export async function handleTRPCRequest(req: Request, createContext: (headers: Headers) => Promise<TRPCContext>): Promise<Response> {
  if (req.method !== "POST" || !procedureNames(req.url).some((name) => CODE_SUBMIT_PROCEDURES.has(name))) {
    return handle(req, createContext);
  }
  const release = await submitGate.enter();
  if (req.signal.aborted) {
    // The student left (or the browser gave up) while waiting: nothing was recorded, nobody reads this.
    release();
    return new Response(null, { status: 499, statusText: "Client Closed Request" });
  }
  // A caller that never reads the body (or a stuck stream) holds the slot this long at most.
  setTimeout(release, MAX_SUBMIT_HOLD_MS).unref();
  try {
    const response = await handle(req, createContext);
    if (!response.body) {
      release();
      return response;
    }
    // The browser's batch link streams: the procedures finish when the body does.
    return new Response(releasedAtEnd(response.body, release), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  } catch (error) {
    release();
    throw error;
  }
}

/** `body`, calling `release` once it has ended, failed or been cancelled (the client left). */
function releasedAtEnd(body: ReadableStream<Uint8Array>, release: () => void): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) {
          release();
          controller.close();
        } else controller.enqueue(value);
      } catch (error) {
        release();
        controller.error(error);
      }
    },
    cancel(reason) {
      release();
      return reader.cancel(reason);
    },
  });
}

/** The procedures a tRPC URL calls (`/api/trpc/a.b,c.d?batch=1`). */
export function procedureNames(url: string): string[] {
  const path = new URL(url).pathname.replace(/^\/api\/trpc\/?/, "");
  return decodeURIComponent(path).split(",");
}

async function handle(req: Request, createContext: (headers: Headers) => Promise<TRPCContext>): Promise<Response> {
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
