/**
 * Compiler output → line diagnostics, so the editor can mark the lines a compiler names.
 * Pure text parsing, one parser per compiler family; only messages about the student's
 * own source file are kept (not system headers or the toolchain's own traceback frames).
 * Fixtures with real output of the runner image's compilers: ./fixtures/compiler-output.
 */

export interface CompilerDiagnostic {
  /** 1-based line in the student's source. */
  line: number;
  /** 1-based column, when the compiler names one. */
  column?: number;
  /** 1-based column just after the marked range, when the compiler underlines one. */
  endColumn?: number;
  severity: "error" | "warning";
  message: string;
}

type Parser = (lines: string[]) => CompilerDiagnostic[];

const FAMILY_BY_LANGUAGE: Record<string, Parser> = {
  c: (lines) => parseGcc(lines, /^(?:\.\/|\/box\/)?main\.c$/),
  cpp: (lines) => parseGcc(lines, /^(?:\.\/|\/box\/)?main\.cpp$/),
  java: parseJavac,
  typescript: parseTsc,
  go: parseGo,
  rust: parseRustc,
  python: parsePython,
  javascript: parseNodeCheck,
};

/** Diagnostics for the lines of the student's source named in `output` (empty when none are recognised). */
export function parseCompilerOutput(languageId: string, output: string | null | undefined): CompilerDiagnostic[] {
  const parse = FAMILY_BY_LANGUAGE[languageId];
  if (!parse || !output) return [];
  const lines = output.replace(/\r\n?/g, "\n").split("\n");
  const seen = new Set<string>();
  // Some toolchains (py_compile) report the same error twice: keep one.
  return parse(lines).filter((d) => {
    const key = `${d.line}:${d.column ?? ""}:${d.severity}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return d.line >= 1;
  });
}

/** Column of the caret in a "   ^~~~" marker line printed under `codeLine`, relative to that code line. */
function caretRange(caretLine: string | undefined, prefixLength = 0): { column: number; endColumn?: number } | undefined {
  if (caretLine === undefined) return undefined;
  const match = /\^[~^]*/.exec(caretLine);
  if (!match || caretLine.slice(0, match.index).trim() !== "") return undefined;
  const column = match.index - prefixLength + 1;
  if (column < 1) return undefined;
  return { column, endColumn: match[0].length > 1 ? column + match[0].length : undefined };
}

/** gcc/g++: `main.cpp:7:13: error: 'b' was not declared in this scope`, then a `  7 | code` and a `    |   ^~` line. */
function parseGcc(lines: string[], file: RegExp): CompilerDiagnostic[] {
  const out: CompilerDiagnostic[] = [];
  lines.forEach((text, i) => {
    const m = /^(.+?):(\d+):(\d+): (fatal error|error|warning): (.*)$/.exec(text);
    if (!m || !file.test(m[1]!)) return;
    const column = Number(m[3]);
    // The underline sits under the code after the "  7 | " gutter: measure it from the gutter.
    const underline = /^\s*\|( *)(\^~*)/.exec(lines[i + 2] ?? "");
    const endColumn = underline && underline[2]!.length > 1 ? column + underline[2]!.length : undefined;
    out.push({ line: Number(m[2]), column, endColumn, severity: m[4] === "warning" ? "warning" : "error", message: m[5]! });
  });
  return out;
}

/** javac: `Main.java:5: error: incompatible types`, the code line, a caret line, then `  symbol: …` details. */
function parseJavac(lines: string[]): CompilerDiagnostic[] {
  const out: CompilerDiagnostic[] = [];
  lines.forEach((text, i) => {
    const m = /^(?:\/box\/)?[\w$]+\.java:(\d+): (error|warning): (.*)$/.exec(text);
    if (!m) return;
    const details: string[] = [];
    for (let j = i + 3; j < lines.length && /^ {2}\S/.test(lines[j]!); j++) details.push(lines[j]!.trim().replace(/\s+/g, " "));
    const caret = caretRange(lines[i + 2]);
    out.push({
      line: Number(m[1]),
      column: caret?.column,
      severity: m[2] === "warning" ? "warning" : "error",
      message: [m[3]!, ...details].join("\n"),
    });
  });
  return out;
}

/** tsc: `main.ts(2,7): error TS2322: Type 'number' is not assignable to type 'string'.` */
function parseTsc(lines: string[]): CompilerDiagnostic[] {
  const out: CompilerDiagnostic[] = [];
  for (const text of lines) {
    const m = /^(?:\/box\/)?main\.ts\((\d+),(\d+)\): (error|warning) (TS\d+): (.*)$/.exec(text);
    if (m)
      out.push({
        line: Number(m[1]),
        column: Number(m[2]),
        severity: m[3] === "warning" ? "warning" : "error",
        message: `${m[5]} (${m[4]})`,
      });
  }
  return out;
}

/** go build: `./main.go:7:14: undefined: y` (every line it prints about the file is an error). */
function parseGo(lines: string[]): CompilerDiagnostic[] {
  const out: CompilerDiagnostic[] = [];
  for (const text of lines) {
    const m = /^(?:\.\/|\/box\/)?main\.go:(\d+):(?:(\d+):)? (.*)$/.exec(text);
    if (m) out.push({ line: Number(m[1]), column: m[2] ? Number(m[2]) : undefined, severity: "error", message: m[3]! });
  }
  return out;
}

/** rustc: `error[E0425]: cannot find value…` then ` --> main.rs:5:20` and a gutter with `^^^` under the code. */
function parseRustc(lines: string[]): CompilerDiagnostic[] {
  const out: CompilerDiagnostic[] = [];
  lines.forEach((text, i) => {
    const head = /^(error|warning)(?:\[(E\d+)\])?: (.*)$/.exec(text);
    if (!head) return;
    const where = /^\s*--> (?:\/box\/)?main\.rs:(\d+):(\d+)/.exec(lines[i + 1] ?? "");
    if (!where) return; // "error: aborting due to…" names no place
    const line = Number(where[1]);
    const column = Number(where[2]);
    let endColumn: number | undefined;
    // The primary span is the `^^^` run under the code, starting at `column`.
    for (let j = i + 2; j < Math.min(lines.length, i + 8); j++) {
      const gutter = /^\s*\d*\s*\|(.*)$/.exec(lines[j]!);
      if (!gutter) break;
      const carets = /\^+/.exec(gutter[1]!);
      if (carets && /^\s*\d+\s*\|/.test(lines[j - 1] ?? "")) {
        endColumn = column + carets[0].length;
        break;
      }
    }
    const code = head[2] ? ` (${head[2]})` : "";
    out.push({ line, column, endColumn, severity: head[1] === "warning" ? "warning" : "error", message: `${head[3]}${code}` });
  });
  return out;
}

/** Python (py_compile): `File "main.py", line 2`, the code, a caret, then `SyntaxError: expected ':'`. */
function parsePython(lines: string[]): CompilerDiagnostic[] {
  const out: CompilerDiagnostic[] = [];
  lines.forEach((text, i) => {
    const m = /File "(?:\/box\/)?main\.py", line (\d+)/.exec(text);
    if (!m) return;
    for (let j = i + 1; j < Math.min(lines.length, i + 6); j++) {
      const error = /^(\w*(?:Error|Warning)): (.*)$/.exec(lines[j]!);
      if (error) {
        // Python prints the line stripped and re-indented, so the caret cannot be mapped to a column.
        out.push({ line: Number(m[1]), severity: "error", message: `${error[1]}: ${error[2]}` });
        return;
      }
      if (/^\s*File "/.test(lines[j]!)) return;
    }
  });
  return out;
}

/** node --check: `/box/main.js:3`, the code line verbatim, a caret line, a blank line, `SyntaxError: …`. */
function parseNodeCheck(lines: string[]): CompilerDiagnostic[] {
  const out: CompilerDiagnostic[] = [];
  lines.forEach((text, i) => {
    const m = /^(?:\/box\/)?main\.js:(\d+)$/.exec(text);
    if (!m) return;
    const caret = caretRange(lines[i + 2]);
    for (let j = i + 1; j < Math.min(lines.length, i + 6); j++) {
      const error = /^(\w*Error): (.*)$/.exec(lines[j]!);
      if (error) {
        out.push({ line: Number(m[1]), column: caret?.column, severity: "error", message: `${error[1]}: ${error[2]}` });
        return;
      }
    }
  });
  return out;
}
