import { describe, expect, it } from "vitest";
import { formatMemory, outcomeLabel, outcomeTone } from "./verdict";

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
