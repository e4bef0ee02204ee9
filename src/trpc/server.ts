import { headers } from "next/headers";
import { cache } from "react";
import { createCaller } from "@/server/api/root";
import { createTRPCContext } from "@/server/api/trpc";

/** One context per RSC request, built from the incoming request headers and session. */
const createContext = cache(async () => {
  return createTRPCContext({ headers: new Headers(await headers()) });
});

/** Server-side caller for React Server Components: `await serverApi.problem.list()`. */
export const serverApi = createCaller(createContext);
