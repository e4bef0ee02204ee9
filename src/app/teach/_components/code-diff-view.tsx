import type { CodeDiff } from "@/lib/code-diff";

/** A unified diff of two attempts' code: old and new line numbers, removed and added lines marked (and announced). */
export function CodeDiffView({ diff }: { diff: CodeDiff }) {
  if (diff.added === 0 && diff.removed === 0) return <p className="muted">The code is the same in both attempts.</p>;
  return (
    <div className="table-wrap code-diff-wrap">
      <table className="code-diff" data-testid="code-diff">
        <caption className="visually-hidden">
          Changes: {diff.added} lines added, {diff.removed} lines removed
        </caption>
        <tbody>
          {diff.lines.map((line, i) =>
            line.kind === "gap" ? (
              <tr key={i} className="code-diff-gap">
                <td colSpan={4}>
                  … {line.count} unchanged line{line.count === 1 ? "" : "s"} …
                </td>
              </tr>
            ) : (
              <tr key={i} className={`code-diff-${line.kind}`} data-kind={line.kind}>
                <td className="code-diff-number">{line.oldNumber ?? ""}</td>
                <td className="code-diff-number">{line.newNumber ?? ""}</td>
                <td className="code-diff-mark" aria-hidden>
                  {line.kind === "added" ? "+" : line.kind === "removed" ? "−" : " "}
                </td>
                <td className="code-diff-text">
                  {line.kind !== "same" && <span className="visually-hidden">{line.kind === "added" ? "Added: " : "Removed: "}</span>}
                  {line.text}
                </td>
              </tr>
            ),
          )}
        </tbody>
      </table>
    </div>
  );
}
