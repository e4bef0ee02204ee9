"use client";

import { useState } from "react";
import { api, type RouterOutputs } from "@/trpc/react";
import { ErrorNote, withFormData } from "./ui";

type Problem = RouterOutputs["teach"]["problem"]["forEditing"];
type Test = Problem["tests"][number];

/** Keep each upload call well under the server's 8 MiB body cap. */
const UPLOAD_BATCH_BYTES = 5 * 1024 * 1024;

interface PendingTest {
  name: string;
  input: string;
  expectedOutput: string;
  isSample: boolean;
  points: number;
}

/**
 * Pairs `x.in` with `x.ans` (or `x.out`); a name with "sample" in it is a sample.
 * Returns the pairs and the names of files left without a partner.
 */
export async function pairTestFiles(files: File[]): Promise<{ tests: PendingTest[]; unpaired: string[] }> {
  const inputs = new Map<string, File>();
  const answers = new Map<string, File>();
  const unpaired: string[] = [];
  for (const file of files) {
    const m = /^(.*)\.(in|ans|out)$/i.exec(file.name);
    if (!m) unpaired.push(file.name);
    else (m[2]!.toLowerCase() === "in" ? inputs : answers).set(m[1]!, file);
  }
  const tests: PendingTest[] = [];
  const names = [...new Set([...inputs.keys(), ...answers.keys()])].sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
  for (const name of names) {
    const input = inputs.get(name);
    const answer = answers.get(name);
    if (!input || !answer) {
      unpaired.push(input ? `${input.name} (no .ans)` : `${answer!.name} (no .in)`);
      continue;
    }
    tests.push({ name, input: await input.text(), expectedOutput: await answer.text(), isSample: /sample/i.test(name), points: 1 });
  }
  return { tests, unpaired };
}

function batches(tests: PendingTest[]): PendingTest[][] {
  const out: PendingTest[][] = [];
  let current: PendingTest[] = [];
  let size = 0;
  for (const t of tests) {
    const bytes = t.input.length + t.expectedOutput.length;
    if (current.length > 0 && size + bytes > UPLOAD_BATCH_BYTES) {
      out.push(current);
      current = [];
      size = 0;
    }
    current.push(t);
    size += bytes;
  }
  if (current.length) out.push(current);
  return out;
}

