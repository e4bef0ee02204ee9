"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState } from "react";
import { api } from "@/trpc/react";
import { fieldErrorsOf } from "@/lib/field-errors";
import { useHydrated } from "@/lib/use-hydrated";

type Field = "name" | "email" | "password";

export function SignUpForm() {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<Field, string>>>({});
  const signUp = api.auth.signUp.useMutation();
  const [signingIn, setSigningIn] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = {
      name: String(form.get("name") ?? ""),
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
    };
    setFormError(null);
    setFieldErrors({});
    try {
      await signUp.mutateAsync(input);
    } catch (error) {
      const fields = fieldErrorsOf(error);
      const mapped: Partial<Record<Field, string>> = {};
      for (const key of ["name", "email", "password"] as const) if (fields[key]) mapped[key] = fields[key];
      setFieldErrors(mapped);
      if (Object.keys(mapped).length === 0) setFormError((error as Error).message);
      return;
    }
    setSigningIn(true);
    const result = await signIn("credentials", { email: input.email, password: input.password, redirect: false });
    if (!result || result.error) {
      setSigningIn(false);
      setFormError("Your account was created, but signing in failed. Please sign in.");
      return;
    }
    router.replace("/problems");
    router.refresh();
  }

  const pending = signUp.isPending || signingIn;
  const hydrated = useHydrated();
  const fieldError = (field: Field) =>
    fieldErrors[field] ? (
      <span className="field-error" id={`${field}-error`}>
        {fieldErrors[field]}
      </span>
    ) : null;

  return (
    <form className="form card" method="post" onSubmit={onSubmit} noValidate>
      <h1>Create an account</h1>
      {formError && (
        <p className="form-error" role="alert">
          {formError}
        </p>
      )}
      <label>
        Name
        <input name="name" autoComplete="name" required maxLength={100} aria-invalid={Boolean(fieldErrors.name)} />
        {fieldError("name")}
      </label>
      <label>
        Email
        <input name="email" type="email" autoComplete="email" required aria-invalid={Boolean(fieldErrors.email)} />
        {fieldError("email")}
      </label>
      <label>
        Password <span className="muted">(at least 8 characters)</span>
        <input
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
          aria-invalid={Boolean(fieldErrors.password)}
        />
        {fieldError("password")}
      </label>
      <button type="submit" className="button" disabled={pending || !hydrated}>
        {pending ? "Creating your account…" : "Sign up"}
      </button>
      <p className="muted">
        Already have an account? <Link href="/signin">Sign in</Link>
      </p>
    </form>
  );
}
