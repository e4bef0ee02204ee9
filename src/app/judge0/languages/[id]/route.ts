import { apiRoute } from "@/server/public-api/http";
import { judge0Language } from "@/server/public-api/judge0";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ id: string }>("judge0", async (_request, params) => {
  const language = /^\d{1,6}$/.test(params.id) ? judge0Language(Number(params.id)) : null;
  if (!language) return Response.json({ error: "language not found" }, { status: 404 });
  return Response.json(language);
});
