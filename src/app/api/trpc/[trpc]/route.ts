import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import type { NextRequest } from "next/server";
import { appRouter } from "@/server/api/root";
import { createTRPCContext } from "@/server/api/trpc";
import { webLogger } from "@/server/logger";

/**
 * Largest request body read at all: the biggest legitimate one is 1 MiB of stdin plus
 * 64 KiB of source, JSON-escaped. Anything larger is refused before it is buffered.
 */
const MAX_TRPC_BODY_BYTES = 8 * 1024 * 1024;

const handler = (req: NextRequest) => {
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > MAX_TRPC_BODY_BYTES) {
    return Response.json(
      { error: { message: `The request is larger than ${MAX_TRPC_BODY_BYTES / 1024 / 1024} MiB.`, code: "PAYLOAD_TOO_LARGE" } },
      { status: 413 },
    );
  }
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: () => createTRPCContext({ headers: req.headers }),
    onError({ path, error }) {
      // Errors inside procedures were logged by the error-mapping middleware (which drops
      // the cause); this catches the rest, e.g. a failure while building the context.
      if (error.code === "INTERNAL_SERVER_ERROR" && error.cause) webLogger().error({ path, err: error.cause }, "[trpc] request failed");
    },
  });
};

export { handler as GET, handler as POST };