export function TestsEditor({ problem, onChanged }: { problem: Problem; onChanged: () => void }) {
  const utils = api.useUtils();
  const refresh = () => {
    onChanged();
    return utils.teach.problem.forEditing.invalidate({ slug: problem.slug });
  };
  const addTests = api.teach.problem.addTests.useMutation();
  const updateTest = api.teach.problem.updateTest.useMutation({ onSuccess: refresh });
  const deleteTests = api.teach.problem.deleteTests.useMutation({ onSuccess: refresh });
  const reorder = api.teach.problem.reorderTests.useMutation({ onSuccess: refresh });
  const [uploadNote, setUploadNote] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const [editing, setEditing] = useState<string | "new" | null>(null);
  const tests = problem.tests;

  async function upload(files: File[]) {
    setUploadNote(null);
    const { tests: pending, unpaired } = await pairTestFiles(files);
    if (pending.length === 0) {
      setUploadNote(
        `No complete test: every .in needs a .ans with the same name.${unpaired.length ? ` Left out: ${unpaired.join(", ")}.` : ""}`,
      );
      return;
    }
    setUploading(true);
    try {
      for (const batch of batches(pending)) await addTests.mutateAsync({ problemId: problem.id, tests: batch });
      setUploadNote(
        `Added ${pending.length} test${pending.length === 1 ? "" : "s"}.${unpaired.length ? ` Left out: ${unpaired.join(", ")}.` : ""}`,
      );
    } catch {
      // addTests.error shows the reason.
    } finally {
      setUploading(false);
      await refresh();
    }
  }

  const move = (from: number, to: number) => {
    const ids = tests.map((t) => t.id);
    const [id] = ids.splice(from, 1);
    ids.splice(to, 0, id!);
    reorder.mutate({ problemId: problem.id, testIds: ids });
  };

  return (
    <section className="card" aria-labelledby="tests-heading">
      <div className="teach-head">
        <h2 id="tests-heading" className="teach-form-title">
          Tests ({tests.length})
        </h2>
        <div className="teach-actions">
          <label className="button button-secondary button-compact teach-file-button">
            Upload .in/.ans files
            <input
              type="file"
              multiple
              accept=".in,.ans,.out"
              className="visually-hidden"
              data-testid="test-files"
              disabled={uploading}
              onChange={(e) => {
                const files = [...(e.target.files ?? [])];
                e.target.value = "";
                if (files.length) void upload(files);
              }}
            />
          </label>
          <button type="button" className="button button-compact" onClick={() => setEditing("new")}>
            Add a test
          </button>
        </div>
      </div>
      <p className="muted small">
        Files pair by name (<code>1.in</code> + <code>1.ans</code>); names containing “sample” become samples, shown to students. Tests run
        in this order.
      </p>
      {uploading && <p className="muted">Uploading…</p>}
      {uploadNote && (
        <p className="teach-note" role="status">
          {uploadNote}
        </p>
      )}
      <ErrorNote error={addTests.error} />
      <ErrorNote error={updateTest.error ?? deleteTests.error ?? reorder.error} />
      {editing === "new" && (
        <TestForm
          onCancel={() => setEditing(null)}
          onSave={async (t) => {
            await addTests.mutateAsync({ problemId: problem.id, tests: [t] });
            setEditing(null);
            await refresh();
          }}
          pending={addTests.isPending}
        />
      )}
      {tests.length === 0 ? (
        <p className="muted">No tests yet.</p>
      ) : (
        <div className="table-wrap">
          <table className="table table-compact teach-tests">
            <thead>
              <tr>
                <th>#</th>
                <th>Name</th>
                <th>Sample</th>
                <th>Points</th>
                <th>Input</th>
                <th>Answer</th>
                <th>
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tests.map((t, i) => (
                <TestRow
                  key={t.id}
                  test={t}
                  index={i}
                  last={i === tests.length - 1}
                  editing={editing === t.id}
                  onEdit={() => setEditing(editing === t.id ? null : t.id)}
                  onMove={move}
                  onToggleSample={() => updateTest.mutate({ testId: t.id, isSample: !t.isSample })}
                  onPoints={(points) => updateTest.mutate({ testId: t.id, points })}
                  onDelete={() => {
                    if (confirm(`Delete test ${t.position}?`)) deleteTests.mutate({ problemId: problem.id, testIds: [t.id] });
                  }}
                  onSaved={() => {
                    setEditing(null);
                    void refresh();
                  }}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Preview({ text }: { text: Test["input"] }) {
  return (
    <pre
      className="teach-preview-cell"
      title={text.truncated ? `Shows the first 4 KiB of ${(text.bytes / 1024).toFixed(0)} KiB` : undefined}
    >
      {text.text.length > 200 ? `${text.text.slice(0, 200)}…` : text.text}
      {text.truncated && <span className="muted"> ({(text.bytes / 1024 / 1024).toFixed(2)} MiB)</span>}
    </pre>
  );
}

function TestRow(props: {
  test: Test;
  index: number;
  last: boolean;
  editing: boolean;
  onEdit: () => void;
  onMove: (from: number, to: number) => void;
  onToggleSample: () => void;
  onPoints: (points: number) => void;
  onDelete: () => void;
  onSaved: () => void;
}) {
  const { test: t, index: i } = props;
  const label = t.name ? `test ${t.position} (${t.name})` : `test ${t.position}`;
  return (
    <>
      <tr>
        <td>{t.position}</td>
        <td>{t.name ?? <span className="muted">–</span>}</td>
        <td>
          <input type="checkbox" checked={t.isSample} onChange={props.onToggleSample} aria-label={`Sample: ${label}`} />
        </td>
        <td>
          <input
            type="number"
            min={0}
            max={1000}
            defaultValue={t.points}
            className="teach-points"
            aria-label={`Points for ${label}`}
            onBlur={(e) => {
              const v = Number(e.target.value);
              if (Number.isInteger(v) && v !== t.points) props.onPoints(v);
            }}
          />
        </td>
        <td>
          <Preview text={t.input} />
        </td>
        <td>
          <Preview text={t.expectedOutput} />
        </td>
        <td className="teach-row-actions">
          <button
            type="button"
            className="link-button"
            disabled={i === 0}
            onClick={() => props.onMove(i, i - 1)}
            aria-label={`Move ${label} up`}
          >
            ↑
          </button>
          <button
            type="button"
            className="link-button"
            disabled={props.last}
            onClick={() => props.onMove(i, i + 1)}
            aria-label={`Move ${label} down`}
          >
            ↓
          </button>
          <button type="button" className="link-button" onClick={props.onEdit} aria-label={`Edit ${label}`}>
            Edit
          </button>
          <button type="button" className="link-button teach-danger" onClick={props.onDelete} aria-label={`Delete ${label}`}>
            Delete
          </button>
        </td>
      </tr>
      {props.editing && (
        <tr>
          <td colSpan={7}>
            <EditExistingTest testId={t.id} onCancel={props.onEdit} onSaved={props.onSaved} />
          </td>
        </tr>
      )}
    </>
  );
}

function EditExistingTest({ testId, onCancel, onSaved }: { testId: string; onCancel: () => void; onSaved: () => void }) {
  const full = api.teach.problem.test.useQuery({ testId });
  const update = api.teach.problem.updateTest.useMutation({ onSuccess: onSaved });
  if (full.isLoading) return <p className="muted">Loading the full test…</p>;
  if (!full.data) return <ErrorNote error={full.error} />;
  return (
    <>
      <TestForm
        initial={{ ...full.data, name: full.data.name ?? "" }}
        pending={update.isPending}
        onCancel={onCancel}
        onSave={(t) => update.mutateAsync({ testId, ...t }).then(() => undefined)}
      />
      <ErrorNote error={update.error} />
    </>
  );
}

function TestForm({
  initial,
  pending,
  onSave,
  onCancel,
}: {
  initial?: PendingTest;
  pending: boolean;
  onSave: (t: PendingTest) => Promise<void>;
  onCancel: () => void;
}) {
  return (
    <form
      className="teach-test-form"
      onSubmit={withFormData((f) => {
        void onSave({
          name: String(f.get("name") ?? ""),
          input: String(f.get("input") ?? ""),
          expectedOutput: String(f.get("expectedOutput") ?? ""),
          isSample: f.get("isSample") === "on",
          points: Number(f.get("points") ?? 1),
        }).catch(() => undefined);
      })}
    >
      <div className="teach-fields">
        <label>
          Name <span className="muted">(optional)</span>
          <input name="name" defaultValue={initial?.name ?? ""} maxLength={100} />
        </label>
        <label>
          Points
          <input name="points" type="number" min={0} max={1000} defaultValue={initial?.points ?? 1} />
        </label>
        <label className="teach-check">
          <input name="isSample" type="checkbox" defaultChecked={initial?.isSample ?? false} /> Sample (shown to students)
        </label>
      </div>
      <div className="teach-two">
        <label>
          Input
          <textarea name="input" rows={8} defaultValue={initial?.input ?? ""} className="teach-code-area" />
        </label>
        <label>
          Expected output
          <textarea name="expectedOutput" rows={8} defaultValue={initial?.expectedOutput ?? ""} className="teach-code-area" />
        </label>
      </div>
      <div className="teach-actions">
        <button className="button" disabled={pending}>
          Save test
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
