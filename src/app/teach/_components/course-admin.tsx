"use client";

import Link from "next/link";
import { useState, useSyncExternalStore } from "react";
import { formatJoinCode } from "@/lib/join-code";
import { VERDICT_LABELS } from "@/judge/verdicts";
import { api, type RouterOutputs } from "@/trpc/react";
import { CourseInsightsLinks } from "./insights-links";
import { CopyButton, ErrorNote, formatLocal, fromLocalInput, withFormData } from "./ui";
import { DataTable } from "@/components/data-table";
import { TeachHead } from "./teach-head";

const noSubscription = () => () => {};

export function CourseAdmin({ courseId }: { courseId: string }) {
  const utils = api.useUtils();
  const course = api.teach.course.byId.useQuery({ courseId });
  const refresh = () => utils.teach.course.byId.invalidate({ courseId });
  const update = api.teach.course.update.useMutation({ onSuccess: refresh });
  const regenerate = api.teach.course.regenerateJoinCode.useMutation({ onSuccess: refresh });
  // The site's own address for the join link; empty during server rendering.
  const origin = useSyncExternalStore(
    noSubscription,
    () => window.location.origin,
    () => "",
  );

  if (course.isLoading) return <p className="muted">Loading…</p>;
  if (course.error || !course.data) return <ErrorNote error={course.error ?? new Error("Course not found.")} />;
  const c = course.data;
  const code = formatJoinCode(c.joinCode);
  const joinLink = `${origin}/join/${code}`;

  return (
    <div className="page">
      <TeachHead
        crumbs={[{ href: "/teach", label: "Courses" }]}
        title={
          <>
            {c.title}
            {c.archivedAt && <span className="badge badge-neutral teach-badge-gap">Archived</span>}
          </>
        }
      >
        <div className="teach-actions">
          <CourseInsightsLinks courseId={courseId} />
          <RenameButton title={c.title} onRename={(title) => update.mutate({ courseId, title })} />
          <button
            type="button"
            className="button button-secondary button-compact"
            onClick={() => {
              if (c.archivedAt || confirm("Archive this course? Students can no longer join it."))
                update.mutate({ courseId, archived: !c.archivedAt });
            }}
          >
            {c.archivedAt ? "Unarchive" : "Archive"}
          </button>
        </div>
      </TeachHead>
      <ErrorNote error={update.error} field="title" />

      <section className="card teach-join" aria-labelledby="join-heading">
        <h2 id="join-heading">Join code</h2>
        <p className="teach-code" data-testid="join-code">
          {code}
        </p>
        <div className="teach-actions">
          <CopyButton text={code} label="Copy code" />
          <CopyButton text={joinLink} label="Copy join link" />
          <button
            type="button"
            className="button button-secondary button-compact"
            disabled={regenerate.isPending}
            onClick={() => {
              if (confirm("Make a new code? The current code and link stop working.")) regenerate.mutate({ courseId });
            }}
          >
            New code
          </button>
        </div>
        <p className="muted small">
          Students enter the code on their Courses page, or open <span className="teach-mono">{joinLink}</span>.
        </p>
        <ErrorNote error={regenerate.error} />
      </section>

      <ProblemSets courseId={courseId} sets={c.problemSets} />
      <Roster courseId={courseId} students={c.students} />
      <CoTeachers courseId={courseId} isOwner={c.isOwner} owner={c.owner} coTeachers={c.coTeachers} />
      <CourseSubmissions courseId={courseId} />
    </div>
  );
}

function RenameButton({ title, onRename }: { title: string; onRename: (title: string) => void }) {
  return (
    <button
      type="button"
      className="button button-secondary button-compact"
      onClick={() => {
        const next = prompt("Course title", title);
        if (next && next.trim() && next !== title) onRename(next);
      }}
    >
      Rename
    </button>
  );
}

type Course = RouterOutputs["teach"]["course"]["byId"];

