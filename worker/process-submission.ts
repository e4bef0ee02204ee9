import { UnrecoverableError } from "bullmq";
import { Prisma, type PrismaClient, type SubmissionKind, type Verdict } from "../src/generated/prisma/client";
import { getLanguage } from "../src/judge/languages";
import { isFinishedStatus } from "../src/judge/submission-status";
import { utf8Prefix } from "../src/judge/text";
import { parseValidatorFiles } from "../src/judge/validator-files";
import { storeDerivedTimeLimit } from "./derived-time-limit";
import type { ProgressEvent } from "../src/judge/queue";
import type { SandboxProvider } from "../sandbox/types";
import {
  JudgeSetupError,
  UnknownLanguageError,
  judgeSubmission,
  runWithCustomInput,
  type JudgeProblemSpec,
  type TestOutcome,
} from "./judge";

/** Longest text stored per column (compile output, output excerpts), in UTF-8 bytes. */
export const STORED_TEXT_LIMIT_BYTES = 64 * 1024;
/** Limits of a custom-input Run that is not attached to a problem. */
export const RUN_DEFAULT_LIMITS = { timeLimitMs: 2000, memoryLimitMb: 256 } as const;

export interface ProcessDeps {
  db: PrismaClient;
  provider: SandboxProvider;
  /** Publishes a progress event (Redis pub/sub in the worker; anything in tests). */
  publish: (event: ProgressEvent) => void | Promise<void>;
  /** 1-based number of this attempt and the job's allowed attempts. */
  attempt: number;
  maxAttempts: number;
  /** Aborted when the worker is force-closing: failures then are the shutdown's, not the submission's. */
  shutdownSignal?: AbortSignal;
  log?: (line: string) => void;
}

export type ProcessOutcome =
  | { kind: "skipped"; reason: string }
  | {
      kind: "done";
      /** For metrics: the submission's language and kind. */
      language: string;
      submissionKind: SubmissionKind;
      verdict: Verdict | null;
      score: number | null;
      maxScore: number | null;
      testsPassed: number;
      testsTotal: number;
      elapsedMs: number;
    };

/**
 * Judge one submission and record the result in Postgres, the source of truth.
 *
 * Idempotent: a finished submission is left alone, and a re-run (after a stall or
 * crash) first deletes the partial TestResults of the previous attempt. Student
 * verdicts (CE, WA, TLE...) are results; infrastructure errors are thrown so the
 * queue retries, and on the last attempt the submission is recorded as FAILED/IE.
 */
/** SUBMIT and a teacher's REFERENCE solution are judged on every test; RUN and EXEC just run. */
const isJudgedAgainstTests = (kind: SubmissionKind) => kind === "SUBMIT" || kind === "REFERENCE";

