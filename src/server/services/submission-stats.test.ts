import { describe, expect, it } from "vitest";
import { compareMetric, histogram } from "./submission-stats";

describe("compareMetric", () => {
  it("counts only strictly worse submissions", () => {
    expect(compareMetric([10, 20, 30, 30], 20).betterThanPct).toBe(50);
    expect(compareMetric([20, 20], 20).betterThanPct).toBe(0);
    expect(compareMetric([21, 22, 23], 20).betterThanPct).toBe(100);
    expect(compareMetric([10, 30, 40], 20).betterThanPct).toBe(66.7);
  });

  it("has no percentage when this is the first accepted submission", () => {
    expect(compareMetric([], 5)).toEqual({ betterThanPct: null, histogram: [{ from: 5, to: 6, count: 0, mine: true }] });
  });
});

describe("histogram", () => {
  it("spreads values over equal buckets from min to max and marks the submission's bucket", () => {
    const buckets = histogram([0, 1, 2, 23], 12);
    expect(buckets).toHaveLength(12);
    expect(buckets[0]).toEqual({ from: 0, to: 2, count: 2, mine: false });
    expect(buckets.reduce((n, b) => n + b.count, 0)).toBe(4);
    expect(buckets.filter((b) => b.mine)).toEqual([{ from: 12, to: 14, count: 0, mine: true }]);
    expect(buckets.at(-1)).toMatchObject({ from: 22, to: 24, count: 1 });
  });

  it("never makes more buckets than distinct widths need", () => {
    expect(histogram([3, 4], 3)).toEqual([
      { from: 3, to: 4, count: 1, mine: true },
      { from: 4, to: 5, count: 1, mine: false },
    ]);
  });
});
