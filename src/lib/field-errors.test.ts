import { describe, expect, it } from "vitest";
import { fieldErrorsOf } from "./field-errors";
import { formatDateTime, formatSeconds } from "./format";

describe("fieldErrorsOf", () => {
  it("takes the first message of each field", () => {
    const error = { data: { fieldErrors: { email: ["taken", "also bad"], name: [], password: undefined } } };
    expect(fieldErrorsOf(error)).toEqual({ email: "taken" });
  });

  it("is empty for errors without field messages", () => {
    expect(fieldErrorsOf(new Error("boom"))).toEqual({});
    expect(fieldErrorsOf(null)).toEqual({});
    expect(fieldErrorsOf({ data: { fieldErrors: null } })).toEqual({});
  });
});

describe("formatting", () => {
  it("dates in UTC, identical on server and client", () => {
    expect(formatDateTime(new Date("2026-11-30T14:03:07.123Z"))).toBe("2026-11-30 14:03:07 UTC");
    expect(formatDateTime("2026-01-02T03:04:05Z")).toBe("2026-01-02 03:04:05 UTC");
  });

  it("seconds", () => {
    expect(formatSeconds(1500)).toBe("1.5 s");
    expect(formatSeconds(2000)).toBe("2 s");
  });
});
