/**
 * Piston v2 compatibility: its request and response shapes over CodeRunner's executions.
 * Pure mapping; the route handlers under src/app/api/v2 do the I/O.
 * Where CodeRunner differs from Piston is listed in docs/api.md.
 */
import { z } from "zod";
import { PISTON_NAMES, languageFromPiston, type PistonName } from "../../judge/api-names";
import { LANGUAGES, type LanguageId } from "../../judge/languages";
import { AppError } from "../errors";
import type { Execution, ExecutionInput } from "../services/execution-service";

export function pistonRuntimes() {
  return LANGUAGES.map((l) => {
    const p: PistonName = PISTON_NAMES[l.id];
    return { language: p.language, version: p.version, aliases: [...p.aliases], ...(p.runtime ? { runtime: p.runtime } : {}) };
  });
}

const number = z.number({ error: "must be a number" }).finite();

export const PistonExecuteSchema = z.object({
  language: z.string({ error: "language is required" }).min(1).max(64),
  version: z.string().max(64).optional(),
  files: z
    .array(
      z.object({
        name: z.string().max(255).optional(),
        content: z.string({ error: "content is required" }),
        encoding: z.enum(["utf8", "base64", "hex"]).optional(),
      }),
    )
    .min(1, "files must contain at least one file")
    .max(16),
  stdin: z.string().optional(),
  args: z
    .array(z.union([z.string(), number]).transform(String))
    .max(64)
    .optional(),
  compile_timeout: number.optional(),
  run_timeout: number.optional(),
  compile_cpu_time: number.optional(),
  run_cpu_time: number.optional(),
  compile_memory_limit: number.optional(),
  run_memory_limit: number.optional(),
});

export type PistonExecuteRequest = z.output<typeof PistonExecuteSchema>;

function decode(content: string, encoding: "utf8" | "base64" | "hex" | undefined): string {
  if (!encoding || encoding === "utf8") return content;
  return Buffer.from(content, encoding).toString("utf8");
}

/** A Piston request as a CodeRunner execution (limits clamped later by the service). */
export function executionFromPiston(body: PistonExecuteRequest): { languageId: LanguageId; input: ExecutionInput } {
  const languageId = languageFromPiston(body.language);
  if (!languageId) {
    throw new AppError("BAD_REQUEST", `${body.language}-${body.version ?? "*"} runtime is unknown`);
  }
  if (body.files.length > 1) {
    throw new AppError("BAD_REQUEST", "CodeRunner runs single-file programs: send exactly one file.");
  }
  // Piston's run_timeout is wall-clock time; CodeRunner limits CPU time (wall = 3x CPU),
  // so run_cpu_time wins when given. -1 (or any non-positive value) means the server's maximum.
  const timeMs = body.run_cpu_time ?? body.run_timeout;
  const memoryBytes = body.run_memory_limit;
  return {
    languageId,
    input: {
      language: languageId,
      source: decode(body.files[0]!.content, body.files[0]!.encoding),
      stdin: body.stdin ?? "",
      args: body.args ?? [],
      timeLimitMs: timeMs === undefined ? undefined : timeMs <= 0 ? Number.MAX_SAFE_INTEGER : timeMs,
      memoryLimitMb: memoryBytes === undefined ? undefined : memoryBytes <= 0 ? -1 : memoryBytes / (1024 * 1024),
    },
  };
}

export interface PistonStage {
  stdout: string;
  stderr: string;
  output: string;
  code: number | null;
  signal: string | null;
  message: string | null;
  status: string | null;
  cpu_time?: number;
  wall_time?: number;
  memory?: number;
}

const stage = (stdout: string, stderr: string, code: number | null, extra: Partial<PistonStage> = {}): PistonStage => ({
  stdout,
  stderr,
  output: stdout + stderr,
  code,
  signal: null,
  message: null,
  status: null,
  ...extra,
});

/** Piston's `status` codes: RE runtime error, SG signal, TO timeout, OL output too long, XX internal. */
function runStage(execution: Execution): PistonStage {
  const r = execution.result;
  if (!r) return stage("", "", null, { status: "XX", message: "The program did not run." });
  const stdout = r.outputExcerpt ?? "";
  const stderr = r.stderrExcerpt ?? "";
  const measured = { cpu_time: r.cpuMs, wall_time: r.wallMs, memory: r.peakKb * 1024 };
  /** Stopped by the sandbox for a limit: no exit code, SIGKILL. */
  const killed = (status: string, message: string) => ({ ...stage(stdout, stderr, null, measured), signal: "SIGKILL", status, message });
  switch (execution.verdict) {
    case "TLE":
      return killed("TO", r.checkerMessage ?? "Time limit exceeded");
    case "MLE":
      return killed("SG", r.checkerMessage ?? "Memory limit exceeded");
    case "OLE":
      return killed("OL", "stdout length exceeded");
    case "RE":
      return r.signal
        ? { ...stage(stdout, stderr, null, measured), signal: r.signal, status: "SG", message: r.checkerMessage ?? null }
        : { ...stage(stdout, stderr, r.exitCode, measured), status: "RE", message: r.checkerMessage ?? null };
    default:
      return stage(stdout, stderr, r.exitCode ?? 0, measured);
  }
}

/** A finished execution in Piston's response shape. */
export interface PistonExecuteResponse {
  language: string;
  version: string;
  compile?: PistonStage;
  run?: PistonStage;
}

export function pistonResponse(execution: Execution, languageId: LanguageId): PistonExecuteResponse {
  const p: PistonName = PISTON_NAMES[languageId];
  const base = { language: p.language, version: p.version };
  const compileOutput = execution.compileOutput ?? "";
  if (execution.verdict === "CE") {
    const failed = stage("", compileOutput, 1, { status: "RE" });
    // Piston has no compile stage for interpreted languages: a syntax error is the run's.
    return p.compiled ? { ...base, compile: failed } : { ...base, run: failed };
  }
  return {
    ...base,
    ...(p.compiled ? { compile: stage("", compileOutput, 0) } : {}),
    run: runStage(execution),
  };
}
