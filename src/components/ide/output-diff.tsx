import { diffOutputLines, type DiffLine } from "@/lib/output-diff";

function Side({ title, lines, tone }: { title: string; lines: DiffLine[]; tone: "expected" | "actual" }) {
  return (
    <figure className="diff-side">
      <figcaption>{title}</figcaption>
      <pre className="output diff-lines" data-testid={`${tone}-output`}>
        {lines.length === 0 ? (
          <span className="muted">(nothing)</span>
        ) : (
          lines.map((l) => (
            <span key={l.number} className={l.changed ? `diff-line diff-${tone}` : "diff-line"} data-changed={l.changed || undefined}>
              <span className="diff-gutter" aria-hidden>
                {l.changed ? (tone === "expected" ? "−" : "+") : " "}
              </span>
              {l.text}
              {l.changed && <span className="visually-hidden">{tone === "expected" ? " (missing from your output)" : " (differs)"}</span>}
              {"\n"}
            </span>
          ))
        )}
      </pre>
    </figure>
  );
}

/** Expected vs the program's output side by side, differing lines highlighted (and announced). */
export function OutputDiff({ expected, actual }: { expected: string; actual: string }) {
  const diff = diffOutputLines(expected, actual);
  return (
    <div className="diff" data-testid="output-diff">
      <Side title="Expected output" lines={diff.expected} tone="expected" />
      <Side title="Your output" lines={diff.actual} tone="actual" />
    </div>
  );
}
