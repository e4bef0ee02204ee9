import { describe, expect, it } from "vitest";
import { diffOutputLines } from "./output-diff";

describe("diffOutputLines", () => {
  it("marks the lines that differ on each side", () => {
    const d = diffOutputLines("1\n2\n3\n", "1\n5\n3\n");
    expect(d.identical).toBe(false);
    expect(d.expected).toEqual([
      { number: 1, text: "1", changed: false },
      { number: 2, text: "2", changed: true },
      { number: 3, text: "3", changed: false },
    ]);
    expect(d.actual.map((l) => [l.text, l.changed])).toEqual([
      ["1", false],
      ["5", true],
      ["3", false],
    ]);
  });

  it("missing and extra lines appear only on their own side", () => {
    const d = diffOutputLines("a\nb\n", "a\n");
    expect(d.expected.map((l) => l.changed)).toEqual([false, true]);
    expect(d.actual).toEqual([{ number: 1, text: "a", changed: false }]);
  });

  it("ignores what the standard checker ignores: CRLF, trailing spaces, blank lines at the end", () => {
    expect(diffOutputLines("3\n", "3  \r\n\n\n").identical).toBe(true);
    expect(diffOutputLines("", "").expected).toEqual([]);
  });
});
