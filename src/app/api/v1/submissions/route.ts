import { db } from "@/server/db";
import { apiRoute, authenticate, enforceExecutionLimit, parseWith, readJsonBody } from "@/server/public-api/http";
import {
  CreateSubmissionQuerySchema,
  CreateSubmissionSchema,
  SubmissionCreatedSchema,
  SubmissionListQuerySchema,
  SubmissionListSchema,
  SubmissionSchema,
} from "@/server/public-api/v1-schemas";
import { createApiSubmission, listApiSubmissions } from "@/server/services/public-api-service";

export const dynamic = "force-dynamic";

export const POST = apiRoute("v1", async (request) => {
  const caller = await authenticate(request, { scope: "SUBMIT" });
  const query = parseWith(CreateSubmissionQuerySchema, Object.fromEntries(new URL(request.url).searchParams));
  const body = parseWith(CreateSubmissionSchema, await readJsonBody(request));
  await enforceExecutionLimit(caller);
  const result = await createApiSubmission(db, caller.user, { ...body, wait: query.wait === "true", signal: request.signal });
  if (result.finished) return Response.json(SubmissionSchema.parse(result.submission), { status: 201 });
  const created = SubmissionCreatedSchema.parse(result.created);
  // 202: asked to wait, but judging had not finished in time.
  return Response.json(created, { status: query.wait === "true" ? 202 : 201, headers: { Location: `/api/v1/submissions/${created.id}` } });
});

export const GET = apiRoute("v1", async (request) => {
  const caller = await authenticate(request, { scope: "READ" });
  const query = parseWith(SubmissionListQuerySchema, Object.fromEntries(new URL(request.url).searchParams));
  return Response.json(SubmissionListSchema.parse(await listApiSubmissions(db, caller.user, query)));
});
