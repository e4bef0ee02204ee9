import { describe, expect, it } from "vitest";
import { codeDiff, diffSize, unifiedLines } from "./code-diff";

describe("code diff", () => {
  it("numbers lines on both sides and marks what changed", () => {
    const lines = unifiedLines("a\nb\nc\n", "a\nB\nc\nd\n");
    expect(lines).toEqual([
      { kind: "same", oldNumber: 1, newNumber: 1, text: "a" },
      { kind: "removed", oldNumber: 2, newNumber: null, text: "b" },
      { kind: "added", oldNumber: null, newNumber: 2, text: "B" },
      { kind: "same", oldNumber: 3, newNumber: 3, text: "c" },
      { kind: "added", oldNumber: null, newNumber: 4, text: "d" },
    ]);
    expect(diffSize("a\nb\nc\n", "a\nB\nc\nd\n")).toEqual({ added: 2, removed: 1 });
  });

  it("treats CRLF and a missing final newline as no change", () => {
    expect(diffSize("x\r\ny", "x\ny\n")).toEqual({ added: 0, removed: 0 });
    expect(diffSize("", "")).toEqual({ added: 0, removed: 0 });
    expect(diffSize("", "one\ntwo")).toEqual({ added: 2, removed: 0 });
  });

  it("folds long unchanged runs into gaps, keeping context around changes", () => {
    const older = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join("\n");
    const newer = older.replace("line 10", "line ten");
    const diff = codeDiff(older, newer, 2);
    expect(diff.added).toBe(1);
    expect(diff.removed).toBe(1);
    expect(diff.lines[0]).toEqual({ kind: "gap", count: 7 });
    expect(diff.lines.map((l) => ("text" in l ? l.text : null)).filter((t) => t !== null)).toEqual([
      "line 8",
      "line 9",
      "line 10",
      "line ten",
      "line 11",
      "line 12",
    ]);
    expect(diff.lines[diff.lines.length - 1]).toEqual({ kind: "gap", count: 8 });
  });

  it("shows nothing but one gap for identical code", () => {
    expect(codeDiff("a\nb\n", "a\nb\n").lines).toEqual([{ kind: "gap", count: 2 }]);
  });
});
