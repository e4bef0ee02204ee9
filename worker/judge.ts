/**
 * The judge pipeline: compile once, run every test in one fresh sandbox container,
 * compare, decide. No database here: the worker persists (worker/process-submission.ts)
 * and the `verify` command calls this directly.
 *
 * Student verdicts (CE, WA, TLE...) are results. Infrastructure failures (SandboxError,
 * Docker errors, a run the host was too busy to schedule at all) are thrown so the
 * queue retries them; a problem that cannot be judged (no tests, an output validator
 * that does not compile) throws JudgeSetupError, which retrying will not fix.
 */
import { compareOutput, parseCheckerOptions, type CheckerSpec } from "../src/judge/checkers";
import { getLanguage, type LanguageDefinition } from "../src/judge/languages";
import { effectiveLimits, overallVerdict, runFailure, type EffectiveLimits, type Verdict } from "../src/judge/verdicts";
import type { JudgeProblemSpec, JudgeTest } from "../src/judge/problem-spec";
import type { RunLimits, RunResult } from "../src/judge/run-result";
import { utf8Prefix } from "../src/judge/text";
import { validatorCompileArgv, validatorFileNameError, type ValidatorFile } from "../src/judge/validator-files";
import { SandboxError, type SandboxProvider, type SandboxSession } from "../sandbox/types";

export type { JudgeProblemSpec, JudgeTest } from "../src/judge/problem-spec";

export interface TestOutcome {
  position: number;
  verdict: Verdict;
  cpuMs: number;
  wallMs: number;
  /** Time the program was runnable but not running (a busy host): not counted in wallMs. */
  waitedMs?: number;
  peakKb: number;
  exitCode: number | null;
  signal: string | null;
  stoppedBy: string;
  /** The start of the program's stdout (≤ 2 KiB). */
  outputExcerpt: string;
  /** The start of the program's stderr (≤ 2 KiB). */
  stderrExcerpt: string;
  /** Why the verdict: the checker's message on WA, the failure's detail on TLE/MLE/RE/OLE/IE. */
  checkerMessage?: string;
}

export interface JudgeOutcome {
  verdict: Verdict;
  score: number;
  maxScore: number;
  maxCpuMs: number;
  maxPeakKb: number;
  /** Compiler output on CE, compiler warnings otherwise (null when there were none). */
  compileOutput: string | null;
  tests: TestOutcome[];
}

export interface JudgeHooks {
  onCompiled?(ok: boolean): void | Promise<void>;
  onTest?(t: TestOutcome, done: number, total: number): void | Promise<void>;
}

/** The submission names a language the registry does not have. */
export class UnknownLanguageError extends Error {
  constructor(readonly languageId: string) {
    super(`unknown language "${languageId}"`);
    this.name = "UnknownLanguageError";
  }
}

/** The problem cannot be judged as configured (not the student's fault, and retrying will not help). */
export class JudgeSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "JudgeSetupError";
  }
}

/** Compilation: generous, because g++ with <bits/stdc++.h> alone takes ~2.5 s and ~200 MiB. */
export const COMPILE_MEMORY_MB = 1024;
/** Compiler output kept (stdout and stderr together). */
export const COMPILE_OUTPUT_BYTES = 64 * 1024;
export const COMPILE_LIMITS: RunLimits = {
  cpuMs: 15_000,
  wallMs: 30_000,
  outputBytes: 64 * 1024,
  stderrBytes: 64 * 1024,
  fileSizeBytes: 256 * 1024 * 1024,
  openFiles: 1024,
};
/** Memory on top of the program's limit for the supervisor and the compiled files in tmpfs. */
export const SANDBOX_HEADROOM_MB = 16;
/** Output validators: the problem author's code, trusted to be reasonable but still sandboxed. */
export const VALIDATOR_MEMORY_MB = 1024;
const VALIDATOR_LIMITS: RunLimits = { cpuMs: 10_000, wallMs: 20_000, outputBytes: 64 * 1024, stderrBytes: 64 * 1024 };
/** Stdout kept from a custom-input Run (shown to the student). */
export const CUSTOM_RUN_OUTPUT_BYTES = 1024 * 1024;

