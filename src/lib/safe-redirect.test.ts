import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./safe-redirect";

describe("safeCallbackPath", () => {
  it.each([
    ["/problems/sum", "/problems/sum"],
    ["/submissions?cursor=abc", "/submissions?cursor=abc"],
    [null, "/problems"],
    ["", "/problems"],
    ["https://evil.example/", "/problems"],
    ["//evil.example/path", "/problems"],
    ["/\\evil.example", "/problems"],
    ["javascript:alert(1)", "/problems"],
  ])("%s -> %s", (input, expected) => {
    expect(safeCallbackPath(input)).toBe(expected);
  });
});
