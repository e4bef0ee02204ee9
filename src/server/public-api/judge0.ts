/**
 * Judge0 CE compatibility (a subset): its languages, statuses, submission fields,
 * base64 encoding and field selection over CodeRunner's executions. Pure mapping; the
 * route handlers under src/app/judge0 do the I/O. Differences are listed in docs/api.md.
 */
import { constants as osConstants } from "node:os";
import { z } from "zod";
import { JUDGE0_NAMES, languageFromJudge0, type Judge0Name } from "../../judge/api-names";
import { compareOutput } from "../../judge/checkers";
import { LANGUAGES, getLanguage, type LanguageId } from "../../judge/languages";
import { ApiValidationError } from "./validation";
import type { Execution, ExecutionInput } from "../services/execution-service";

/** Judge0's status ids and names, plus 15 (Memory Limit Exceeded), which Judge0 lacks. */
export const JUDGE0_STATUSES = [
  { id: 1, description: "In Queue" },
  { id: 2, description: "Processing" },
  { id: 3, description: "Accepted" },
  { id: 4, description: "Wrong Answer" },
  { id: 5, description: "Time Limit Exceeded" },
  { id: 6, description: "Compilation Error" },
  { id: 7, description: "Runtime Error (SIGSEGV)" },
  { id: 8, description: "Runtime Error (SIGXFSZ)" },
  { id: 9, description: "Runtime Error (SIGFPE)" },
  { id: 10, description: "Runtime Error (SIGABRT)" },
  { id: 11, description: "Runtime Error (NZEC)" },
  { id: 12, description: "Runtime Error (Other)" },
  { id: 13, description: "Internal Error" },
  { id: 14, description: "Exec Format Error" },
  { id: 15, description: "Memory Limit Exceeded" },
] as const;

type Judge0Status = (typeof JUDGE0_STATUSES)[number];
const status = (id: Judge0Status["id"]) => JUDGE0_STATUSES.find((s) => s.id === id)!;

export function judge0Languages() {
  return LANGUAGES.map((l) => ({ id: JUDGE0_NAMES[l.id].id, name: JUDGE0_NAMES[l.id].name })).sort((a, b) => a.id - b.id);
}

export function judge0Language(id: number) {
  const languageId = languageFromJudge0(id);
  if (!languageId) return null;
  const language = getLanguage(languageId)!;
  return { id, name: (JUDGE0_NAMES[languageId] as Judge0Name).name, is_archived: false, source_file: language.sourceFileName("") };
}

const seconds = z.coerce.number({ error: "must be a number" }).finite().positive("must be positive");
const unsupported = (what: string) =>
  z
    .unknown()
    .optional()
    .refine((v) => v === undefined || v === null || v === false || v === "", `${what} is not supported by CodeRunner`);

export const Judge0SubmissionSchema = z.object({
  source_code: z.string({ error: "can't be blank" }).min(1, "can't be blank"),
  language_id: z.coerce.number({ error: "can't be blank" }).int(),
  stdin: z.string().nullish(),
  expected_output: z.string().nullish(),
  cpu_time_limit: seconds.nullish(),
  cpu_extra_time: seconds.nullish(),
  wall_time_limit: seconds.nullish(),
  memory_limit: z.coerce.number({ error: "must be a number" }).finite().nullish(),
  stack_limit: z.coerce.number().nullish(),
  max_processes_and_or_threads: z.coerce.number().nullish(),
  enable_per_process_and_thread_time_limit: z.boolean().nullish(),
  enable_per_process_and_thread_memory_limit: z.boolean().nullish(),
  max_file_size: z.coerce.number().nullish(),
  number_of_runs: z.coerce.number().nullish(),
  command_line_arguments: z.string().max(4096).nullish(),
  enable_network: z.boolean().nullish(),
  redirect_stderr_to_stdout: unsupported("redirect_stderr_to_stdout"),
  callback_url: unsupported("callback_url"),
  additional_files: unsupported("additional_files"),
  compiler_options: unsupported("compiler_options"),
});

export type Judge0SubmissionRequest = z.output<typeof Judge0SubmissionSchema>;

export const Judge0BatchSchema = z.object({
  submissions: z.array(z.unknown()).min(1, "must contain at least one submission").max(20, "at most 20 submissions per batch"),
});

/** Splits `command_line_arguments` like a shell would for plain words and quoted strings. */
export function splitArguments(line: string): string[] {
  const args: string[] = [];
  for (const m of line.matchAll(/"((?:\\.|[^"\\])*)"|'([^']*)'|(\S+)/g)) {
    args.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, "$1") : (m[2] ?? m[3]!));
  }
  return args;
}

const fromBase64 = (text: string) => Buffer.from(text, "base64").toString("utf8");

