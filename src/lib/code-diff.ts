import { diffLines } from "diff";

/** One line of a unified diff between two versions of a program. */
export interface CodeDiffLine {
  kind: "same" | "added" | "removed";
  /** 1-based line number in the older version (null for added lines). */
  oldNumber: number | null;
  /** 1-based line number in the newer version (null for removed lines). */
  newNumber: number | null;
  text: string;
}

/** A run of unchanged lines left out of the view ("… 12 unchanged lines …"). */
export interface CodeDiffGap {
  kind: "gap";
  count: number;
}

export interface CodeDiff {
  added: number;
  removed: number;
  /** Changed lines with `context` unchanged lines around them; longer unchanged runs become gaps. */
  lines: (CodeDiffLine | CodeDiffGap)[];
}

const splitLines = (text: string) => {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  if (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
  return lines;
};

/** Every line of both versions, in unified order (CRLF = LF; a final newline is not a change). */
export function unifiedLines(older: string, newer: string): CodeDiffLine[] {
  const normalise = (text: string) => (text === "" ? "" : `${splitLines(text).join("\n")}\n`);
  const out: CodeDiffLine[] = [];
  let oldNumber = 0;
  let newNumber = 0;
  for (const part of diffLines(normalise(older), normalise(newer))) {
    for (const text of splitLines(part.value)) {
      if (part.added) out.push({ kind: "added", oldNumber: null, newNumber: ++newNumber, text });
      else if (part.removed) out.push({ kind: "removed", oldNumber: ++oldNumber, newNumber: null, text });
      else out.push({ kind: "same", oldNumber: ++oldNumber, newNumber: ++newNumber, text });
    }
  }
  return out;
}

/** Lines added and removed from `older` to `newer` (the timeline's diff size). */
export function diffSize(older: string, newer: string): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const line of unifiedLines(older, newer)) {
    if (line.kind === "added") added++;
    else if (line.kind === "removed") removed++;
  }
  return { added, removed };
}

/** The diff for display: changes with `context` lines around them, the rest folded into gaps. */
export function codeDiff(older: string, newer: string, context = 3): CodeDiff {
  const all = unifiedLines(older, newer);
  const keep = all.map(() => false);
  all.forEach((line, i) => {
    if (line.kind === "same") return;
    for (let j = Math.max(0, i - context); j <= Math.min(all.length - 1, i + context); j++) keep[j] = true;
  });
  const lines: CodeDiff["lines"] = [];
  let gap = 0;
  all.forEach((line, i) => {
    if (keep[i]) {
      if (gap > 0) lines.push({ kind: "gap", count: gap });
      gap = 0;
      lines.push(line);
    } else gap++;
  });
  if (gap > 0) lines.push({ kind: "gap", count: gap });
  return {
    added: all.filter((l) => l.kind === "added").length,
    removed: all.filter((l) => l.kind === "removed").length,
    lines,
  };
}
