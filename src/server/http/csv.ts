/**
 * CSV downloads (gradebooks, submission lists) that open cleanly in a spreadsheet:
 * UTF-8 with a byte-order mark (Excel otherwise guesses a legacy code page and mangles
 * non-Latin names), RFC 4180 quoting by csv-stringify, CRLF line ends, dates as ISO 8601 UTC.
 */
import { stringify } from "csv-stringify/sync";
import type { Session } from "next-auth";
import { HTTP_STATUS, toAppError } from "../errors";
import type { Actor } from "../services/access";

export type CsvCell = string | number | boolean | Date | null | undefined;

export interface CsvTable {
  /** Without extension or path; made safe by `attachmentDisposition`. */
  fileName: string;
  headers: string[];
  rows: CsvCell[][];
}

/**
 * A text cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR at the
 * start) gets a leading apostrophe: a student named "=HYPERLINK(...)" stays text.
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function cellText(cell: CsvCell): string {
  if (cell === null || cell === undefined) return "";
  if (cell instanceof Date) return cell.toISOString();
  if (typeof cell === "boolean") return cell ? "yes" : "no";
  if (typeof cell === "number") return String(cell);
  return neutraliseFormula(cell);
}

/** The whole file as a string, BOM first. */
export function toCsv(headers: string[], rows: CsvCell[][]): string {
  return stringify([headers.map(cellText), ...rows.map((row) => row.map(cellText))], {
    bom: true,
    record_delimiter: "windows",
    // With CRLF records csv-stringify quotes only fields holding "\r\n"; a bare LF or CR
    // must be quoted too, and so must edge spaces (spreadsheets trim them otherwise).
    quoted_match: [/[\r\n]/, /^\s|\s$/],
  });
}

/** `attachment` with an ASCII fallback name and the exact UTF-8 name (RFC 6266 / 5987). */
export function attachmentDisposition(fileName: string, extension = "csv"): string {
  const base = fileName.normalize("NFKC").trim().slice(0, 120) || "export";
  const ascii =
    base
      .normalize("NFKD")
      .replace(/[^A-Za-z0-9._-]+/g, "-")
      .replace(/-+/g, "-")
      .replace(/^[-.]+|[-.]+$/g, "") || "export";
  const printable = [...base].map((ch) => (ch < " " ? "-" : ch)).join("");
  const readable = printable.replace(/[\s\\/:*?"<>|]+/g, "-").replace(/^[-.]+|[-.]+$/g, "") || ascii;
  const utf8 = encodeURIComponent(`${readable}.${extension}`);
  return `attachment; filename="${ascii}.${extension}"; filename*=UTF-8''${utf8}`;
}

export function csvResponse({ fileName, headers, rows }: CsvTable): Response {
  return new Response(toCsv(headers, rows), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": attachmentDisposition(fileName),
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    },
  });
}

/**
 * A route handler's whole job for a CSV export: 401 without a session, the service's
 * refusal (AppError) as its HTTP status and message, else the file.
 */
export async function csvDownload(session: Pick<Session, "user"> | null, build: (actor: Actor) => Promise<CsvTable>): Promise<Response> {
  if (!session?.user) return plainText("Please sign in to download this file.", 401);
  try {
    return csvResponse(await build(session.user));
  } catch (error) {
    const appError = toAppError(error);
    if (!appError) throw error;
    return plainText(appError.message, HTTP_STATUS[appError.code]);
  }
}

const plainText = (message: string, status: number) =>
  new Response(message, { status, headers: { "content-type": "text/plain; charset=utf-8" } });
