import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseCompilerOutput } from "./diagnostics";

// Real compiler output of the runner image (captured with runWithCustomInput on the
// sources next to them), so a toolchain upgrade that changes the format shows up here.
const fixture = (language: string) =>
  readFileSync(path.join(import.meta.dirname, "fixtures", "compiler-output", `${language}.txt`), "utf8");

describe("parseCompilerOutput", () => {
  it("gcc: error line and column, with the underlined range", () => {
    expect(parseCompilerOutput("c", fixture("c"))).toEqual([
      { line: 5, column: 5, endColumn: 11, severity: "error", message: "expected ‘,’ or ‘;’ before ‘printf’" },
    ]);
  });

  it("g++: every error about main.cpp", () => {
    const d = parseCompilerOutput("cpp", fixture("cpp"));
    expect(d.map((x) => [x.line, x.column, x.endColumn])).toEqual([
      [7, 13, undefined],
      [8, 16, undefined],
    ]);
    expect(d[0]!.message).toBe("‘b’ was not declared in this scope");
  });

  it("g++: messages about system headers are not the student's lines", () => {
    const output = "In file included from main.cpp:1:\n/usr/include/c++/12/vector:5:3: error: boom\nmain.cpp:3:1: warning: unused";
    expect(parseCompilerOutput("cpp", output)).toEqual([
      { line: 3, column: 1, endColumn: undefined, severity: "warning", message: "unused" },
    ]);
  });

  it("javac: line, caret column and the symbol details", () => {
    const d = parseCompilerOutput("java", fixture("java"));
    expect(d.map((x) => [x.line, x.column])).toEqual([
      [5, 17],
      [6, 28],
    ]);
    expect(d[1]!.message).toBe("cannot find symbol\nsymbol: variable y\nlocation: class Main");
  });

  it("tsc: line, column and the TS code", () => {
    expect(parseCompilerOutput("typescript", fixture("typescript"))).toEqual([
      { line: 2, column: 7, severity: "error", message: "Type 'number' is not assignable to type 'string'. (TS2322)" },
      { line: 3, column: 13, severity: "error", message: "Cannot find name 'undefinedName'. Did you mean 'undefined'? (TS2552)" },
    ]);
  });

  it("go build: each line about main.go is an error", () => {
    expect(parseCompilerOutput("go", fixture("go"))).toEqual([
      { line: 6, column: 2, severity: "error", message: "x declared but not used" },
      { line: 7, column: 14, severity: "error", message: "undefined: y" },
    ]);
  });

  it("rustc: errors and warnings with their primary span, not the summary line", () => {
    expect(parseCompilerOutput("rust", fixture("rust"))).toEqual([
      { line: 5, column: 20, endColumn: 21, severity: "error", message: "cannot find value `y` in this scope (E0425)" },
      { line: 1, column: 5, endColumn: 12, severity: "warning", message: "unused import: `std::io`" },
      { line: 4, column: 18, endColumn: 21, severity: "error", message: "mismatched types (E0308)" },
    ]);
  });

  it("python: the syntax error's line, once (py_compile prints it twice), not py_compile's own frames", () => {
    expect(parseCompilerOutput("python", fixture("python"))).toEqual([
      { line: 2, severity: "error", message: "SyntaxError: expected ':'" },
    ]);
  });

  it("node --check: line and caret column of the syntax error", () => {
    expect(parseCompilerOutput("javascript", fixture("javascript"))).toEqual([
      { line: 3, column: 10, severity: "error", message: "SyntaxError: Unexpected identifier" },
    ]);
  });

  it("unknown languages, empty or unrelated output give no diagnostics", () => {
    expect(parseCompilerOutput("cobol", "main.cob:1:1: error: x")).toEqual([]);
    expect(parseCompilerOutput("c", null)).toEqual([]);
    expect(parseCompilerOutput("c", "Compilation took too long (limit 15 s CPU, 30 s wall).")).toEqual([]);
  });
});
