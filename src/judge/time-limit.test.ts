import { describe, expect, it } from "vitest";
import { deriveTimeLimitMs, tooCloseToLimit, verdictUnderLimit } from "./time-limit";

describe("derived time limit (problemtools)", () => {
  it("is the slowest accepted time × multiplier, rounded up to whole seconds, at least 1 s", () => {
    expect(deriveTimeLimitMs(310)).toBe(2000); // 1.55 s → 2 s
    expect(deriveTimeLimitMs(400)).toBe(2000); // exactly 2 s stays 2 s
    expect(deriveTimeLimitMs(20)).toBe(1000);
    expect(deriveTimeLimitMs(0)).toBe(1000);
    expect(deriveTimeLimitMs(310, 2)).toBe(1000);
    expect(deriveTimeLimitMs(60_000)).toBe(20_000); // capped at the largest limit allowed
  });

  it("re-judges a generous run under the derived limit: the first slower test is a TLE", () => {
    const tests = [
      { position: 1, verdict: "AC" as const, cpuMs: 100 },
      { position: 2, verdict: "AC" as const, cpuMs: 1500 },
      { position: 3, verdict: "WA" as const, cpuMs: 10 },
    ];
    expect(verdictUnderLimit("WA", tests, 1000)).toBe("TLE");
    expect(verdictUnderLimit("WA", tests, 2000)).toBe("WA");
    expect(verdictUnderLimit("AC", tests.slice(0, 2), 2000)).toBe("AC");
  });

  it("flags references within the safety margin of the limit", () => {
    const base = { timeLimitMs: 1000, safetyMargin: 2, measuredBeyondLimit: true };
    expect(tooCloseToLimit({ ...base, expectedVerdict: "AC", maxCpuMs: 600 })).toBe(true);
    expect(tooCloseToLimit({ ...base, expectedVerdict: "AC", maxCpuMs: 400 })).toBe(false);
    expect(tooCloseToLimit({ ...base, expectedVerdict: "TLE", maxCpuMs: 1500 })).toBe(true);
    expect(tooCloseToLimit({ ...base, expectedVerdict: "TLE", maxCpuMs: 5000 })).toBe(false);
    // Stopped at the problem's own limit: its real time is unknown, nothing to say.
    expect(tooCloseToLimit({ ...base, expectedVerdict: "TLE", maxCpuMs: 1000, measuredBeyondLimit: false })).toBe(false);
  });
});
