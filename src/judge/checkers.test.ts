import { describe, expect, it } from "vitest";
import { checkerFromKattisFlags, compareOutput, parseCheckerOptions, type CheckerOptions, type CheckerSpec } from "./checkers";

const exact: CheckerSpec = { kind: "EXACT" };
const standard = (options?: CheckerOptions): CheckerSpec => ({ kind: "STANDARD", options });
const float = (options?: CheckerOptions): CheckerSpec => ({ kind: "FLOAT", options });
const ok = (spec: CheckerSpec, expected: string, actual: string) => compareOutput(spec, expected, actual).ok;

describe("EXACT", () => {
  it("accepts only identical output", () => {
    expect(ok(exact, "1 2\n", "1 2\n")).toBe(true);
    expect(ok(exact, "1 2\n", "1 2")).toBe(false);
    expect(ok(exact, "1 2\n", "1  2\n")).toBe(false);
    expect(ok(exact, "1\n", "1\r\n")).toBe(false);
    expect(ok(exact, "", "\n")).toBe(false);
    expect(ok(exact, "", "")).toBe(true);
    expect(ok(exact, "abc", "ABC")).toBe(false);
  });
  it("points at the first difference", () => {
    expect(compareOutput(exact, "a\nbcd\n", "a\nbXd\n").message).toBe("line 2, column 2: expected `cd`, got `Xd`");
    expect(compareOutput(exact, "a\nb\n", "a\n").message).toBe("line 2, column 1: output ends early, expected `b`");
    expect(compareOutput(exact, "a\n", "a\nzzz").message).toBe("line 2, column 1: unexpected extra output `zzz`");
    expect(compareOutput(exact, "a", "a\n").message).toBe("line 1, column 2: unexpected extra output a line break");
  });
});

describe("STANDARD", () => {
  const s = standard();
  it("treats runs of spaces and tabs as one separator", () => {
    expect(ok(s, "1 2 3\n", "1\t2   3\n")).toBe(true);
    expect(ok(s, "1 2 3\n", "1 \t 2 3")).toBe(true);
  });
  it("ignores leading and trailing whitespace on a line", () => {
    expect(ok(s, "1 2\n", "1 2   \n")).toBe(true);
    expect(ok(s, "1 2\n", "  1 2\n")).toBe(true);
    expect(ok(s, "1 2\n", "1 2\t\n")).toBe(true);
  });
  it("ignores trailing blank lines, and a missing final newline", () => {
    expect(ok(s, "5\n", "5")).toBe(true);
    expect(ok(s, "5\n", "5\n\n\n")).toBe(true);
    expect(ok(s, "5\n", "5\n  \n\t\n")).toBe(true);
    expect(ok(s, "5", "5\n\n")).toBe(true);
  });
  it("treats CRLF as LF", () => {
    expect(ok(s, "1\n2\n", "1\r\n2\r\n")).toBe(true);
    expect(ok(s, "1\r\n2\r\n", "1\n2")).toBe(true);
  });
  it("empty output equals a lone newline, but not a token", () => {
    expect(ok(s, "", "\n")).toBe(true);
    expect(ok(s, "\n", "")).toBe(true);
    expect(ok(s, "", "")).toBe(true);
    expect(ok(s, "", "0")).toBe(false);
    expect(ok(s, "0\n", "")).toBe(false);
  });
  it("a line break is not a space", () => {
    expect(ok(s, "1 2\n", "1\n2\n")).toBe(false);
    expect(ok(s, "1\n2\n", "1 2\n")).toBe(false);
  });
  it("blank lines in the middle count, leading ones too", () => {
    expect(ok(s, "1\n\n2\n", "1\n2\n")).toBe(false);
    expect(ok(s, "1\n2\n", "\n1\n2\n")).toBe(false);
    expect(ok(s, "1\n\n2\n", "1\n   \n2\n")).toBe(true);
  });
  it("tokens must match exactly: no numeric equivalence", () => {
    expect(ok(s, "1\n", "1.0\n")).toBe(false);
    expect(ok(s, "1\n", "01\n")).toBe(false);
    expect(ok(s, "1 2\n", "12\n")).toBe(false);
  });
  it("is case-sensitive by default, and not when asked", () => {
    expect(ok(s, "Yes\n", "yes\n")).toBe(false);
    expect(ok(standard({ caseSensitive: false }), "Yes\n", "yES\n")).toBe(true);
    expect(ok(standard({ caseSensitive: false }), "Yes\n", "No\n")).toBe(false);
  });
  it("says where and what differs, briefly", () => {
    expect(compareOutput(s, "1\n2\n5\n", "1\n2\n6\n").message).toBe("line 3: expected `5`, got `6`");
    expect(compareOutput(s, "1\n2\n", "1\n").message).toBe("line 2: expected `2`, got end of output");
    expect(compareOutput(s, "1\n", "1\n7\n").message).toBe("line 2: unexpected extra output `7`");
    expect(compareOutput(s, "1\n", "1\n\n \n7\n").message).toBe("line 4: unexpected extra output `7`");
    expect(compareOutput(s, "1\n\n\n8\n", "1\n").message).toBe("line 4: expected `8`, got end of output");
    expect(compareOutput(s, "1 2\n", "1\n").message).toBe("line 1: expected `2`, got end of line");
    expect(compareOutput(s, "1\n", "1 2\n").message).toBe("line 1: unexpected extra `2` at end of line");
  });
  it("never shows more than a short piece of a hidden answer", () => {
    const secret = "x".repeat(10_000);
    const { message } = compareOutput(s, secret, "y");
    expect(message!.length).toBeLessThanOrEqual(100);
    expect(compareOutput(exact, secret, "y").message!.length).toBeLessThanOrEqual(100);
    expect(compareOutput(standard({ spaceSensitive: true }), secret, "y").message!.length).toBeLessThanOrEqual(100);
  });
});

