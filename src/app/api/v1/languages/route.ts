import { apiRoute, authenticate } from "@/server/public-api/http";
import { LanguageListSchema } from "@/server/public-api/v1-schemas";
import { listApiLanguages } from "@/server/services/public-api-service";

export const dynamic = "force-dynamic";

export const GET = apiRoute("v1", async (request) => {
  await authenticate(request, { scope: "READ" });
  return Response.json(LanguageListSchema.parse({ languages: listApiLanguages() }));
});
