import { describe, expect, it } from "vitest";
import { formatSimilarity, highlightLines } from "./similarity-highlight";

describe("highlightLines", () => {
  it("marks a region within one line, end column exclusive", () => {
    const lines = highlightLines("abcdef\nxyz\n", [{ startRow: 0, startCol: 1, endRow: 0, endCol: 3 }]);
    expect(lines).toEqual([
      [
        { text: "a", fragment: null },
        { text: "bc", fragment: 0 },
        { text: "def", fragment: null },
      ],
      [{ text: "xyz", fragment: null }],
    ]);
  });

  it("marks a region across lines and keeps empty lines", () => {
    const lines = highlightLines("ab\n\ncd", [{ startRow: 0, startCol: 1, endRow: 2, endCol: 1 }]);
    expect(lines[0]).toEqual([
      { text: "a", fragment: null },
      { text: "b", fragment: 0 },
    ]);
    expect(lines[1]).toEqual([{ text: "", fragment: null }]);
    expect(lines[2]).toEqual([
      { text: "c", fragment: 0 },
      { text: "d", fragment: null },
    ]);
  });

  it("gives an overlapped character to the first fragment and clamps regions outside the text", () => {
    const lines = highlightLines("abcd", [
      { startRow: 0, startCol: 0, endRow: 0, endCol: 2 },
      { startRow: 0, startCol: 1, endRow: 5, endCol: 99 },
    ]);
    expect(lines).toEqual([
      [
        { text: "ab", fragment: 0 },
        { text: "cd", fragment: 1 },
      ],
    ]);
  });

  it("formats a score as a whole percentage", () => {
    expect(formatSimilarity(0.8472)).toBe("85%");
    expect(formatSimilarity(0)).toBe("0%");
  });
});
