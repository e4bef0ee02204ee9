/**
 * Importing a Kattis problem package into the database: the one implementation that
 * the browser upload, `npm run problems:import` and the admin CLI all call.
 * Packages are read by the judge's loader (src/judge/kattis.ts); files under
 * `submissions/<verdict>/` become reference solutions with that expected verdict.
 */
import { lstat, readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { Prisma, type PrismaClient, type Verdict } from "../../generated/prisma/client";
import {
  EXPECTED_VERDICT_BY_FOLDER,
  expectedVerdictOfFolder,
  loadProblemPackage,
  ProblemPackageError,
  unknownSubmissionFolder,
  type ProblemPackage,
} from "../../judge/kattis";
import { getLanguage, languageForExtension } from "../../judge/languages";
import { zipSync } from "fflate";
import YAML from "yaml";
import { DEFAULT_TIME_MULTIPLIER, DEFAULT_TIME_SAFETY_MARGIN } from "../../judge/time-limit";
import { exportedMainName, parseValidatorFiles } from "../../judge/validator-files";
import { AppError } from "../errors";
import { folderEntries, readZipEntries, writePackageEntries, type FolderFile } from "./problem-archive";
import { isStaff, type Actor } from "./access";
import { problemDefinitionSelect } from "./selects";

const MAX_REFERENCE_BYTES = 256 * 1024;

export interface PackageReference {
  name: string;
  language: string;
  source: string;
  expectedVerdict: Exclude<Verdict, "IE">;
}

/** Reference solutions of a package; unusable files become warnings. Never follows symlinks. */
export async function readPackageReferences(root: string, warnings: string[]): Promise<PackageReference[]> {
  const refs: PackageReference[] = [];
  const dir = path.join(root, "submissions");
  const top = await lstat(dir).catch(() => null);
  if (!top?.isDirectory()) return refs;
  for (const folder of (await readdir(dir)).sort()) {
    const expectedVerdict = expectedVerdictOfFolder(folder);
    const folderPath = path.join(dir, folder);
    if (!(await lstat(folderPath)).isDirectory()) continue;
    if (!expectedVerdict) {
      warnings.push(unknownSubmissionFolder(folder));
      continue;
    }
    for (const name of (await readdir(folderPath)).sort()) {
      const file = path.join(folderPath, name);
      const info = await lstat(file);
      const rel = `submissions/${folder}/${name}`;
      if (!info.isFile()) {
        warnings.push(`${rel} skipped: not a regular file`);
        continue;
      }
      const language = languageForExtension(path.extname(name));
      if (!language) {
        warnings.push(`${rel} skipped: no supported language has the extension "${path.extname(name)}"`);
        continue;
      }
      if (info.size > MAX_REFERENCE_BYTES) {
        warnings.push(`${rel} skipped: larger than 256 KiB`);
        continue;
      }
      refs.push({ name: `${folder}/${name}`, language: language.id, source: await readFile(file, "utf8"), expectedVerdict });
    }
  }
  return refs;
}

export interface ImportResult {
  id: string;
  slug: string;
  title: string;
  tests: number;
  references: number;
  timeLimitMs: number;
  warnings: string[];
}

/** The package's problem as database rows. */
function problemData(pkg: ProblemPackage) {
  const { checker } = pkg.spec;
  return {
    title: pkg.title,
    statement: pkg.statement,
    timeLimitMs: pkg.spec.timeLimitMs,
    memoryLimitMb: pkg.spec.memoryLimitMb,
    checkerKind: checker.kind,
    checkerOptions: checker.options ? (checker.options as Record<string, number | boolean | string>) : undefined,
    checkerSource: checker.source ?? null,
    checkerLanguage: checker.language ?? null,
    checkerFiles: checker.files?.length ? checker.files.map((f) => ({ name: f.name, content: f.content })) : Prisma.DbNull,
    scoringMode: pkg.spec.scoringMode,
    timeLimitDerived: !pkg.timeLimitStated,
    timeMultiplier: pkg.timeMultiplier,
    timeSafetyMargin: pkg.timeSafetyMargin,
    derivedFromCpuMs: null,
  };
}

/**
 * Imports the package folder `dir` as a new draft problem owned by the actor, or, with
 * `replace`, replaces the problem of the same slug (its author or an admin only).
 * Package errors become BAD_REQUEST naming the file at fault.
 */
export async function importProblemFromDirectory(
  db: PrismaClient,
  actor: Actor,
  dir: string,
  options: { replace?: boolean; slug?: string } = {},
): Promise<ImportResult> {
  if (!isStaff(actor)) throw new AppError("FORBIDDEN", "Only teachers can import problems.");
  let pkg: ProblemPackage;
  try {
    pkg = await loadProblemPackage(dir);
  } catch (error) {
    if (error instanceof ProblemPackageError) {
      const file = path.relative(path.dirname(path.resolve(dir)), error.file) || error.file;
      throw new AppError("BAD_REQUEST", `${file}: ${error.message.slice(error.file.length + 2)}`, { cause: error });
    }
    throw error;
  }
  const warnings = [...pkg.warnings];
  const references = await readPackageReferences(pkg.dir, warnings);
  if (!pkg.timeLimitStated) {
    warnings.push(
      `problem.yaml sets no time limit: ${pkg.spec.timeLimitMs / 1000} s for now; press Verify in the editor to derive it from the slowest accepted solution (× ${pkg.timeMultiplier}), as problemtools does`,
    );
  }
  const slug = options.slug ?? pkg.slug;
  const existing = await db.problem.findUnique({ where: { slug }, select: { id: true, authorId: true } });
  if (existing && !options.replace) {
    throw new AppError("CONFLICT", `A problem with the slug "${slug}" already exists.`, { fieldErrors: { slug: ["Already taken."] } });
  }
  if (existing && existing.authorId !== actor.id && actor.role !== "ADMIN") {
    throw new AppError("FORBIDDEN", "Only the problem's author or an administrator can replace it.");
  }
  const data = problemData(pkg);
  const tests = pkg.spec.tests.map((t) => ({
    position: t.position,
    name: t.name,
    input: t.input,
    expectedOutput: t.expectedOutput,
    isSample: t.isSample,
    points: t.points,
  }));
  const problem = await db.$transaction(
    async (tx) => {
      const row = existing
        ? await tx.problem.update({ where: { id: existing.id }, data, select: { id: true, slug: true, title: true, timeLimitMs: true } })
        : await tx.problem.create({
            data: { ...data, slug, authorId: actor.id },
            select: { id: true, slug: true, title: true, timeLimitMs: true },
          });
      if (existing) {
        await tx.testCase.deleteMany({ where: { problemId: row.id } });
        await tx.referenceSolution.deleteMany({ where: { problemId: row.id } });
      }
      await tx.testCase.createMany({ data: tests.map((t) => ({ ...t, problemId: row.id })) });
      await tx.referenceSolution.createMany({ data: references.map((r) => ({ ...r, problemId: row.id })) });
      return row;
    },
    { timeout: 60_000 },
  );
  return { ...problem, tests: tests.length, references: references.length, warnings };
}

/**
 * Imports an uploaded zip (a package folder zipped, or its contents) through the same
 * path as a folder, after safe extraction (problem-archive.ts).
 */
export async function importProblemArchive(
  db: PrismaClient,
  actor: Actor,
  zip: Uint8Array,
  options: { fileName?: string; replace?: boolean } = {},
): Promise<ImportResult> {
  if (!isStaff(actor)) throw new AppError("FORBIDDEN", "Only teachers can import problems.");
  return importPackageEntries(db, actor, readZipEntries(zip), options);
}

/**
 * Imports a package folder uploaded from the browser (`<input webkitdirectory>`): its
 * files with their relative paths, checked like a zip's entries (same caps, no traversal).
 */
export async function importProblemFolder(
  db: PrismaClient,
  actor: Actor,
  files: FolderFile[],
  options: { replace?: boolean } = {},
): Promise<ImportResult> {
  if (!isStaff(actor)) throw new AppError("FORBIDDEN", "Only teachers can import problems.");
  return importPackageEntries(db, actor, folderEntries(files), options);
}

async function importPackageEntries(
  db: PrismaClient,
  actor: Actor,
  entries: Map<string, Uint8Array>,
  options: { fileName?: string; replace?: boolean },
): Promise<ImportResult> {
  const fallback =
    (options.fileName ?? "problem")
      .replace(/\.zip$/i, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "") || "problem";
  const { packageDir, cleanup } = await writePackageEntries(entries, fallback);
  try {
    return await importProblemFromDirectory(db, actor, packageDir, { replace: options.replace });
  } finally {
    await cleanup();
  }
}

const FOLDER_BY_VERDICT = Object.fromEntries(Object.entries(EXPECTED_VERDICT_BY_FOLDER).map(([folder, verdict]) => [verdict, folder]));

/** Kattis `validator_flags` for a built-in checker. */
function validatorFlags(kind: string, options: Record<string, unknown> | null): string | null {
  const flags: string[] = [];
  if (kind === "EXACT") return "case_sensitive space_change_sensitive";
  if (options?.caseSensitive === true) flags.push("case_sensitive");
  if (options?.spaceSensitive === true) flags.push("space_change_sensitive");
  if (kind === "FLOAT") {
    if (typeof options?.absTol === "number") flags.push("float_absolute_tolerance", String(options.absTol));
    if (typeof options?.relTol === "number") flags.push("float_relative_tolerance", String(options.relTol));
  }
  return flags.length ? flags.join(" ") : null;
}

const safeName = (name: string) => name.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^[-.]+/, "") || "test";