export async function processSubmission(submissionId: string, deps: ProcessDeps): Promise<ProcessOutcome> {
  const { db, log = () => {} } = deps;
  const startedAt = Date.now();

  const submission = await db.submission.findUnique({
    where: { id: submissionId },
    include: { problem: { include: { tests: { orderBy: { position: "asc" } } } } },
  });
  if (!submission) {
    log(`[worker] ${submissionId}: no such submission (deleted?), skipping`);
    return { kind: "skipped", reason: "missing" };
  }
  if (isFinishedStatus(submission.status)) {
    log(`[worker] ${submissionId}: already ${submission.status}, skipping`);
    return { kind: "skipped", reason: submission.status };
  }

  // Claim: the attempts counter doubles as a fencing token, so a worker whose job was
  // taken over after a stall cannot overwrite the final result of the newer attempt.
  const claimed = await db.$queryRaw<Array<{ attempts: number }>>`
    UPDATE "Submission" SET "status" = 'RUNNING', "startedAt" = ${new Date()}, "attempts" = "attempts" + 1, "errorMessage" = NULL
    WHERE "id" = ${submissionId} AND "status" IN ('QUEUED', 'RUNNING')
    RETURNING "attempts"`;
  if (claimed.length === 0) {
    log(`[worker] ${submissionId}: finished by another worker meanwhile, skipping`);
    return { kind: "skipped", reason: "claimed-elsewhere" };
  }
  const fence = claimed[0]!.attempts;
  // An earlier attempt's rows go. None exist before the second claim, and none can be
  // added after this one: every write of an attempt is fenced (see ProgressRecorder).
  if (fence > 1) await db.testResult.deleteMany({ where: { submissionId } });
  const progress = new ProgressRecorder(db, submissionId, fence, deps.publish);
  void progress.publish({ submissionId, type: "status", status: "RUNNING" });

  try {
    if (!getLanguage(submission.language)) {
      throw new UnrecoverableError(`unknown language "${submission.language}"`);
    }
    // RUN (the Run button) and EXEC (public API executions) both run once on given stdin.
    const outcome = isJudgedAgainstTests(submission.kind)
      ? await judgeAgainstTests(submission, progress, deps)
      : await runCustom(submission, progress, deps);
    const elapsedMs = Date.now() - startedAt;
    if (outcome) {
      const counts = outcome.testsTotal > 0 ? ` ${outcome.testsPassed}/${outcome.testsTotal}` : "";
      log(
        `[worker] ${isJudgedAgainstTests(submission.kind) ? "judged" : "ran"} ${submissionId} ${outcome.verdict ?? "OK"}${counts} in ${elapsedMs} ms`,
      );
      return { kind: "done", ...outcome, elapsedMs, language: submission.language, submissionKind: submission.kind };
    }
    log(`[worker] ${submissionId}: superseded by a newer attempt, result discarded`);
    return { kind: "skipped", reason: "superseded" };
  } catch (error) {
    if (error instanceof SupersededError) {
      // A newer attempt owns the submission now: leave everything to it, no retry.
      log(`[worker] ${submissionId}: superseded by a newer attempt, stopped at a test result`);
      return { kind: "skipped", reason: "superseded" };
    }
    const message = describeError(error);
    if (deps.shutdownSignal?.aborted) {
      // Left RUNNING on purpose: the stalled-job check or start-up recovery re-runs it.
      log(`[worker] ${submissionId}: interrupted by shutdown (${message})`);
      throw error;
    }
    const lastAttempt = isPermanent(error) || deps.attempt >= deps.maxAttempts;
    if (lastAttempt) {
      if (await recordInternalError(db, submissionId, message, fence)) {
        await deps.publish({ submissionId, type: "done", status: "FAILED", verdict: "IE" });
      }
      log(`[worker] ${submissionId} FAILED (IE) after attempt ${deps.attempt}/${deps.maxAttempts}: ${message}`);
      if (!(error instanceof UnrecoverableError) && isPermanent(error)) throw new UnrecoverableError(message);
    } else {
      await db.submission.updateMany({
        where: { id: submissionId, attempts: fence, status: "RUNNING" },
        data: { status: "QUEUED", errorMessage: `attempt ${deps.attempt} failed: ${toDbText(message, 4096)}` },
      });
      await deps.publish({ submissionId, type: "status", status: "QUEUED" });
      log(`[worker] ${submissionId} attempt ${deps.attempt}/${deps.maxAttempts} failed, will retry: ${message}`);
    }
    throw error;
  }
}

/** Record an internal error as the final state (staff see errorMessage; students see "internal error, not your fault"). */
export async function recordInternalError(db: PrismaClient, submissionId: string, message: string, fence?: number): Promise<boolean> {
  const updated = await db.submission.updateMany({
    where: { id: submissionId, status: { in: ["QUEUED", "RUNNING"] }, ...(fence === undefined ? {} : { attempts: fence }) },
    data: { status: "FAILED", verdict: "IE", errorMessage: toDbText(message, 4096), finishedAt: new Date() },
  });
  return updated.count > 0;
}

