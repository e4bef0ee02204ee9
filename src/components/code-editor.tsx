"use client";

import { useRef } from "react";

/**
 * A plain monospace textarea where Tab indents (Monaco comes later). Escape, then Tab,
 * moves focus on as usual so keyboard users are never trapped.
 */
export function CodeEditor(props: { value: string; onChange: (value: string) => void; indent: string; label: string; rows?: number }) {
  const releaseTab = useRef(false);

  function onKeyDown(event: React.KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === "Escape") {
      releaseTab.current = true;
      return;
    }
    if (event.key !== "Tab" || releaseTab.current || event.ctrlKey || event.metaKey || event.altKey) {
      releaseTab.current = false;
      return;
    }
    event.preventDefault();
    const area = event.currentTarget;
    const { selectionStart: start, selectionEnd: end, value } = area;
    const lineStart = value.lastIndexOf("\n", start - 1) + 1;
    let next: string;
    let cursorStart: number;
    let cursorEnd: number;
    if (event.shiftKey) {
      // Outdent every selected line by one indent unit.
      const block = value.slice(lineStart, end);
      const lines = block.split("\n");
      let removedFirst = 0;
      let removedTotal = 0;
      const outdented = lines.map((line, i) => {
        const match = line.startsWith(props.indent) ? props.indent.length : (/^[ \t]{1,4}/.exec(line)?.[0].length ?? 0);
        if (i === 0) removedFirst = match;
        removedTotal += match;
        return line.slice(match);
      });
      next = value.slice(0, lineStart) + outdented.join("\n") + value.slice(end);
      cursorStart = Math.max(lineStart, start - removedFirst);
      cursorEnd = end - removedTotal;
    } else if (start !== end && value.slice(start, end).includes("\n")) {
      // Indent every selected line.
      const block = value.slice(lineStart, end);
      const lines = block.split("\n");
      next = value.slice(0, lineStart) + lines.map((l) => props.indent + l).join("\n") + value.slice(end);
      cursorStart = start + props.indent.length;
      cursorEnd = end + props.indent.length * lines.length;
    } else {
      next = value.slice(0, start) + props.indent + value.slice(end);
      cursorStart = cursorEnd = start + props.indent.length;
    }
    props.onChange(next);
    requestAnimationFrame(() => area.setSelectionRange(cursorStart, cursorEnd));
  }

  return (
    <textarea
      className="code-editor"
      aria-label={props.label}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
      onKeyDown={onKeyDown}
      spellCheck={false}
      autoCapitalize="off"
      autoComplete="off"
      autoCorrect="off"
      wrap="off"
      rows={props.rows ?? 22}
    />
  );
}
