import { db } from "@/server/db";
import { apiRoute, authenticate } from "@/server/public-api/http";
import { ProblemListSchema } from "@/server/public-api/v1-schemas";
import { listApiProblems } from "@/server/services/public-api-service";

export const dynamic = "force-dynamic";

export const GET = apiRoute("v1", async (request) => {
  const caller = await authenticate(request, { scope: "READ" });
  return Response.json(ProblemListSchema.parse({ problems: await listApiProblems(db, caller.user) }));
});
