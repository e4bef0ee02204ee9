"use client";

import Link from "next/link";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { parseCompilerOutput, type CompilerDiagnostic } from "@/judge/diagnostics";
import type { LanguageId } from "@/judge/languages";
import { api, type RouterOutputs } from "@/trpc/react";
import { CodeEditor } from "./code-editor";
import { Options } from "./options";
import { PastAttempts } from "./ide/past-attempts";
import { SubmissionResult } from "./submission-result";
import { fieldErrorsOf } from "@/lib/field-errors";

export interface LanguageOption {
  id: string;
  name: string;
  starterCode: string;
  editorLanguage: string;
  extensions: readonly string[];
}

type Submission = RouterOutputs["submission"]["byId"];

const MAX_SOURCE_BYTES = 64 * 1024;
const FONT_SIZES = [12, 13, 14, 15, 16, 18, 20, 24];
const storageKey = (slug: string, language: string) => `coderunner:source:${slug}:${language}`;
const languageKey = (slug: string) => `coderunner:language:${slug}`;
const FONT_SIZE_KEY = "coderunner:editor-font-size";

function errorMessage(error: unknown): { message: string; field?: string } {
  const [field, message] = Object.entries(fieldErrorsOf(error))[0] ?? [];
  return field && message ? { message, field } : { message: (error as Error | null)?.message ?? "Something went wrong." };
}

