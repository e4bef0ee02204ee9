/**
 * Loader for problems in the Kattis problem package layout
 * (https://www.kattis.com/problem-package-format/), the format `verify` and the seed
 * script read. It turns a package folder into the spec the judge pipeline runs, plus
 * the metadata the database stores. Every problem in a package is reported as a
 * `ProblemPackageError` naming the offending file, never as a crash.
 */
import { lstat, readdir, readFile, realpath, stat } from "node:fs/promises";
import path from "node:path";
import YAML from "yaml";
import { checkerFromKattisFlags } from "./checkers";
import { PROBLEM_LIMITS, slugProblem } from "./problem-rules";
import { DEFAULT_TIME_MULTIPLIER, DEFAULT_TIME_SAFETY_MARGIN } from "./time-limit";
import type { ScoringMode, Verdict } from "./verdicts";
import type { JudgeProblemSpec, JudgeTest } from "./problem-spec";
import { MAX_VALIDATOR_FILES, splitValidatorFiles, type ValidatorFile, type ValidatorProgram } from "./validator-files";

/** A test as loaded from the package: what the judge needs plus where it came from. */
/** Kattis' submission folders and the verdict each one expects (`npm run verify`, the import). */
export const EXPECTED_VERDICT_BY_FOLDER = {
  accepted: "AC",
  wrong_answer: "WA",
  time_limit_exceeded: "TLE",
  memory_limit_exceeded: "MLE",
  run_time_error: "RE",
  compile_error: "CE",
  output_limit_exceeded: "OLE",
} as const satisfies Record<string, Verdict>;

export type SubmissionFolder = keyof typeof EXPECTED_VERDICT_BY_FOLDER;

/** The verdict a `submissions/<folder>/` expects, or null for a folder Kattis does not define. */
export function expectedVerdictOfFolder(folder: string) {
  return Object.hasOwn(EXPECTED_VERDICT_BY_FOLDER, folder) ? EXPECTED_VERDICT_BY_FOLDER[folder as SubmissionFolder] : null;
}

/** The warning for a `submissions/<folder>/` that is not one of Kattis' folders. */
export const unknownSubmissionFolder = (folder: string) =>
  `submissions/${folder}/ skipped: not one of ${Object.keys(EXPECTED_VERDICT_BY_FOLDER).join(", ")}`;

export interface PackageTest extends JudgeTest {
  /** Path below data/ without extension, e.g. "sample/1" or "secret/group2/07". */
  name: string;
  isSample: boolean;
}

export interface ProblemPackage {
  /** Absolute path of the package folder. */
  dir: string;
  /** The folder name. */
  slug: string;
  title: string;
  /** Markdown; for LaTeX-only packages the raw .tex text. */
  statement: string;
  statementFormat: "markdown" | "latex";
  spec: Omit<JudgeProblemSpec, "tests"> & { tests: PackageTest[] };
  /** From `difficulty:` (a CodeRunner extension), if any. */
  difficulty: "EASY" | "MEDIUM" | "HARD" | null;
  /** From `keywords:`, lowercased, deduplicated. */
  tags: string[];
  /** Things that were ignored on purpose (unsupported keys, stray files). */
  warnings: string[];
  /**
   * Whether the package states its time limit (problem.yaml or a legacy .timelimit);
   * when not, `spec.timeLimitMs` is a placeholder that Verify replaces by the derived one.
   */
  timeLimitStated: boolean;
  /** `limits.time_multiplier` and `limits.time_safety_margin` (problemtools' defaults 5 and 2). */
  timeMultiplier: number;
  timeSafetyMargin: number;
}

export class ProblemPackageError extends Error {
  constructor(
    /** The file (or folder) at fault. */
    readonly file: string,
    reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = "ProblemPackageError";
  }
}