type LoadedSubmission = Prisma.SubmissionGetPayload<{ include: { problem: { include: { tests: true } } } }>;

interface RecordedOutcome {
  verdict: Verdict | null;
  score: number | null;
  maxScore: number | null;
  testsPassed: number;
  testsTotal: number;
}

async function judgeAgainstTests(
  submission: LoadedSubmission,
  progress: ProgressRecorder,
  deps: ProcessDeps,
): Promise<RecordedOutcome | null> {
  const { db } = deps;
  const problem = submission.problem;
  if (!problem) throw new UnrecoverableError("SUBMIT without a problem");
  if (problem.tests.length === 0) throw new UnrecoverableError(`problem ${problem.slug} has no tests`);
  const testCaseIdByPosition = new Map(problem.tests.map((t) => [t.position, t.id]));
  const spec: JudgeProblemSpec = {
    // Verify of a problem whose limit is still to be derived runs references under a generous one.
    timeLimitMs: submission.kind === "REFERENCE" && submission.runTimeLimitMs != null ? submission.runTimeLimitMs : problem.timeLimitMs,
    memoryLimitMb: problem.memoryLimitMb,
    checker: {
      kind: problem.checkerKind,
      options: (problem.checkerOptions ?? undefined) as JudgeProblemSpec["checker"]["options"],
      source: problem.checkerSource ?? undefined,
      language: problem.checkerLanguage ?? undefined,
      files: parseValidatorFiles(problem.checkerFiles),
    },
    scoringMode: problem.scoringMode,
    tests: problem.tests.map((t) => ({ position: t.position, input: t.input, expectedOutput: t.expectedOutput, points: t.points })),
  };

  const outcome = await judgeSubmission(
    deps.provider,
    { language: submission.language, source: submission.source, problem: spec },
    {
      onCompiled: (ok) => progress.publish({ submissionId: submission.id, type: "compiled", verdict: ok ? undefined : "CE" }),
      onTest: (test, done, total) =>
        progress.addTest(testResultRow(testCaseIdByPosition.get(test.position) ?? null, test, test.outputExcerpt), done, total),
    },
  );

  assertNotShuttingDown(deps);
  const written = await progress.finish({
    verdict: outcome.verdict as Verdict,
    score: outcome.score,
    maxScore: outcome.maxScore,
    maxCpuMs: Math.round(outcome.maxCpuMs),
    maxPeakKb: Math.round(outcome.maxPeakKb),
    compileOutput: outcome.compileOutput,
  });
  if (!written) return null;
  if (submission.kind === "REFERENCE" && problem.timeLimitDerived) {
    // The run is recorded either way: a failure here only delays the derived limit to the next Verify.
    await storeDerivedTimeLimit(db, problem.id).catch((error: unknown) =>
      deps.log?.(`[worker] ${submission.id}: storing the derived time limit failed: ${describeError(error)}`),
    );
  }
  await progress.publish({ submissionId: submission.id, type: "done", status: "DONE", verdict: outcome.verdict });
  await progress.published();
  return {
    verdict: outcome.verdict as Verdict,
    score: outcome.score,
    maxScore: outcome.maxScore,
    testsPassed: outcome.tests.filter((t) => t.verdict === "AC").length,
    testsTotal: problem.tests.length,
  };
}

/**
 * A Run: the problem's samples (checked against their expected output) and, when the
 * student gave one, their own input (no expected output). Each result is stored and
 * published as it finishes, like a submission's tests.
 */