export function ProblemWorkspace(props: { problemSlug: string; languages: LanguageOption[]; defaultStdin: string }) {
  const { problemSlug, languages } = props;
  const [languageId, setLanguageId] = useState(languages[0]!.id);
  const [source, setSource] = useState(languages[0]!.starterCode);
  const [stdin, setStdin] = useState(props.defaultStdin);
  const [useCustomInput, setUseCustomInput] = useState(false);
  const [fontSize, setFontSize] = useState(14);
  const [active, setActive] = useState<{ id: string; kind: "RUN" | "SUBMIT" } | null>(null);
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const [diagnostics, setDiagnostics] = useState<CompilerDiagnostic[]>([]);
  const [isMac, setIsMac] = useState(false);
  // The queue (Redis) did not take the submission: it is saved and judged once the judge is back.
  const [judgingDelayed, setJudgingDelayed] = useState(false);
  const submit = api.submission.create.useMutation();
  const run = api.submission.run.useMutation();
  const utils = api.useUtils();
  const resultRef = useRef<HTMLDivElement>(null);
  const resetDialog = useRef<HTMLDialogElement>(null);
  const language = languages.find((l) => l.id === languageId) ?? languages[0]!;

  // Restore the last language, draft and font size (drafts live only in this browser).
  useEffect(() => {
    const savedLanguage = localStorage.getItem(languageKey(problemSlug));
    const restored = languages.find((l) => l.id === savedLanguage) ?? languages[0]!;
    // localStorage exists only in the browser, so this cannot be the initial state (SSR).
    /* eslint-disable react-hooks/set-state-in-effect */
    setLanguageId(restored.id);
    setSource(localStorage.getItem(storageKey(problemSlug, restored.id)) ?? restored.starterCode);
    const savedSize = Number(localStorage.getItem(FONT_SIZE_KEY));
    if (FONT_SIZES.includes(savedSize)) setFontSize(savedSize);
    setIsMac(/Mac|iPhone|iPad/.test(navigator.platform));
    /* eslint-enable react-hooks/set-state-in-effect */
  }, [problemSlug, languages]);

  function changeSource(value: string) {
    setSource(value);
    localStorage.setItem(storageKey(problemSlug, languageId), value);
  }

  function changeLanguage(id: string, newSource?: string) {
    const next = languages.find((l) => l.id === id);
    if (!next) return;
    setLanguageId(id);
    setDiagnostics([]);
    localStorage.setItem(languageKey(problemSlug), id);
    const value = newSource ?? localStorage.getItem(storageKey(problemSlug, id)) ?? next.starterCode;
    setSource(value);
    if (newSource !== undefined) localStorage.setItem(storageKey(problemSlug, id), newSource);
  }

  function changeFontSize(size: number) {
    setFontSize(size);
    localStorage.setItem(FONT_SIZE_KEY, String(size));
  }

  function resetToStarter() {
    localStorage.removeItem(storageKey(problemSlug, languageId));
    setSource(language.starterCode);
    setDiagnostics([]);
  }

  async function uploadFile(file: File | undefined) {
    if (!file) return;
    setError(null);
    if (file.size > MAX_SOURCE_BYTES) {
      setError({ message: `${file.name} is larger than 64 KiB.`, field: "upload" });
      return;
    }
    const text = await file.text();
    const extension = file.name.split(".").pop()?.toLowerCase() ?? "";
    const byExtension = languages.find((l) => l.extensions.includes(extension));
    changeLanguage(byExtension?.id ?? languageId, text);
  }

  // The result panel is always brought into view: when a Run/Submit starts (it may only now be
  // rendered, hence the next frame) and again when it finishes, once it has grown to full size.
  // On wide screens only the workspace column scrolls (the page stays put); stacked, the page does.
  const showResult = useCallback(() => {
    requestAnimationFrame(() => {
      const panel = resultRef.current;
      const column = panel?.closest<HTMLElement>(".workspace");
      if (!panel) return;
      if (column && getComputedStyle(column).overflowY === "auto" && column.scrollHeight > column.clientHeight) {
        column.scrollTo({ top: panel.offsetTop - column.offsetTop - 8, behavior: "smooth" });
      } else {
        panel.scrollIntoView({ behavior: "smooth", block: "start" });
      }
    });
  }, []);

  async function onSubmit() {
    if (submit.isPending || run.isPending) return;
    setError(null);
    setDiagnostics([]);
    try {
      const created = await submit.mutateAsync({ problemSlug, language: languageId as LanguageId, source });
      setJudgingDelayed(created.judgingDelayed);
      setActive({ id: created.id, kind: "SUBMIT" });
      showResult();
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  async function onRun() {
    if (submit.isPending || run.isPending) return;
    setError(null);
    setDiagnostics([]);
    try {
      const created = await run.mutateAsync({
        problemSlug,
        language: languageId as LanguageId,
        source,
        stdin: useCustomInput ? stdin : null,
      });
      setJudgingDelayed(created.judgingDelayed);
      setActive({ id: created.id, kind: "RUN" });
      showResult();
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  // Ctrl/Cmd+Enter and Ctrl/Cmd+Shift+Enter anywhere on the page (the editor handles its own).
  const shortcuts = useRef({ onRun, onSubmit });
  useEffect(() => {
    shortcuts.current = { onRun, onSubmit };
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.key !== "Enter" || !(e.ctrlKey || e.metaKey) || e.altKey) return;
      e.preventDefault();
      void (e.shiftKey ? shortcuts.current.onSubmit() : shortcuts.current.onRun());
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const onFinished = useCallback(
    (s: Submission) => {
      if (s.verdict === "CE" && s.language === languageId) setDiagnostics(parseCompilerOutput(s.language, s.compileOutput));
      if (s.kind === "SUBMIT") void utils.submission.mine.invalidate();
      showResult();
    },
    [languageId, utils, showResult],
  );

  const loadAttempt = useCallback(
    async (id: string) => {
      setError(null);
      try {
        const s = await utils.submission.byId.fetch({ id });
        changeLanguage(s.language, s.source);
      } catch (e) {
        setError(errorMessage(e));
      }
    },
    // changeLanguage only reads state setters and stable props.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [utils],
  );

  const busy = submit.isPending || run.isPending;
  const mod = isMac ? "⌘" : "Ctrl";
  const acceptExtensions = useMemo(() => languages.flatMap((l) => l.extensions.map((e) => `.${e}`)).join(","), [languages]);

  return (
    <section className="workspace" aria-label="Solution">
      <div className="toolbar editor-toolbar">
        <label className="inline-label">
          Language
          <select value={languageId} onChange={(e) => changeLanguage(e.target.value)}>
            <Options options={languages.map((l) => ({ value: l.id, label: l.name }))} />
          </select>
        </label>
        <label className="inline-label">
          Font size
          <select value={fontSize} onChange={(e) => changeFontSize(Number(e.target.value))}>
            {FONT_SIZES.map((size) => (
              <option key={size} value={size}>
                {size}px
              </option>
            ))}
          </select>
        </label>
        <span className="toolbar-spacer" />
        <label className="file-button">
          <input
            type="file"
            accept={acceptExtensions}
            className="visually-hidden"
            aria-invalid={error?.field === "upload" || undefined}
            aria-describedby={error?.field === "upload" ? "workspace-error" : undefined}
            onChange={(e) => {
              void uploadFile(e.target.files?.[0]);
              e.target.value = "";
            }}
          />
          Upload file
        </label>
        <button type="button" className="link-button" onClick={() => resetDialog.current?.showModal()}>
          Reset<span className="visually-hidden"> to starter code</span>
        </button>
      </div>

      <div className="editor-frame">
        <CodeEditor
          value={source}
          onChange={changeSource}
          language={language.editorLanguage}
          label="Source code"
          fontSize={fontSize}
          useTabs={languageId === "go"}
          diagnostics={diagnostics}
          onRun={() => void onRun()}
          onSubmit={() => void onSubmit()}
          describedBy={error?.field === "source" ? "editor-keys workspace-error" : "editor-keys"}
        />
      </div>
      <p id="editor-keys" className="keys-hint">
        <kbd>{mod}</kbd>+<kbd>Enter</kbd> run · <kbd>{mod}</kbd>+<kbd>Shift</kbd>+<kbd>Enter</kbd> submit · leave the editor: <kbd>Esc</kbd>{" "}
        then <kbd>Tab</kbd> (or <kbd>Ctrl</kbd>+<kbd>M</kbd> to make <kbd>Tab</kbd> move focus)
      </p>

      <div className="toolbar">
        <button
          type="button"
          className="link-button"
          onClick={() => setUseCustomInput((v) => !v)}
          aria-expanded={useCustomInput}
          aria-controls="custom-input"
        >
          {useCustomInput ? "Don't use custom input" : "Custom input"}
        </button>
        <div className="toolbar-actions">
          <button
            type="button"
            className="button button-secondary"
            onClick={() => void onRun()}
            disabled={busy}
            aria-keyshortcuts="Control+Enter"
          >
            {run.isPending ? "Starting…" : "Run"}
          </button>
          <button type="button" className="button" onClick={() => void onSubmit()} disabled={busy} aria-keyshortcuts="Control+Shift+Enter">
            {submit.isPending ? "Submitting…" : "Submit"}
          </button>
        </div>
      </div>
      {useCustomInput && (
        <div className="stdin-label" id="custom-input">
          <label htmlFor="custom-input-text">Custom input (Run uses it after the samples)</label>
          <textarea
            id="custom-input-text"
            className="stdin"
            value={stdin}
            onChange={(e) => setStdin(e.target.value)}
            rows={5}
            spellCheck={false}
            aria-invalid={error?.field === "stdin" || undefined}
            aria-describedby={error?.field === "stdin" ? "workspace-error" : undefined}
          />
        </div>
      )}
      {error && (
        <p className="form-error" role="alert" id="workspace-error">
          {error.message}
        </p>
      )}

      <div ref={resultRef} className="result-wrap" tabIndex={-1} aria-label="Result">
        {active ? (
          <>
            {judgingDelayed && (
              <p className="muted small" role="status">
                Judging is delayed: your submission is saved and will be judged as soon as the judge is back. No need to submit again.
              </p>
            )}
            <SubmissionResult key={active.id} id={active.id} justQueued onFinished={onFinished} />
            {active.kind === "SUBMIT" && (
              <p className="muted small">
                <Link href={`/submissions/${active.id}`}>Open this submission</Link>
              </p>
            )}
          </>
        ) : (
          <p className="muted small result-placeholder">
            <strong>Run</strong> checks your code on the samples (and your custom input); <strong>Submit</strong> judges it on every test.
          </p>
        )}
      </div>

      <PastAttempts problemSlug={problemSlug} onLoad={loadAttempt} languages={languages} />

      <dialog ref={resetDialog} className="confirm-dialog" aria-labelledby="reset-title" onClose={() => undefined}>
        <form
          method="dialog"
          onSubmit={(e) => {
            if ((e.nativeEvent as SubmitEvent).submitter?.getAttribute("value") === "reset") resetToStarter();
          }}
        >
          <h2 id="reset-title">Reset to the starter code?</h2>
          <p>Your {language.name} code for this problem will be replaced. This cannot be undone.</p>
          <div className="toolbar-actions">
            <button type="submit" value="cancel" className="button button-secondary" autoFocus>
              Cancel
            </button>
            <button type="submit" value="reset" className="button button-danger">
              Reset
            </button>
          </div>
        </form>
      </dialog>
    </section>
  );
}
