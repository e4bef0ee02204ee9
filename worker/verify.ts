/**
 * `npm run verify -- <problem-dir> [more dirs]`: check a problem package the way
 * Kattis' verifyproblem does. Every file under `submissions/<expected>/` is judged with
 * the real sandbox and must get the verdict its folder names.
 *
 * stdout: one JSON object per submission (parseable JSON lines, nothing else).
 * stderr: progress, warnings and a human summary.
 * Exit code: 0 all as expected, 1 some verdict differs, 2 usage or package error,
 * 130 interrupted (Ctrl+C removes the sandbox containers first).
 */
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { sandboxProviderFromEnv } from "./sandbox-config";
import { SandboxError, type SandboxProvider } from "../sandbox/types";
import { languageForExtension } from "../src/judge/languages";
import type { Verdict } from "../src/judge/verdicts";
import { judgeSubmission, JudgeSetupError, type JudgeOutcome, type TestOutcome } from "./judge";
import {
  EXPECTED_VERDICT_BY_FOLDER,
  expectedVerdictOfFolder,
  isDirectory,
  isFile,
  loadProblemPackage,
  ProblemPackageError,
  unknownSubmissionFolder,
  type ProblemPackage,
} from "../src/judge/kattis";

const DEFAULT_JOBS = 2;
/** Far above the web app's 64 KiB: authors' reference solutions may be long, but not unbounded. */
const MAX_SUBMISSION_BYTES = 1024 * 1024;
const SHOWN_COMPILE_OUTPUT_CHARS = 2000;
/** An accepted submission using more than this share of the time limit is flagged as tight. */
const TIGHT_SHARE_OF_LIMIT = 0.5;

export interface SubmissionFile {
  /** Path relative to the problem folder, e.g. "submissions/accepted/sum.py". */
  file: string;
  expected: Verdict;
  language: string;
  source: string;
}

/** The submissions of a package, sorted by path; unusable files become warnings. */
export async function findSubmissions(problemDir: string): Promise<{ submissions: SubmissionFile[]; warnings: string[] }> {
  const submissions: SubmissionFile[] = [];
  const warnings: string[] = [];
  const root = path.join(problemDir, "submissions");
  if (!(await isDirectory(root))) return { submissions, warnings: ["no submissions/ folder: nothing to verify"] };
  for (const folder of (await readdir(root)).sort()) {
    const folderPath = path.join(root, folder);
    if (!(await isDirectory(folderPath))) continue;
    const expected = expectedVerdictOfFolder(folder);
    if (!expected) {
      warnings.push(unknownSubmissionFolder(folder));
      continue;
    }
    for (const name of (await readdir(folderPath)).sort()) {
      const file = `submissions/${folder}/${name}`;
      if (name.startsWith(".")) continue;
      const info = await stat(path.join(folderPath, name));
      if (info.isDirectory()) {
        warnings.push(`${file}/ skipped: multi-file submissions are not supported`);
        continue;
      }
      const language = languageForExtension(path.extname(name));
      if (!info.isFile() || !language) {
        warnings.push(`${file} skipped: no language for the extension "${path.extname(name)}"`);
        continue;
      }
      if (info.size > MAX_SUBMISSION_BYTES) {
        warnings.push(`${file} skipped: larger than ${MAX_SUBMISSION_BYTES / 1024} KiB`);
        continue;
      }
      submissions.push({ file, expected, language: language.id, source: await readFile(path.join(folderPath, name), "utf8") });
    }
  }
  if (submissions.length === 0) warnings.push("no submissions found under submissions/<verdict>/");
  else if (!submissions.some((s) => s.expected === "AC")) warnings.push("no accepted submission: the tests are unchecked");
  return { submissions, warnings };
}

/** One line of stdout. */
export interface VerifyRecord {
  problem: string;
  file: string;
  language: string;
  expected: Verdict;
  verdict: Verdict;
  ok: boolean;
  score: number;
  maxScore: number;
  /** Largest CPU time of any test, ms. */
  timeMs: number;
  /** Largest peak memory of any test, KiB. */
  memoryKb: number;
  tests: Array<
    Pick<TestOutcome, "position" | "verdict" | "cpuMs" | "wallMs" | "peakKb" | "exitCode" | "signal" | "stoppedBy"> & {
      name: string;
      message?: string;
    }
  >;
  /** Compiler output (start of it) when the verdict is CE. */
  compileOutput?: string;
  /** Why the judge could not produce a verdict (verdict is then IE). */
  error?: string;
}

