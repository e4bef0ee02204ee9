/**
 * The REST v1 contract: the zod schemas the handlers validate requests with and shape
 * responses through, and from which /api/v1/openapi.json is generated (./openapi.ts).
 * `.meta({ id })` names a schema in the document's components.
 */
import { z } from "zod";
import { LANGUAGE_IDS } from "../../judge/languages";
import { VERDICTS } from "../../judge/verdicts";

const slug = z.string().trim().min(1).max(64);
const id = z.string().min(1).max(64);
const verdict = z.enum(VERDICTS).meta({ id: "Verdict", description: "AC, WA, TLE, MLE, RE, CE, OLE or IE (internal error)." });
const status = z.enum(["QUEUED", "RUNNING", "DONE", "FAILED"]).meta({ id: "SubmissionStatus" });

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().meta({ example: "NOT_FOUND" }),
      message: z.string().meta({ example: "Problem not found." }),
      fields: z.record(z.string(), z.array(z.string())).optional().meta({ description: "Per-field messages for invalid input." }),
    }),
  })
  .meta({ id: "Error" });

export const LanguageSchema = z
  .object({
    id: z.enum(LANGUAGE_IDS),
    name: z.string().meta({ example: "Python 3" }),
    version: z.string().meta({ example: "3.11" }),
    extensions: z.array(z.string()),
  })
  .meta({ id: "Language" });
export const LanguageListSchema = z.object({ languages: z.array(LanguageSchema) }).meta({ id: "LanguageList" });

export const ProblemSummarySchema = z
  .object({
    slug: z.string(),
    title: z.string(),
    timeLimitMs: z.number().int(),
    memoryLimitMb: z.number().int(),
    status: z.enum(["solved", "attempted"]).nullable().meta({ description: "The caller's own progress." }),
  })
  .meta({ id: "ProblemSummary" });
export const ProblemListSchema = z.object({ problems: z.array(ProblemSummarySchema) }).meta({ id: "ProblemList" });

export const ProblemSchema = z
  .object({
    slug: z.string(),
    title: z.string(),
    statement: z.string().meta({ description: "Markdown with $…$ / $$…$$ math." }),
    timeLimitMs: z.number().int(),
    memoryLimitMb: z.number().int(),
    scoringMode: z.enum(["ICPC", "POINTS"]),
    samples: z.array(z.object({ input: z.string(), output: z.string() })).meta({ description: "Sample tests only." }),
  })
  .meta({ id: "Problem" });

export const ProblemParamsSchema = z.object({ slug });

export const CreateSubmissionSchema = z
  .object({
    problem: slug.meta({ description: "The problem's slug.", example: "hello" }),
    language: z.enum(LANGUAGE_IDS, { error: `language must be one of: ${LANGUAGE_IDS.join(", ")}` }),
    source: z.string().min(1, "source is empty").meta({ description: "At most 64 KiB (larger: 413)." }),
  })
  .meta({ id: "CreateSubmission" });

export const CreateSubmissionQuerySchema = z.object({
  wait: z.enum(["true", "false"]).optional().meta({ description: "true: answer when judging ends (up to 60 s; then 202 with the id)." }),
});

export const SubmissionCreatedSchema = z.object({ id, status }).meta({ id: "SubmissionCreated" });

export const TestResultSchema = z
  .object({
    position: z.number().int(),
    verdict,
    cpuMs: z.number().int(),
    peakKb: z.number().int(),
    hidden: z.boolean().meta({ description: "A hidden test: only verdict, CPU time and memory are shown (to students)." }),
    wallMs: z.number().int().optional(),
    exitCode: z.number().int().nullable().optional(),
    signal: z.string().nullable().optional(),
    stoppedBy: z.string().optional(),
    output: z.string().nullable().optional().meta({ description: "Start of the program's stdout." }),
    stderr: z.string().nullable().optional(),
    checkerMessage: z.string().nullable().optional(),
  })
  .meta({ id: "TestResult" });

export const SubmissionSchema = z
  .object({
    id,
    kind: z.enum(["SUBMIT", "RUN", "EXEC"]),
    problem: z.string().nullable().meta({ description: "Problem slug (null for runs and executions)." }),
    language: z.string(),
    status,
    verdict: verdict.nullable(),
    score: z.number().int().nullable(),
    maxScore: z.number().int().nullable(),
    cpuMs: z.number().int().nullable().meta({ description: "Highest CPU time over the tests, ms." }),
    peakKb: z.number().int().nullable().meta({ description: "Highest peak memory over the tests, KiB." }),
    compileOutput: z.string().nullable(),
    createdAt: z.string().meta({ format: "date-time" }),
    finishedAt: z.string().nullable().meta({ format: "date-time" }),
    tests: z.array(TestResultSchema),
  })
  .meta({ id: "Submission" });

export const SubmissionParamsSchema = z.object({ id });

export const SubmissionListQuerySchema = z.object({
  problem: slug.optional().meta({ description: "Only submissions to this problem." }),
  user: id.optional().meta({ description: "A user id: your own, or (teachers) a student's." }),
  cursor: id.optional().meta({ description: "nextCursor of the previous page." }),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const SubmissionSummarySchema = z
  .object({
    id,
    problem: z.string().nullable(),
    user: z.object({ id: z.string(), name: z.string() }),
    kind: z.enum(["SUBMIT", "RUN", "EXEC"]),
    language: z.string(),
    status,
    verdict: verdict.nullable(),
    score: z.number().int().nullable(),
    maxScore: z.number().int().nullable(),
    cpuMs: z.number().int().nullable(),
    peakKb: z.number().int().nullable(),
    createdAt: z.string().meta({ format: "date-time" }),
  })
  .meta({ id: "SubmissionSummary" });

export const SubmissionListSchema = z
  .object({ submissions: z.array(SubmissionSummarySchema), nextCursor: z.string().nullable() })
  .meta({ id: "SubmissionList" });
