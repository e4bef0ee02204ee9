import { describe, expect, it } from "vitest";
import { utf8Prefix } from "./text";

describe("utf8Prefix", () => {
  it("keeps short text whole", () => {
    expect(utf8Prefix(Buffer.from("héllo"), 100)).toBe("héllo");
  });

  it("never cuts a character in half", () => {
    const text = "aé€😀"; // 1 + 2 + 3 + 4 bytes
    const bytes = Buffer.from(text);
    const expected = ["", "a", "a", "aé", "aé", "aé", "aé€", "aé€", "aé€", "aé€", "aé€😀"];
    for (let n = 0; n <= bytes.length; n++) expect(utf8Prefix(bytes, n)).toBe(expected[n]);
  });

  it("does not step back further than one character on invalid input", () => {
    const garbage = Buffer.from([0x61, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80]);
    expect(Buffer.byteLength(utf8Prefix(garbage, 6))).toBeGreaterThanOrEqual(3);
  });
});
