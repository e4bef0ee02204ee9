/**
 * Output validators of several files (a Kattis `output_validators/<name>/` folder:
 * `validate.cc` + `validate.h`, a `testlib.h`-style header, several Python modules).
 * They compile as one program: the main source is compiled as usual and every other
 * file sits next to it in /box; further C/C++ sources are compiled along with it.
 * Pure rules shared by the package loader, the editor's API and the worker.
 */
import { getLanguage, languageForExtension, type LanguageDefinition } from "./languages";

export interface ValidatorFile {
  /** Path relative to the validator's folder, e.g. "validate.h" or "lib/testlib.h". */
  name: string;
  content: string;
}

export const MAX_VALIDATOR_FILES = 50;
export const MAX_VALIDATOR_BYTES = 1024 * 1024;
/** Names the validator's run uses in /box next to its files. */
const RESERVED = new Set(["judge_input", "judge_answer", "feedback"]);
const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9_.+-]{0,99}$/;
/** Languages whose extra sources are compiled together with the main one (others import them). */
const MULTI_UNIT_LANGUAGES = new Set(["c", "cpp"]);
const MAIN_STEMS = ["validate", "validator", "main", "checker"];

/** Why `name` cannot be a validator file's path (null when it can). */
export function validatorFileNameError(name: string): string | null {
  const parts = name.split("/");
  if (parts.length > 4) return `"${name}": folders nested too deeply`;
  if (parts.some((p) => !SEGMENT.test(p) || p === "." || p === ".."))
    return `"${name}": use letters, digits, "_", "-", "+" and "." only (no leading dot), with "/" between folders`;
  if (RESERVED.has(parts[0]!)) return `"${name}": the name is reserved for the judge's files`;
  return null;
}

export type ValidatorProgram = { main: ValidatorFile; language: LanguageDefinition; extra: ValidatorFile[] };

/**
 * Splits a validator's files into the main source (and its language) and the rest.
 * Throws an Error with a message fit for the author when the files are not one program.
 */
export function splitValidatorFiles(files: ValidatorFile[]): ValidatorProgram {
  if (files.length === 0) throw new Error("no files");
  if (files.length > MAX_VALIDATOR_FILES) throw new Error(`more than ${MAX_VALIDATOR_FILES} files`);
  const encoder = new TextEncoder();
  const bytes = files.reduce((sum, f) => sum + encoder.encode(f.content).length, 0);
  if (bytes > MAX_VALIDATOR_BYTES) throw new Error(`larger than ${MAX_VALIDATOR_BYTES / 1024} KiB in total`);
  const seen = new Set<string>();
  for (const f of files) {
    const error = validatorFileNameError(f.name);
    if (error) throw new Error(error);
    if (seen.has(f.name)) throw new Error(`"${f.name}" appears twice`);
    seen.add(f.name);
  }
  const sources = files.filter((f) => languageForExtension(extensionOf(f.name)));
  if (sources.length === 0) {
    throw new Error(`no source file in a supported language (found: ${files.map((f) => f.name).join(", ")})`);
  }
  const languages = new Set(sources.map((f) => languageForExtension(extensionOf(f.name))!.id));
  if (languages.size > 1) throw new Error(`sources in more than one language (${[...languages].join(", ")}); keep one`);
  const language = languageForExtension(extensionOf(sources[0]!.name))!;
  const main = sources.length === 1 ? sources[0]! : pickMain(sources, language);
  const extra = files.filter((f) => f !== main);
  const mainFileName = language.sourceFileName(main.content);
  if (extra.some((f) => f.name === mainFileName)) {
    throw new Error(`"${mainFileName}" is where the judge puts the main source (${main.name}); rename that file`);
  }
  return { main, language, extra };
}

function pickMain(sources: ValidatorFile[], language: LanguageDefinition): ValidatorFile {
  for (const stem of MAIN_STEMS) {
    const named = sources.filter((f) => !f.name.includes("/") && stemOf(f.name) === stem);
    if (named.length === 1) return named[0]!;
  }
  if (MULTI_UNIT_LANGUAGES.has(language.id)) return sources[0]!;
  throw new Error(
    `several ${language.name} sources (${sources.map((f) => f.name).join(", ")}): name the main one validate.${extensionOf(sources[0]!.name)}`,
  );
}

/** The compile command for a validator: the language's, with further C/C++ sources compiled along. */
export function validatorCompileArgv(language: LanguageDefinition, argv: string[], sourceFile: string, extra: ValidatorFile[]): string[] {
  if (!MULTI_UNIT_LANGUAGES.has(language.id)) return argv;
  const units = extra.filter((f) => languageForExtension(extensionOf(f.name))?.id === language.id).map((f) => f.name);
  if (units.length === 0) return argv;
  const at = argv.indexOf(sourceFile);
  return at < 0 ? [...argv, ...units] : [...argv.slice(0, at + 1), ...units, ...argv.slice(at + 1)];
}

/** Parses a stored `checkerFiles` value (JSON from the database); anything else is no files. */
export function parseValidatorFiles(value: unknown): ValidatorFile[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (f): f is ValidatorFile => typeof f === "object" && f !== null && typeof f.name === "string" && typeof f.content === "string",
  );
}

/** The file name the main source has in an exported package (validate.<ext>, unless an extra file holds that name). */
export function exportedMainName(languageId: string, extra: ValidatorFile[]): string {
  const ext = getLanguage(languageId)?.extensions[0] ?? "txt";
  const names = new Set(extra.map((f) => f.name));
  return [`validate.${ext}`, `validator.${ext}`, `main.${ext}`].find((n) => !names.has(n)) ?? `checker.${ext}`;
}

function extensionOf(name: string): string {
  const base = name.split("/").pop()!;
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(dot + 1) : "";
}

function stemOf(name: string): string {
  const base = name.split("/").pop()!;
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(0, dot) : base;
}
