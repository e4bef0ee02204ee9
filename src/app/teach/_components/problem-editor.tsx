"use client";

import Link from "next/link";
import { useState } from "react";
import { Markdown } from "@/components/markdown";
import { LANGUAGES } from "@/judge/languages";
import { PROBLEM_LIMITS } from "@/judge/problem-rules";
import type { ValidatorFile } from "@/judge/validator-files";
import { describeTimeLimit } from "@/lib/format";
import { api, type RouterOutputs } from "@/trpc/react";
import { ReferencesPanel } from "./references-panel";
import { RejudgePanel } from "./rejudge-panel";
import { TestsEditor } from "./tests-editor";
import { ErrorNote, withFormData } from "./ui";
import { LanguageOptions } from "@/components/filter-select";
import { TeachHead } from "./teach-head";

type Problem = RouterOutputs["teach"]["problem"]["forEditing"];

export function ProblemEditor({ slug }: { slug: string }) {
  const problem = api.teach.problem.forEditing.useQuery({ slug });
  // Set when tests or limits change, so the rejudge panel can offer a rejudge.
  const [judgingChanged, setJudgingChanged] = useState(false);
  if (problem.isLoading) return <p className="muted">Loading…</p>;
  if (problem.error || !problem.data) return <ErrorNote error={problem.error ?? new Error("Problem not found.")} />;
  const p = problem.data;
  return (
    <div className="page teach-editor">
      <TeachHead crumbs={[{ href: "/teach/problems", label: "Problems" }]} title={p.title}>
        <div className="teach-actions">
          <a href={`/teach/problems/${p.slug}/export`} className="button button-secondary button-compact" download>
            Export package (.zip)
          </a>
          <Link href={`/teach/problems/${p.slug}/similarity`} className="button button-secondary button-compact">
            Similarity
          </Link>
          <Link href={`/problems/${p.slug}`} className="button button-secondary button-compact">
            View as a student
          </Link>
          <Link href={`/teach/problems/${p.slug}/stats`} className="button button-secondary button-compact">
            Statistics
          </Link>
        </div>
      </TeachHead>
      <SettingsForm problem={p} onJudgingChanged={() => setJudgingChanged(true)} />
      <TestsEditor problem={p} onChanged={() => setJudgingChanged(true)} />
      <ReferencesPanel problemId={p.id} slug={p.slug} timeLimitMs={p.timeLimitMs} />
      <RejudgePanel problemId={p.id} submissionCount={p.submissionCount} highlight={judgingChanged} />
    </div>
  );
}

