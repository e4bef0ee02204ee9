/**
 * Output checkers shared by the web app and the worker: pure string functions, no
 * Node-only APIs. `compareOutput` decides AC/WA for the built-in kinds; CUSTOM
 * checkers are programs and run in their own sandbox (worker/judge.ts).
 *
 * Rules (see checkers.test.ts for every one of them):
 * - EXACT: the two strings are equal, byte for byte.
 * - STANDARD (default), like DMOJ's standard checker: CRLF = LF; runs of spaces/tabs
 *   separate tokens and are equivalent; leading/trailing whitespace on a line and
 *   trailing blank lines are ignored; a line break is NOT the same as a space.
 *   Options: `caseSensitive` (default true); `lineSensitive` (default true; false =
 *   the Kattis default validator, where every whitespace run, newlines included, is
 *   one separator); `spaceSensitive` (Kattis `space_change_sensitive`: whitespace
 *   must match character for character, only CRLF = LF is still forgiven).
 * - FLOAT: as STANDARD, but where the expected token is a finite decimal number the
 *   actual token must be one too, equal within `absTol` OR within `relTol`·|expected|
 *   (Kattis semantics; a negative tolerance is off; neither given = both 1e-6).
 *   NaN/inf never count as numbers: such tokens are compared as text.
 */

export type CheckerKind = "EXACT" | "STANDARD" | "FLOAT" | "CUSTOM";

export interface CheckerOptions {
  /** Letters must match in case. Default true (Kattis imports: false unless `case_sensitive`). */
  caseSensitive?: boolean;
  /** Whitespace must match exactly (Kattis `space_change_sensitive`). Default false. */
  spaceSensitive?: boolean;
  /** A line break differs from a space (DMOJ). Default true; Kattis' default validator: false. */
  lineSensitive?: boolean;
  /** FLOAT: absolute tolerance; negative = off. */
  absTol?: number;
  /** FLOAT: relative tolerance (times |expected|); negative = off. */
  relTol?: number;
}

export interface CheckerSpec {
  kind: CheckerKind;
  options?: CheckerOptions;
}

export interface CheckResult {
  ok: boolean;
  /** Short and helpful; never more than a few tokens of the expected output. */
  message?: string;
}

export const DEFAULT_FLOAT_TOLERANCE = 1e-6;

/** Longest piece of a token shown in a message (keeps hidden answers hidden). */
const SHOWN_CHARS = 40;

/** ASCII whitespace, as C's isspace() in the "C" locale. */
const WHITESPACE = /[ \t\n\r\f\v]+/;
const LINE_WHITESPACE = /[ \t\r\f\v]+/;
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

export function compareOutput(spec: CheckerSpec, expected: string, actual: string): CheckResult {
  switch (spec.kind) {
    case "EXACT":
      return compareExact(expected, actual);
    case "STANDARD":
      return compareTokens(expected, actual, resolveOptions(spec.options, false));
    case "FLOAT":
      return compareTokens(expected, actual, resolveOptions(spec.options, true));
    case "CUSTOM":
      throw new Error("CUSTOM checkers are programs: they run in the sandbox (worker/judge.ts), not in compareOutput");
  }
}

/**
 * Read checker options stored as JSON (Problem.checkerOptions): keep only known keys
 * of the right type, so a malformed row can never crash the judge.
 */
export function parseCheckerOptions(json: unknown): CheckerOptions {
  if (typeof json !== "object" || json === null || Array.isArray(json)) return {};
  const raw = json as Record<string, unknown>;
  const options: CheckerOptions = {};
  for (const key of ["caseSensitive", "spaceSensitive", "lineSensitive"] as const) {
    if (typeof raw[key] === "boolean") options[key] = raw[key];
  }
  for (const key of ["absTol", "relTol"] as const) {
    const value = raw[key];
    if (typeof value === "number" && Number.isFinite(value)) options[key] = value;
  }
  return options;
}

