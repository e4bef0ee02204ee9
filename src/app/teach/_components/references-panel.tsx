"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { type LANGUAGES, languageForExtension } from "@/judge/languages";
import { VERDICT_LABELS } from "@/judge/verdicts";
import { describeTimeLimit } from "@/lib/format";
import { api } from "@/trpc/react";
import { ErrorNote, withFormData } from "./ui";
import { DataTable } from "@/components/data-table";
import { LanguageOptions } from "@/components/filter-select";
import { Options } from "@/components/options";

const EXPECTABLE = ["AC", "WA", "TLE", "MLE", "RE", "CE", "OLE"] as const;

/** Reference solutions with the verdict each must get, and Verify: judge them all, expected vs got. */
export function ReferencesPanel({ problemId, slug, timeLimitMs }: { problemId: string; slug: string; timeLimitMs: number }) {
  const utils = api.useUtils();
  const results = api.teach.problem.verifyResults.useQuery(
    { problemId },
    {
      refetchInterval: (q) =>
        q.state.data?.rows.some((r) => r.lastRun && (r.lastRun.status === "QUEUED" || r.lastRun.status === "RUNNING")) ? 1500 : false,
    },
  );
  const refresh = () => utils.teach.problem.verifyResults.invalidate({ problemId });
  const add = api.teach.problem.addReference.useMutation({ onSuccess: refresh });
  const remove = api.teach.problem.deleteReference.useMutation({ onSuccess: refresh });
  const verify = api.teach.problem.verify.useMutation({ onSuccess: refresh });
  const applyLimit = api.problem.update.useMutation({ onSuccess: () => utils.teach.problem.forEditing.invalidate({ slug }) });
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [language, setLanguage] = useState<string>("python");
  const [source, setSource] = useState("");
  const rows = results.data?.rows ?? [];
  const derived = results.data?.derivedTimeLimit ?? null;
  const limit = results.data?.timeLimit ?? null;
  const running = rows.some((r) => r.lastRun && (r.lastRun.status === "QUEUED" || r.lastRun.status === "RUNNING"));
  // A Verify that derived the time limit changed the problem (even when the limit stayed the
  // same, where it came from did): the settings form shows it.
  const derivedFrom = limit?.derived ? limit.derivedFromCpuMs : null;
  useEffect(() => {
    if (derivedFrom !== null) void utils.teach.problem.forEditing.invalidate({ slug });
  }, [derivedFrom, slug, utils]);
  const finished = rows.filter((r) => r.matches !== null);
  const allGood = rows.length > 0 && finished.length === rows.length && rows.every((r) => r.matches);

  return (
    <section className="card" aria-labelledby="refs-heading">
      <div className="teach-head">
        <h2 id="refs-heading" className="teach-form-title">
          Reference solutions
        </h2>
        <div className="teach-actions">
          <button type="button" className="button button-secondary button-compact" onClick={() => setOpen((v) => !v)} aria-expanded={open}>
            Add a solution
          </button>
          <button
            type="button"
            className="button button-compact"
            disabled={verify.isPending || running || rows.length === 0}
            onClick={() => verify.mutate({ problemId })}
          >
            {running ? "Verifying…" : "Verify"}
          </button>
        </div>
      </div>
      <p className="muted small">
        Each solution must get its expected verdict on the current tests and limits before students see the problem.
      </p>
      {limit && (
        <p className="small" data-testid="verify-time-limit">
          Time limit {describeTimeLimit(limit)}
          {limit.derived && " · Verify runs the solutions with a generous limit, then judges them under the derived one"}
        </p>
      )}
      <ErrorNote error={verify.error} />
      {open && (
        <form
          className="teach-test-form"
          onSubmit={withFormData((f) => {
            add.mutate(
              {
                problemId,
                name,
                language: language as (typeof LANGUAGES)[number]["id"],
                source,
                expectedVerdict: f.get("expectedVerdict") as (typeof EXPECTABLE)[number],
              },
              {
                onSuccess: () => {
                  setOpen(false);
                  setName("");
                  setSource("");
                },
              },
            );
          })}
        >
          <div className="teach-fields">
            <label>
              Name
              <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} placeholder="solution.py" />
            </label>
            <label>
              Language
              <select value={language} onChange={(e) => setLanguage(e.target.value)}>
                <LanguageOptions />
              </select>
            </label>
            <label>
              Expected verdict
              <select name="expectedVerdict" defaultValue="AC">
                <Options options={EXPECTABLE.map((v) => ({ value: v, label: VERDICT_LABELS[v].label }))} />
              </select>
            </label>
            <label>
              Or load a file
              <input
                type="file"
                onChange={async (e) => {
                  const file = e.target.files?.[0];
                  if (!file) return;
                  setSource(await file.text());
                  if (!name) setName(file.name);
                  const lang = languageForExtension(file.name.split(".").pop() ?? "");
                  if (lang) setLanguage(lang.id);
                }}
              />
            </label>
          </div>
          <label>
            Source
            <textarea className="teach-code-area" rows={10} value={source} onChange={(e) => setSource(e.target.value)} required />
          </label>
          <div className="teach-actions">
            <button className="button" disabled={add.isPending}>
              Save solution
            </button>
          </div>
          <ErrorNote error={add.error} />
        </form>
      )}
      {rows.length === 0 ? (
        <p className="muted">No reference solutions yet.</p>
      ) : (
        <DataTable
          compact
          testId="verify-table"
          rows={rows}
          rowKey={(r) => r.id}
          columns={[
            { header: "Solution", cell: (r) => r.name },
            { header: "Language", cell: (r) => <span className="muted">{r.language}</span> },
            { header: "Expected", cell: (r) => VERDICT_LABELS[r.expectedVerdict].label },
            {
              header: "Got",
              cell: (r) =>
                !r.lastRun ? (
                  <span className="muted">not run</span>
                ) : r.lastRun.status === "DONE" || r.lastRun.status === "FAILED" ? (
                  <Link href={`/submissions/${r.lastRun.id}`} className={`badge ${r.matches ? "badge-ok" : "badge-bad"}`}>
                    {r.lastRun.verdict ? VERDICT_LABELS[r.lastRun.verdict].label : "—"}
                    {r.matches ? " ✓" : " ✗"}
                  </Link>
                ) : (
                  <span className="badge badge-pending">{r.lastRun.status.toLowerCase()}</span>
                ),
            },
            {
              header: "Time",
              cell: (r) => (
                <span className="muted">
                  {r.lastRun?.maxCpuMs != null ? `${r.lastRun.maxCpuMs} ms` : ""}
                  {r.tooClose && limit && (
                    <span
                      className="teach-too-close"
                      data-testid="too-close"
                      title={
                        r.expectedVerdict === "AC"
                          ? `Uses more than the limit ÷ ${limit.safetyMargin}: a slower machine may time it out.`
                          : `Would pass with a limit ${limit.safetyMargin}× larger: it times out only barely.`
                      }
                    >
                      {" "}
                      ⚠ too close to the limit
                    </span>
                  )}
                </span>
              ),
            },
            {
              header: "Actions",
              hiddenHeader: true,
              className: "teach-right",
              cell: (r) => (
                <button
                  type="button"
                  className="link-button teach-danger"
                  aria-label={`Delete ${r.name}`}
                  onClick={() => remove.mutate({ referenceId: r.id })}
                >
                  Delete
                </button>
              ),
            },
          ]}
        />
      )}
      {derived && (
        <p className="teach-note" data-testid="derived-time-limit">
          From the slowest accepted solution ({derived.slowestAcceptedMs} ms × {derived.multiplier}, rounded up, at least 1 s), problemtools
          would set a time limit of <strong>{derived.timeLimitMs / 1000} s</strong>
          {derived.timeLimitMs === timeLimitMs ? " — the current limit." : `; the current limit is ${timeLimitMs / 1000} s. `}
          {derived.timeLimitMs !== timeLimitMs && (
            <button
              type="button"
              className="link-button"
              disabled={applyLimit.isPending}
              onClick={() => applyLimit.mutate({ slug, timeLimitMs: derived.timeLimitMs })}
            >
              Use {derived.timeLimitMs / 1000} s
            </button>
          )}
        </p>
      )}
      <ErrorNote error={applyLimit.error} />
      {finished.length === rows.length && rows.length > 0 && (
        <p className={allGood ? "teach-ok" : "teach-bad"} role="status">
          {allGood
            ? "Every solution got its expected verdict."
            : `${rows.filter((r) => !r.matches).length} solution(s) did not get the expected verdict.`}
        </p>
      )}
    </section>
  );
}
