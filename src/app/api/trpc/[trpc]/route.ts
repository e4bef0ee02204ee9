import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import type { NextRequest } from "next/server";
import { appRouter } from "@/server/api/root";
import { createTRPCContext } from "@/server/api/trpc";

const handler = (req: NextRequest) =>
  fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: () => createTRPCContext({ headers: req.headers }),
    onError({ path, error }) {
      // Errors inside procedures were logged by the error-mapping middleware (which drops
      // the cause); this catches the rest, e.g. a failure while building the context.
      if (error.code === "INTERNAL_SERVER_ERROR" && error.cause) console.error(`[trpc] ${path ?? "<no-path>"}:`, error.cause);
    },
  });

export { handler as GET, handler as POST };
