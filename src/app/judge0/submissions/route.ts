import { db } from "@/server/db";
import { apiRoute, authenticate, readJsonBody } from "@/server/public-api/http";
import { createJudge0Submission, judge0Query } from "@/server/public-api/judge0-handlers";

export const dynamic = "force-dynamic";

/** Judge0's POST /submissions (?base64_encoded, ?wait, ?fields). */
export const POST = apiRoute("judge0", async (request) => {
  const caller = await authenticate(request, { scope: "SUBMIT", anonymousAllowed: true });
  const body = await readJsonBody(request);
  return Response.json(await createJudge0Submission(db, caller, body, judge0Query(request), request.signal), { status: 201 });
});
