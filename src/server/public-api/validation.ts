import type { z } from "zod";
import { AppError } from "../errors";

/** Validation failures, with the fields they concern (Judge0 answers them with 422). */
export class ApiValidationError extends AppError {
  constructor(readonly issues: Record<string, string[]>) {
    const first = Object.entries(issues)[0];
    super("BAD_REQUEST", first ? `${first[0] === "(body)" ? "Request" : first[0]}: ${first[1][0]}` : "Invalid request.", {
      fieldErrors: issues,
    });
    this.name = "ApiValidationError";
  }
}

export function parseWith<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "(body)";
    (issues[key] ??= []).push(issue.message);
  }
  throw new ApiValidationError(issues);
}