export function toRecord(pkg: ProblemPackage, submission: SubmissionFile, outcome: JudgeOutcome): VerifyRecord {
  const names = new Map(pkg.spec.tests.map((t) => [t.position, t.name]));
  return {
    problem: pkg.slug,
    file: submission.file,
    language: submission.language,
    expected: submission.expected,
    verdict: outcome.verdict,
    ok: outcome.verdict === submission.expected,
    score: outcome.score,
    maxScore: outcome.maxScore,
    timeMs: outcome.maxCpuMs,
    memoryKb: outcome.maxPeakKb,
    tests: outcome.tests.map((t) => ({
      position: t.position,
      name: names.get(t.position) ?? String(t.position),
      verdict: t.verdict,
      cpuMs: t.cpuMs,
      wallMs: t.wallMs,
      peakKb: t.peakKb,
      exitCode: t.exitCode,
      signal: t.signal,
      stoppedBy: t.stoppedBy,
      ...(t.checkerMessage ? { message: t.checkerMessage } : {}),
    })),
    ...(outcome.verdict === "CE" && outcome.compileOutput
      ? { compileOutput: outcome.compileOutput.slice(0, SHOWN_COMPILE_OUTPUT_CHARS) }
      : {}),
  };
}

function errorRecord(pkg: ProblemPackage, submission: SubmissionFile, error: unknown): VerifyRecord {
  return {
    problem: pkg.slug,
    file: submission.file,
    language: submission.language,
    expected: submission.expected,
    verdict: "IE",
    ok: false,
    score: 0,
    maxScore: pkg.spec.tests.reduce((sum, t) => sum + t.points, 0),
    timeMs: 0,
    memoryKb: 0,
    tests: [],
    error: error instanceof Error ? error.message : String(error),
  };
}

/** Why a record is not as expected, in one line for humans. */
export function explainMismatch(record: VerifyRecord): string {
  if (record.error) return `judge failed: ${record.error}`;
  const failed = record.tests.find((t) => t.verdict === record.verdict);
  let where = "";
  if (failed) {
    where = ` on test ${failed.position} (${failed.name})`;
    const detail = failed.message ?? (failed.signal ? `signal ${failed.signal}` : failed.exitCode ? `exit code ${failed.exitCode}` : "");
    if (detail) where += `: ${detail.split("\n")[0]!.slice(0, 200)}`;
  } else if (record.verdict === "CE" && record.compileOutput) {
    where = `: ${
      record.compileOutput
        .split("\n")
        .find((l) => l.trim())
        ?.slice(0, 200) ?? ""
    }`;
  }
  return `expected ${record.expected}, got ${record.verdict}${where}`;
}

/** Run `fn` over `items` with at most `limit` in flight; nothing new starts once `signal` aborts. */
async function forEachLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>, signal?: AbortSignal): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length && !signal?.aborted) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

export interface VerifyOptions {
  dirs: string[];
  jobs: number;
  provider: SandboxProvider;
  writeLine: (line: string) => void;
  log: (line: string) => void;
  /** Ctrl+C: stop starting submissions and drop the results of those in flight. */
  signal?: AbortSignal;
}

/** Verify every package; returns the process exit code. */
export async function verifyProblems({ dirs, jobs, provider, writeLine, log, signal }: VerifyOptions): Promise<number> {
  const started = Date.now();
  let packageErrors = 0;
  const work: Array<{ pkg: ProblemPackage; submission: SubmissionFile }> = [];
  const packages: ProblemPackage[] = [];
  for (const dir of dirs) {
    // `verify problems/*` also expands to problems/README.md: files are not packages.
    if (await isFile(dir)) {
      log(`note: ${dir} is a file, not a problem folder: skipped`);
      continue;
    }
    try {
      const pkg = await loadProblemPackage(dir);
      const { submissions, warnings } = await findSubmissions(pkg.dir);
      for (const warning of [...pkg.warnings, ...warnings]) log(`warning: ${pkg.slug}: ${warning}`);
      packages.push(pkg);
      for (const submission of submissions) work.push({ pkg, submission });
    } catch (error) {
      if (!(error instanceof ProblemPackageError)) throw error;
      packageErrors++;
      log(`error: ${error.message}`);
    }
  }

  const records: VerifyRecord[] = [];
  let done = 0;
  await forEachLimited(
    work,
    jobs,
    async ({ pkg, submission }) => {
      let record: VerifyRecord;
      try {
        record = toRecord(pkg, submission, await judgeWithRetry(provider, pkg, submission));
      } catch (error) {
        if (error instanceof JudgeSetupError) packageErrors++;
        record = errorRecord(pkg, submission, error);
      }
      if (signal?.aborted) return;
      records.push(record);
      writeLine(JSON.stringify(record));
      done++;
      const seconds = (record.timeMs / 1000).toFixed(2);
      const status = record.ok ? "ok  " : "FAIL";
      log(
        `[${done}/${work.length}] ${status} ${pkg.slug}/${submission.file}: ${record.verdict} (${seconds} s, ${Math.round(record.memoryKb / 1024)} MiB)${record.ok ? "" : ` — ${explainMismatch(record)}`}`,
      );
    },
    signal,
  );
  if (signal?.aborted) {
    log(`verify: interrupted after ${records.length} of ${work.length} submissions`);
    return 130;
  }

  log("");
  for (const pkg of packages) {
    const mine = records.filter((r) => r.problem === pkg.slug).sort((a, b) => (a.file < b.file ? -1 : 1));
    const good = mine.filter((r) => r.ok).length;
    log(`${pkg.slug}: ${good}/${mine.length} submissions as expected`);
    for (const record of mine.filter((r) => !r.ok)) log(`  ✗ ${record.file}: ${explainMismatch(record)}`);
    for (const record of mine.filter((r) => r.ok && r.expected === "AC" && r.timeMs > pkg.spec.timeLimitMs * TIGHT_SHARE_OF_LIMIT)) {
      log(`  ! ${record.file}: accepted but used ${record.timeMs} ms of the ${pkg.spec.timeLimitMs} ms limit`);
    }
  }
  const mismatches = records.filter((r) => !r.ok).length;
  const elapsed = ((Date.now() - started) / 1000).toFixed(1);
  log(
    `verify: ${records.length} submissions, ${records.length - mismatches} as expected, ${mismatches} unexpected` +
      `${packageErrors ? `, ${packageErrors} package error(s)` : ""} (${elapsed} s)`,
  );
  if (packageErrors > 0) return 2;
  return mismatches > 0 ? 1 : 0;
}

