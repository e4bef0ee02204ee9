import { db } from "@/server/db";
import { apiRoute, authenticate } from "@/server/public-api/http";
import { judge0Query, readJudge0Submission } from "@/server/public-api/judge0-handlers";

export const dynamic = "force-dynamic";

/** Judge0's GET /submissions/{token} (?base64_encoded, ?fields). */
export const GET = apiRoute<{ token: string }>("judge0", async (request, params) => {
  const caller = await authenticate(request, { scope: ["READ", "SUBMIT"], anonymousAllowed: true });
  return Response.json(await readJudge0Submission(db, caller, params.token, judge0Query(request)));
});