async function runCustom(submission: LoadedSubmission, progress: ProgressRecorder, deps: ProcessDeps): Promise<RecordedOutcome | null> {
  const problem = submission.problem;
  const limits = {
    ...(problem ? { timeLimitMs: problem.timeLimitMs, memoryLimitMb: problem.memoryLimitMb } : RUN_DEFAULT_LIMITS),
    // Per-run overrides from the public API (already clamped there to the server's maxima).
    ...(submission.runTimeLimitMs != null ? { timeLimitMs: submission.runTimeLimitMs } : {}),
    ...(submission.runMemoryLimitMb != null ? { memoryLimitMb: submission.runMemoryLimitMb } : {}),
  };
  const samples = (problem?.tests ?? []).filter((t) => t.isSample);
  const testCaseIdByPosition = new Map(samples.map((t) => [t.position, t.id]));
  // Without samples there is nothing else to run, so a Run always runs at least the custom input.
  const stdin = submission.stdin ?? (samples.length === 0 ? "" : null);
  const result = await runWithCustomInput(
    deps.provider,
    {
      language: submission.language,
      source: submission.source,
      stdin,
      ...limits,
      args: submission.runArgs ?? [],
      samples: samples.map((t) => ({ position: t.position, input: t.input, expectedOutput: t.expectedOutput, points: t.points })),
      checker: problem
        ? {
            kind: problem.checkerKind,
            options: (problem.checkerOptions ?? undefined) as JudgeProblemSpec["checker"]["options"],
            source: problem.checkerSource ?? undefined,
            language: problem.checkerLanguage ?? undefined,
            files: parseValidatorFiles(problem.checkerFiles),
          }
        : undefined,
    },
    {
      onCompiled: (ok) => progress.publish({ submissionId: submission.id, type: "compiled", verdict: ok ? undefined : "CE" }),
      onTest: (test, done, total) => {
        const stdout = (test as TestOutcome & { stdout?: string }).stdout;
        return progress.addTest(
          testResultRow(testCaseIdByPosition.get(test.position) ?? null, test, stdout ?? test.outputExcerpt),
          done,
          total,
        );
      },
    },
  );
  const ran = [...result.samples, ...(result.test && result.verdict !== "CE" ? [result.test] : [])];
  // A Run has no verdict of its own: null when everything ran (and samples passed), else
  // what went wrong first (CE, a failing sample's verdict, the custom run's TLE/MLE/RE/OLE).
  const verdict = (result.verdict ?? null) as Verdict | null;
  assertNotShuttingDown(deps);
  const written = await progress.finish({
    verdict,
    score: null,
    maxScore: null,
    maxCpuMs: ran.length > 0 ? Math.round(Math.max(...ran.map((t) => t.cpuMs))) : null,
    maxPeakKb: ran.length > 0 ? Math.round(Math.max(...ran.map((t) => t.peakKb))) : null,
    compileOutput: result.compileOutput,
  });
  if (!written) return null;
  await progress.publish({ submissionId: submission.id, type: "done", status: "DONE", verdict: verdict ?? undefined });
  await progress.published();
  return {
    verdict,
    score: null,
    maxScore: null,
    testsPassed: result.samples.filter((t) => t.verdict === "AC").length,
    testsTotal: result.samples.length,
  };
}

/** A newer attempt claimed the submission: this one must stop and write nothing more. */
class SupersededError extends Error {
  constructor(submissionId: string, fence: number) {
    super(`submission ${submissionId} was claimed by a newer attempt than ${fence}`);
    this.name = "SupersededError";
  }
}

/**
 * A forced shutdown kills the sandbox under a running judge, which can look like a
 * student's failure (a killed program): never record a result produced after that.
 */
function assertNotShuttingDown(deps: ProcessDeps) {
  if (deps.shutdownSignal?.aborted) throw new Error("interrupted by worker shutdown before the result was recorded");
}

interface FinalFields {
  verdict: Verdict | null;
  score: number | null;
  maxScore: number | null;
  maxCpuMs: number | null;
  maxPeakKb: number | null;
  compileOutput: string | null;
}

type TestResultRow = Omit<Prisma.TestResultCreateManyInput, "submissionId">;

