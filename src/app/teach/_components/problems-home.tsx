"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { formatSeconds } from "@/lib/format";
import { api } from "@/trpc/react";
import { ErrorNote, errorText, formatLocal } from "./ui";
import { DataTable } from "@/components/data-table";

const VISIBILITY_TEXT = { HIDDEN: "Draft", COURSE: "Course only", PUBLIC: "Public" } as const;

/** A slug from a title: "Sum of Two" → "sum-of-two". */
const slugify = (title: string) =>
  title
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 64);

export function ProblemsHome() {
  const router = useRouter();
  const problems = api.teach.problem.list.useQuery();
  const create = api.problem.create.useMutation({ onSuccess: (p) => router.push(`/teach/problems/${p.slug}`) });
  const [title, setTitle] = useState("");
  const [slug, setSlug] = useState("");
  const [slugEdited, setSlugEdited] = useState(false);

  return (
    <div className="page">
      <h1>Your problems</h1>
      <form
        className="card teach-grid-form"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate({ title, slug: slug || slugify(title), statement: "" });
        }}
      >
        <h2 className="teach-form-title">New problem</h2>
        <label>
          Title
          <input
            value={title}
            onChange={(e) => {
              setTitle(e.target.value);
              if (!slugEdited) setSlug(slugify(e.target.value));
            }}
            required
            maxLength={200}
            aria-invalid={Boolean(errorText(create.error, "title") && create.error?.data?.fieldErrors?.title)}
          />
        </label>
        <label>
          Slug <span className="muted">(the address: /problems/slug)</span>
          <input
            value={slug}
            onChange={(e) => {
              setSlug(e.target.value);
              setSlugEdited(true);
            }}
            required
            maxLength={64}
            aria-invalid={Boolean(create.error?.data?.fieldErrors?.slug)}
          />
        </label>
        <div>
          <button className="button" disabled={create.isPending}>
            Create draft
          </button>
        </div>
        <ErrorNote error={create.error} />
      </form>

      <ImportForm onImported={(imported) => router.push(`/teach/problems/${imported}`)} />

      {problems.isLoading ? (
        <p className="muted">Loading…</p>
      ) : (problems.data ?? []).length === 0 ? (
        <p className="muted">You have not written a problem yet.</p>
      ) : (
        <DataTable
          rows={problems.data!}
          rowKey={(p) => p.id}
          columns={[
            {
              header: "Title",
              cell: (p) => (
                <>
                  <Link href={`/teach/problems/${p.slug}`}>{p.title}</Link> <span className="muted small">{p.slug}</span>
                </>
              ),
            },
            { header: "Visibility", cell: (p) => VISIBILITY_TEXT[p.visibility] },
            {
              header: "Limits",
              cell: (p) => (
                <span className="muted">
                  {formatSeconds(p.timeLimitMs)} · {p.memoryLimitMb} MiB
                </span>
              ),
            },
            { header: "Tests", cell: (p) => p._count.tests },
            { header: "Reference solutions", cell: (p) => p._count.references },
            { header: "Edited", cell: (p) => <span className="muted">{formatLocal(p.updatedAt)}</span> },
          ]}
        />
      )}
    </div>
  );
}

/** A folder's files as the import route reads them: a `path` field before each `file`. */
function folderForm(files: FileList): FormData {
  const form = new FormData();
  for (const file of Array.from(files)) {
    form.append("path", file.webkitRelativePath || file.name);
    form.append("file", file);
  }
  return form;
}

/** Chromium, Firefox and Safari all pick folders with this (non-standard) attribute. */
const PICK_FOLDER = { webkitdirectory: "", directory: "" } as Record<string, string>;

/** Upload a Kattis package (zip or folder); the server checks it and says which file is wrong. */
function ImportForm({ onImported }: { onImported: (slug: string) => void }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  async function upload(chosen: File | FileList, replace: boolean) {
    setError(null);
    setPending(true);
    try {
      const response = await fetch(`/teach/import${replace ? "?replace=1" : ""}`, {
        method: "POST",
        // A folder goes as form data (the browser sets the multipart boundary), a zip as the raw body.
        ...(chosen instanceof File
          ? { body: chosen, headers: { "content-type": "application/zip", "x-file-name": chosen.name } }
          : { body: folderForm(chosen) }),
      });
      const body = (await response.json().catch(() => ({ error: `Upload failed (HTTP ${response.status}).` }))) as {
        slug?: string;
        error?: string;
      };
      if (!response.ok || !body.slug) setError(body.error ?? `Upload failed (HTTP ${response.status}).`);
      else onImported(body.slug);
    } finally {
      setPending(false);
    }
  }
  return (
    <form className="card teach-inline-form" onSubmit={(e) => e.preventDefault()}>
      <label htmlFor="import-zip">Import a Kattis package (.zip)</label>
      <input
        id="import-zip"
        type="file"
        accept=".zip,application/zip"
        disabled={pending}
        onChange={(e) => {
          const file = e.target.files?.[0];
          const replace = (e.currentTarget.form?.elements.namedItem("replace") as HTMLInputElement | null)?.checked ?? false;
          e.target.value = "";
          if (file) void upload(file, replace);
        }}
      />
      <label htmlFor="import-folder">or a package folder</label>
      <input
        id="import-folder"
        type="file"
        multiple
        {...PICK_FOLDER}
        disabled={pending}
        onChange={(e) => {
          const files = e.target.files;
          const replace = (e.currentTarget.form?.elements.namedItem("replace") as HTMLInputElement | null)?.checked ?? false;
          if (files && files.length > 0) void upload(files, replace).finally(() => (e.target.value = ""));
        }}
      />
      <label className="teach-check">
        <input type="checkbox" name="replace" /> Replace my problem with the same slug
      </label>
      {pending && <span className="muted">Importing…</span>}
      <ErrorNote error={error} />
    </form>
  );
}
