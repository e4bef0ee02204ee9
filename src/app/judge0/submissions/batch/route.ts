import { db } from "@/server/db";
import { apiRoute, authenticate, errorResponse, parseWith, readJsonBody } from "@/server/public-api/http";
import { Judge0BatchSchema } from "@/server/public-api/judge0";
import { createJudge0Submission, judge0Query, readJudge0Batch } from "@/server/public-api/judge0-handlers";

export const dynamic = "force-dynamic";

/**
 * Judge0's POST /submissions/batch: {submissions: [...]} → [{token} | {field: [errors]}],
 * each item created on its own (one invalid item does not sink the others; each counts
 * against the execution rate limit).
 */
export const POST = apiRoute("judge0", async (request) => {
  const caller = await authenticate(request, { scope: "SUBMIT", anonymousAllowed: true });
  const { submissions } = parseWith(Judge0BatchSchema, await readJsonBody(request));
  const query = { ...judge0Query(request), wait: false };
  const results = [];
  for (const item of submissions) {
    try {
      results.push(await createJudge0Submission(db, caller, item, query));
    } catch (error) {
      const answer = errorResponse("judge0", error);
      if (answer.status === 422) results.push(await answer.json());
      else throw error;
    }
  }
  return Response.json(results, { status: 201 });
});

/** Judge0's GET /submissions/batch?tokens=a,b,c (?base64_encoded, ?fields). */
export const GET = apiRoute("judge0", async (request) => {
  const caller = await authenticate(request, { scope: ["READ", "SUBMIT"], anonymousAllowed: true });
  const tokens = (new URL(request.url).searchParams.get("tokens") ?? "")
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean);
  return Response.json(await readJudge0Batch(db, caller, tokens, judge0Query(request)));
});
