/**
 * The OpenAPI 3.1 document of REST v1, generated from the very zod schemas the handlers
 * validate with (./v1-schemas.ts): one contract, never written twice.
 */
import { OpenAPIRegistry, OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import {
  CreateSubmissionQuerySchema,
  CreateSubmissionSchema,
  ErrorSchema,
  LanguageListSchema,
  ProblemListSchema,
  ProblemParamsSchema,
  ProblemSchema,
  SubmissionCreatedSchema,
  SubmissionListQuerySchema,
  SubmissionListSchema,
  SubmissionParamsSchema,
  SubmissionSchema,
} from "./v1-schemas";

const json = (schema: z.ZodType, description: string) => ({ description, content: { "application/json": { schema } } });

const errors = {
  400: json(ErrorSchema, "Invalid input."),
  401: json(ErrorSchema, "Missing, invalid or revoked token."),
  403: json(ErrorSchema, "The token lacks the scope, or the caller the permission."),
  429: json(ErrorSchema, "Rate limit reached; see the Retry-After header (seconds)."),
};

let cached: ReturnType<OpenApiGeneratorV31["generateDocument"]> | undefined;

export function openApiDocument() {
  if (cached) return cached;
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent("securitySchemes", "bearerAuth", {
    type: "http",
    scheme: "bearer",
    description: "A personal API token (Settings → API tokens, or `npm run admin -- token:create`).",
  });
  const security = [{ [bearer.name]: [] }];

  registry.registerPath({
    method: "get",
    path: "/api/v1/languages",
    summary: "Languages the judge runs",
    description: "Scope: read.",
    security,
    responses: { 200: json(LanguageListSchema, "Every supported language."), 401: errors[401], 429: errors[429] },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/problems",
    summary: "Problems visible to the caller",
    description: "Scope: read. Public problems, problems of the caller's courses, and (teachers) all.",
    security,
    responses: { 200: json(ProblemListSchema, "Newest first."), 401: errors[401], 403: errors[403], 429: errors[429] },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/problems/{slug}",
    summary: "One problem: statement, limits and sample tests",
    description: "Scope: read. Hidden tests never leave the server.",
    security,
    request: { params: ProblemParamsSchema },
    responses: {
      200: json(ProblemSchema, "The problem."),
      401: errors[401],
      403: errors[403],
      404: json(ErrorSchema, "No such problem, or not visible to the caller."),
      429: errors[429],
    },
  });
  registry.registerPath({
    method: "post",
    path: "/api/v1/submissions",
    summary: "Submit a solution for judging",
    description:
      "Scope: submit. Counts against the per-token execution limit too. With `wait=true` the answer comes when judging ends " +
      "(201 with the full submission), or after 60 s with 202 and the id (poll GET /api/v1/submissions/{id}).",
    security,
    request: {
      query: CreateSubmissionQuerySchema,
      body: { content: { "application/json": { schema: CreateSubmissionSchema } } },
    },
    responses: {
      201: {
        description: "Queued ({id, status}); with wait=true and judging finished, the full Submission.",
        content: { "application/json": { schema: z.union([SubmissionCreatedSchema, SubmissionSchema]) } },
      },
      202: json(SubmissionCreatedSchema, "wait=true, and judging had not finished within the wait."),
      ...errors,
      404: json(ErrorSchema, "No such problem, or not visible to the caller."),
      413: json(ErrorSchema, "Source larger than 64 KiB, or body larger than 4 MiB."),
      503: json(ErrorSchema, "The judge queue is unavailable; retry later."),
    },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/submissions/{id}",
    summary: "One submission with its per-test results",
    description: "Scope: read. Your own, or (teachers) anyone's. For hidden tests students see only verdict, CPU time and memory.",
    security,
    request: { params: SubmissionParamsSchema },
    responses: {
      200: json(SubmissionSchema, "The submission."),
      401: errors[401],
      403: errors[403],
      404: json(ErrorSchema, "No such submission, or not yours."),
      429: errors[429],
    },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/submissions",
    summary: "A page of submissions, newest first",
    description: "Scope: read. Your own (graded submissions and runs), or (teachers) a student's with `user`.",
    security,
    request: { query: SubmissionListQuerySchema },
    responses: {
      200: json(SubmissionListSchema, "A page; pass nextCursor as cursor for the next."),
      ...errors,
      404: json(ErrorSchema, "No such problem."),
    },
  });

  cached = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "CodeRunner API",
      version: "1.0.0",
      description:
        "REST API of CodeRunner. Errors are `{error: {code, message}}`. CodeRunner also answers Piston's API " +
        "(`/api/v2/runtimes`, `/api/v2/execute`) and a subset of Judge0 CE's (base URL `/judge0`); see /docs/api.",
    },
    servers: [{ url: "/" }],
  });
  return cached;
}