/** Infrastructure hiccups (a container that failed to start) get one more try. */
async function judgeWithRetry(provider: SandboxProvider, pkg: ProblemPackage, submission: SubmissionFile) {
  const input = { language: submission.language, source: submission.source, problem: pkg.spec };
  try {
    return await judgeSubmission(provider, input);
  } catch (error) {
    if (!(error instanceof SandboxError)) throw error;
    return await judgeSubmission(provider, input);
  }
}

const USAGE = `usage: npm run verify -- [--jobs N] <problem-dir> [more problem dirs]

Judges every file under <problem-dir>/submissions/<folder>/ in the sandbox and checks
that it gets the verdict its folder names (${Object.entries(EXPECTED_VERDICT_BY_FOLDER)
  .map(([folder, verdict]) => `${folder} = ${verdict}`)
  .join(", ")}).
Prints one JSON line per submission on stdout and a summary on stderr.
Exit code: 0 all as expected, 1 a verdict differs, 2 usage or package error.`;

export function parseArgs(argv: string[]): { dirs: string[]; jobs: number } | { help: true } | { error: string } {
  const dirs: string[] = [];
  let jobs = DEFAULT_JOBS;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "-h" || arg === "--help") return { help: true };
    if (arg === "-j" || arg === "--jobs" || arg.startsWith("--jobs=")) {
      const raw = arg.startsWith("--jobs=") ? arg.slice("--jobs=".length) : argv[++i];
      jobs = Number(raw);
      if (!Number.isInteger(jobs) || jobs < 1 || jobs > 16)
        return { error: `--jobs needs a whole number from 1 to 16, got ${raw ?? "nothing"}` };
    } else if (arg.startsWith("-")) {
      return { error: `unknown option ${arg}` };
    } else {
      dirs.push(arg);
    }
  }
  if (dirs.length === 0) return { error: "give at least one problem folder" };
  return { dirs, jobs };
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if ("help" in args) {
    process.stderr.write(`${USAGE}\n`);
    return 0;
  }
  if ("error" in args) {
    process.stderr.write(`verify: ${args.error}\n\n${USAGE}\n`);
    return 2;
  }
  // Builds the runner image first when it is missing (a minute or so, once).
  const provider = await sandboxProviderFromEnv({
    poolSize: args.jobs,
    log: (message) => process.stderr.write(`[sandbox] ${message}\n`),
  });
  const interrupted = new AbortController();
  const stop = (signal: NodeJS.Signals) => {
    if (interrupted.signal.aborted) process.exit(130); // a second Ctrl+C: do not wait any longer
    interrupted.abort();
    process.stderr.write(`\nverify: ${signal}, removing sandbox containers…\n`);
    void provider.shutdown().finally(() => process.exit(130));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  try {
    return await verifyProblems({
      ...args,
      provider,
      signal: interrupted.signal,
      writeLine: (line) => process.stdout.write(`${line}\n`),
      log: (line) => process.stderr.write(`${line}\n`),
    });
  } finally {
    await provider.shutdown();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`verify: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(2);
    },
  );
}