function SettingsForm({ problem: p, onJudgingChanged }: { problem: Problem; onJudgingChanged: () => void }) {
  const utils = api.useUtils();
  const update = api.problem.update.useMutation({
    onSuccess: () => utils.teach.problem.forEditing.invalidate({ slug: p.slug }),
  });
  const [statement, setStatement] = useState(p.statement);
  const [checkerKind, setCheckerKind] = useState(p.checkerKind);
  const [starterCode, setStarterCode] = useState<Record<string, string>>(p.starterCode);
  const [starterLanguage, setStarterLanguage] = useState<string>(LANGUAGES[0].id);
  const [tab, setTab] = useState<"write" | "preview">("write");
  const [deriveLimit, setDeriveLimit] = useState(p.timeLimitDerived);
  const [validatorFiles, setValidatorFiles] = useState(p.checkerFiles);
  const opts = p.checkerOptions ?? {};

  const onSubmit = withFormData((f) => {
    const num = (k: string) => Number(f.get(k));
    const timeLimitMs = deriveLimit ? p.timeLimitMs : Math.round(num("timeLimitS") * 1000);
    const memoryLimitMb = num("memoryLimitMb");
    const checkerOptions =
      checkerKind === "FLOAT" ? { absTol: num("absTol"), relTol: num("relTol") } : checkerKind === "STANDARD" ? null : null;
    const nonEmptyStarter = Object.fromEntries(Object.entries(starterCode).filter(([, v]) => v.trim() !== ""));
    update.mutate(
      {
        slug: p.slug,
        title: String(f.get("title") ?? ""),
        statement,
        timeLimitMs,
        memoryLimitMb,
        checkerKind,
        checkerOptions,
        checkerSource: checkerKind === "CUSTOM" ? String(f.get("checkerSource") ?? "") : null,
        checkerLanguage: checkerKind === "CUSTOM" ? (String(f.get("checkerLanguage")) as (typeof LANGUAGES)[number]["id"]) : null,
        checkerFiles: checkerKind === "CUSTOM" ? validatorFiles : null,
        timeLimitDerived: deriveLimit,
        scoringMode: f.get("scoringMode") as Problem["scoringMode"],
        visibility: f.get("visibility") as Problem["visibility"],
        testFeedback: f.get("testFeedback") as Problem["testFeedback"],
        starterCode: nonEmptyStarter,
      },
      {
        onSuccess: () => {
          if (
            timeLimitMs !== p.timeLimitMs ||
            memoryLimitMb !== p.memoryLimitMb ||
            checkerKind !== p.checkerKind ||
            deriveLimit !== p.timeLimitDerived
          )
            onJudgingChanged();
        },
      },
    );
  });

  const fe = update.error?.data?.fieldErrors ?? {};
  return (
    <form className="card teach-settings" onSubmit={onSubmit} aria-labelledby="settings-heading">
      <h2 id="settings-heading" className="teach-form-title">
        Statement and settings
      </h2>
      <label>
        Title
        <input name="title" defaultValue={p.title} required maxLength={200} aria-invalid={Boolean(fe.title)} />
      </label>

      <div className="teach-statement">
        <div className="teach-tabs" role="tablist" aria-label="Statement">
          <button type="button" role="tab" aria-selected={tab === "write"} onClick={() => setTab("write")}>
            Write
          </button>
          <button type="button" role="tab" aria-selected={tab === "preview"} onClick={() => setTab("preview")}>
            Preview
          </button>
          <span className="muted small">Markdown with $math$ and $$display math$$</span>
        </div>
        <div className={`teach-split teach-split-${tab}`}>
          <label className="teach-statement-input">
            <span className="visually-hidden">Statement (Markdown)</span>
            <textarea name="statement" value={statement} onChange={(e) => setStatement(e.target.value)} rows={18} spellCheck />
          </label>
          <div className="teach-preview problem-statement" aria-label="Statement preview" data-testid="statement-preview">
            {statement.trim() ? <Markdown>{statement}</Markdown> : <p className="muted">The preview appears here.</p>}
          </div>
        </div>
      </div>

      <div className="teach-fields">
        <label>
          Time limit (s)
          <input
            name="timeLimitS"
            type="number"
            step="0.1"
            min={PROBLEM_LIMITS.timeLimitMs.min / 1000}
            max={PROBLEM_LIMITS.timeLimitMs.max / 1000}
            defaultValue={p.timeLimitMs / 1000}
            disabled={deriveLimit}
            aria-invalid={Boolean(fe.timeLimitMs)}
            aria-describedby="time-limit-hint"
          />
          <span id="time-limit-hint" className="muted small" data-testid="time-limit-source">
            {p.timeLimitDerived
              ? `Time limit ${describeTimeLimit({ timeLimitMs: p.timeLimitMs, derived: true, derivedFromCpuMs: p.derivedFromCpuMs, multiplier: p.timeMultiplier })}`
              : deriveLimit
                ? `Verify will set it to the slowest accepted reference × ${p.timeMultiplier}, rounded up to whole seconds.`
                : null}
          </span>
        </label>
        <label className="teach-check teach-derive">
          <input type="checkbox" checked={deriveLimit} onChange={(e) => setDeriveLimit(e.target.checked)} /> Derive the time limit from the
          reference solutions (Verify)
        </label>
        <label>
          Memory limit (MiB)
          <input
            name="memoryLimitMb"
            type="number"
            min={PROBLEM_LIMITS.memoryLimitMb.min}
            max={PROBLEM_LIMITS.memoryLimitMb.max}
            defaultValue={p.memoryLimitMb}
            aria-invalid={Boolean(fe.memoryLimitMb)}
          />
        </label>
        <label>
          Scoring
          <select name="scoringMode" defaultValue={p.scoringMode}>
            <option value="ICPC">Stop at the first failing test</option>
            <option value="POINTS">Points per test</option>
          </select>
        </label>
        <label>
          Visibility
          <select name="visibility" defaultValue={p.visibility}>
            <option value="HIDDEN">Draft (only you)</option>
            <option value="COURSE">Course only (in a problem set)</option>
            <option value="PUBLIC">Public</option>
          </select>
        </label>
        <label>
          Hidden tests: what students see
          <select name="testFeedback" defaultValue={p.testFeedback} aria-describedby="feedback-hint">
            <option value="FULL">Verdict, time and memory of every test</option>
            <option value="FIRST_FAILURE">Tests up to the first failure</option>
            <option value="VERDICT_ONLY">Final verdict and score only</option>
          </select>
          <span id="feedback-hint" className="muted small">
            Never their input, output or exit code. Samples are always shown in full.
          </span>
        </label>
        <label>
          Checker
          <select name="checkerKind" value={checkerKind} onChange={(e) => setCheckerKind(e.target.value as Problem["checkerKind"])}>
            <option value="STANDARD">Standard (tokens, whitespace-tolerant)</option>
            <option value="EXACT">Exact</option>
            <option value="FLOAT">Floating point (tolerance)</option>
            <option value="CUSTOM">Custom output validator</option>
          </select>
        </label>
        {checkerKind === "FLOAT" && (
          <>
            <label>
              Absolute tolerance
              <input name="absTol" type="number" step="any" min={0} defaultValue={Number(opts.absTol ?? 1e-6)} />
            </label>
            <label>
              Relative tolerance
              <input name="relTol" type="number" step="any" min={0} defaultValue={Number(opts.relTol ?? 1e-6)} />
            </label>
          </>
        )}
      </div>
      {checkerKind === "CUSTOM" && (
        <div className="teach-fields teach-fields-wide">
          <label>
            Validator language
            <select name="checkerLanguage" defaultValue={p.checkerLanguage ?? "cpp"}>
              <LanguageOptions />
            </select>
          </label>
          <label className="teach-span">
            Validator source <span className="muted">(Kattis output validator: exit 42 = accepted, 43 = wrong answer)</span>
            <textarea name="checkerSource" defaultValue={p.checkerSource ?? ""} rows={10} className="teach-code-area" />
          </label>
          <ValidatorFilesEditor files={validatorFiles} onChange={setValidatorFiles} error={fe.checkerFiles?.[0]} />
        </div>
      )}

      <fieldset className="teach-starter">
        <legend>Starter code</legend>
        <label>
          Language
          <select value={starterLanguage} onChange={(e) => setStarterLanguage(e.target.value)}>
            {LANGUAGES.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
                {starterCode[l.id]?.trim() ? " ✓" : ""}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="visually-hidden">Starter code for the chosen language</span>
          <textarea
            className="teach-code-area"
            rows={6}
            value={starterCode[starterLanguage] ?? ""}
            onChange={(e) => setStarterCode({ ...starterCode, [starterLanguage]: e.target.value })}
            placeholder="Empty: the language's default starter code"
          />
        </label>
      </fieldset>

      <div className="teach-actions">
        <button className="button" disabled={update.isPending}>
          Save
        </button>
        {update.isSuccess && !update.isPending && <span className="muted">Saved.</span>}
      </div>
      <ErrorNote error={update.error} />
    </form>
  );
}

/** The validator's other files (headers such as validate.h or testlib.h, more modules), compiled with its source. */
function ValidatorFilesEditor({
  files,
  onChange,
  error,
}: {
  files: ValidatorFile[];
  onChange: (files: ValidatorFile[]) => void;
  error?: string;
}) {
  const set = (i: number, patch: Partial<ValidatorFile>) => onChange(files.map((f, j) => (j === i ? { ...f, ...patch } : f)));
  return (
    <fieldset className="teach-span teach-validator-files" aria-describedby="validator-files-hint">
      <legend>Other validator files</legend>
      <p id="validator-files-hint" className="muted small">
        Headers or modules next to the source (e.g. <code>validate.h</code>, <code>testlib.h</code>); further C/C++ sources are compiled
        with it.
      </p>
      {files.map((file, i) => (
        <div key={i} className="teach-validator-file">
          <div className="teach-actions">
            <label>
              File name
              <input
                value={file.name}
                onChange={(e) => set(i, { name: e.target.value })}
                required
                maxLength={300}
                placeholder="validate.h"
              />
            </label>
            <button
              type="button"
              className="link-button teach-danger"
              aria-label={`Remove ${file.name || "file"}`}
              onClick={() => onChange(files.filter((_, j) => j !== i))}
            >
              Remove
            </button>
          </div>
          <label>
            <span className="visually-hidden">Content of {file.name || "the file"}</span>
            <textarea value={file.content} onChange={(e) => set(i, { content: e.target.value })} rows={6} className="teach-code-area" />
          </label>
        </div>
      ))}
      <button
        type="button"
        className="button button-secondary button-compact"
        onClick={() => onChange([...files, { name: "", content: "" }])}
      >
        Add a file
      </button>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