// Hostile or accidental huge packages must not exhaust the loader's memory.
const MAX_TEST_FILE_BYTES = 32 * 1024 * 1024;
const MAX_TOTAL_TEST_BYTES = 256 * 1024 * 1024;
const MAX_TEXT_FILE_BYTES = 1024 * 1024;
const MAX_TIME_LIMIT_S = PROBLEM_LIMITS.timeLimitMs.max / 1000;
const MIN_TIME_LIMIT_S = PROBLEM_LIMITS.timeLimitMs.min / 1000;
const { min: MIN_MEMORY_MB, max: MAX_MEMORY_MB, default: DEFAULT_MEMORY_MB } = PROBLEM_LIMITS.memoryLimitMb;
const DEFAULT_TIME_LIMIT_S = PROBLEM_LIMITS.timeLimitMs.default / 1000;

const KNOWN_TOP_LEVEL_KEYS = new Set([
  "name",
  "title",
  "limits",
  "validation",
  "validator_flags",
  "scoring",
  "type",
  "grading",
  // CodeRunner extension: easy | medium | hard, for the problem list's filter.
  "difficulty",
  // Tags for the problem list (Kattis: a space-separated string or a list).
  "keywords",
  // Metadata we accept and do not use.
  "problem_format_version",
  "uuid",
  "author",
  "authors",
  "source",
  "source_url",
  "license",
  "rights_owner",
  "credits",
  "languages",
  "version",
  "constants",
  "embargo_until",
]);
const KNOWN_LIMIT_KEYS = new Set([
  "time_limit",
  "memory",
  // Kattis limits we accept and do not use (the sandbox has its own).
  "time_multiplier",
  "time_multipliers",
  "time_safety_margin",
  "time_resolution",
  "output",
  "code",
  "compilation_time",
  "compilation_memory",
  "validation_time",
  "validation_memory",
  "validation_output",
  "validation_passes",
]);

/** Load and validate one package folder. */
export async function loadProblemPackage(dir: string): Promise<ProblemPackage> {
  const root = await resolvePackageRoot(dir);
  const slug = path.basename(root);
  const slugError = slugProblem(slug);
  if (slugError) throw new ProblemPackageError(root, `folder name "${slug}" is not a valid problem slug: ${slugError}`);
  const warnings: string[] = [];
  const yamlFile = path.join(root, "problem.yaml");
  const config = await readProblemYaml(root, yamlFile, warnings);

  const { timeLimitMs, stated: timeLimitStated } = await readTimeLimit(root, config, yamlFile);
  const timeMultiplier = readFactor(config, yamlFile, "time_multiplier", DEFAULT_TIME_MULTIPLIER);
  const timeSafetyMargin = readFactor(config, yamlFile, "time_safety_margin", DEFAULT_TIME_SAFETY_MARGIN);
  const memoryLimitMb = readMemoryLimit(config, yamlFile);
  const scoringMode = readScoringMode(config, yamlFile);
  const checker = await readChecker(root, config, yamlFile, warnings);
  const statement = await readStatement(root);
  const tests = await readTests(root, scoringMode, warnings);
  const title = readTitle(config, yamlFile) ?? titleFromStatement(statement) ?? slug;

  return {
    dir: root,
    slug,
    title,
    statement: statement.text,
    statementFormat: statement.format,
    spec: { timeLimitMs, memoryLimitMb, checker, scoringMode, tests },
    difficulty: readDifficulty(config, yamlFile),
    tags: readKeywords(config, yamlFile),
    warnings,
    timeLimitStated,
    timeMultiplier,
    timeSafetyMargin,
  };
}

function readDifficulty(config: YamlMap, file: string): ProblemPackage["difficulty"] {
  const value = config.difficulty;
  if (value === undefined || value === null) return null;
  const upper = typeof value === "string" ? value.trim().toUpperCase() : "";
  if (upper === "EASY" || upper === "MEDIUM" || upper === "HARD") return upper;
  throw new ProblemPackageError(file, `difficulty must be easy, medium or hard (got ${JSON.stringify(value)})`);
}

function readKeywords(config: YamlMap, file: string): string[] {
  const value = config.keywords;
  if (value === undefined || value === null) return [];
  const words = typeof value === "string" ? value.split(/[\s,]+/) : Array.isArray(value) ? value : null;
  if (!words || words.some((w) => typeof w !== "string"))
    throw new ProblemPackageError(file, "keywords must be a string or a list of strings");
  return [...new Set((words as string[]).map((w) => w.trim().toLowerCase()).filter((w) => w && w.length <= 50))].slice(0, 20);
}