describe("large outputs", () => {
  const lines = 1 << 20;
  const expected = "1\n".repeat(lines);
  it("are compared in one streaming pass, with the right line number", () => {
    const sloppy = "1 \t\r\n".repeat(lines) + "\n\n";
    expect(ok(standard(), expected, sloppy)).toBe(true);
    expect(compareOutput(standard(), expected, "1\n".repeat(lines - 1) + "2\n").message).toBe(`line ${lines}: expected \`1\`, got \`2\``);
    expect(compareOutput(standard({ lineSensitive: false }), expected, expected + "7").message).toBe(
      `line ${lines + 1}: unexpected extra output \`7\``,
    );
    expect(compareOutput(float(), expected, expected.replace(/1\n$/, "1.5\n")).message).toMatch(new RegExp(`^line ${lines}: `));
    expect(compareOutput(standard({ spaceSensitive: true }), expected, expected.replace(/1\n$/, "1 \n")).message).toBe(
      `line ${lines}: whitespace differs: expected newline, got space+newline`,
    );
  });
});

describe("STANDARD with lineSensitive: false (Kattis default validator)", () => {
  const k = standard({ lineSensitive: false });
  it("treats every whitespace run, newlines included, as one separator", () => {
    expect(ok(k, "1 2\n", "1\n2\n")).toBe(true);
    expect(ok(k, "A B", " A  B \t\n")).toBe(true);
    expect(ok(k, "", " \t\n\t\n \t")).toBe(true);
  });
  it("still needs the same tokens in the same order", () => {
    expect(ok(k, "A B", "A B X")).toBe(false);
    expect(ok(k, "A B", "X A B")).toBe(false);
    expect(ok(k, "A B", "A B\n\n\n\n\n \n\n X")).toBe(false);
    expect(compareOutput(k, "A B", "A\nC").message).toBe("line 2: expected `B`, got `C`");
    expect(compareOutput(k, "A B", "A").message).toBe("expected `B`, got end of output");
  });
});

