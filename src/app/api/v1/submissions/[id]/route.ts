import { db } from "@/server/db";
import { apiRoute, authenticate, parseWith } from "@/server/public-api/http";
import { SubmissionParamsSchema, SubmissionSchema } from "@/server/public-api/v1-schemas";
import { getApiSubmission } from "@/server/services/public-api-service";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ id: string }>("v1", async (request, params) => {
  const caller = await authenticate(request, { scope: "READ" });
  const { id } = parseWith(SubmissionParamsSchema, params);
  return Response.json(SubmissionSchema.parse(await getApiSubmission(db, caller.user, id)));
});