const EXCERPT_BYTES = 2048;
/**
 * Runs asked for beyond the one running (see judgeSubmission). A few cover Docker's round
 * trip on a busy host; more would only send inputs that an early stop throws away.
 */
const PIPELINE_DEPTH = 2;
const STDERR_KEPT_BYTES = 64 * 1024;
const VALIDATOR_MESSAGE_CHARS = 1000;
const KATTIS_ACCEPTED = 42;
const KATTIS_WRONG_ANSWER = 43;

/** stdout may be up to twice the expected answer (plus slack) before it is OLE. */
export function outputLimitBytes(expectedOutput: string): number {
  return Math.max(8 * 1024 * 1024, 2 * Buffer.byteLength(expectedOutput) + 1024 * 1024);
}

/** Judge a submission against a problem's tests. Throws on infrastructure failure. */
export async function judgeSubmission(
  provider: SandboxProvider,
  input: { language: string; source: string; problem: JudgeProblemSpec },
  hooks: JudgeHooks = {},
): Promise<JudgeOutcome> {
  const language = requireLanguage(input.language);
  const { problem } = input;
  const tests = [...problem.tests].sort((a, b) => a.position - b.position);
  if (tests.length === 0) throw new JudgeSetupError("the problem has no tests");
  const maxScore = tests.reduce((sum, t) => sum + t.points, 0);
  const checker: CheckerSpec = { kind: problem.checker.kind, options: parseCheckerOptions(problem.checker.options) };
  if (checker.kind === "CUSTOM" && (!problem.checker.source || !problem.checker.language)) {
    throw new JudgeSetupError("the problem's custom checker has no source or language");
  }

  const limits = effectiveLimits(language, problem);
  const runMemoryMb = limits.memoryMb + SANDBOX_HEADROOM_MB;
  const argv = language.run({ memoryMb: limits.memoryMb, sourceFile: language.sourceFileName(input.source) });
  /**
   * One test's run. Before each test but a session's first, the supervisor puts back
   * exactly the compiled files and an empty /tmp, checked, in the same request as the
   * run: tests stay independent, and a filled tmpfs cannot starve later tests.
   */
  const runTest = (session: SandboxSession, test: JudgeTest, resetFirst: boolean) => {
    const running = session.run(
      {
        argv,
        stdin: test.input,
        env: language.env,
        limits: {
          cpuMs: limits.cpuMs,
          wallMs: limits.wallMs,
          outputBytes: outputLimitBytes(test.expectedOutput),
          stderrBytes: STDERR_KEPT_BYTES,
        },
      },
      { resetFirst },
    );
    running.catch(() => undefined); // a run asked for ahead may be dropped (below)
    return running;
  };
  // Tests are asked for ahead (pipelined): the supervisor starts the next one the moment
  // one ends, instead of after our answer and request went through Docker, which on a busy
  // host can take longer than a short test. The first ones are asked for with the compile:
  // they run only if the program compiled. When judging stops early (ICPC) or moves to a
  // fresh container, the runs asked for ahead go with their container, never looked at.
  const runs: Array<Promise<RunResult>> = [];
  let asked = 0;
  /** Index of the first test in the current container (it needs no reset before it). */
  let first = 0;
  const askUpTo = (session: SandboxSession, last: number) => {
    for (; asked <= Math.min(last, tests.length - 1); asked++) runs[asked] = runTest(session, tests[asked]!, asked !== first);
  };
  /** The first runs in a (new) container; anything asked for in one before goes with it. */
  const askFirst = (session: SandboxSession) => {
    asked = first;
    askUpTo(session, first + PIPELINE_DEPTH - 1);
  };
  let session: SandboxSession | undefined;
  let validator: OutputValidator | null = null;
  try {
    let prepared = await prepareProgram(provider, language, input.source, runMemoryMb, askFirst);
    session = prepared.session;
    await hooks.onCompiled?.(prepared.program.ok);
    if (!prepared.program.ok) {
      return { verdict: "CE", score: 0, maxScore, maxCpuMs: 0, maxPeakKb: 0, compileOutput: prepared.program.output, tests: [] };
    }
    const compileOutput = prepared.program.output;
    if (checker.kind === "CUSTOM") {
      validator = await OutputValidator.start(provider, problem.checker.language!, problem.checker.source!, problem.checker.files);
    }
    const outcomes: TestOutcome[] = [];
    for (let i = 0; i < tests.length; i++) {
      const test = tests[i]!;
      askUpTo(session, i + PIPELINE_DEPTH);
      const result = await runs[i]!;
      const judged = await judgeRun(result, limits, test, checker, validator);
      const outcome = testOutcome(test.position, result, judged.verdict, judged.message);
      outcomes.push(outcome);
      await hooks.onTest?.(outcome, outcomes.length, tests.length);
      if (problem.scoringMode === "ICPC" && outcome.verdict !== "AC") break;
      if (i + 1 >= tests.length) break;
      if (outcome.stoppedBy === "memory-limit") {
        // After an OOM kill, what the program left in tmpfs still fills the container's
        // memory cgroup, and the next OOM could take the supervisor itself: the remaining
        // tests (POINTS scoring) continue in a fresh container.
        await session.close();
        session = undefined;
        first = i + 1;
        prepared = await prepareProgram(provider, language, input.source, runMemoryMb, askFirst);
        session = prepared.session;
        if (!prepared.program.ok) throw new SandboxError("recompiling for the remaining tests failed");
      }
    }
    const overall = overallVerdict(
      outcomes.map((t, i) => ({ verdict: t.verdict, cpuMs: t.cpuMs, peakKb: t.peakKb, points: tests[i]!.points })),
      problem.scoringMode,
      maxScore,
    );
    return { ...overall, compileOutput, tests: outcomes };
  } finally {
    await Promise.all([session?.close(), validator?.close()]);
  }
}

