import { apiRoute } from "@/server/public-api/http";
import { judge0Languages } from "@/server/public-api/judge0";

export const dynamic = "force-dynamic";

/** Judge0's language list (open to everyone: it runs nothing). */
export const GET = apiRoute("judge0", async () => Response.json(judge0Languages()));
