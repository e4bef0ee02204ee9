"use client";

import dynamic from "next/dynamic";

export type { MonacoEditorProps as CodeEditorProps } from "./ide/monaco-editor";

/**
 * The code editor: Monaco, loaded from the app's own /monaco/vs, client-only (it needs
 * the DOM). While it loads, a placeholder of the same size keeps the layout still.
 */
export const CodeEditor = dynamic(() => import("./ide/monaco-editor"), {
  ssr: false,
  loading: () => <div className="editor-loading">Loading editor…</div>,
});
