/**
 * Splits a source into lines of plain and highlighted segments for the similarity pair
 * view. Regions are Dolos' (tree-sitter's): 0-based rows and columns, the end column
 * exclusive. Pure, so the page and its tests share it.
 */

export interface HighlightRegion {
  startRow: number;
  startCol: number;
  endRow: number;
  endCol: number;
}

export interface Segment {
  text: string;
  /** Index of the fragment (in the given list) that covers this text, or null. */
  fragment: number | null;
}

export function highlightLines(source: string, regions: readonly HighlightRegion[]): Segment[][] {
  const lines = source.replace(/\r\n?/g, "\n").split("\n");
  if (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
  return lines.map((line, row) => {
    // Which fragment covers each character; on overlap the earlier (longer) fragment wins.
    const owner: Array<number | null> = new Array<number | null>(line.length).fill(null);
    regions.forEach((r, index) => {
      if (row < r.startRow || row > r.endRow) return;
      const from = row === r.startRow ? Math.max(0, r.startCol) : 0;
      const to = row === r.endRow ? Math.min(line.length, r.endCol) : line.length;
      for (let col = from; col < to; col++) owner[col] ??= index;
    });
    const segments: Segment[] = [];
    for (let col = 0; col < line.length; col++) {
      const last = segments[segments.length - 1];
      if (last && last.fragment === owner[col]) last.text += line[col];
      else segments.push({ text: line[col]!, fragment: owner[col]! });
    }
    return segments.length > 0 ? segments : [{ text: "", fragment: null }];
  });
}

/** 0.8472 → "85%". */
export const formatSimilarity = (score: number) => `${Math.round(score * 100)}%`;
