"use client";

import { useId, useState } from "react";
import { api } from "@/trpc/react";
import { DataTable } from "@/components/data-table";

const SCOPES = [
  { id: "READ", label: "Read", hint: "languages, problems, your submissions" },
  { id: "SUBMIT", label: "Submit", hint: "submissions and code executions (Piston, Judge0)" },
] as const;

type Scope = (typeof SCOPES)[number]["id"];

const formatDate = (date: Date | string | null) =>
  date ? new Date(date).toLocaleString("en", { dateStyle: "medium", timeStyle: "short" }) : "Never";

/** Create, list and revoke personal API tokens; a new token's secret is shown once. */
export function ApiTokensManager() {
  const utils = api.useUtils();
  const tokens = api.apiToken.list.useQuery();
  const create = api.apiToken.create.useMutation({ onSuccess: () => utils.apiToken.list.invalidate() });
  const revoke = api.apiToken.revoke.useMutation({ onSuccess: () => utils.apiToken.list.invalidate() });
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const nameId = useId();

  async function onCreate(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const scopes = form.getAll("scope").map(String) as Scope[];
    setError(null);
    setCopied(false);
    try {
      const result = await create.mutateAsync({ name: String(form.get("name") ?? ""), scopes });
      setCreated({ name: result.token.name, secret: result.secret });
      formElement.reset();
    } catch (e) {
      const data = (e as { data?: { fieldErrors?: Record<string, string[] | undefined> | null } }).data;
      const first = Object.values(data?.fieldErrors ?? {}).find((m) => m?.length)?.[0];
      setError(first ?? (e as Error).message);
    }
  }

  async function onRevoke(id: string, name: string) {
    if (!window.confirm(`Revoke the token "${name}"? Programs using it will stop working.`)) return;
    setError(null);
    try {
      await revoke.mutateAsync({ id });
    } catch (e) {
      setError((e as Error).message);
    }
  }

  async function copy() {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created.secret);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }

  return (
    <div className="api-tokens">
      <form className="card api-token-form" onSubmit={onCreate} noValidate>
        <h2>New token</h2>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <label htmlFor={nameId}>Name</label>
        <input id={nameId} name="name" required maxLength={64} placeholder="e.g. Moodle plugin, grading script" autoComplete="off" />
        <fieldset className="api-token-scopes">
          <legend>Scopes</legend>
          {SCOPES.map((s) => (
            <label key={s.id} className="checkbox">
              <input type="checkbox" name="scope" value={s.id} defaultChecked />
              <span>
                {s.label} <span className="muted small">({s.hint})</span>
              </span>
            </label>
          ))}
        </fieldset>
        <button type="submit" className="button" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create token"}
        </button>
      </form>

      {created && (
        <div className="card api-token-secret" role="status">
          <p>
            <strong>Token &ldquo;{created.name}&rdquo; created.</strong> Copy it now: it will not be shown again.
          </p>
          <div className="api-token-secret-row">
            <code data-testid="new-token">{created.secret}</code>
            <button type="button" className="button button-secondary button-small" onClick={copy}>
              {copied ? "Copied" : "Copy"}
            </button>
          </div>
        </div>
      )}

      <h2>Your tokens</h2>
      {tokens.isLoading ? (
        <p className="muted">Loading…</p>
      ) : tokens.error ? (
        <p className="form-error" role="alert">
          {tokens.error.message}
        </p>
      ) : tokens.data && tokens.data.length > 0 ? (
        <DataTable
          rows={tokens.data}
          rowKey={(t) => t.id}
          columns={[
            { header: "Name", cell: (t) => t.name },
            { header: "Token", cell: (t) => <code>{t.prefix}…</code> },
            { header: "Scopes", cell: (t) => t.scopes.map((s) => s.toLowerCase()).join(", ") },
            { header: "Created", className: "api-token-created", cell: (t) => formatDate(t.createdAt) },
            { header: "Last used", cell: (t) => formatDate(t.lastUsedAt) },
            {
              header: "Actions",
              hiddenHeader: true,
              cell: (t) => (
                <button
                  type="button"
                  className="button button-secondary button-small"
                  onClick={() => onRevoke(t.id, t.name)}
                  disabled={revoke.isPending}
                  aria-label={`Revoke ${t.name}`}
                >
                  Revoke
                </button>
              ),
            },
          ]}
        />
      ) : (
        <p className="muted">No tokens yet.</p>
      )}
    </div>
  );
}