/**
 * The checker equivalent to Kattis' default output validator with the given
 * `validator_flags` (problem.yaml), e.g. "float_tolerance 1e-6 case_sensitive".
 * Throws on an unknown flag or a missing/invalid number, as Kattis does.
 */
export function checkerFromKattisFlags(flags: string | string[] | undefined): CheckerSpec {
  const words = (Array.isArray(flags) ? flags.join(" ") : (flags ?? "")).split(WHITESPACE).filter(Boolean);
  const options: CheckerOptions = { caseSensitive: false, spaceSensitive: false, lineSensitive: false };
  let float = false;
  const number = (i: number, flag: string): number => {
    const word = words[i];
    const value = word !== undefined && DECIMAL.test(word) ? Number(word) : NaN;
    if (!Number.isFinite(value)) throw new Error(`validator_flags: ${flag} needs a number`);
    return value;
  };
  for (let i = 0; i < words.length; i++) {
    const flag = words[i]!;
    if (flag === "case_sensitive") options.caseSensitive = true;
    else if (flag === "space_change_sensitive") options.spaceSensitive = true;
    else if (flag === "float_absolute_tolerance") {
      options.absTol = number(++i, flag);
      float = true;
    } else if (flag === "float_relative_tolerance") {
      options.relTol = number(++i, flag);
      float = true;
    } else if (flag === "float_tolerance") {
      options.absTol = options.relTol = number(++i, flag);
      float = true;
    } else throw new Error(`validator_flags: unknown flag "${flag}"`);
  }
  if (float) {
    // Kattis: a tolerance that was not given is off.
    options.absTol ??= -1;
    options.relTol ??= -1;
  }
  return { kind: float ? "FLOAT" : "STANDARD", options };
}

interface ResolvedOptions {
  caseSensitive: boolean;
  spaceSensitive: boolean;
  lineSensitive: boolean;
  /** null = numbers are compared as text (STANDARD). */
  tolerance: { abs: number; rel: number } | null;
}

function resolveOptions(options: CheckerOptions | undefined, float: boolean): ResolvedOptions {
  const o = options ?? {};
  let tolerance: ResolvedOptions["tolerance"] = null;
  if (float) {
    const given = o.absTol !== undefined || o.relTol !== undefined;
    tolerance = given ? { abs: o.absTol ?? -1, rel: o.relTol ?? -1 } : { abs: DEFAULT_FLOAT_TOLERANCE, rel: DEFAULT_FLOAT_TOLERANCE };
  }
  return {
    caseSensitive: o.caseSensitive ?? true,
    spaceSensitive: o.spaceSensitive ?? false,
    lineSensitive: o.lineSensitive ?? true,
    tolerance,
  };
}

function compareExact(expected: string, actual: string): CheckResult {
  if (expected === actual) return { ok: true };
  let i = 0;
  while (i < expected.length && i < actual.length && expected[i] === actual[i]) i++;
  const before = expected.slice(0, i);
  const line = before.split("\n").length;
  const column = i - before.lastIndexOf("\n");
  const where = `line ${line}, column ${column}`;
  if (i >= actual.length) return { ok: false, message: `${where}: output ends early, expected ${describeText(expected.slice(i))}` };
  if (i >= expected.length) return { ok: false, message: `${where}: unexpected extra output ${describeText(actual.slice(i))}` };
  return { ok: false, message: `${where}: expected ${describeText(expected.slice(i))}, got ${describeText(actual.slice(i))}` };
}

// The comparisons below stream through both outputs (no array of every line or token):
// a program may print megabytes, and the judge must stay fast and small on them.

function normalizeNewlines(s: string): string {
  return s.includes("\r\n") ? s.replace(/\r\n/g, "\n") : s;
}

const TOKEN_PATTERN = "[^ \\t\\n\\r\\f\\v]+";
const SEGMENT_PATTERN = "[ \\t\\n\\r\\f\\v]+|[^ \\t\\n\\r\\f\\v]+";
const WHITESPACE_CHARS = new Set([" ", "\t", "\n", "\r", "\f", "\v"]);

