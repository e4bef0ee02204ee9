"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { api } from "@/trpc/react";
import { ErrorNote, formatLocal, fromLocalInput, toLocalInput, withFormData } from "./ui";
import { TeachHead } from "./teach-head";
import { DataTable } from "@/components/data-table";

const PROGRESS = {
  solved: { text: "Solved", className: "badge-ok" },
  "solved-late": { text: "Solved late", className: "badge-pending" },
  attempted: { text: "Tried", className: "badge-bad" },
} as const;

export function ProblemSetAdmin({ problemSetId }: { problemSetId: string }) {
  const router = useRouter();
  const utils = api.useUtils();
  const set = api.teach.problemSet.byId.useQuery({ problemSetId }, { refetchInterval: 15_000 });
  const refresh = () => utils.teach.problemSet.byId.invalidate({ problemSetId });
  const update = api.teach.problemSet.update.useMutation({ onSuccess: refresh });
  const setProblems = api.teach.problemSet.setProblems.useMutation({ onSuccess: refresh });
  const remove = api.teach.problemSet.delete.useMutation();
  const assignable = api.teach.problemSet.assignableProblems.useQuery();
  const [adding, setAdding] = useState("");

  if (set.isLoading) return <p className="muted">Loading…</p>;
  if (set.error || !set.data) return <ErrorNote error={set.error ?? new Error("Problem set not found.")} />;
  const s = set.data;
  const slugs = s.problems.map((p) => p.slug);
  const move = (from: number, to: number) => {
    const next = [...slugs];
    const [item] = next.splice(from, 1);
    next.splice(to, 0, item!);
    setProblems.mutate({ problemSetId, problemSlugs: next });
  };
  const candidates = (assignable.data ?? []).filter((p) => !slugs.includes(p.slug));

  return (
    <div className="page">
      <TeachHead
        crumbs={[
          { href: "/teach", label: "Courses" },
          { href: `/teach/courses/${s.course.id}`, label: s.course.title },
        ]}
        title={s.title}
      >
        <button
          type="button"
          className="button button-secondary button-compact"
          onClick={() => {
            if (confirm("Delete this problem set? Submissions are kept.")) {
              remove.mutate({ problemSetId }, { onSuccess: () => router.push(`/teach/courses/${s.course.id}`) });
            }
          }}
        >
          Delete set
        </button>
      </TeachHead>

      <form
        key={`${s.title}-${String(s.opensAt)}-${String(s.dueAt)}-${s.allowLate}`}
        className="card teach-grid-form"
        onSubmit={withFormData((f) => {
          update.mutate({
            problemSetId,
            title: String(f.get("title") ?? ""),
            opensAt: fromLocalInput(String(f.get("opensAt") ?? "")),
            dueAt: fromLocalInput(String(f.get("dueAt") ?? "")),
            allowLate: f.get("allowLate") === "on",
          });
        })}
      >
        <label>
          Title
          <input name="title" defaultValue={s.title} required maxLength={200} />
        </label>
        <label>
          Opens <span className="muted">(empty: now)</span>
          <input name="opensAt" type="datetime-local" defaultValue={toLocalInput(s.opensAt)} />
        </label>
        <label>
          Due <span className="muted">(empty: no deadline)</span>
          <input name="dueAt" type="datetime-local" defaultValue={toLocalInput(s.dueAt)} />
        </label>
        <label className="teach-check">
          <input name="allowLate" type="checkbox" defaultChecked={s.allowLate} /> Accept late submissions (marked late)
        </label>
        <div>
          <button className="button" disabled={update.isPending}>
            Save
          </button>
          {update.isSuccess && <span className="muted teach-saved"> Saved.</span>}
        </div>
        <ErrorNote error={update.error} field="dueAt" />
      </form>

      <section aria-labelledby="problems-heading">
        <h2 id="problems-heading">Problems</h2>
        {s.problems.length === 0 ? (
          <p className="muted">No problems yet.</p>
        ) : (
          <ol className="teach-ordered">
            {s.problems.map((p, i) => (
              <li key={p.id}>
                <Link href={`/problems/${p.slug}`}>{p.title}</Link> <span className="muted small">{p.slug}</span>
                <span className="teach-row-actions">
                  <button
                    type="button"
                    className="link-button"
                    disabled={i === 0}
                    onClick={() => move(i, i - 1)}
                    aria-label={`Move ${p.title} up`}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="link-button"
                    disabled={i === s.problems.length - 1}
                    onClick={() => move(i, i + 1)}
                    aria-label={`Move ${p.title} down`}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => setProblems.mutate({ problemSetId, problemSlugs: slugs.filter((x) => x !== p.slug) })}
                    aria-label={`Remove ${p.title} from the set`}
                  >
                    Remove
                  </button>
                </span>
              </li>
            ))}
          </ol>
        )}
        <form
          className="teach-inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (adding) setProblems.mutate({ problemSetId, problemSlugs: [...slugs, adding] }, { onSuccess: () => setAdding("") });
          }}
        >
          <label htmlFor="add-problem">Add a problem</label>
          <select id="add-problem" value={adding} onChange={(e) => setAdding(e.target.value)}>
            <option value="">Choose…</option>
            {candidates.map((p) => (
              <option key={p.id} value={p.slug}>
                {p.title} ({p.slug}
                {p.visibility === "HIDDEN" ? ", draft" : ""})
              </option>
            ))}
          </select>
          <button className="button button-secondary" disabled={!adding || setProblems.isPending}>
            Add
          </button>
        </form>
        <p className="muted small">Students see course-only problems once the set opens. Drafts stay hidden until you publish them.</p>
        <ErrorNote error={setProblems.error} />
      </section>

      <section aria-labelledby="progress-heading">
        <h2 id="progress-heading">Progress</h2>
        <p className="muted small">
          Due {formatLocal(s.dueAt)}. {s.allowLate ? "Late submissions are accepted and marked late." : "Late submissions are refused."}
        </p>
        {s.students.length === 0 ? (
          <p className="muted">No students in this course yet.</p>
        ) : (
          <DataTable
            compact
            className="teach-progress"
            rows={s.students}
            rowKey={(st) => st.id}
            columns={[
              { header: "Student", cell: (st) => st.name },
              ...s.problems.map((p, i) => ({
                header: p.title,
                cell: (st: (typeof s.students)[number]) => {
                  const pr = st.progress[i];
                  return pr ? (
                    <span className={`badge ${PROGRESS[pr].className}`}>{PROGRESS[pr].text}</span>
                  ) : (
                    <span className="muted">–</span>
                  );
                },
              })),
            ]}
          />
        )}
      </section>
    </div>
  );
}
