import { describe, expect, it } from "vitest";
import { attachmentDisposition, csvDownload, toCsv } from "./csv";
import { AppError } from "../errors";

const BOM = "\uFEFF";

describe("toCsv", () => {
  it("starts with a BOM, ends records with CRLF and quotes only what needs it", () => {
    const csv = toCsv(["name", "score"], [["Ann", 3]]);
    expect(csv).toBe(`${BOM}name,score\r\nAnn,3\r\n`);
  });

  it("escapes commas, quotes and newlines and keeps non-Latin letters as UTF-8", () => {
    const csv = toCsv(
      ["name", "email"],
      [
        ['Doe, "Jim"', "jim@x.test"],
        ["line one\nline two", "a@x.test"],
        ["Юлия Ørsted 李雷 عائشة", "y@x.test"],
      ],
    );
    expect(csv).toBe(
      `${BOM}name,email\r\n"Doe, ""Jim""",jim@x.test\r\n"line one\nline two",a@x.test\r\nЮлия Ørsted 李雷 عائشة,y@x.test\r\n`,
    );
    expect(Buffer.from(csv, "utf8").subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it("writes dates as ISO 8601 UTC, booleans as yes/no and empty cells for null", () => {
    const csv = toCsv(["a", "b", "c", "d"], [[new Date(Date.UTC(2026, 10, 30, 13, 5, 7)), true, false, null]]);
    expect(csv.split("\r\n")[1]).toBe("2026-11-30T13:05:07.000Z,yes,no,");
  });

  it("keeps a formula-looking name as text and preserves edge whitespace", () => {
    const csv = toCsv(["name"], [['=HYPERLINK("http://evil")'], ["-1+2"], ["@SUM(A1)"], [" padded "]]);
    expect(csv.split("\r\n").slice(1, 5)).toEqual([`"'=HYPERLINK(""http://evil"")"`, "'-1+2", "'@SUM(A1)", '" padded "']);
  });
});

describe("attachmentDisposition", () => {
  it("gives an ASCII-safe name and the exact UTF-8 one", () => {
    const value = attachmentDisposition('Алгоритмы "2026" / week 1');
    expect(value).toMatch(/^attachment; filename="[A-Za-z0-9._-]+\.csv"; filename\*=UTF-8''/);
    expect(value).not.toContain("/ week");
    expect(decodeURIComponent(value.split("UTF-8''")[1]!)).toBe("Алгоритмы-2026-week-1.csv");
  });

  it("never yields an empty or dot-only name", () => {
    expect(attachmentDisposition("../..")).toContain('filename="export.csv"');
    expect(attachmentDisposition("   ")).toContain('filename="export.csv"');
  });
});

describe("csvDownload", () => {
  const table = async () => ({ fileName: "grades", headers: ["a"], rows: [["1"]] });

  it("answers 401 without a session", async () => {
    const res = await csvDownload(null, table);
    expect(res.status).toBe(401);
    expect(await res.text()).toMatch(/sign in/i);
  });

  it("maps a refusal to its status and message", async () => {
    const user = { id: "u", name: "n", email: "e", role: "STUDENT" as const };
    const res = await csvDownload({ user }, async () => {
      throw new AppError("FORBIDDEN", "This is not one of your courses.");
    });
    expect(res.status).toBe(403);
    expect(await res.text()).toBe("This is not one of your courses.");
  });

  it("serves the file as an attachment", async () => {
    const user = { id: "u", name: "n", email: "e", role: "TEACHER" as const };
    const res = await csvDownload({ user }, table);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toContain('filename="grades.csv"');
    // Response.text() drops a BOM, so read the bytes.
    expect(Buffer.from(await res.arrayBuffer()).toString("utf8")).toBe(`${BOM}a\r\n1\r\n`);
  });
});
