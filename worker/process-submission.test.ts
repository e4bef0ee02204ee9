import { describe, expect, it } from "vitest";
import { toDbText } from "./process-submission";

describe("toDbText", () => {
  it("keeps short text as it is", () => {
    expect(toDbText("hello\n", 100)).toBe("hello\n");
  });

  it("replaces NUL, which Postgres text cannot hold", () => {
    expect(toDbText("a\0b", 100)).toBe("a\uFFFDb");
  });

  it("caps at the byte limit, marker included, without splitting a character", () => {
    const text = "é".repeat(1000); // 2 bytes each
    const capped = toDbText(text, 101);
    expect(Buffer.byteLength(capped)).toBeLessThanOrEqual(101);
    expect(capped).toMatch(/^é+\n\[… truncated\]$/);
    expect(capped).not.toContain("\uFFFD");
  });
});