async function resolvePackageRoot(dir: string): Promise<string> {
  let root: string;
  try {
    root = await realpath(dir);
  } catch {
    throw new ProblemPackageError(dir, "no such folder");
  }
  if (!(await stat(root)).isDirectory()) throw new ProblemPackageError(dir, "not a folder");
  return root;
}

type YamlMap = Record<string, unknown>;

function isMap(value: unknown): value is YamlMap {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

async function readProblemYaml(root: string, file: string, warnings: string[]): Promise<YamlMap> {
  const text = await readTextFile(root, file, "missing (every package needs one)");
  let parsed: unknown;
  try {
    parsed = YAML.parse(text, { prettyErrors: true });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new ProblemPackageError(file, `invalid YAML: ${reason}`);
  }
  if (parsed === null || parsed === undefined) return {};
  if (!isMap(parsed)) throw new ProblemPackageError(file, "must be a YAML mapping (key: value lines)");
  for (const key of Object.keys(parsed)) {
    if (!KNOWN_TOP_LEVEL_KEYS.has(key)) warnings.push(`problem.yaml: unknown key "${key}" ignored`);
  }
  return parsed;
}

function readTitle(config: YamlMap, file: string): string | undefined {
  for (const key of ["title", "name"] as const) {
    const value = config[key];
    if (value === undefined || value === null) continue;
    if (typeof value === "string" && value.trim()) return value.trim();
    // Kattis allows a map of language code → name.
    if (isMap(value)) {
      const english = value.en ?? Object.values(value)[0];
      if (typeof english === "string" && english.trim()) return english.trim();
    }
    throw new ProblemPackageError(file, `"${key}" must be a non-empty string or a map of language → string`);
  }
  return undefined;
}

function titleFromStatement(statement: { text: string; format: "markdown" | "latex" }): string | undefined {
  const match =
    statement.format === "latex" ? /\\problemname\{([^}]*)\}/.exec(statement.text) : /^#\s+(.+?)\s*#*\s*$/m.exec(statement.text);
  return match?.[1]?.trim() || undefined;
}

function limitsOf(config: YamlMap, file: string): YamlMap {
  const limits = config.limits;
  if (limits === undefined || limits === null) return {};
  if (!isMap(limits)) throw new ProblemPackageError(file, '"limits" must be a mapping');
  for (const key of Object.keys(limits)) {
    if (!KNOWN_LIMIT_KEYS.has(key)) throw new ProblemPackageError(file, `unknown key "limits.${key}"`);
  }
  return limits;
}

async function readTimeLimit(root: string, config: YamlMap, file: string): Promise<{ timeLimitMs: number; stated: boolean }> {
  let seconds: unknown = limitsOf(config, file).time_limit;
  let source = file;
  let stated = true;
  if (seconds === undefined || seconds === null) {
    // Legacy Kattis packages keep the time limit in a .timelimit file.
    const legacy = path.join(root, ".timelimit");
    if (await exists(legacy)) {
      source = legacy;
      const text = (await readTextFile(root, legacy)).trim();
      seconds = text === "" ? NaN : Number(text);
    } else {
      seconds = DEFAULT_TIME_LIMIT_S;
      stated = false;
    }
  }
  if (typeof seconds !== "number" || !Number.isFinite(seconds) || seconds < MIN_TIME_LIMIT_S || seconds > MAX_TIME_LIMIT_S) {
    throw new ProblemPackageError(source, `time limit must be a number of seconds in [${MIN_TIME_LIMIT_S}, ${MAX_TIME_LIMIT_S}]`);
  }
  return { timeLimitMs: Math.max(1, Math.round(seconds * 1000)), stated };
}

/** `limits.time_multiplier` / `limits.time_safety_margin`: a number in [1, 100]. */
function readFactor(config: YamlMap, file: string, key: "time_multiplier" | "time_safety_margin", fallback: number): number {
  const value = limitsOf(config, file)[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 1 || value > 100) {
    throw new ProblemPackageError(file, `limits.${key} must be a number in [1, 100]`);
  }
  return value;
}

