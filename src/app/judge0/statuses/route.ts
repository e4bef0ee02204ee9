import { apiRoute } from "@/server/public-api/http";
import { JUDGE0_STATUSES } from "@/server/public-api/judge0";

export const dynamic = "force-dynamic";

export const GET = apiRoute("judge0", async () => Response.json(JUDGE0_STATUSES));
