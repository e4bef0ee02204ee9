import { db } from "@/server/db";
import { apiRoute, authenticate, parseWith } from "@/server/public-api/http";
import { ProblemParamsSchema, ProblemSchema } from "@/server/public-api/v1-schemas";
import { getApiProblem } from "@/server/services/public-api-service";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ slug: string }>("v1", async (request, params) => {
  const caller = await authenticate(request, { scope: "READ" });
  const { slug } = parseWith(ProblemParamsSchema, params);
  return Response.json(ProblemSchema.parse(await getApiProblem(db, caller.user, slug)));
});
