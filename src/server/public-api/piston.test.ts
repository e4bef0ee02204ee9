import { describe, expect, it } from "vitest";
import { languageFromPiston } from "../../judge/api-names";
import type { Execution } from "../services/execution-service";
import { fakeExecution, type ExecutionResult } from "../../../test/execution-fixture";
import { executionFromPiston, PistonExecuteSchema, pistonResponse, pistonRuntimes } from "./piston";

/** A C++ execution whose run printed "out" and "err" in 5 ms / 1000 KiB. */
const execution = (overrides: Partial<Execution>, result: Partial<ExecutionResult> | null = {}) =>
  fakeExecution(
    { id: "e1", language: "cpp", source: "", maxCpuMs: 1, maxPeakKb: 1, ...overrides },
    result && { cpuMs: 5, wallMs: 7, peakKb: 1000, outputExcerpt: "out\n", stderrExcerpt: "err\n", ...result },
  );

describe("Piston names", () => {
  it("resolves names and aliases in any case", () => {
    expect(["python", "py", "PY3", "c++", "cpp", "g++", "js", "node", "ts", "golang", "rs", "gcc"].map(languageFromPiston)).toEqual([
      "python",
      "python",
      "python",
      "cpp",
      "cpp",
      "cpp",
      "javascript",
      "javascript",
      "typescript",
      "go",
      "rust",
      "c",
    ]);
    expect(languageFromPiston("cobol")).toBeUndefined();
  });

  it("lists one runtime per language", () => {
    expect(pistonRuntimes().map((r) => r.language)).toEqual(["python", "javascript", "typescript", "c", "c++", "java", "go", "rust"]);
  });
});

describe("executionFromPiston", () => {
  const request = (body: Record<string, unknown>) =>
    PistonExecuteSchema.parse({ language: "py", version: "*", files: [{ content: "print(1)" }], ...body });

  it("maps piston-client's defaults: args as strings, -1 memory = the server's maximum", () => {
    const { languageId, input } = executionFromPiston(
      request({ args: ["1", 2, "3"], run_timeout: 3000, compile_timeout: 10000, run_memory_limit: -1, compile_memory_limit: -1 }),
    );
    expect(languageId).toBe("python");
    expect(input).toMatchObject({ args: ["1", "2", "3"], timeLimitMs: 3000, memoryLimitMb: -1 });
  });

  it("prefers run_cpu_time, converts bytes to MiB and decodes base64 files", () => {
    const { input } = executionFromPiston(
      request({
        run_timeout: 5000,
        run_cpu_time: 1000,
        run_memory_limit: 64 * 1024 * 1024,
        files: [{ content: "cHJpbnQoMik=", encoding: "base64" }],
      }),
    );
    expect(input).toMatchObject({ timeLimitMs: 1000, memoryLimitMb: 64, source: "print(2)" });
  });

  it("refuses unknown runtimes and several files, with Piston's wording", () => {
    expect(() => executionFromPiston(request({ language: "cobol", version: "3.0.0" }))).toThrow("cobol-3.0.0 runtime is unknown");
    expect(() => executionFromPiston(request({ files: [{ content: "a" }, { content: "b" }] }))).toThrow("single-file");
  });
});

describe("pistonResponse", () => {
  it("a compiled language that ran: compile and run stages, output = stdout + stderr", () => {
    expect(pistonResponse(execution({}), "cpp")).toEqual({
      language: "c++",
      version: "12.2.0",
      compile: { stdout: "", stderr: "", output: "", code: 0, signal: null, message: null, status: null },
      run: {
        stdout: "out\n",
        stderr: "err\n",
        output: "out\nerr\n",
        code: 0,
        signal: null,
        message: null,
        status: null,
        cpu_time: 5,
        wall_time: 7,
        memory: 1024000,
      },
    });
  });

  it("a compilation error: compile stage only for compiled languages; the run stage for interpreted ones", () => {
    const cpp = pistonResponse(execution({ verdict: "CE", compileOutput: "boom" }, null), "cpp");
    expect(cpp).toMatchObject({ compile: { code: 1, stderr: "boom" } });
    expect(cpp).not.toHaveProperty("run");
    const py = pistonResponse(execution({ language: "python", verdict: "CE", compileOutput: "SyntaxError" }, null), "python");
    expect(py).toMatchObject({ run: { code: 1, stderr: "SyntaxError" } });
    expect(py).not.toHaveProperty("compile");
  });

  it("limits kill with SIGKILL; a crash keeps its signal; a non-zero exit its code", () => {
    expect(pistonResponse(execution({ verdict: "TLE" }, { exitCode: null }), "cpp").run).toMatchObject({
      signal: "SIGKILL",
      code: null,
      status: "TO",
    });
    expect(pistonResponse(execution({ verdict: "MLE" }, { exitCode: null }), "cpp").run).toMatchObject({ signal: "SIGKILL", status: "SG" });
    expect(pistonResponse(execution({ verdict: "RE" }, { signal: "SIGSEGV", exitCode: null }), "cpp").run).toMatchObject({
      signal: "SIGSEGV",
      status: "SG",
    });
    expect(pistonResponse(execution({ verdict: "RE" }, { exitCode: 3 }), "cpp").run).toMatchObject({ code: 3, signal: null, status: "RE" });
  });
});