/** What a Run reports for one test: the outcome plus the program's whole stdout (≤ 1 MiB). */
export type RunTestOutcome = TestOutcome & { stdout: string };

export interface RunInput {
  language: string;
  source: string;
  /** The student's custom input; null runs only the samples. */
  stdin: string | null;
  timeLimitMs: number;
  memoryLimitMb: number;
  /** The problem's sample tests, checked against their expected output (LeetCode's "Run"). */
  samples?: JudgeTest[];
  /** How sample output is compared (default: the standard checker). */
  checker?: JudgeProblemSpec["checker"];
  /** Command-line arguments for the program (the public API's Piston `args`). */
  args?: string[];
}

export interface RunOutcome<Custom extends RunTestOutcome | null> {
  /** CE; else the first failing sample's verdict; else the custom run's failure; else null. */
  verdict: Verdict | null;
  compileOutput: string | null;
  /** The custom-input run (position 0): verdict AC when it simply ran, else TLE/MLE/RE/OLE (CE when nothing ran). */
  test: Custom;
  /** One outcome per sample, in position order (empty on CE). */
  samples: RunTestOutcome[];
}

/**
 * The "Run" button: compile once, run the program on each sample (checked like a
 * submission, but every sample runs) and then on the student's own input, which has no
 * expected output. `hooks.onTest` sees the samples first, then the custom run.
 */