function readMemoryLimit(config: YamlMap, file: string): number {
  const memory = limitsOf(config, file).memory ?? DEFAULT_MEMORY_MB;
  if (typeof memory !== "number" || !Number.isInteger(memory) || memory < MIN_MEMORY_MB || memory > MAX_MEMORY_MB) {
    throw new ProblemPackageError(file, `limits.memory must be a whole number of MiB in [${MIN_MEMORY_MB}, ${MAX_MEMORY_MB}]`);
  }
  return memory;
}

function readScoringMode(config: YamlMap, file: string): ScoringMode {
  const { scoring, type } = config;
  if (scoring !== undefined && scoring !== null) {
    if (scoring === "points") return "POINTS";
    if (scoring === "icpc" || scoring === "pass-fail") return "ICPC";
    throw new ProblemPackageError(file, `"scoring" must be "points" or "icpc", not ${JSON.stringify(scoring)}`);
  }
  if (type === undefined || type === null || type === "pass-fail") return "ICPC";
  if (type === "scoring") return "POINTS";
  throw new ProblemPackageError(
    file,
    `"type" must be "pass-fail" or "scoring" (interactive and multi-pass problems are not supported), not ${JSON.stringify(type)}`,
  );
}

/** Kattis' default output validator with `validator_flags`, as the shared checker module maps it. */
function checkerFromFlags(flags: unknown, file: string): JudgeProblemSpec["checker"] {
  if (flags !== undefined && flags !== null && typeof flags !== "string") {
    throw new ProblemPackageError(file, '"validator_flags" must be a string such as "float_tolerance 1e-6"');
  }
  try {
    return checkerFromKattisFlags(flags ?? undefined);
  } catch (error) {
    throw new ProblemPackageError(
      file,
      `${error instanceof Error ? error.message : String(error)} (known: case_sensitive, space_change_sensitive, float_tolerance E, float_absolute_tolerance E, float_relative_tolerance E)`,
    );
  }
}

async function readChecker(root: string, config: YamlMap, file: string, warnings: string[]): Promise<JudgeProblemSpec["checker"]> {
  const validation = config.validation ?? "default";
  if (validation !== "default" && validation !== "custom") {
    throw new ProblemPackageError(
      file,
      `"validation" must be "default" or "custom" (interactive and scoring validators are not supported), not ${JSON.stringify(validation)}`,
    );
  }
  const validator = await findOutputValidator(root);
  if (validation === "default") {
    if (validator) warnings.push(`${path.relative(root, validator.file)} ignored: problem.yaml says validation: default`);
    return checkerFromFlags(config.validator_flags, file);
  }
  if (!validator) {
    throw new ProblemPackageError(file, "validation: custom needs an output validator in output_validator/ or output_validators/<name>/");
  }
  if (config.validator_flags !== undefined && config.validator_flags !== null && config.validator_flags !== "") {
    throw new ProblemPackageError(file, "validator_flags for a custom output validator are not supported");
  }
  return {
    kind: "CUSTOM",
    source: validator.source,
    language: validator.language,
    ...(validator.files.length > 0 ? { files: validator.files } : {}),
  };
}

/** The package's one output validator: every file of its folder, compiled as one program. */
async function findOutputValidator(
  root: string,
): Promise<{ file: string; source: string; language: string; files: ValidatorFile[] } | undefined> {
  const folders: string[] = [];
  const single = path.join(root, "output_validator");
  if (await isDirectory(single)) folders.push(single);
  const multi = path.join(root, "output_validators");
  if (await isDirectory(multi)) {
    for (const name of (await readdir(multi)).sort()) {
      const sub = path.join(multi, name);
      if (await isDirectory(sub)) folders.push(sub);
    }
  }
  if (folders.length === 0) return undefined;
  if (folders.length > 1) {
    throw new ProblemPackageError(
      root,
      `more than one output validator (${folders.map((f) => path.relative(root, f)).join(", ")}); keep exactly one`,
    );
  }
  const folder = folders[0]!;
  const paths = (await listFiles(root, folder)).filter((f) => !path.basename(f).startsWith("."));
  if (paths.length > MAX_VALIDATOR_FILES) throw new ProblemPackageError(folder, `holds more than ${MAX_VALIDATOR_FILES} files`);
  const files: ValidatorFile[] = [];
  for (const file of paths) {
    files.push({ name: path.relative(folder, file).split(path.sep).join("/"), content: await readTextFile(root, file) });
  }
  let program: ValidatorProgram;
  try {
    program = splitValidatorFiles(files);
  } catch (error) {
    throw new ProblemPackageError(folder, `not a usable output validator: ${error instanceof Error ? error.message : String(error)}`);
  }
  return {
    file: path.join(folder, program.main.name),
    source: program.main.content,
    language: program.language.id,
    files: program.extra,
  };
}

