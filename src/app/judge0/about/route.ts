import { apiRoute } from "@/server/public-api/http";

export const dynamic = "force-dynamic";

export const GET = apiRoute("judge0", async () =>
  Response.json({ version: "1.13.1-coderunner", homepage: "/docs/api", source_code: "", maintainer: "CodeRunner" }),
);
