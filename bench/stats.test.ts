import { describe, expect, it } from "vitest";
import { formatTable, percentile } from "./stats";

describe("percentile", () => {
  it("uses the nearest rank", () => {
    const sample = [5, 1, 4, 2, 3, 6, 7, 8, 9, 10];
    expect(percentile(sample, 50)).toBe(5);
    expect(percentile(sample, 95)).toBe(10);
    expect(percentile(sample, 0)).toBe(1);
    expect(percentile([42], 95)).toBe(42);
  });

  it("refuses an empty sample", () => {
    expect(() => percentile([], 50)).toThrow(/empty/);
  });
});

describe("formatTable", () => {
  it("aligns columns", () => {
    expect(
      formatTable(
        ["name", "ms"],
        [
          ["a", 1],
          ["long", 100],
        ],
      ),
    ).toBe("name   ms\n----  ---\na       1\nlong  100");
  });
});
