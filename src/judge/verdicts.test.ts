import { describe, expect, expectTypeOf, it } from "vitest";
import type { RunResult } from "./run-result";
import type { ScoringMode as PrismaScoringMode, Verdict as PrismaVerdict } from "../generated/prisma/enums";
import { Verdict as PrismaVerdictValues } from "../generated/prisma/enums";
import { getLanguage } from "./languages";
import {
  classifyRun,
  effectiveLimits,
  overallVerdict,
  runFailure,
  VERDICT_LABELS,
  VERDICTS,
  type ScoringMode,
  type TestVerdict,
  type Verdict,
} from "./verdicts";

const limits = { cpuMs: 1000, wallMs: 3000, memoryMb: 64 };

function run(overrides: Partial<RunResult> & { stderrText?: string } = {}): RunResult {
  const { stderrText, ...rest } = overrides;
  return {
    stoppedBy: "exited",
    exitCode: 0,
    signal: null,
    cpuMs: 10,
    wallMs: 20,
    peakKb: 1000,
    stdout: Buffer.from(""),
    stdoutTruncated: false,
    stderr: Buffer.from(stderrText ?? ""),
    stderrTruncated: false,
    ...rest,
  };
}

describe("Verdict type", () => {
  it("matches the Prisma enum exactly", () => {
    expectTypeOf<Verdict>().toEqualTypeOf<PrismaVerdict>();
    expectTypeOf<ScoringMode>().toEqualTypeOf<PrismaScoringMode>();
    expect([...VERDICTS].sort()).toEqual(Object.values(PrismaVerdictValues).sort());
  });
  it("has a label and a colour for every verdict", () => {
    for (const v of VERDICTS) {
      expect(VERDICT_LABELS[v].label.length).toBeGreaterThan(0);
      expect(VERDICT_LABELS[v].color).toMatch(/^#[0-9a-f]{6}$/);
    }
    expect(VERDICT_LABELS.AC.label).toBe("Accepted");
  });
});

describe("effectiveLimits", () => {
  it("applies the language's multiplier and allowances", () => {
    expect(effectiveLimits({ timeMultiplier: 2, extraTimeMs: 100, extraMemoryMb: 64 }, { timeLimitMs: 1000, memoryLimitMb: 256 })).toEqual({
      cpuMs: 2100,
      wallMs: 6300,
      memoryMb: 320,
    });
  });
  it("gives short limits at least 2 s of wall-clock slack", () => {
    expect(effectiveLimits({ timeMultiplier: 1, extraTimeMs: 0, extraMemoryMb: 0 }, { timeLimitMs: 200, memoryLimitMb: 64 })).toEqual({
      cpuMs: 200,
      wallMs: 2200,
      memoryMb: 64,
    });
  });
  it("works with a registry entry", () => {
    const java = getLanguage("java")!;
    const l = effectiveLimits(java, { timeLimitMs: 1000, memoryLimitMb: 256 });
    expect(l.cpuMs).toBe(1000 * java.timeMultiplier + java.extraTimeMs);
    expect(l.memoryMb).toBe(256 + java.extraMemoryMb);
  });
});

describe("classifyRun", () => {
  it("lets the checker decide a clean run", () => {
    expect(classifyRun(run(), limits, true)).toBe("AC");
    expect(classifyRun(run(), limits, false)).toBe("WA");
    expect(runFailure(run(), limits)).toBeNull();
  });
  it("MLE: OOM kill, or peak over the limit", () => {
    expect(classifyRun(run({ stoppedBy: "memory-limit", exitCode: null, signal: "SIGKILL" }), limits, true)).toBe("MLE");
    expect(classifyRun(run({ peakKb: 64 * 1024 + 1 }), limits, true)).toBe("MLE");
    expect(classifyRun(run({ peakKb: 64 * 1024 }), limits, true)).toBe("AC");
  });
  it("MLE: the runtime's own out-of-memory errors", () => {
    const java = run({ exitCode: 1, stderrText: 'Exception in thread "main" java.lang.OutOfMemoryError: Java heap space' });
    expect(runFailure(java, limits)).toEqual({ verdict: "MLE", detail: "java.lang.OutOfMemoryError" });
    const node = run({
      stoppedBy: "signaled",
      exitCode: null,
      signal: "SIGABRT",
      stderrText: "FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory",
    });
    expect(classifyRun(node, limits, false)).toBe("MLE");
    // Only when the program actually failed: printing the words is not an error.
    expect(classifyRun(run({ stderrText: "java.lang.OutOfMemoryError" }), limits, true)).toBe("AC");
  });
  it("MLE comes before TLE and RE", () => {
    expect(classifyRun(run({ stoppedBy: "memory-limit", cpuMs: 5000, exitCode: null, signal: "SIGKILL" }), limits, true)).toBe("MLE");
    expect(classifyRun(run({ stoppedBy: "cpu-limit", peakKb: 100 * 1024, exitCode: null, signal: "SIGKILL" }), limits, true)).toBe("MLE");
  });
  it("TLE: CPU limit, CPU time over the limit, or wall-clock limit", () => {
    expect(classifyRun(run({ stoppedBy: "cpu-limit", exitCode: null, signal: "SIGKILL", cpuMs: 1001 }), limits, true)).toBe("TLE");
    expect(classifyRun(run({ cpuMs: 1001 }), limits, true)).toBe("TLE");
    expect(classifyRun(run({ cpuMs: 1000 }), limits, true)).toBe("AC");
    expect(runFailure(run({ stoppedBy: "wall-limit", exitCode: null, signal: "SIGKILL", cpuMs: 0 }), limits)?.verdict).toBe("TLE");
  });
  it("TLE comes before OLE and RE", () => {
    expect(classifyRun(run({ stoppedBy: "output-limit", cpuMs: 1500, exitCode: null, signal: "SIGKILL" }), limits, true)).toBe("TLE");
    expect(classifyRun(run({ exitCode: 1, cpuMs: 1500 }), limits, true)).toBe("TLE");
  });
  it("OLE: stdout over the cap", () => {
    expect(classifyRun(run({ stoppedBy: "output-limit", exitCode: null, signal: "SIGKILL", stdoutTruncated: true }), limits, true)).toBe(
      "OLE",
    );
  });
  it("RE: a signal, named, or a non-zero exit code", () => {
    expect(runFailure(run({ stoppedBy: "signaled", exitCode: null, signal: "SIGSEGV" }), limits)).toEqual({
      verdict: "RE",
      detail: "killed by SIGSEGV",
    });
    expect(runFailure(run({ exitCode: 3 }), limits)).toEqual({ verdict: "RE", detail: "exit code 3" });
    expect(classifyRun(run({ exitCode: 1 }), limits, true)).toBe("RE");
  });
  it("RE: a Java stack overflow is a runtime error, not MLE", () => {
    const r = run({ exitCode: 1, stderrText: 'Exception in thread "main" java.lang.StackOverflowError' });
    expect(runFailure(r, limits)).toEqual({ verdict: "RE", detail: "java.lang.StackOverflowError" });
  });
  it("RE: a Java thread bomb stopped by the pids limit is a runtime error, not MLE", () => {
    const r = run({
      exitCode: 1,
      stderrText:
        'Exception in thread "main" java.lang.OutOfMemoryError: unable to create native thread: possibly out of memory or process/resource limits reached',
    });
    expect(runFailure(r, limits)).toEqual({ verdict: "RE", detail: "too many threads" });
  });
});

describe("overallVerdict", () => {
  const t = (verdict: Verdict, points = 1, cpuMs = 10, peakKb = 100): TestVerdict => ({ verdict, points, cpuMs, peakKb });

  it("ICPC: AC when every test passes, full score", () => {
    expect(overallVerdict([t("AC", 2), t("AC", 3)], "ICPC")).toEqual({
      verdict: "AC",
      score: 5,
      maxScore: 5,
      maxCpuMs: 10,
      maxPeakKb: 100,
    });
  });
  it("ICPC: the first failing test decides, zero score, max over the tests that ran", () => {
    const r = overallVerdict([t("AC", 1, 50, 300), t("TLE", 1, 1000, 200)], "ICPC", 4);
    expect(r).toEqual({ verdict: "TLE", score: 0, maxScore: 4, maxCpuMs: 1000, maxPeakKb: 300 });
    expect(overallVerdict([t("AC"), t("WA"), t("RE")], "ICPC").verdict).toBe("WA");
  });
  it("POINTS: partial credit, verdict is the first failure", () => {
    const r = overallVerdict([t("AC", 10), t("WA", 20), t("AC", 30), t("TLE", 40)], "POINTS");
    expect(r).toMatchObject({ verdict: "WA", score: 40, maxScore: 100 });
  });
  it("POINTS: AC only when every test is AC", () => {
    expect(overallVerdict([t("AC", 10), t("AC", 20)], "POINTS")).toMatchObject({ verdict: "AC", score: 30, maxScore: 30 });
  });
  it("an IE test makes the submission IE, never a student verdict", () => {
    expect(overallVerdict([t("AC"), t("IE")], "ICPC").verdict).toBe("IE");
  });
});
