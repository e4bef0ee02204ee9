"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState } from "react";
import { signInErrorMessage } from "@/lib/sign-in-error";
import { useHydrated } from "@/lib/use-hydrated";

export function SignInForm({
  callbackPath,
  gitHubEnabled,
  initialError = null,
}: {
  callbackPath: string;
  gitHubEnabled: boolean;
  /** An error code from a redirect back here (GitHub sign-in refused, next-auth OAuth errors). */
  initialError?: string | null;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(initialError ? signInErrorMessage(initialError) : null);
  const [pending, setPending] = useState(false);
  const hydrated = useHydrated();

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    if (!result || result.error) {
      setPending(false);
      setError(signInErrorMessage(result ? result.error : "CredentialsSignin"));
      return;
    }
    router.replace(callbackPath);
    router.refresh();
  }

  return (
    <form className="form card" method="post" onSubmit={onSubmit} noValidate>
      <h1>Sign in</h1>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <label>
        Email
        <input name="email" type="email" autoComplete="email" required />
      </label>
      <label>
        Password
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      <button type="submit" className="button" disabled={pending || !hydrated}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
      {gitHubEnabled && (
        <button type="button" className="button button-secondary" onClick={() => void signIn("github", { callbackUrl: callbackPath })}>
          Sign in with GitHub
        </button>
      )}
      <p className="muted">
        New here? <Link href="/signup">Create an account</Link>
      </p>
    </form>
  );
}