const STATEMENT_FOLDERS = ["statement", "problem_statement"];
const STATEMENT_FILES: Array<{ name: string; format: "markdown" | "latex" }> = [
  { name: "problem.en.md", format: "markdown" },
  { name: "problem.md", format: "markdown" },
  { name: "problem.en.tex", format: "latex" },
  { name: "problem.tex", format: "latex" },
];

async function readStatement(root: string): Promise<{ text: string; format: "markdown" | "latex" }> {
  for (const folder of STATEMENT_FOLDERS) {
    for (const candidate of STATEMENT_FILES) {
      const file = path.join(root, folder, candidate.name);
      if (await exists(file)) {
        const text = await readTextFile(root, file);
        if (!text.trim()) throw new ProblemPackageError(file, "statement is empty");
        return { text, format: candidate.format };
      }
    }
  }
  throw new ProblemPackageError(
    root,
    "no statement: expected statement/problem.en.md, statement/problem.md (or problem_statement/…, or a .tex)",
  );
}

async function readTests(root: string, scoringMode: ScoringMode, warnings: string[]): Promise<PackageTest[]> {
  const dataDir = path.join(root, "data");
  if (!(await isDirectory(dataDir))) throw new ProblemPackageError(dataDir, "missing: tests go in data/sample and data/secret");
  const tests: PackageTest[] = [];
  let totalBytes = 0;
  for (const group of ["sample", "secret"] as const) {
    const groupDir = path.join(dataDir, group);
    if (!(await isDirectory(groupDir))) {
      if (group === "secret") throw new ProblemPackageError(groupDir, "missing: a problem needs secret tests");
      continue;
    }
    const files = await listFiles(root, groupDir);
    const fileSet = new Set(files);
    for (const file of files) {
      const ext = path.extname(file);
      const stem = file.slice(0, -ext.length);
      if (ext === ".ans" && !fileSet.has(`${stem}.in`)) throw new ProblemPackageError(file, `has no matching ${path.basename(stem)}.in`);
      if (ext === ".points" && !fileSet.has(`${stem}.in`)) throw new ProblemPackageError(file, `has no matching ${path.basename(stem)}.in`);
      if (ext !== ".in") continue;
      const answerFile = `${stem}.ans`;
      if (!fileSet.has(answerFile)) throw new ProblemPackageError(file, `has no matching ${path.basename(stem)}.ans`);
      const input = await readTestFile(root, file);
      const expectedOutput = await readTestFile(root, answerFile);
      totalBytes += Buffer.byteLength(input) + Buffer.byteLength(expectedOutput);
      if (totalBytes > MAX_TOTAL_TEST_BYTES) {
        throw new ProblemPackageError(dataDir, `test data exceeds ${MAX_TOTAL_TEST_BYTES / 1024 / 1024} MiB in total`);
      }
      const isSample = group === "sample";
      tests.push({
        position: tests.length + 1,
        name: path.relative(dataDir, stem).split(path.sep).join("/"),
        input,
        expectedOutput,
        points: await readPoints(root, dataDir, stem, isSample, scoringMode),
        isSample,
      });
    }
  }
  if (!tests.some((t) => !t.isSample)) throw new ProblemPackageError(path.join(dataDir, "secret"), "holds no .in/.ans test");
  if (!tests.some((t) => t.isSample)) warnings.push("data/sample holds no test: students will see no example");
  return tests;
}