describe("STANDARD with spaceSensitive (Kattis space_change_sensitive)", () => {
  const sp = standard({ spaceSensitive: true });
  it("needs whitespace to match exactly", () => {
    expect(ok(sp, "1 2\n", "1 2\n")).toBe(true);
    expect(ok(sp, "1 2\n", "1  2\n")).toBe(false);
    expect(ok(sp, "1 2\n", "1\t2\n")).toBe(false);
    expect(ok(sp, "1 2\n", "1 2")).toBe(false);
    expect(ok(sp, "1 2\n", "1 2 \n")).toBe(false);
    expect(ok(sp, "1 2\n", " 1 2\n")).toBe(false);
    expect(ok(sp, "", "")).toBe(true);
    expect(ok(sp, "", "\n")).toBe(false);
    expect(ok(sp, "", " ")).toBe(false);
  });
  it("still forgives CRLF", () => {
    expect(ok(sp, "1 2\n3\n", "1 2\r\n3\r\n")).toBe(true);
  });
  it("compares tokens with the case rules", () => {
    expect(ok(sp, "a b\n", "a c\n")).toBe(false);
    expect(ok(standard({ spaceSensitive: true, caseSensitive: false }), "a B\n", "A b\n")).toBe(true);
  });
  it("explains whitespace differences", () => {
    expect(compareOutput(sp, "1 2\n", "1\n2\n").message).toBe("line 1: whitespace differs: expected space, got newline");
    expect(compareOutput(sp, "1\n2\n", "1\n2").message).toBe("line 2: whitespace differs: expected newline, got end of output");
    expect(compareOutput(sp, " 1\n", "1\n").message).toBe("line 1: whitespace differs: expected space, got `1`");
  });
});

describe("FLOAT", () => {
  it("uses 1e-6 absolute or relative tolerance by default", () => {
    const f = float();
    expect(ok(f, "0.5\n", "0.5000009\n")).toBe(true);
    expect(ok(f, "0.5\n", "0.500002\n")).toBe(false);
    expect(ok(f, "1000000\n", "1000000.9\n")).toBe(true); // relative: 1e-6 * 1e6 = 1
    expect(ok(f, "1000000\n", "1000001.1\n")).toBe(false);
  });
  it("accepts exactly at the tolerance edge (≤), and rejects just beyond", () => {
    expect(ok(float({ absTol: 0.5 }), "1\n", "1.5\n")).toBe(true);
    expect(ok(float({ absTol: 0.5 }), "1\n", "0.5\n")).toBe(true);
    expect(ok(float({ absTol: 0.5 }), "1\n", "1.5000001\n")).toBe(false);
    expect(ok(float({ relTol: 0.25 }), "4\n", "5\n")).toBe(true);
    expect(ok(float({ relTol: 0.25 }), "4\n", "5.001\n")).toBe(false);
  });
  it("relative tolerance is measured against the expected value, as in Kattis", () => {
    // |100 - 200| = 100 ≤ 0.5·|200| would pass if measured against the actual value.
    expect(ok(float({ relTol: 0.5 }), "100\n", "200\n")).toBe(false);
    expect(ok(float({ relTol: 0.5 }), "200\n", "100\n")).toBe(true);
  });
  it("with only one tolerance given, the other is off", () => {
    expect(ok(float({ absTol: 1e-9 }), "1000000\n", "1000000.5\n")).toBe(false);
    expect(ok(float({ relTol: 1e-3 }), "0\n", "0.0000001\n")).toBe(false);
    expect(ok(float({ absTol: 1e-3 }), "0\n", "0.0000001\n")).toBe(true);
  });
  it("accepts any decimal notation for numbers", () => {
    const f = float({ absTol: 1e-6 });
    expect(ok(f, "1.5\n", "1.50000\n")).toBe(true);
    expect(ok(f, "1.5\n", "15e-1\n")).toBe(true);
    expect(ok(f, "-0\n", "0.0\n")).toBe(true);
    expect(ok(f, "2\n", "+2.\n")).toBe(true);
    expect(ok(f, "0.5\n", ".5\n")).toBe(true);
  });
  it("needs a number where a number is expected; NaN and inf are never numbers", () => {
    const f = float({ absTol: 1 });
    expect(ok(f, "1\n", "abc\n")).toBe(false);
    expect(ok(f, "1\n", "nan\n")).toBe(false);
    expect(ok(f, "1\n", "NaN\n")).toBe(false);
    expect(ok(f, "1\n", "inf\n")).toBe(false);
    expect(ok(f, "1\n", "1e999\n")).toBe(false);
    expect(ok(f, "1\n", "0x1\n")).toBe(false);
    expect(ok(f, "1\n", "1.5abc\n")).toBe(false);
    expect(compareOutput(f, "1\n", "nan\n").message).toBe("line 1: expected a number like `1`, got `nan`");
  });
  it("compares non-numeric tokens as text, with the case rules", () => {
    expect(ok(float(), "Case 1: 0.5\n", "Case 1: 0.5000001\n")).toBe(true);
    expect(ok(float(), "Case 1: 0.5\n", "case 1: 0.5\n")).toBe(false);
    expect(ok(float({ caseSensitive: false }), "Case 1: 0.5\n", "case 1: 0.5\n")).toBe(true);
    // An expected "inf" is text: only the same text matches.
    expect(ok(float(), "inf\n", "inf\n")).toBe(true);
    expect(ok(float(), "inf\n", "1e999\n")).toBe(false);
  });
  it("keeps STANDARD's line and whitespace rules", () => {
    expect(ok(float(), "1 2\n", "1\t2  \r\n\n")).toBe(true);
    expect(ok(float(), "1 2\n", "1\n2\n")).toBe(false);
    expect(ok(float({ lineSensitive: false }), "1 2\n", "1\n2\n")).toBe(true);
  });
  it("reports the difference", () => {
    expect(compareOutput(float({ absTol: 0.01 }), "3.14\n", "3.2\n").message).toBe(
      "line 1: expected `3.14`, got `3.2` (difference 6.00e-2 too large)",
    );
  });
});

