import { openApiDocument } from "@/server/public-api/openapi";

export const dynamic = "force-dynamic";

/** The OpenAPI 3.1 document of REST v1 (public: it describes, it does not expose). */
export function GET() {
  return Response.json(openApiDocument(), { headers: { "Access-Control-Allow-Origin": "*" } });
}