/**
 * Points of one test: its own `<name>.points` file, else `points:` from the nearest
 * `testdata.yaml` in its folder or a parent up to data/, else 1 (samples: 0 in POINTS
 * mode, as Kattis samples carry no score). Only the sum matters in ICPC mode.
 */
async function readPoints(root: string, dataDir: string, stem: string, isSample: boolean, scoringMode: ScoringMode) {
  const pointsFile = `${stem}.points`;
  if (await exists(pointsFile)) return parsePoints((await readTextFile(root, pointsFile)).trim(), pointsFile);
  for (let folder = path.dirname(stem); folder.startsWith(dataDir); folder = path.dirname(folder)) {
    const testdata = path.join(folder, "testdata.yaml");
    if (await exists(testdata)) {
      let parsed: unknown;
      try {
        parsed = YAML.parse(await readTextFile(root, testdata));
      } catch (error) {
        const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
        throw new ProblemPackageError(testdata, `invalid YAML: ${reason}`);
      }
      if (isMap(parsed) && parsed.points !== undefined) return parsePoints(parsed.points, testdata);
    }
    if (folder === dataDir) break;
  }
  return isSample && scoringMode === "POINTS" ? 0 : 1;
}

function parsePoints(value: unknown, file: string): number {
  const points = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof points !== "number" || !Number.isInteger(points) || points < 0 || points > 1_000_000) {
    throw new ProblemPackageError(file, `points must be a whole number in [0, 1000000], got ${JSON.stringify(value)}`);
  }
  return points;
}

/** All regular files below `dir`, sorted by path; symlinks only when they stay inside the package. */
async function listFiles(root: string, dir: string): Promise<string[]> {
  const found: string[] = [];
  await resolveInside(root, dir);
  const walk = async (current: string, depth: number) => {
    if (depth > 16) throw new ProblemPackageError(current, "folders nested too deeply");
    for (const name of await readdir(current)) {
      const full = path.join(current, name);
      const info = await lstat(full);
      const target = info.isSymbolicLink() ? await resolveInside(root, full) : full;
      const targetInfo = info.isSymbolicLink() ? await stat(target) : info;
      if (targetInfo.isDirectory()) await walk(full, depth + 1);
      else if (targetInfo.isFile()) found.push(full);
    }
  };
  await walk(dir, 0);
  return found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** A package is data from its author: never read through a symlink that leaves it. */
async function resolveInside(root: string, file: string): Promise<string> {
  let target: string;
  try {
    target = await realpath(file);
  } catch {
    throw new ProblemPackageError(file, "broken symlink");
  }
  if (target !== root && !target.startsWith(root + path.sep)) {
    throw new ProblemPackageError(file, "symlink points outside the problem package");
  }
  return target;
}

async function readTextFile(root: string, file: string, missingReason = "missing"): Promise<string> {
  return readBounded(root, file, MAX_TEXT_FILE_BYTES, missingReason);
}

async function readTestFile(root: string, file: string): Promise<string> {
  const text = await readBounded(root, file, MAX_TEST_FILE_BYTES, "missing");
  // Postgres text columns cannot hold NUL, and the judge compares text.
  if (text.includes("\0")) throw new ProblemPackageError(file, "contains NUL bytes; test data must be text");
  return text;
}

async function readBounded(root: string, file: string, maxBytes: number, missingReason: string): Promise<string> {
  if (!(await exists(file))) throw new ProblemPackageError(file, missingReason);
  const target = await resolveInside(root, file);
  const info = await stat(target);
  if (!info.isFile()) throw new ProblemPackageError(file, "not a regular file");
  if (info.size > maxBytes) throw new ProblemPackageError(file, `too large (${info.size} bytes; at most ${maxBytes})`);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(await readFile(target));
  } catch {
    throw new ProblemPackageError(file, "is not valid UTF-8 text");
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await lstat(file);
    return true;
  } catch {
    return false;
  }
}

export async function isDirectory(dir: string): Promise<boolean> {
  try {
    return (await stat(dir)).isDirectory();
  } catch {
    return false;
  }
}

export async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}
