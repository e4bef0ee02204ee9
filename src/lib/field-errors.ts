/**
 * Field messages from a failed tRPC call: the server's error formatter puts zod's and
 * AppError's per-field messages in `error.data.fieldErrors` (src/server/api/trpc.ts).
 * Returns the first message per field.
 */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  const fields = (error as { data?: { fieldErrors?: Record<string, string[] | undefined> | null } } | null)?.data?.fieldErrors ?? {};
  const result: Record<string, string> = {};
  for (const [field, messages] of Object.entries(fields)) if (messages?.[0]) result[field] = messages[0];
  return result;
}