export async function runWithCustomInput(
  provider: SandboxProvider,
  input: RunInput & { stdin: string },
  hooks?: JudgeHooks,
): Promise<RunOutcome<RunTestOutcome>>;
export async function runWithCustomInput(
  provider: SandboxProvider,
  input: RunInput,
  hooks?: JudgeHooks,
): Promise<RunOutcome<RunTestOutcome | null>>;
export async function runWithCustomInput(
  provider: SandboxProvider,
  input: RunInput,
  hooks: JudgeHooks = {},
): Promise<RunOutcome<RunTestOutcome | null>> {
  const language = requireLanguage(input.language);
  const samples = [...(input.samples ?? [])].sort((a, b) => a.position - b.position);
  const checkerSpec = input.checker ?? { kind: "STANDARD" as const };
  const checker: CheckerSpec = { kind: checkerSpec.kind, options: parseCheckerOptions(checkerSpec.options) };
  if (samples.length > 0 && checker.kind === "CUSTOM" && (!checkerSpec.source || !checkerSpec.language)) {
    throw new JudgeSetupError("the problem's custom checker has no source or language");
  }
  const total = samples.length + (input.stdin === null ? 0 : 1);

  const limits = effectiveLimits(language, input);
  const runMemoryMb = limits.memoryMb + SANDBOX_HEADROOM_MB;
  let session: SandboxSession | undefined;
  let validator: OutputValidator | null = null;
  try {
    const prepared = await prepareProgram(provider, language, input.source, runMemoryMb);
    session = prepared.session;
    const { program } = prepared;
    await hooks.onCompiled?.(program.ok);
    if (!program.ok) {
      const test: RunTestOutcome | null =
        input.stdin === null
          ? null
          : {
              position: 0,
              verdict: "CE",
              cpuMs: 0,
              wallMs: 0,
              peakKb: 0,
              exitCode: null,
              signal: null,
              stoppedBy: "not-run",
              outputExcerpt: "",
              stderrExcerpt: "",
              stdout: "",
            };
      return { verdict: "CE", compileOutput: program.output, test, samples: [] };
    }
    if (samples.length > 0 && checker.kind === "CUSTOM") {
      validator = await OutputValidator.start(provider, checkerSpec.language!, checkerSpec.source!, checkerSpec.files);
    }
    // Command-line arguments (Piston's `args`) go after the program, as argv[1..].
    const argv = [...language.run({ memoryMb: limits.memoryMb, sourceFile: program.sourceFile }), ...(input.args ?? [])];
    let previous: RunTestOutcome | undefined;
    /** One run of the program; a fresh container after an OOM kill (see judgeSubmission). */
    const runOnce = async (stdin: string, outputBytes: number) => {
      let resetFirst = false;
      if (previous?.stoppedBy === "memory-limit") {
        await session!.close();
        session = undefined;
        const again = await prepareProgram(provider, language, input.source, runMemoryMb);
        session = again.session;
        if (!again.program.ok) throw new SandboxError("recompiling for the remaining tests failed");
      } else {
        // Exactly the compiled files again, as between a submission's tests.
        resetFirst = previous !== undefined;
      }
      return session!.run(
        {
          argv,
          stdin,
          env: language.env,
          limits: { cpuMs: limits.cpuMs, wallMs: limits.wallMs, outputBytes, stderrBytes: STDERR_KEPT_BYTES },
        },
        { resetFirst },
      );
    };

    const sampleOutcomes: RunTestOutcome[] = [];
    for (const sample of samples) {
      const result = await runOnce(sample.input, outputLimitBytes(sample.expectedOutput));
      const judged = await judgeRun(result, limits, sample, checker, validator);
      previous = { ...testOutcome(sample.position, result, judged.verdict, judged.message), stdout: result.stdout.toString("utf8") };
      sampleOutcomes.push(previous);
      await hooks.onTest?.(previous, sampleOutcomes.length, total);
    }

    let custom: RunTestOutcome | null = null;
    if (input.stdin !== null) {
      const result = await runOnce(input.stdin, CUSTOM_RUN_OUTPUT_BYTES);
      const failure = runFailure(result, limits);
      custom = { ...testOutcome(0, result, failure?.verdict ?? "AC", failure?.detail), stdout: result.stdout.toString("utf8") };
      await hooks.onTest?.(custom, total, total);
    }
    const failedSample = sampleOutcomes.find((t) => t.verdict !== "AC");
    const verdict = failedSample?.verdict ?? (custom && custom.verdict !== "AC" ? custom.verdict : null);
    return { verdict, compileOutput: program.output, test: custom, samples: sampleOutcomes };
  } finally {
    await Promise.all([session?.close(), validator?.close()]);
  }
}

