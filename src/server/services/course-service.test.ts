import { describe, expect, it } from "vitest";
import { formatJoinCode, normaliseJoinCode } from "../../lib/join-code";
import { generateJoinCode } from "./course-service";

describe("join codes", () => {
  it("are 8 characters without look-alikes (0/O, 1/I)", () => {
    for (let i = 0; i < 200; i++) expect(generateJoinCode()).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
  });

  it("are compared case-, space- and dash-insensitively", () => {
    expect(normaliseJoinCode(" abcd-efgh ")).toBe("ABCDEFGH");
    expect(normaliseJoinCode("ab cd ef gh")).toBe("ABCDEFGH");
    expect(normaliseJoinCode("demo-2026")).toBe("DEMO2026");
  });

  it("are shown in two groups of four", () => {
    expect(formatJoinCode("DEMO2026")).toBe("DEMO-2026");
    expect(formatJoinCode("abcd-efgh")).toBe("ABCD-EFGH");
  });
});