function testResultRow(testCaseId: string | null, test: TestOutcome, output: string | null | undefined): TestResultRow {
  return {
    testCaseId,
    position: test.position,
    verdict: test.verdict as Verdict,
    cpuMs: Math.round(test.cpuMs),
    wallMs: Math.round(test.wallMs),
    peakKb: Math.round(test.peakKb),
    exitCode: test.exitCode,
    signal: test.signal,
    stoppedBy: test.stoppedBy,
    outputExcerpt: output == null ? null : toDbText(output, STORED_TEXT_LIMIT_BYTES),
    stderrExcerpt: test.stderrExcerpt == null ? null : toDbText(test.stderrExcerpt, STORED_TEXT_LIMIT_BYTES),
    checkerMessage: test.checkerMessage == null ? null : toDbText(test.checkerMessage, 4096),
  };
}

/** How long a finished test's row may wait to be written with the rows of the tests after it. */
const ROW_WRITE_DELAY_MS = 100;

/**
 * A submission's per-test rows, progress events and final write, kept off the judge's
 * critical path: the next test runs while earlier rows are written.
 *
 * - Rows are written in order, one statement at a time, at most ROW_WRITE_DELAY_MS after
 *   their test ended: the rows of tests that end meanwhile go together (a fast submission's
 *   rows all go with the final write, and its tests never wait for Postgres). Every write is
 *   fenced like the final one: it locks the submission row (`FOR UPDATE`) and checks that
 *   this attempt still owns it, so it is ordered with a newer attempt's claim (which bumps
 *   `attempts`, then deletes older rows): either the claim comes first and we write
 *   nothing, or our rows exist before the claim and its delete removes them.
 * - Rows not yet written when judging ends go into the final write.
 * - Events are published in order, a test's only after its row is committed (a page that
 *   hears of test 3 finds its row). `published()` waits for them.
 * - A failed write (a newer attempt: `SupersededError`; Postgres down) is thrown at the next
 *   test, so judging stops there, or by `finish`.
 */
