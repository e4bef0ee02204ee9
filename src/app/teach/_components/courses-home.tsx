"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { formatJoinCode } from "@/lib/join-code";
import { api } from "@/trpc/react";
import { ErrorNote } from "./ui";
import { DataTable } from "@/components/data-table";

export function CoursesHome() {
  const router = useRouter();
  const courses = api.teach.course.list.useQuery();
  const create = api.teach.course.create.useMutation({ onSuccess: (c) => router.push(`/teach/courses/${c.id}`) });
  const [title, setTitle] = useState("");
  const [showArchived, setShowArchived] = useState(false);
  const list = (courses.data ?? []).filter((c) => showArchived || !c.archivedAt);
  const archivedCount = (courses.data ?? []).filter((c) => c.archivedAt).length;

  return (
    <div className="page">
      <div className="teach-head">
        <h1>Your courses</h1>
      </div>
      <form
        className="card teach-inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate({ title });
        }}
      >
        <label htmlFor="new-course-title">New course</label>
        <input
          id="new-course-title"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          placeholder="e.g. Algorithms, autumn 2026"
          maxLength={200}
          aria-invalid={Boolean(create.error)}
        />
        <button className="button" disabled={create.isPending}>
          Create course
        </button>
        <ErrorNote error={create.error} field="title" />
      </form>

      {courses.isLoading ? (
        <p className="muted">Loading…</p>
      ) : courses.error ? (
        <ErrorNote error={courses.error} />
      ) : list.length === 0 ? (
        <p className="muted">No courses yet. Create one above; students join it with its code.</p>
      ) : (
        <DataTable
          rows={list}
          rowKey={(c) => c.id}
          columns={[
            {
              header: "Course",
              cell: (c) => (
                <>
                  <Link href={`/teach/courses/${c.id}`}>{c.title}</Link>
                  {c.archivedAt && <span className="badge badge-neutral teach-badge-gap">Archived</span>}
                </>
              ),
            },
            { header: "Join code", cell: (c) => <code>{formatJoinCode(c.joinCode)}</code> },
            { header: "Students", cell: (c) => c.students },
            { header: "Problem sets", cell: (c) => c.problemSets },
            { header: "Role", cell: (c) => <span className="muted">{c.isOwner ? "Owner" : `Co-teacher (owner ${c.owner.name})`}</span> },
          ]}
        />
      )}
      {archivedCount > 0 && (
        <p>
          <button type="button" className="link-button" onClick={() => setShowArchived((v) => !v)}>
            {showArchived ? "Hide archived courses" : `Show archived courses (${archivedCount})`}
          </button>
        </p>
      )}
    </div>
  );
}
