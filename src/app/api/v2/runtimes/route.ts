import { apiRoute } from "@/server/public-api/http";
import { pistonRuntimes } from "@/server/public-api/piston";

export const dynamic = "force-dynamic";

/** Piston's runtime list. Open to everyone: it describes, it runs nothing. */
export const GET = apiRoute("piston", async () => Response.json(pistonRuntimes()));