/**
 * The memory a submission's container starts with: the run's own limit when the language
 * compiles within it (no limit change between compiling and the tests), else the compile
 * limit. A compile that runs out of memory at the smaller limit is retried at the full one.
 */
export function compileMemoryMb(language: LanguageDefinition, runMemoryMb: number): number {
  return language.compile === undefined || (language.compileMemoryMb !== undefined && runMemoryMb >= language.compileMemoryMb)
    ? runMemoryMb
    : Math.max(COMPILE_MEMORY_MB, runMemoryMb);
}

function requireLanguage(id: string): LanguageDefinition {
  const language = getLanguage(id);
  if (!language) throw new UnknownLanguageError(id);
  return language;
}

type CompiledProgram =
  | { ok: true; sourceFile: string; output: string | null }
  | {
      ok: false;
      output: string;
      /** Stopped by a container limit below the compile limit: worth compiling again under the full one. */
      outOfMemory: boolean;
    };

/**
 * A fresh container with the program compiled and sealed, at the run's memory limit.
 * `queueFirstRun` may ask for a run right away, before the compile's answer: it is written
 * behind the compile (pipelined) when the container is already at the run's limit, else
 * once the limit is set. A compile that ran out of memory under the run's limit (see
 * compileMemoryMb) is done again in a container at the full compile limit.
 */
async function prepareProgram(
  provider: SandboxProvider,
  language: LanguageDefinition,
  source: string,
  runMemoryMb: number,
  queueFirstRun?: (session: SandboxSession) => void,
): Promise<{ session: SandboxSession; program: CompiledProgram }> {
  let memoryMb = compileMemoryMb(language, runMemoryMb);
  for (;;) {
    const session = await provider.acquire({ memoryMb });
    try {
      const compiling = compileProgram(session, language, source);
      const queuedFirst = queueFirstRun !== undefined && session.memoryMb === runMemoryMb;
      if (queuedFirst) queueFirstRun(session);
      const program = await compiling;
      if (!program.ok && program.outOfMemory && memoryMb < COMPILE_MEMORY_MB) {
        // This program needs the compiler's full allowance: it gets it, in a fresh container
        // (the first one's /box is sealed), and only a failure there is the student's.
        await session.close();
        memoryMb = COMPILE_MEMORY_MB;
        continue;
      }
      if (program.ok) {
        await session.setMemoryLimit(runMemoryMb);
        if (queueFirstRun && !queuedFirst) queueFirstRun(session);
      }
      return { session, program };
    } catch (error) {
      await session.close();
      throw error;
    }
  }
}

/**
 * Put the source in /box, compile it and seal the result (what the compiler left becomes
 * every test's read-only starting point, see reset()). The three requests are written at
 * once, without waiting for answers, and a run asked for right after this call is written
 * behind them. CE on any failure, with the compiler's words.
 */
function compileProgram(
  session: SandboxSession,
  language: LanguageDefinition,
  source: string,
  /** An output validator's other files (headers, modules, C/C++ units), placed beside the source. */
  extra: ValidatorFile[] = [],
): Promise<CompiledProgram> {
  const sourceFile = language.sourceFileName(source);
  const memoryMb = session.memoryMb;
  const put = session.putFiles([{ path: sourceFile, content: source }, ...extra.map((f) => ({ path: f.name, content: f.content }))]);
  const compiled = language.compile
    ? session.run({
        argv: validatorCompileArgv(language, language.compile({ memoryMb, sourceFile }), sourceFile, extra),
        env: language.env,
        limits: COMPILE_LIMITS,
      })
    : Promise.resolve(null);
  const sealed = session.seal();
  // Awaited below in order; the later ones must not count as unhandled meanwhile.
  for (const step of [put, compiled, sealed]) step.catch(() => undefined);
  return (async (): Promise<CompiledProgram> => {
    await put;
    const result = await compiled;
    let output: string | null = null;
    if (result) {
      // A wall-limit stop is the student's (e.g. `#include "/dev/stderr"` blocks the compiler):
      // the supervisor does not count time the compiler waited for a CPU, and a host too busy
      // to run it at all is its "X" (a SandboxError, retried), never decided from the CPU used.
      const text = compilerOutput(result);
      if (result.stoppedBy !== "exited" || result.exitCode !== 0) {
        const why = compileFailureReason(result, memoryMb, text);
        return {
          ok: false,
          output: [why, text].filter(Boolean).join("\n\n"),
          outOfMemory: result.stoppedBy === "memory-limit" && memoryMb < COMPILE_MEMORY_MB,
        };
      }
      output = text || null;
    }
    await sealed;
    return { ok: true, sourceFile, output };
  })();
}

