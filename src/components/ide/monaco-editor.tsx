"use client";

import Editor, { loader, type OnMount } from "@monaco-editor/react";
import type * as Monaco from "monaco-editor";
import { useEffect, useRef, useState } from "react";
import type { CompilerDiagnostic } from "@/judge/diagnostics";
import { useColorScheme } from "@/lib/use-color-scheme";

// Served by the app itself (scripts/copy-monaco.mjs), never from a CDN.
loader.config({ paths: { vs: "/monaco/vs" } });

export interface MonacoEditorProps {
  value: string;
  onChange?: (value: string) => void;
  /** Monaco language id (`editorLanguage` in src/judge/languages.ts). */
  language: string;
  label: string;
  fontSize?: number;
  readOnly?: boolean;
  /** Indent with tabs (Go) instead of four spaces. */
  useTabs?: boolean;
  /** Compiler messages shown as markers on their lines. */
  diagnostics?: CompilerDiagnostic[];
  onRun?: () => void;
  onSubmit?: () => void;
  /** CSS height of the editor (default: fills its container). */
  height?: string;
  /** Grow with the content (read-only views), up to this many pixels. */
  autoHeightMaxPx?: number;
  /** Id of the element describing how to use and leave the editor with the keyboard. */
  describedBy?: string;
}

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** The element Tab (or Shift+Tab) would reach from outside `container`, in document order. */
function focusBeside(container: HTMLElement, backwards: boolean) {
  const all = Array.from(document.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(
    (el) => !container.contains(el) && el.offsetParent !== null,
  );
  const target = backwards
    ? all.reverse().find((el) => container.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_PRECEDING)
    : all.find((el) => container.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
  target?.focus();
}

export default function MonacoEditor(props: MonacoEditorProps) {
  const scheme = useColorScheme();
  const editorRef = useRef<Monaco.editor.IStandaloneCodeEditor | null>(null);
  const monacoRef = useRef<typeof Monaco | null>(null);
  const containerRef = useRef<HTMLDivElement>(null);
  const [contentHeight, setContentHeight] = useState<number | null>(null);
  // Latest callbacks for the editor's commands, which are registered once on mount.
  const actions = useRef({ onRun: props.onRun, onSubmit: props.onSubmit });
  useEffect(() => {
    actions.current = { onRun: props.onRun, onSubmit: props.onSubmit };
  });

  const onMount: OnMount = (editor, monaco) => {
    editorRef.current = editor;
    monacoRef.current = monaco;
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => actions.current.onRun?.());
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyMod.Shift | monaco.KeyCode.Enter, () => actions.current.onSubmit?.());
    // Esc, then Tab (or Shift+Tab) leaves the editor, so keyboard users are never trapped.
    // Escape still closes Monaco's widgets first; Ctrl+M (Tab moves focus) works as well.
    let escaped = false;
    const modifiers = [monaco.KeyCode.Shift, monaco.KeyCode.Ctrl, monaco.KeyCode.Alt, monaco.KeyCode.Meta];
    editor.onKeyDown((e) => {
      if (modifiers.includes(e.keyCode)) return; // Shift of Shift+Tab comes first
      if (e.keyCode === monaco.KeyCode.Escape) {
        escaped = true;
        return;
      }
      if (escaped && e.keyCode === monaco.KeyCode.Tab && !e.ctrlKey && !e.altKey && !e.metaKey && containerRef.current) {
        e.preventDefault();
        e.stopPropagation();
        focusBeside(containerRef.current, e.shiftKey);
      }
      escaped = false;
    });
    // Tie the editor's input element to the visible keyboard hint.
    if (props.describedBy) {
      editor
        .getDomNode()
        ?.querySelectorAll("textarea, .native-edit-context")
        .forEach((el) => el.setAttribute("aria-describedby", props.describedBy!));
    }
    if (props.autoHeightMaxPx) {
      const fit = () => setContentHeight(Math.min(editor.getContentHeight(), props.autoHeightMaxPx!));
      editor.onDidContentSizeChange(fit);
      fit();
    }
    applyMarkers();
  };

  function applyMarkers() {
    const editor = editorRef.current;
    const monaco = monacoRef.current;
    const model = editor?.getModel();
    if (!monaco || !model) return;
    const markers = (props.diagnostics ?? [])
      .filter((d) => d.line <= model.getLineCount())
      .map((d) => {
        const startColumn = d.column ?? model.getLineFirstNonWhitespaceColumn(d.line) ?? 1;
        const endColumn =
          d.endColumn ?? (d.column ? model.getWordAtPosition({ lineNumber: d.line, column: d.column })?.endColumn : undefined);
        return {
          severity: d.severity === "warning" ? monaco.MarkerSeverity.Warning : monaco.MarkerSeverity.Error,
          message: d.message,
          source: "compiler",
          startLineNumber: d.line,
          startColumn: Math.max(1, startColumn),
          endLineNumber: d.line,
          endColumn: Math.max(endColumn ?? model.getLineMaxColumn(d.line), startColumn + 1),
        };
      });
    monaco.editor.setModelMarkers(model, "compiler", markers);
  }

  // Markers follow the latest compile; the language switch gives a new model, so re-apply.
  useEffect(applyMarkers, [props.diagnostics, props.language]);

  return (
    <div
      ref={containerRef}
      className="monaco-host"
      style={{ height: contentHeight != null ? `${contentHeight}px` : (props.height ?? "100%") }}
      data-testid="code-editor"
    >
      <Editor
        value={props.value}
        language={props.language}
        theme={scheme === "dark" ? "vs-dark" : "vs"}
        onChange={(v) => props.onChange?.(v ?? "")}
        onMount={onMount}
        loading={<div className="editor-loading">Loading editor…</div>}
        options={{
          ariaLabel: props.label,
          readOnly: props.readOnly ?? false,
          domReadOnly: props.readOnly ?? false,
          fontSize: props.fontSize ?? 14,
          fontFamily: 'ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, "Liberation Mono", monospace',
          lineNumbers: "on",
          matchBrackets: "always",
          bracketPairColorization: { enabled: true },
          minimap: { enabled: false },
          scrollBeyondLastLine: false,
          automaticLayout: true,
          tabSize: 4,
          insertSpaces: !props.useTabs,
          detectIndentation: false,
          renderLineHighlight: props.readOnly ? "none" : "line",
          padding: { top: 8, bottom: 8 },
          fixedOverflowWidgets: true,
          // A read-only view inside a page: let the wheel scroll the page past it.
          scrollbar: { alwaysConsumeMouseWheel: !props.readOnly },
          accessibilitySupport: "auto",
          acceptSuggestionOnCommitCharacter: false,
          // The classic textarea input: the most robust path for screen readers and automation.
          editContext: false,
        }}
      />
    </div>
  );
}