function ProblemSets({ courseId, sets }: { courseId: string; sets: Course["problemSets"] }) {
  const utils = api.useUtils();
  const create = api.teach.problemSet.create.useMutation({ onSuccess: () => utils.teach.course.byId.invalidate({ courseId }) });
  const [open, setOpen] = useState(false);
  return (
    <section aria-labelledby="sets-heading">
      <div className="teach-head">
        <h2 id="sets-heading">Problem sets</h2>
        <button type="button" className="button button-compact" onClick={() => setOpen((v) => !v)} aria-expanded={open}>
          New problem set
        </button>
      </div>
      {open && (
        <form
          className="card teach-grid-form"
          onSubmit={withFormData((f) => {
            create.mutate(
              {
                courseId,
                title: String(f.get("title") ?? ""),
                opensAt: fromLocalInput(String(f.get("opensAt") ?? "")),
                dueAt: fromLocalInput(String(f.get("dueAt") ?? "")),
                allowLate: f.get("allowLate") === "on",
              },
              { onSuccess: () => setOpen(false) },
            );
          })}
        >
          <label>
            Title
            <input name="title" required maxLength={200} placeholder="Week 1: loops" />
          </label>
          <label>
            Opens <span className="muted">(empty: now)</span>
            <input name="opensAt" type="datetime-local" />
          </label>
          <label>
            Due <span className="muted">(empty: no deadline)</span>
            <input name="dueAt" type="datetime-local" />
          </label>
          <label className="teach-check">
            <input name="allowLate" type="checkbox" defaultChecked /> Accept late submissions (marked late)
          </label>
          <div>
            <button className="button" disabled={create.isPending}>
              Create
            </button>
          </div>
          <ErrorNote error={create.error} />
        </form>
      )}
      {sets.length === 0 ? (
        <p className="muted">No problem sets yet.</p>
      ) : (
        <DataTable
          rows={sets}
          rowKey={(s) => s.id}
          columns={[
            { header: "Set", cell: (s) => <Link href={`/teach/sets/${s.id}`}>{s.title}</Link> },
            { header: "Opens", cell: (s) => (s.opensAt ? formatLocal(s.opensAt) : <span className="muted">open</span>) },
            { header: "Due", cell: (s) => (s.dueAt ? formatLocal(s.dueAt) : <span className="muted">none</span>) },
            { header: "Late work", cell: (s) => (s.allowLate ? "accepted, marked late" : "refused") },
            { header: "Problems", cell: (s) => s.problems.length },
          ]}
        />
      )}
    </section>
  );
}

function Roster({ courseId, students }: { courseId: string; students: Course["students"] }) {
  const utils = api.useUtils();
  const refresh = () => utils.teach.course.byId.invalidate({ courseId });
  const add = api.teach.course.addStudent.useMutation({ onSuccess: refresh });
  const remove = api.teach.course.removeStudent.useMutation({ onSuccess: refresh });
  return (
    <section aria-labelledby="roster-heading">
      <h2 id="roster-heading">Students ({students.length})</h2>
      <AddByEmail id="add-student-email" label="Add a student by email" placeholder="student@example.edu" courseId={courseId} add={add} />
      {students.length === 0 ? (
        <p className="muted">Nobody has joined yet. Share the join code.</p>
      ) : (
        <DataTable
          compact
          rows={students}
          rowKey={(s) => s.id}
          columns={[
            { header: "Name", cell: (s) => s.name },
            { header: "Email", cell: (s) => <span className="muted">{s.email}</span> },
            { header: "Joined", cell: (s) => <span className="muted">{formatLocal(s.joinedAt)}</span> },
            {
              header: "Actions",
              hiddenHeader: true,
              className: "teach-right",
              cell: (s) => (
                <button
                  type="button"
                  className="link-button"
                  aria-label={`Remove ${s.name}`}
                  onClick={() => {
                    if (confirm(`Remove ${s.name} from the course?`)) remove.mutate({ courseId, userId: s.id });
                  }}
                >
                  Remove
                </button>
              ),
            },
          ]}
        />
      )}
      <ErrorNote error={remove.error} />
    </section>
  );
}