/** stdout and stderr of the compiler together, at most 64 KiB. */
function compilerOutput(result: RunResult): string {
  const full = Buffer.from(
    [result.stdout.toString("utf8"), result.stderr.toString("utf8")]
      .filter((s) => s.trim())
      .join("\n")
      .trimEnd(),
  );
  const text = textExcerpt(full, COMPILE_OUTPUT_BYTES);
  const truncated =
    Buffer.byteLength(text) < full.length || result.stdoutTruncated || result.stderrTruncated || result.stoppedBy === "output-limit";
  return truncated ? `${text}\n[compiler output truncated]` : text;
}

/**
 * A compiler driver (g++, gcc, clang, go build) whose own subprocess (cc1plus, …) was stopped by the CPU
 * rlimit: the supervisor sees only the driver exit with an error, so its words tell. The
 * rlimit is the supervisor's backstop, a second over the CPU limit, and fires first when the
 * supervisor's own check was starved on a very busy host.
 */
const SUBPROCESS_CPU_LIMIT = new RegExp(
  [
    /^\S+: (internal compiler error: )?CPU time limit exceeded signal terminated program \S+$/, // gcc, g++
    /^\S+: error: unable to execute command: CPU time limit exceeded$/, // clang
    /: signal: CPU time limit exceeded( \(core dumped\))?$/, // go build (its compile and link tools)
  ]
    .map((r) => r.source)
    .join("|"),
  "m",
);

const COMPILE_TOOK_TOO_LONG = `Compilation took too long (limit ${COMPILE_LIMITS.cpuMs / 1000} s CPU, ${COMPILE_LIMITS.wallMs / 1000} s wall).`;

/** Why a compile failed, in our words, or null when the compiler's own words say it all. */
export function compileFailureReason(
  result: Pick<RunResult, "stoppedBy" | "signal" | "exitCode">,
  memoryMb: number,
  compilerText = "",
): string | null {
  switch (result.stoppedBy) {
    case "cpu-limit":
    case "wall-limit":
      return COMPILE_TOOK_TOO_LONG;
    case "memory-limit":
      return `Compilation used too much memory (limit ${memoryMb} MiB).`;
    case "output-limit":
      return `The compiler printed too much (limit ${COMPILE_LIMITS.outputBytes / 1024} KiB).`;
    case "signaled":
      return `The compiler was killed by ${result.signal ?? "a signal"}.`;
    case "exited":
      return result.exitCode !== 0 && SUBPROCESS_CPU_LIMIT.test(compilerText) ? COMPILE_TOOK_TOO_LONG : null;
  }
}

async function judgeRun(
  result: RunResult,
  limits: EffectiveLimits,
  test: JudgeTest,
  checker: CheckerSpec,
  validator: OutputValidator | null,
): Promise<{ verdict: Verdict; message?: string }> {
  const failure = runFailure(result, limits);
  if (failure) return { verdict: failure.verdict, message: failure.detail };
  if (validator) return validator.check(test, result.stdout);
  const check = compareOutput(checker, test.expectedOutput, result.stdout.toString("utf8"));
  return { verdict: check.ok ? "AC" : "WA", message: check.message };
}

