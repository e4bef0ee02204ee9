import { describe, expect, it } from "vitest";
import type { SandboxProvider } from "../sandbox/types";
import { getLanguage } from "../src/judge/languages";
import {
  COMPILE_MEMORY_MB,
  compileFailureReason,
  compileMemoryMb,
  JudgeSetupError,
  judgeSubmission,
  outputLimitBytes,
  runWithCustomInput,
  textExcerpt,
  UnknownLanguageError,
  type JudgeProblemSpec,
} from "./judge";

/** Problems that cannot be judged are refused before any container is started. */
const noContainers: SandboxProvider = {
  acquire: () => Promise.reject(new Error("a container was requested")),
  shutdown: () => Promise.resolve(),
};

const spec = (overrides: Partial<JudgeProblemSpec> = {}): JudgeProblemSpec => ({
  timeLimitMs: 1000,
  memoryLimitMb: 64,
  checker: { kind: "STANDARD" },
  scoringMode: "ICPC",
  tests: [{ position: 1, input: "", expectedOutput: "1\n", points: 1 }],
  ...overrides,
});

describe("judgeSubmission refuses early", () => {
  it("an unknown language, with a typed error", async () => {
    const judging = judgeSubmission(noContainers, { language: "brainfuck", source: "+", problem: spec() });
    await expect(judging).rejects.toBeInstanceOf(UnknownLanguageError);
    await expect(judging).rejects.toThrow('unknown language "brainfuck"');
    await expect(
      runWithCustomInput(noContainers, { language: "x", source: "", stdin: "", timeLimitMs: 1, memoryLimitMb: 1 }),
    ).rejects.toBeInstanceOf(UnknownLanguageError);
  });
  it("a problem without tests", async () => {
    await expect(judgeSubmission(noContainers, { language: "python", source: "", problem: spec({ tests: [] }) })).rejects.toBeInstanceOf(
      JudgeSetupError,
    );
  });
  it("a custom checker without source or language", async () => {
    const problem = spec({ checker: { kind: "CUSTOM", language: "python" } });
    await expect(judgeSubmission(noContainers, { language: "python", source: "", problem })).rejects.toThrow(
      /custom checker has no source/,
    );
  });
});

describe("compileMemoryMb", () => {
  const language = (id: string) => getLanguage(id)!;
  it("compiles at the run's limit when the language's compiler fits in it", () => {
    expect(compileMemoryMb(language("python"), 80)).toBe(80);
    expect(compileMemoryMb(language("c"), 272)).toBe(272);
  });
  it("uses the compile limit when the run's limit is smaller than the compiler needs", () => {
    expect(compileMemoryMb(language("c"), 80)).toBe(COMPILE_MEMORY_MB);
    expect(compileMemoryMb(language("cpp"), 272)).toBe(COMPILE_MEMORY_MB);
  });
  it("always the compile limit (or more) for compilers whose heap follows the container", () => {
    expect(compileMemoryMb(language("java"), 600)).toBe(COMPILE_MEMORY_MB);
    expect(compileMemoryMb(language("java"), 2048)).toBe(2048);
  });
});

describe("outputLimitBytes", () => {
  it("allows at least 8 MiB, and twice a large expected answer plus 1 MiB", () => {
    expect(outputLimitBytes("3\n")).toBe(8 * 1024 * 1024);
    expect(outputLimitBytes("x".repeat(10 * 1024 * 1024))).toBe(21 * 1024 * 1024);
    expect(outputLimitBytes("é".repeat(4 * 1024 * 1024))).toBe(17 * 1024 * 1024); // bytes, not characters
  });
});

describe("textExcerpt", () => {
  it("keeps short output whole", () => {
    expect(textExcerpt(Buffer.from("héllo\n"))).toBe("héllo\n");
  });
  it("cuts at 2 KiB of bytes, never in the middle of a character", () => {
    expect(Buffer.byteLength(textExcerpt(Buffer.alloc(10_000, "x")))).toBe(2048);
    const cut = textExcerpt(Buffer.from("€".repeat(1000))); // 3 bytes each: 2048 is mid-character
    expect(cut).toBe("€".repeat(682));
    expect(cut).not.toContain("\uFFFD");
  });
  it("survives invalid UTF-8", () => {
    expect(textExcerpt(Buffer.from([0xff, 0xfe, 0x41]))).toBe("\uFFFD\uFFFDA");
  });
});

describe("compileFailureReason", () => {
  const exited = { stoppedBy: "exited", exitCode: 4, signal: null } as const;
  const tookTooLong = /^Compilation took too long/;
  it("says the compile took too long when the supervisor stopped it for time", () => {
    expect(compileFailureReason({ stoppedBy: "cpu-limit", exitCode: null, signal: "SIGKILL" }, 512)).toMatch(tookTooLong);
    expect(compileFailureReason({ stoppedBy: "wall-limit", exitCode: null, signal: "SIGKILL" }, 512)).toMatch(tookTooLong);
    expect(compileFailureReason({ stoppedBy: "memory-limit", exitCode: null, signal: "SIGKILL" }, 512)).toBe(
      "Compilation used too much memory (limit 512 MiB).",
    );
  });
  it("also when the driver reports its subprocess killed by the CPU rlimit (the backstop fired first)", () => {
    const outputs = [
      "g++: internal compiler error: CPU time limit exceeded signal terminated program cc1plus\nPlease submit a full bug report",
      "clang: error: unable to execute command: CPU time limit exceeded",
      "# command-line-arguments\n/usr/lib/go/pkg/tool/linux_amd64/compile: signal: CPU time limit exceeded (core dumped)",
    ];
    for (const output of outputs) expect(compileFailureReason(exited, 512, output)).toMatch(tookTooLong);
  });
  it("leaves an ordinary compile error to the compiler's words, even one quoting the message", () => {
    const outputs = [
      "main.cpp:1:1: error: expected unqualified-id",
      'main.cpp:1:2: error: #error "CPU time limit exceeded signal terminated program x"',
      'main.cpp:1:2: error: #error "x: signal: CPU time limit exceeded"',
    ];
    for (const output of outputs) expect(compileFailureReason(exited, 512, output)).toBeNull();
    const succeeded = { ...exited, exitCode: 0 };
    expect(compileFailureReason(succeeded, 512, "g++: CPU time limit exceeded signal terminated program cc1plus")).toBeNull();
  });
});
