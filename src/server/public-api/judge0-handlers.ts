/**
 * The I/O behind the Judge0 routes (src/app/judge0/**): create, wait, read.
 */
import type { PrismaClient } from "../../generated/prisma/client";
import { AppError } from "../errors";
import { createExecution, EXEC_LIMITS, getExecution, getExecutions, waitForSubmission } from "../services/execution-service";
import { type ApiCallerContext, enforceExecutionLimit, parseWith, queryFlag } from "./http";
import { executionFromJudge0, judge0Submission, Judge0SubmissionSchema } from "./judge0";

export interface Judge0Query {
  base64: boolean;
  wait: boolean;
  fields: string | null;
}

export function judge0Query(request: Request): Judge0Query {
  const url = new URL(request.url);
  return { base64: queryFlag(url, "base64_encoded"), wait: queryFlag(url, "wait"), fields: url.searchParams.get("fields") };
}

export async function createJudge0Submission(
  db: PrismaClient,
  caller: ApiCallerContext,
  body: unknown,
  query: Judge0Query,
  signal?: AbortSignal,
) {
  const { input } = executionFromJudge0(parseWith(Judge0SubmissionSchema, body), query.base64);
  await enforceExecutionLimit(caller);
  const created = await createExecution(db, caller.user, input);
  if (!query.wait) return { token: created.id };
  // Bounded: past the wait the client gets the submission as it is (In Queue / Processing) and polls.
  await waitForSubmission(db, created.id, EXEC_LIMITS.maxWaitMs, signal);
  return judge0Submission(await getExecution(db, caller.user, created.id), query);
}

export async function readJudge0Submission(db: PrismaClient, caller: ApiCallerContext, token: string, query: Judge0Query) {
  return judge0Submission(await getExecution(db, caller.user, token), query);
}

export async function readJudge0Batch(db: PrismaClient, caller: ApiCallerContext, tokens: string[], query: Judge0Query) {
  if (tokens.length === 0) throw new AppError("BAD_REQUEST", "tokens: give one or more comma-separated tokens");
  if (tokens.length > 20) throw new AppError("BAD_REQUEST", "tokens: at most 20 per request");
  const executions = await getExecutions(db, caller.user, tokens);
  return { submissions: executions.map((e) => (e ? judge0Submission(e, query) : null)) };
}