describe("CUSTOM", () => {
  it("is not compared here", () => {
    expect(() => compareOutput({ kind: "CUSTOM" }, "1", "1")).toThrow(/sandbox/);
  });
});

describe("parseCheckerOptions", () => {
  it("keeps known keys of the right type and drops the rest", () => {
    expect(parseCheckerOptions({ absTol: 0.1, relTol: "x", caseSensitive: false, evil: 1 })).toEqual({ absTol: 0.1, caseSensitive: false });
    expect(parseCheckerOptions(null)).toEqual({});
    expect(parseCheckerOptions([1])).toEqual({});
    expect(parseCheckerOptions({ absTol: Number.NaN })).toEqual({});
  });
});

describe("checkerFromKattisFlags", () => {
  it("defaults to Kattis' lenient validator: case- and line-insensitive", () => {
    const spec = checkerFromKattisFlags(undefined);
    expect(spec).toEqual({ kind: "STANDARD", options: { caseSensitive: false, spaceSensitive: false, lineSensitive: false } });
    expect(ok(spec, "Yes 1\n", "YES\n1")).toBe(true);
  });
  it("maps every flag", () => {
    expect(checkerFromKattisFlags("case_sensitive space_change_sensitive").options).toMatchObject({
      caseSensitive: true,
      spaceSensitive: true,
    });
    expect(checkerFromKattisFlags("float_tolerance 1e-4")).toEqual({
      kind: "FLOAT",
      options: { caseSensitive: false, spaceSensitive: false, lineSensitive: false, absTol: 1e-4, relTol: 1e-4 },
    });
    expect(checkerFromKattisFlags(["float_absolute_tolerance", "0.5"]).options).toMatchObject({ absTol: 0.5, relTol: -1 });
    expect(checkerFromKattisFlags("float_relative_tolerance 0.1").options).toMatchObject({ absTol: -1, relTol: 0.1 });
  });
  it("a tolerance given alone switches the other off", () => {
    const spec = checkerFromKattisFlags("float_absolute_tolerance 1e-9");
    expect(ok(spec, "1000000", "1000000.5")).toBe(false);
  });
  it("rejects unknown flags and missing numbers", () => {
    expect(() => checkerFromKattisFlags("case_insensitive")).toThrow(/unknown flag/);
    expect(() => checkerFromKattisFlags("float_tolerance")).toThrow(/needs a number/);
    expect(() => checkerFromKattisFlags("float_tolerance abc")).toThrow(/needs a number/);
  });
});