function testOutcome(position: number, result: RunResult, verdict: Verdict, message?: string): TestOutcome {
  return {
    position,
    verdict,
    cpuMs: result.cpuMs,
    wallMs: result.wallMs,
    waitedMs: result.waitedMs,
    peakKb: result.peakKb,
    exitCode: result.exitCode,
    signal: result.signal,
    stoppedBy: result.stoppedBy,
    outputExcerpt: textExcerpt(result.stdout),
    stderrExcerpt: textExcerpt(result.stderr),
    ...(message ? { checkerMessage: message } : {}),
  };
}

/** The first `maxBytes` bytes as text, without a character cut in half at the end. */
export function textExcerpt(bytes: Buffer, maxBytes = EXCERPT_BYTES): string {
  return utf8Prefix(bytes, maxBytes);
}

/**
 * A Kattis output validator, compiled once per submission in its OWN container (never
 * the student's), run per test as `validator judge_input judge_answer feedback/ < output`.
 * Exit 42 = AC, 43 = WA, anything else = IE. Its message is its stdout/stderr plus the
 * start of feedback/judgemessage.txt, which a shell inside the container appends to
 * stderr: the trusted side never reads a file from a container.
 */
class OutputValidator {
  private constructor(
    private readonly session: SandboxSession,
    private readonly argv: string[],
    private readonly env: Record<string, string> | undefined,
  ) {}

  static async start(provider: SandboxProvider, languageId: string, source: string, files: ValidatorFile[] = []): Promise<OutputValidator> {
    const language = getLanguage(languageId);
    if (!language) throw new JudgeSetupError(`the output validator's language "${languageId}" is unknown`);
    const sourceFile = language.sourceFileName(source);
    for (const file of files) {
      const problem =
        validatorFileNameError(file.name) ?? (file.name === sourceFile ? `"${file.name}" is where the main source goes` : null);
      if (problem) throw new JudgeSetupError(`the output validator's files: ${problem}`);
    }
    const session = await provider.acquire({ memoryMb: VALIDATOR_MEMORY_MB });
    try {
      const program = await compileProgram(session, language, source, files);
      if (!program.ok) throw new JudgeSetupError(`the output validator does not compile:\n${program.output.slice(0, 2000)}`);
      const argv = language.run({ memoryMb: VALIDATOR_MEMORY_MB, sourceFile: program.sourceFile });
      return new OutputValidator(session, argv, language.env);
    } catch (error) {
      await session.close();
      throw error;
    }
  }

  async check(test: JudgeTest, teamOutput: Buffer): Promise<{ verdict: Verdict; message?: string }> {
    await this.session.putFiles([
      { path: "judge_input", content: test.input },
      { path: "judge_answer", content: test.expectedOutput },
    ]);
    const script =
      'rm -rf feedback && mkdir feedback || exit 120; "$@"; code=$?; ' +
      `head -c ${VALIDATOR_MESSAGE_CHARS} feedback/judgemessage.txt >&2 2>/dev/null; exit $code`;
    const result = await this.session.run({
      argv: ["sh", "-c", script, "validator", ...this.argv, "judge_input", "judge_answer", "feedback/"],
      stdin: teamOutput,
      env: this.env,
      limits: VALIDATOR_LIMITS,
    });
    const said = `${result.stdout.toString("utf8")}\n${result.stderr.toString("utf8")}`.trim().slice(0, VALIDATOR_MESSAGE_CHARS);
    if (result.stoppedBy === "exited" && result.exitCode === KATTIS_ACCEPTED) return { verdict: "AC", message: said || undefined };
    if (result.stoppedBy === "exited" && result.exitCode === KATTIS_WRONG_ANSWER) return { verdict: "WA", message: said || "wrong answer" };
    const how =
      result.stoppedBy === "exited"
        ? `exit code ${result.exitCode}`
        : result.signal
          ? `${result.stoppedBy}, ${result.signal}`
          : result.stoppedBy;
    return { verdict: "IE", message: `output validator failed (${how})${said ? `: ${said}` : ""}`.slice(0, VALIDATOR_MESSAGE_CHARS) };
  }

  close(): Promise<void> {
    return this.session.close();
  }
}
