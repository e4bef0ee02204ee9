import { diffLines } from "diff";

export interface DiffLine {
  /** 1-based line number in its own text. */
  number: number;
  text: string;
  /** Missing from (expected side) or extra in (actual side) the other text. */
  changed: boolean;
}

/** Lines as the standard checker sees them: CRLF = LF, trailing spaces and blank lines at the end ignored. */
function normalize(text: string): string[] {
  const lines = text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((l) => l.replace(/[ \t]+$/, ""));
  while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** Expected vs actual output, line by line, with the lines that differ marked on each side. */
export function diffOutputLines(expected: string, actual: string): { expected: DiffLine[]; actual: DiffLine[]; identical: boolean } {
  const left: DiffLine[] = [];
  const right: DiffLine[] = [];
  const a = normalize(expected);
  const b = normalize(actual);
  const parts = diffLines(a.map((l) => `${l}\n`).join(""), b.map((l) => `${l}\n`).join(""));
  for (const part of parts) {
    const lines = part.value.replace(/\n$/, "").split("\n");
    for (const text of lines) {
      if (!part.added) left.push({ number: left.length + 1, text, changed: part.removed });
      if (!part.removed) right.push({ number: right.length + 1, text, changed: part.added });
    }
  }
  return { expected: left, actual: right, identical: !parts.some((p) => p.added || p.removed) };
}