function compareTokens(expected: string, actual: string, o: ResolvedOptions): CheckResult {
  const want = normalizeNewlines(expected);
  const got = normalizeNewlines(actual);
  if (want === got) return { ok: true };
  if (o.spaceSensitive) return compareSpaceSensitive(want, got, o);
  if (!o.lineSensitive) return compareTokenStreams(want, got, o);
  return compareLines(want, got, o);
}

/** DMOJ standard: line by line, tokens within a line; trailing blank lines do not count. */
function compareLines(want: string, got: string, o: ResolvedOptions): CheckResult {
  // Past its content end, a side has only blank lines left: it is done.
  const wantEnd = contentEnd(want);
  const gotEnd = contentEnd(got);
  let wantPos = 0;
  let gotPos = 0;
  for (let line = 1; ; line++) {
    const wantDone = wantPos >= wantEnd;
    const gotDone = gotPos >= gotEnd;
    if (wantDone && gotDone) return { ok: true };
    if (wantDone) {
      const extra = nextContent(got, gotPos, line);
      return { ok: false, message: `line ${extra.line}: unexpected extra output ${describeToken(extra.token)}` };
    }
    if (gotDone) {
      const missing = nextContent(want, wantPos, line);
      return { ok: false, message: `line ${missing.line}: expected ${describeToken(missing.token)}, got end of output` };
    }
    const [wantLine, nextWant] = lineAt(want, wantPos);
    const [gotLine, nextGot] = lineAt(got, gotPos);
    wantPos = nextWant;
    gotPos = nextGot;
    if (wantLine === gotLine) continue; // identical text is equal under every option
    const w = wantLine.split(LINE_WHITESPACE).filter(Boolean);
    const g = gotLine.split(LINE_WHITESPACE).filter(Boolean);
    for (let t = 0; t < Math.max(w.length, g.length); t++) {
      const wt = w[t];
      const gt = g[t];
      if (wt === undefined) return { ok: false, message: `line ${line}: unexpected extra ${describeToken(gt!)} at end of line` };
      if (gt === undefined) return { ok: false, message: `line ${line}: expected ${describeToken(wt)}, got end of line` };
      const mismatch = tokenMismatch(wt, gt, o);
      if (mismatch) return { ok: false, message: `line ${line}: ${mismatch}` };
    }
  }
}

/** Index just after the last non-whitespace character (0 when there is none). */
function contentEnd(s: string): number {
  let end = s.length;
  while (end > 0 && WHITESPACE_CHARS.has(s[end - 1]!)) end--;
  return end;
}

/** The line starting at `pos` and where the next one starts (past the end when none). */
function lineAt(s: string, pos: number): [string, number] {
  if (pos > s.length) return ["", pos];
  const end = s.indexOf("\n", pos);
  return end === -1 ? [s.slice(pos), s.length + 1] : [s.slice(pos, end), end + 1];
}

/** The first token at or after `pos` (on line `line`), and its line. */
function nextContent(s: string, pos: number, line: number): { token: string; line: number } {
  const token = new RegExp(TOKEN_PATTERN, "g");
  token.lastIndex = pos;
  const found = token.exec(s);
  if (!found) return { token: "", line };
  return { token: found[0], line: line + countNewlines(s.slice(pos, found.index)) };
}

/** Kattis' default validator: one stream of tokens, any whitespace between them. */
function compareTokenStreams(want: string, got: string, o: ResolvedOptions): CheckResult {
  const wantTokens = new RegExp(TOKEN_PATTERN, "g");
  const gotTokens = new RegExp(TOKEN_PATTERN, "g");
  for (;;) {
    const w = wantTokens.exec(want);
    const g = gotTokens.exec(got);
    if (w === null && g === null) return { ok: true };
    if (w === null) return { ok: false, message: `line ${lineOf(got, g!.index)}: unexpected extra output ${describeToken(g![0])}` };
    if (g === null) return { ok: false, message: `expected ${describeToken(w[0])}, got end of output` };
    const mismatch = tokenMismatch(w[0], g[0], o);
    if (mismatch) return { ok: false, message: `line ${lineOf(got, g.index)}: ${mismatch}` };
  }
}

