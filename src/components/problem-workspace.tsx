"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import type { LanguageId } from "@/judge/languages";
import { api } from "@/trpc/react";
import { CodeEditor } from "./code-editor";
import { SubmissionResult } from "./submission-result";
import { fieldErrorsOf } from "@/lib/field-errors";

interface LanguageOption {
  id: string;
  name: string;
  starterCode: string;
}

const storageKey = (slug: string, language: string) => `coderunner:source:${slug}:${language}`;
const languageKey = (slug: string) => `coderunner:language:${slug}`;

function errorMessage(error: unknown): string {
  return Object.values(fieldErrorsOf(error))[0] ?? (error as Error | null)?.message ?? "Something went wrong.";
}

export function ProblemWorkspace(props: { problemSlug: string; languages: LanguageOption[]; defaultStdin: string }) {
  const { problemSlug, languages } = props;
  const [languageId, setLanguageId] = useState(languages[0]!.id);
  const [source, setSource] = useState(languages[0]!.starterCode);
  const [stdin, setStdin] = useState(props.defaultStdin);
  const [showInput, setShowInput] = useState(false);
  const [active, setActive] = useState<{ id: string; kind: "RUN" | "SUBMIT" } | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The queue (Redis) did not take the submission: it is saved and judged once the judge is back.
  const [judgingDelayed, setJudgingDelayed] = useState(false);
  const submit = api.submission.create.useMutation();
  const run = api.submission.run.useMutation();

  // Restore the last language and draft for this problem (drafts live only in this browser).
  useEffect(() => {
    const savedLanguage = localStorage.getItem(languageKey(problemSlug));
    const language = languages.find((l) => l.id === savedLanguage) ?? languages[0]!;
    // localStorage exists only in the browser, so this cannot be the initial state (SSR).
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setLanguageId(language.id);
    setSource(localStorage.getItem(storageKey(problemSlug, language.id)) ?? language.starterCode);
  }, [problemSlug, languages]);

  function changeSource(value: string) {
    setSource(value);
    localStorage.setItem(storageKey(problemSlug, languageId), value);
  }

  function changeLanguage(id: string) {
    const language = languages.find((l) => l.id === id);
    if (!language) return;
    setLanguageId(id);
    localStorage.setItem(languageKey(problemSlug), id);
    setSource(localStorage.getItem(storageKey(problemSlug, id)) ?? language.starterCode);
  }

  function resetToStarter() {
    const language = languages.find((l) => l.id === languageId)!;
    localStorage.removeItem(storageKey(problemSlug, languageId));
    setSource(language.starterCode);
  }

  async function onSubmit() {
    setError(null);
    try {
      const created = await submit.mutateAsync({ problemSlug, language: languageId as LanguageId, source });
      setJudgingDelayed(created.judgingDelayed);
      setActive({ id: created.id, kind: "SUBMIT" });
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  async function onRun() {
    setError(null);
    setShowInput(true);
    try {
      const created = await run.mutateAsync({ problemSlug, language: languageId as LanguageId, source, stdin });
      setJudgingDelayed(created.judgingDelayed);
      setActive({ id: created.id, kind: "RUN" });
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  const busy = submit.isPending || run.isPending;

  return (
    <section className="workspace" aria-label="Solution">
      <div className="toolbar">
        <label className="inline-label">
          Language
          <select value={languageId} onChange={(e) => changeLanguage(e.target.value)} aria-label="Language">
            {languages.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="link-button" onClick={resetToStarter}>
          Reset to starter code
        </button>
      </div>
      <CodeEditor value={source} onChange={changeSource} indent={languageId === "go" ? "\t" : "    "} label="Source code" />
      <div className="toolbar">
        <button type="button" className="link-button" onClick={() => setShowInput((v) => !v)} aria-expanded={showInput}>
          {showInput ? "Hide custom input" : "Custom input"}
        </button>
        <div className="toolbar-actions">
          <button type="button" className="button button-secondary" onClick={onRun} disabled={busy}>
            {run.isPending ? "Starting…" : "Run"}
          </button>
          <button type="button" className="button" onClick={onSubmit} disabled={busy}>
            {submit.isPending ? "Submitting…" : "Submit"}
          </button>
        </div>
      </div>
      {showInput && (
        <label className="stdin-label">
          Input for Run
          <textarea
            className="stdin"
            value={stdin}
            onChange={(e) => setStdin(e.target.value)}
            rows={5}
            spellCheck={false}
            aria-label="Custom input"
          />
        </label>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {active && judgingDelayed && (
        <p className="muted small" role="status">
          Judging is delayed: your submission is saved and will be judged as soon as the judge is back. No need to submit again.
        </p>
      )}
      {active && (
        <div className="result-wrap">
          <SubmissionResult key={active.id} id={active.id} />
          {active.kind === "SUBMIT" && (
            <p className="muted small">
              <Link href={`/submissions/${active.id}`}>Open this submission</Link>
            </p>
          )}
        </div>
      )}
    </section>
  );
}
