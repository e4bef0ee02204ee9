"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { api } from "@/trpc/react";
import { useHydrated } from "@/lib/use-hydrated";

type FieldErrors<F extends string> = Partial<Record<F, string>>;

/** Field messages from a tRPC error (zod or AppError), else null. */
function fieldErrorsOf(error: unknown): Record<string, string[] | undefined> {
  return (error as { data?: { fieldErrors?: Record<string, string[] | undefined> | null } }).data?.fieldErrors ?? {};
}

function FieldError({ id, message }: { id: string; message?: string }) {
  return message ? (
    <span className="field-error" id={id}>
      {message}
    </span>
  ) : null;
}

export function ProfileNameForm({ name }: { name: string }) {
  const router = useRouter();
  const inputRef = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const update = api.user.updateName.useMutation();

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    setError(null);
    const value = String(new FormData(event.currentTarget).get("name") ?? "");
    try {
      await update.mutateAsync({ name: value });
      setSaved(true);
      router.refresh(); // the header shows the new name
    } catch (e) {
      setError(fieldErrorsOf(e).name?.[0] ?? (e as Error).message);
      inputRef.current?.focus();
    }
  }

  return (
    <form className="form card" onSubmit={onSubmit} noValidate aria-labelledby="name-form-title">
      <h2 id="name-form-title">Name</h2>
      <label>
        Display name
        <input
          ref={inputRef}
          name="name"
          defaultValue={name}
          autoComplete="name"
          maxLength={100}
          required
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "name-error" : undefined}
        />
        <FieldError id="name-error" message={error ?? undefined} />
      </label>
      {saved && (
        <p className="form-success" role="status">
          Name saved.
        </p>
      )}
      <button type="submit" className="button" disabled={update.isPending}>
        {update.isPending ? "Saving…" : "Save name"}
      </button>
    </form>
  );
}

const PASSWORD_FIELDS = ["currentPassword", "newPassword", "confirmPassword"] as const;
type PasswordField = (typeof PASSWORD_FIELDS)[number];

export function ChangePasswordForm({ hasPassword }: { hasPassword: boolean }) {
  const refs = useRef<Partial<Record<PasswordField, HTMLInputElement | null>>>({});
  const [errors, setErrors] = useState<FieldErrors<PasswordField>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const change = api.user.changePassword.useMutation();
  const hydrated = useHydrated();

  function showErrors(next: FieldErrors<PasswordField>) {
    setErrors(next);
    const first = PASSWORD_FIELDS.find((f) => next[f]);
    if (first) refs.current[first]?.focus();
  }

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const input = Object.fromEntries(PASSWORD_FIELDS.map((f) => [f, String(data.get(f) ?? "")])) as Record<PasswordField, string>;
    setDone(false);
    setFormError(null);
    const local: FieldErrors<PasswordField> = {};
    if (!input.currentPassword) local.currentPassword = "Please enter your current password.";
    if (input.newPassword.length < 8) local.newPassword = "Password must be at least 8 characters.";
    if (input.confirmPassword !== input.newPassword) local.confirmPassword = "The two new passwords do not match.";
    if (Object.keys(local).length > 0) return showErrors(local);
    try {
      await change.mutateAsync(input);
      setErrors({});
      setDone(true);
      form.reset();
    } catch (e) {
      const fields = fieldErrorsOf(e);
      const mapped: FieldErrors<PasswordField> = {};
      for (const f of PASSWORD_FIELDS) if (fields[f]?.[0]) mapped[f] = fields[f][0];
      if (Object.keys(mapped).length === 0) setFormError((e as Error).message);
      showErrors(mapped);
    }
  }

  if (!hasPassword) {
    return (
      <section className="form card" aria-labelledby="password-form-title">
        <h2 id="password-form-title">Password</h2>
        <p className="muted">You sign in with GitHub, so this account has no password to change.</p>
      </section>
    );
  }

  // The hint and the error sit outside the <label>, so the field's name stays just its label.
  const field = (name: PasswordField, label: string, autoComplete: string, hint?: string) => (
    <div className="field">
      <label htmlFor={`password-${name}`}>{label}</label>
      <input
        ref={(el) => {
          refs.current[name] = el;
        }}
        id={`password-${name}`}
        name={name}
        type="password"
        autoComplete={autoComplete}
        required
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={[hint ? `${name}-hint` : "", errors[name] ? `${name}-error` : ""].filter(Boolean).join(" ") || undefined}
      />
      {hint && (
        <span className="muted small" id={`${name}-hint`}>
          {hint}
        </span>
      )}
      <FieldError id={`${name}-error`} message={errors[name]} />
    </div>
  );

  return (
    <form className="form card" method="post" onSubmit={onSubmit} noValidate aria-labelledby="password-form-title">
      <h2 id="password-form-title">Change password</h2>
      {formError && (
        <p className="form-error" role="alert">
          {formError}
        </p>
      )}
      {field("currentPassword", "Current password", "current-password")}
      {field("newPassword", "New password", "new-password", "At least 8 characters.")}
      {field("confirmPassword", "Repeat the new password", "new-password")}
      {done && (
        <p className="form-success" role="status">
          Password changed.
        </p>
      )}
      <button type="submit" className="button" disabled={change.isPending || !hydrated}>
        {change.isPending ? "Changing…" : "Change password"}
      </button>
    </form>
  );
}
