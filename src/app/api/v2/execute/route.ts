import { db } from "@/server/db";
import { apiRoute, authenticate, enforceExecutionLimit, parseWith, readJsonBody } from "@/server/public-api/http";
import { executionFromPiston, PistonExecuteSchema, pistonResponse } from "@/server/public-api/piston";
import { createExecution, EXEC_LIMITS, getExecution, waitForSubmission } from "@/server/services/execution-service";

export const dynamic = "force-dynamic";

/** Piston's execute: run one program on stdin and answer when it has finished. */
export const POST = apiRoute("piston", async (request) => {
  const caller = await authenticate(request, { scope: "SUBMIT", anonymousAllowed: true });
  const { languageId, input } = executionFromPiston(parseWith(PistonExecuteSchema, await readJsonBody(request)));
  await enforceExecutionLimit(caller);
  const created = await createExecution(db, caller.user, input);
  const finished = await waitForSubmission(db, created.id, EXEC_LIMITS.pistonWaitMs, request.signal);
  if (!finished) {
    return Response.json(
      { message: "The judge is busy: no result within 120 s. Please try again later." },
      { status: 503, headers: { "Retry-After": "30" } },
    );
  }
  const execution = await getExecution(db, caller.user, created.id);
  if (execution.status === "FAILED") return Response.json({ message: "Internal error while running the program." }, { status: 500 });
  return Response.json(pistonResponse(execution, languageId));
});