class ProgressRecorder {
  /** Set while rows wait for their write (see ROW_WRITE_DELAY_MS). */
  private timer: NodeJS.Timeout | null = null;
  private readonly queued: Array<{ row: TestResultRow; event: ProgressEvent }> = [];
  private writing: Promise<void> | null = null;
  private failure: unknown = null;
  private finishing = false;
  private publishing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: PrismaClient,
    private readonly submissionId: string,
    private readonly fence: number,
    private readonly send: ProcessDeps["publish"],
  ) {}

  /** Queues an event after those already queued (never awaited by the judge). */
  publish(event: ProgressEvent): Promise<void> {
    this.publishing = this.publishing.then(() => this.send(event));
    // The chain keeps a failure for published(); this copy only must not be unhandled.
    this.publishing.catch(() => undefined);
    return Promise.resolve();
  }

  /** All queued events sent; throws the first publish failure. */
  published(): Promise<void> {
    return this.publishing;
  }

  addTest(row: TestResultRow, done: number, total: number): void {
    if (this.failure) throw this.failure;
    const { submissionId } = this;
    const event: ProgressEvent = {
      submissionId,
      type: "test",
      position: row.position,
      verdict: row.verdict,
      cpuMs: row.cpuMs,
      peakKb: row.peakKb,
      testsDone: done,
      testsTotal: total,
    };
    this.queued.push({ row, event });
    this.timer ??= setTimeout(() => {
      this.timer = null;
      this.writing ??= this.writeQueued();
    }, ROW_WRITE_DELAY_MS);
  }

  private async writeQueued(): Promise<void> {
    try {
      while (this.queued.length > 0 && !this.finishing) {
        const batch = this.queued.splice(0);
        const [written] = await this.db.$queryRaw<Array<{ owned: number }>>`
          WITH ${this.owned()}, rows AS (${this.insertRows(batch.map((b) => b.row))})
          SELECT count(*)::int AS owned FROM owned`;
        if (!written?.owned) throw new SupersededError(this.submissionId, this.fence);
        for (const b of batch) void this.publish(b.event);
      }
    } catch (error) {
      this.failure = error;
    } finally {
      this.writing = null;
    }
  }

  /**
   * `owned`: the submission's row, locked, if this attempt still owns it (none if a newer
   * attempt claimed it). Each write is one statement (a round trip, no transaction to
   * open and close): the rows and the final state are written only where `owned` has the row.
   */
  private owned(): Prisma.Sql {
    return Prisma.sql`owned AS (
      SELECT id FROM "Submission" WHERE id = ${this.submissionId} AND attempts = ${this.fence} AND status = 'RUNNING' FOR UPDATE)`;
  }

  /** INSERT of the rows, only for an `owned` submission. */
  private insertRows(rows: TestResultRow[]): Prisma.Sql {
    const json = JSON.stringify(rows);
    return Prisma.sql`
      INSERT INTO "TestResult" ("id", "submissionId", "testCaseId", "position", "verdict", "cpuMs", "wallMs", "peakKb",
        "exitCode", "signal", "stoppedBy", "outputExcerpt", "stderrExcerpt", "checkerMessage")
      SELECT gen_random_uuid()::text, owned.id, r."testCaseId", r."position", r."verdict"::"Verdict", r."cpuMs", r."wallMs", r."peakKb",
        r."exitCode", r."signal", r."stoppedBy", r."outputExcerpt", r."stderrExcerpt", r."checkerMessage"
      FROM owned CROSS JOIN jsonb_to_recordset(${json}::jsonb) AS r("testCaseId" text, "position" int, "verdict" text,
        "cpuMs" int, "wallMs" int, "peakKb" int, "exitCode" int, "signal" text, "stoppedBy" text, "outputExcerpt" text,
        "stderrExcerpt" text, "checkerMessage" text)
      RETURNING 1`;
  }

  /**
   * The rows still queued and the final state in one statement, only if this attempt
   * still owns the submission; false if a newer attempt does.
   */
  async finish(fields: FinalFields): Promise<boolean> {
    this.finishing = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.writing;
    if (this.failure) throw this.failure;
    const rest = this.queued.splice(0);
    const compileOutput = fields.compileOutput == null ? null : toDbText(fields.compileOutput, STORED_TEXT_LIMIT_BYTES);
    const updated = await this.db.$queryRaw<Array<{ id: string }>>`
      WITH ${this.owned()}, rows AS (${this.insertRows(rest.map((b) => b.row))})
      UPDATE "Submission" AS s
      SET "status" = 'DONE', "verdict" = ${fields.verdict}::"Verdict", "score" = ${fields.score}, "maxScore" = ${fields.maxScore},
        "maxCpuMs" = ${fields.maxCpuMs}, "maxPeakKb" = ${fields.maxPeakKb}, "compileOutput" = ${compileOutput},
        "errorMessage" = NULL, "finishedAt" = ${new Date()}
      FROM owned WHERE s.id = owned.id
      RETURNING s.id`;
    const written = updated.length > 0;
    if (written) for (const b of rest) void this.publish(b.event);
    return written;
  }
}

/**
 * Make untrusted text storable: Postgres text cannot hold NUL, and excerpts are capped
 * in UTF-8 bytes without splitting a character.
 */
export function toDbText(text: string, maxBytes: number): string {
  const clean = text.includes("\0") ? text.replace(/\0/g, "\uFFFD") : text;
  const bytes = Buffer.from(clean, "utf8");
  if (bytes.length <= maxBytes) return clean;
  const marker = "\n[… truncated]";
  return utf8Prefix(bytes, maxBytes - Buffer.byteLength(marker)) + marker;
}

/** Failures that another attempt cannot fix: recorded at once, and not retried by the queue. */
function isPermanent(error: unknown): boolean {
  return error instanceof UnrecoverableError || error instanceof UnknownLanguageError || error instanceof JudgeSetupError;
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
