import { describe, expect, it } from "vitest";
import {
  visibleMaxima,
  visiblePositions,
  visibleTestResults,
  type FeedbackPolicy,
  type StoredTestResult,
  type TestFeedback,
} from "./test-feedback";

function result(position: number, verdict: string, isSample = false): StoredTestResult {
  return {
    position,
    isSample,
    verdict,
    name: `test-${position}`,
    cpuMs: 10 * position,
    wallMs: 100 * position,
    peakKb: 1000 * position,
    exitCode: verdict === "RE" ? 3 : 0,
    signal: verdict === "RE" ? "SIGSEGV" : null,
    stoppedBy: verdict === "RE" ? "signaled" : "exited",
    outputExcerpt: `out-${position}`,
    stderrExcerpt: `err-${position}`,
    checkerMessage: `msg-${position}`,
  };
}

// Sample 1 (AC), hidden 2 (AC), hidden 3 (RE), hidden 4 (WA), hidden 5 (AC) — a POINTS run.
const results = [result(3, "RE"), result(1, "AC", true), result(2, "AC"), result(5, "AC"), result(4, "WA")];
const student = (feedback: TestFeedback): FeedbackPolicy => ({ feedback, staff: false, kind: "SUBMIT" });
const HIDDEN_FIELDS = ["wallMs", "exitCode", "signal", "stoppedBy", "outputExcerpt", "stderrExcerpt", "checkerMessage", "name"] as const;

describe("visiblePositions", () => {
  it("FULL: every test", () => {
    expect([...visiblePositions(results, student("FULL"))]).toEqual([1, 2, 3, 4, 5]);
  });

  it("FIRST_FAILURE: samples and hidden tests up to and including the first non-AC one", () => {
    expect([...visiblePositions(results, student("FIRST_FAILURE"))]).toEqual([1, 2, 3]);
    const allPass = [result(1, "AC", true), result(2, "AC"), result(3, "AC")];
    expect([...visiblePositions(allPass, student("FIRST_FAILURE"))]).toEqual([1, 2, 3]);
  });

  it("FIRST_FAILURE: a failing sample does not hide the hidden tests after it; samples after a hidden failure stay", () => {
    const mixed = [result(1, "WA", true), result(2, "AC"), result(3, "TLE"), result(4, "AC", true), result(5, "WA")];
    expect([...visiblePositions(mixed, student("FIRST_FAILURE"))]).toEqual([1, 2, 3, 4]);
  });

  it("VERDICT_ONLY: samples only", () => {
    expect([...visiblePositions(results, student("VERDICT_ONLY"))]).toEqual([1]);
  });

  it("staff and custom-input runs see every test under every setting", () => {
    for (const feedback of ["FULL", "FIRST_FAILURE", "VERDICT_ONLY"] as const) {
      expect(visiblePositions(results, { feedback, staff: true, kind: "SUBMIT" }).size).toBe(5);
      expect(visiblePositions([result(0, "RE")], { feedback, staff: false, kind: "RUN" }).size).toBe(1);
    }
  });
});

describe("visibleTestResults", () => {
  it("gives students of hidden tests only verdict, CPU time and memory, never exit code, signal or output", () => {
    for (const feedback of ["FULL", "FIRST_FAILURE", "VERDICT_ONLY"] as const) {
      for (const view of visibleTestResults(results, student(feedback)).filter((r) => !r.isSample)) {
        expect(view.limited).toBe(true);
        for (const field of HIDDEN_FIELDS) expect(view[field], `${feedback} ${field}`).toBeNull();
        expect(view).toMatchObject({ verdict: expect.any(String), cpuMs: view.position * 10, peakKb: view.position * 1000 });
      }
      expect(JSON.stringify(visibleTestResults(results, student(feedback)))).not.toMatch(/SIGSEGV|out-[2-5]|err-[2-5]|msg-[2-5]|signaled/);
    }
  });

  it("shows samples in full to their owner, in position order", () => {
    const views = visibleTestResults(results, student("VERDICT_ONLY"));
    expect(views).toEqual([
      {
        position: 1,
        isSample: true,
        name: "test-1",
        verdict: "AC",
        cpuMs: 10,
        peakKb: 1000,
        wallMs: 100,
        exitCode: 0,
        signal: null,
        stoppedBy: "exited",
        outputExcerpt: "out-1",
        stderrExcerpt: "err-1",
        checkerMessage: "msg-1",
        limited: false,
      },
    ]);
  });

  it("gives staff everything", () => {
    const views = visibleTestResults(results, { feedback: "VERDICT_ONLY", staff: true, kind: "SUBMIT" });
    expect(views.map((v) => v.position)).toEqual([1, 2, 3, 4, 5]);
    expect(views[2]).toMatchObject({ exitCode: 3, signal: "SIGSEGV", outputExcerpt: "out-3", stderrExcerpt: "err-3", limited: false });
  });

  it("shows a custom-input run in full to its owner", () => {
    const [view] = visibleTestResults([result(0, "RE")], { feedback: "VERDICT_ONLY", staff: false, kind: "RUN" });
    expect(view).toMatchObject({ signal: "SIGSEGV", outputExcerpt: "out-0", limited: false });
  });
});

describe("visibleMaxima", () => {
  it("keeps the stored maxima when nothing is withheld, else takes them over the visible tests", () => {
    const stored = { maxCpuMs: 50, maxPeakKb: 5000 };
    expect(visibleMaxima(stored, results, visibleTestResults(results, student("FULL")))).toEqual(stored);
    expect(visibleMaxima(stored, results, visibleTestResults(results, student("FIRST_FAILURE")))).toEqual({
      maxCpuMs: 30,
      maxPeakKb: 3000,
    });
    expect(visibleMaxima(stored, results, visibleTestResults(results, student("VERDICT_ONLY")))).toEqual({ maxCpuMs: 10, maxPeakKb: 1000 });
    expect(visibleMaxima(stored, [result(2, "AC")], [])).toEqual({ maxCpuMs: null, maxPeakKb: null });
  });
});
