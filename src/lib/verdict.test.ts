import { describe, expect, it } from "vitest";
import { explainOutcome, formatMemory, outcomeLabel, outcomeTone } from "./verdict";

describe("outcomeLabel", () => {
  it("shows the status until judged, then the verdict's full name", () => {
    expect(outcomeLabel({ kind: "SUBMIT", status: "QUEUED", verdict: null })).toBe("Queued");
    expect(outcomeLabel({ kind: "SUBMIT", status: "RUNNING", verdict: null })).toBe("Running");
    expect(outcomeLabel({ kind: "SUBMIT", status: "DONE", verdict: "AC" })).toBe("Accepted");
    expect(outcomeLabel({ kind: "SUBMIT", status: "DONE", verdict: "CE" })).toBe("Compilation Error");
    expect(outcomeLabel({ kind: "SUBMIT", status: "FAILED", verdict: null })).toBe("Internal Error");
  });

  it("a custom run that simply ran has no verdict", () => {
    expect(outcomeLabel({ kind: "RUN", status: "DONE", verdict: null })).toBe("Finished");
    expect(outcomeLabel({ kind: "RUN", status: "DONE", verdict: "TLE" })).toBe("Time Limit Exceeded");
  });

  it("tones", () => {
    expect(outcomeTone({ status: "RUNNING", verdict: null })).toBe("pending");
    expect(outcomeTone({ status: "DONE", verdict: "AC" })).toBe("ok");
    expect(outcomeTone({ status: "DONE", verdict: "WA" })).toBe("bad");
    expect(outcomeTone({ status: "DONE", verdict: null })).toBe("neutral");
  });
});

describe("formatMemory", () => {
  it("uses KiB below 1 MiB and MiB above", () => {
    expect(formatMemory(null)).toBe("–");
    expect(formatMemory(900)).toBe("900 KiB");
    expect(formatMemory(7904)).toBe("7.7 MiB");
  });
});

describe("explainOutcome", () => {
  const base = {
    kind: "SUBMIT",
    status: "DONE",
    score: 0,
    maxScore: 4,
    testsTotal: 4,
    problem: { timeLimitMs: 1000, memoryLimitMb: 256, scoringMode: "ICPC" },
  };
  const ac = (position: number) => ({ position, verdict: "AC", cpuMs: 10, isSample: position === 1 });

  it("names the limit and the test", () => {
    const results = [ac(1), ac(2), ac(3), { position: 4, verdict: "TLE", cpuMs: 1003, isSample: false }];
    expect(explainOutcome({ ...base, verdict: "TLE", results })).toBe("Your program used more than 1 s of CPU time on test 4.");
    const sleeping = [{ position: 1, verdict: "TLE", cpuMs: 20, isSample: true }];
    expect(explainOutcome({ ...base, verdict: "TLE", results: sleeping })).toMatch(
      /^Your program ran too long in real time on sample test 1/,
    );
    const mle = [ac(1), { position: 2, verdict: "MLE", cpuMs: 5, isSample: false }];
    expect(explainOutcome({ ...base, verdict: "MLE", results: mle })).toBe("Your program used more than 256 MiB of memory on test 2.");
  });

  it("accepted, compile errors, judging and internal errors", () => {
    expect(explainOutcome({ ...base, verdict: "AC", results: [ac(1), ac(2), ac(3), ac(4)] })).toBe("Your program passed all 4 tests.");
    expect(explainOutcome({ ...base, verdict: "CE", results: [] })).toMatch(/did not compile/);
    expect(explainOutcome({ ...base, status: "RUNNING", verdict: null, results: [] })).toBeNull();
    expect(explainOutcome({ ...base, status: "FAILED", verdict: "IE", results: [] })).toMatch(/not your fault/);
  });

  it("partial credit: how many failed and the score", () => {
    const results = [
      ac(1),
      { position: 2, verdict: "WA", cpuMs: 5, isSample: false },
      ac(3),
      { position: 4, verdict: "RE", cpuMs: 5, isSample: false },
    ];
    const points = { ...base, score: 2, problem: { ...base.problem, scoringMode: "POINTS" } };
    expect(explainOutcome({ ...points, verdict: "WA", results })).toBe(
      "Your program's output on test 2 is not the expected answer. 1 more test failed too. You scored 2 of 4 points.",
    );
  });
});