/** A Judge0 submission as a CodeRunner execution. */
export function executionFromJudge0(body: Judge0SubmissionRequest, base64: boolean): { languageId: LanguageId; input: ExecutionInput } {
  const languageId = languageFromJudge0(body.language_id);
  if (!languageId) throw new ApiValidationError({ language_id: [`language with id ${body.language_id} doesn't exist`] });
  const text = (value: string | null | undefined) => (value == null ? value : base64 ? fromBase64(value) : value);
  return {
    languageId,
    input: {
      language: languageId,
      source: text(body.source_code)!,
      stdin: text(body.stdin) ?? "",
      expectedOutput: text(body.expected_output) ?? null,
      args: body.command_line_arguments ? splitArguments(body.command_line_arguments) : [],
      // Judge0 limits are seconds and KB.
      timeLimitMs: body.cpu_time_limit == null ? undefined : body.cpu_time_limit * 1000,
      memoryLimitMb: body.memory_limit == null ? undefined : body.memory_limit / 1024,
    },
  };
}

const SIGNAL_STATUS: Record<string, Judge0Status["id"]> = { SIGSEGV: 7, SIGBUS: 7, SIGXFSZ: 8, SIGFPE: 9, SIGABRT: 10 };

/** Judge0's status for an execution (see the mapping table in docs/api.md). */
export function judge0Status(execution: Execution): Judge0Status {
  if (execution.status === "QUEUED") return status(1);
  if (execution.status === "RUNNING") return status(2);
  if (execution.status === "FAILED") return status(13);
  const r = execution.result;
  switch (execution.verdict) {
    case "CE":
      return status(6);
    case "TLE":
      return status(5);
    case "MLE":
      return status(15);
    case "OLE":
      return status(8); // Judge0 reports output over its file-size limit as SIGXFSZ
    case "IE":
      return status(13);
    case "RE":
      if (r?.signal) return status(SIGNAL_STATUS[r.signal] ?? 12);
      return status(r?.exitCode ? 11 : 12);
    default:
      if (execution.expectedOutput == null) return status(3);
      return compareOutput({ kind: "STANDARD" }, execution.expectedOutput, r?.outputExcerpt ?? "").ok ? status(3) : status(4);
  }
}

const signalNumber = (name: string | null | undefined) => (name ? ((osConstants.signals as Record<string, number>)[name] ?? null) : null);

/** Judge0's `message`: why the program stopped, in words. */
function message(execution: Execution, s: Judge0Status): string | null {
  const r = execution.result;
  if (s.id === 11 && r?.exitCode != null) return `Exited with error status ${r.exitCode}`;
  if (s.id === 13) return "Internal error: the judge could not run this submission.";
  if (s.id >= 5 && s.id !== 6 && r?.checkerMessage) return r.checkerMessage;
  return null;
}

export const JUDGE0_DEFAULT_FIELDS = ["token", "stdout", "stderr", "compile_output", "message", "status", "time", "memory"];
const ENCODED_FIELDS = new Set(["source_code", "stdin", "expected_output", "stdout", "stderr", "compile_output", "message"]);

/** An execution as a Judge0 submission with only the asked `fields` ("*" = all). */
export function judge0Submission(execution: Execution, options: { base64: boolean; fields?: string | null }) {
  const languageId = execution.language as LanguageId;
  const judge0 = JUDGE0_NAMES[languageId] as Judge0Name | undefined;
  const r = execution.result;
  const s = judge0Status(execution);
  const finished = execution.status === "DONE" || execution.status === "FAILED";
  const ran = finished && r != null && execution.verdict !== "CE";
  const all: Record<string, unknown> = {
    token: execution.id,
    source_code: execution.source,
    language_id: judge0?.id ?? null,
    stdin: execution.stdin,
    expected_output: execution.expectedOutput,
    stdout: ran ? (r.outputExcerpt ?? "") || null : null,
    stderr: ran ? (r.stderrExcerpt ?? "") || null : null,
    compile_output: execution.compileOutput,
    message: finished ? message(execution, s) : null,
    status_id: s.id,
    status: s,
    created_at: execution.createdAt.toISOString(),
    finished_at: execution.finishedAt?.toISOString() ?? null,
    time: ran ? (r.cpuMs / 1000).toFixed(3) : null,
    wall_time: ran ? (r.wallMs / 1000).toFixed(3) : null,
    memory: ran ? r.peakKb : null,
    exit_code: ran && r.exitCode != null ? r.exitCode : null,
    exit_signal: ran ? signalNumber(r.signal) : null,
    cpu_time_limit: execution.runTimeLimitMs != null ? execution.runTimeLimitMs / 1000 : null,
    memory_limit: execution.runMemoryLimitMb != null ? execution.runMemoryLimitMb * 1024 : null,
    command_line_arguments: execution.runArgs.length ? execution.runArgs.join(" ") : null,
    number_of_runs: 1,
    language: judge0 ? { id: judge0.id, name: judge0.name } : null,
  };
  const wanted =
    options.fields?.trim() === "*"
      ? Object.keys(all)
      : options.fields
        ? options.fields
            .split(",")
            .map((f) => f.trim())
            .filter((f) => f in all)
        : JUDGE0_DEFAULT_FIELDS;
  const out: Record<string, unknown> = {};
  for (const field of wanted) {
    const value = all[field];
    out[field] =
      options.base64 && ENCODED_FIELDS.has(field) && typeof value === "string" ? Buffer.from(value, "utf8").toString("base64") : value;
  }
  return out;
}