function lineOf(s: string, index: number): number {
  let line = 1;
  for (let i = s.indexOf("\n"); i !== -1 && i < index; i = s.indexOf("\n", i + 1)) line++;
  return line;
}

/** Kattis space_change_sensitive: tokens and the whitespace between them must all match. */
function compareSpaceSensitive(want: string, got: string, o: ResolvedOptions): CheckResult {
  const wantSegments = new RegExp(SEGMENT_PATTERN, "g");
  const gotSegments = new RegExp(SEGMENT_PATTERN, "g");
  let line = 1;
  for (;;) {
    const w = wantSegments.exec(want)?.[0];
    const g = gotSegments.exec(got)?.[0];
    if (w === undefined && g === undefined) return { ok: true };
    const wantSpace = w !== undefined && isSpace(w);
    const gotSpace = g !== undefined && isSpace(g);
    if (w !== undefined && g !== undefined && !wantSpace && !gotSpace) {
      const mismatch = tokenMismatch(w, g, o);
      if (mismatch) return { ok: false, message: `line ${line}: ${mismatch}` };
      continue;
    }
    if (w !== g) {
      const describe = (seg: string | undefined, space: boolean) =>
        seg === undefined ? "end of output" : space ? describeSpace(seg) : describeToken(seg);
      return { ok: false, message: `line ${line}: whitespace differs: expected ${describe(w, wantSpace)}, got ${describe(g, gotSpace)}` };
    }
    line += countNewlines(w!);
  }
}

function isSpace(segment: string): boolean {
  return WHITESPACE.test(segment[0]!);
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf("\n"); i !== -1; i = s.indexOf("\n", i + 1)) n++;
  return n;
}

/** null when the tokens are equal under the options, else a short description. */
function tokenMismatch(want: string, got: string, o: ResolvedOptions): string | null {
  if (o.tolerance) {
    const w = parseDecimal(want);
    if (w !== null) {
      const g = parseDecimal(got);
      if (g === null) return `expected a number like ${describeToken(want)}, got ${describeToken(got)}`;
      const diff = Math.abs(w - g);
      if (diff <= o.tolerance.abs || diff <= o.tolerance.rel * Math.abs(w)) return null;
      return `expected ${describeToken(want)}, got ${describeToken(got)} (difference ${diff.toExponential(2)} too large)`;
    }
  }
  const equal = o.caseSensitive ? want === got : asciiLower(want) === asciiLower(got);
  return equal ? null : `expected ${describeToken(want)}, got ${describeToken(got)}`;
}

/** A finite decimal number, or null (NaN, inf, hex and overflow are text, as in Kattis). */
function parseDecimal(token: string): number | null {
  if (!DECIMAL.test(token)) return null;
  const value = Number(token);
  return Number.isFinite(value) ? value : null;
}

/** Kattis compares with strcasecmp: ASCII letters only. */
function asciiLower(s: string): string {
  return s.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

function clip(s: string): string {
  const chars = Array.from(s);
  return chars.length > SHOWN_CHARS ? `${chars.slice(0, SHOWN_CHARS).join("")}…` : s;
}

function describeToken(token: string): string {
  return token === "" ? "nothing" : `\`${clip(token)}\``;
}

function describeText(s: string): string {
  const firstLine = s.split("\n")[0]!;
  if (firstLine === "") return s.startsWith("\n") ? "a line break" : "nothing";
  return `\`${clip(firstLine)}\``;
}

function describeSpace(s: string | undefined): string {
  if (s === undefined || s === "") return "no whitespace";
  const names: Record<string, string> = { " ": "space", "\t": "tab", "\n": "newline", "\r": "carriage return" };
  const parts = Array.from(s.slice(0, 4), (c) => names[c] ?? `char ${c.charCodeAt(0)}`);
  return parts.join("+") + (s.length > 4 ? "+…" : "");
}