/**
 * A problem as a Kattis package zip (author or admin): problem.yaml, statement, tests,
 * output validator and reference solutions. Importing it gives the same problem back.
 */
export async function exportProblemArchive(db: PrismaClient, actor: Actor, slug: string): Promise<{ fileName: string; zip: Uint8Array }> {
  if (!isStaff(actor)) throw new AppError("FORBIDDEN", "Only teachers can export problems.");
  const problem = await db.problem.findUnique({
    where: { slug },
    select: {
      ...problemDefinitionSelect,
      authorId: true,
      tests: {
        orderBy: { position: "asc" },
        select: { position: true, name: true, input: true, expectedOutput: true, isSample: true, points: true },
      },
      references: { orderBy: { createdAt: "asc" }, select: { name: true, language: true, source: true, expectedVerdict: true } },
    },
  });
  if (!problem) throw new AppError("NOT_FOUND", "Problem not found.");
  if (problem.authorId !== actor.id && actor.role !== "ADMIN")
    throw new AppError("FORBIDDEN", "Only the problem's author or an administrator can export it.");
  const enc = new TextEncoder();
  const root = problem.slug;
  const files: Record<string, Uint8Array> = {};
  // A derived limit stays derived: the package leaves it out, and Verify derives it again.
  const limits: Record<string, number> = problem.timeLimitDerived
    ? { memory: problem.memoryLimitMb }
    : { time_limit: problem.timeLimitMs / 1000, memory: problem.memoryLimitMb };
  if (problem.timeMultiplier !== DEFAULT_TIME_MULTIPLIER) limits.time_multiplier = problem.timeMultiplier;
  if (problem.timeSafetyMargin !== DEFAULT_TIME_SAFETY_MARGIN) limits.time_safety_margin = problem.timeSafetyMargin;
  const config: Record<string, unknown> = { name: problem.title, limits };
  if (problem.scoringMode === "POINTS") config.scoring = "points";
  if (problem.checkerKind === "CUSTOM" && problem.checkerSource && problem.checkerLanguage) {
    config.validation = "custom";
    const extra = parseValidatorFiles(problem.checkerFiles);
    files[`${root}/output_validator/${exportedMainName(problem.checkerLanguage, extra)}`] = enc.encode(problem.checkerSource);
    for (const file of extra) files[`${root}/output_validator/${file.name}`] = enc.encode(file.content);
  } else {
    const flags = validatorFlags(problem.checkerKind, problem.checkerOptions as Record<string, unknown> | null);
    if (flags) config.validator_flags = flags;
  }
  files[`${root}/problem.yaml`] = enc.encode(YAML.stringify(config));
  files[`${root}/statement/problem.md`] = enc.encode(problem.statement.trim() ? problem.statement : `# ${problem.title}\n`);
  const width = String(problem.tests.length).length;
  for (const t of problem.tests) {
    const base = `${root}/data/${t.isSample ? "sample" : "secret"}/${String(t.position).padStart(width, "0")}${t.name ? `-${safeName(t.name.split("/").pop()!)}` : ""}`;
    files[`${base}.in`] = enc.encode(t.input);
    files[`${base}.ans`] = enc.encode(t.expectedOutput);
    if (problem.scoringMode === "POINTS") files[`${base}.points`] = enc.encode(`${t.points}\n`);
  }
  for (const r of problem.references) {
    const folder = FOLDER_BY_VERDICT[r.expectedVerdict];
    if (!folder) continue;
    const language = getLanguage(r.language);
    let name = safeName(r.name.split("/").pop()!);
    if (language && !language.extensions.some((ext) => name.endsWith(`.${ext}`))) name += `.${language.extensions[0]}`;
    files[`${root}/submissions/${folder}/${name}`] = enc.encode(r.source);
  }
  return { fileName: `${problem.slug}.zip`, zip: zipSync(files, { level: 6 }) };
}