function CoTeachers({
  courseId,
  isOwner,
  owner,
  coTeachers,
}: {
  courseId: string;
  isOwner: boolean;
  owner: Course["owner"];
  coTeachers: Course["coTeachers"];
}) {
  const utils = api.useUtils();
  const refresh = () => utils.teach.course.byId.invalidate({ courseId });
  const add = api.teach.course.addCoTeacher.useMutation({ onSuccess: refresh });
  const remove = api.teach.course.removeCoTeacher.useMutation({ onSuccess: refresh });
  return (
    <section aria-labelledby="coteachers-heading">
      <h2 id="coteachers-heading">Teachers</h2>
      <ul className="teach-list">
        <li>
          {owner.name} <span className="muted">{owner.email} · owner</span>
        </li>
        {coTeachers.map((t) => (
          <li key={t.id}>
            {t.name} <span className="muted">{t.email} · co-teacher</span>{" "}
            {isOwner && (
              <button
                type="button"
                className="link-button"
                aria-label={`Remove co-teacher ${t.name}`}
                onClick={() => remove.mutate({ courseId, userId: t.id })}
              >
                Remove
              </button>
            )}
          </li>
        ))}
      </ul>
      {isOwner && <AddByEmail id="add-teacher-email" label="Add a co-teacher by email" courseId={courseId} add={add} />}
      <ErrorNote error={remove.error} />
    </section>
  );
}

/** The inline form that adds a person to the course by email; it empties once they are added. */
function AddByEmail(props: {
  id: string;
  label: string;
  placeholder?: string;
  courseId: string;
  add: {
    mutate(input: { courseId: string; email: string }, options: { onSuccess: () => void }): void;
    isPending: boolean;
    error: unknown;
  };
}) {
  const { add } = props;
  const [email, setEmail] = useState("");
  return (
    <form
      className="teach-inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate({ courseId: props.courseId, email }, { onSuccess: () => setEmail("") });
      }}
    >
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="email"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        placeholder={props.placeholder}
        aria-invalid={Boolean(add.error)}
      />
      <button className="button button-secondary" disabled={add.isPending}>
        Add
      </button>
      <ErrorNote error={add.error} field="email" />
    </form>
  );
}

function CourseSubmissions({ courseId }: { courseId: string }) {
  const subs = api.teach.course.submissions.useQuery({ courseId, limit: 50 }, { refetchInterval: 10_000 });
  return (
    <section aria-labelledby="subs-heading">
      <h2 id="subs-heading">Latest submissions</h2>
      {!subs.data || subs.data.items.length === 0 ? (
        <p className="muted">{subs.isLoading ? "Loading…" : "No submissions to this course's problem sets yet."}</p>
      ) : (
        <DataTable
          compact
          rows={subs.data.items}
          rowKey={(s) => s.id}
          columns={[
            {
              header: "When",
              cell: (s) => (
                <>
                  <Link href={`/submissions/${s.id}`}>{formatLocal(s.createdAt)}</Link>
                  {s.late && <span className="badge badge-pending teach-badge-gap">Late</span>}
                </>
              ),
            },
            { header: "Student", cell: (s) => s.user.name },
            { header: "Problem", cell: (s) => s.problem?.title },
            { header: "Language", cell: (s) => <span className="muted">{s.language}</span> },
            {
              header: "Verdict",
              cell: (s) =>
                s.verdict ? (
                  <span className={`badge ${s.verdict === "AC" ? "badge-ok" : "badge-bad"}`}>{VERDICT_LABELS[s.verdict].label}</span>
                ) : (
                  <span className="badge badge-pending">{s.status.toLowerCase()}</span>
                ),
            },
          ]}
        />
      )}
    </section>
  );
}
