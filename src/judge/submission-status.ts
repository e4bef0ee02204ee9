/** A submission's lifecycle as the web app, the live-progress route and the worker see it. */
export const FINISHED_STATUSES = ["DONE", "FAILED"] as const;

/** DONE or FAILED: judging is over and the row will not change again (until a rejudge). */
export function isFinishedStatus(status: string | null | undefined): status is (typeof FINISHED_STATUSES)[number] {
  return status === "DONE" || status === "FAILED";
}
