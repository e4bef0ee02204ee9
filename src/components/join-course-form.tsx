"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { api } from "@/trpc/react";

/** Join a course by its code: any case, with or without the dash (the server normalises it). */
export function JoinCourseForm() {
  const router = useRouter();
  const inputRef = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [joined, setJoined] = useState<{ id: string; title: string } | null>(null);
  const join = api.course.join.useMutation();

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const code = String(new FormData(form).get("joinCode") ?? "").trim();
    setJoined(null);
    if (!code) {
      setError("Please enter the course's join code.");
      inputRef.current?.focus();
      return;
    }
    setError(null);
    try {
      const course = await join.mutateAsync({ joinCode: code });
      setJoined(course);
      form.reset();
      router.refresh();
    } catch (e) {
      const data = (e as { data?: { fieldErrors?: Record<string, string[] | undefined> | null } }).data;
      setError(data?.fieldErrors?.joinCode?.[0] ?? (e as Error).message);
      inputRef.current?.focus();
    }
  }

  return (
    <>
      <form className="join-form card" onSubmit={onSubmit} noValidate aria-labelledby="join-title">
        <h2 id="join-title">Join a course</h2>
        <label htmlFor="joinCode">Join code</label>
        <div className="join-row">
          <input
            ref={inputRef}
            id="joinCode"
            name="joinCode"
            autoComplete="off"
            spellCheck={false}
            placeholder="ABCD-2345"
            maxLength={32}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "joinCode-error" : "joinCode-hint"}
          />
          <button type="submit" className="button" disabled={join.isPending}>
            {join.isPending ? "Joining…" : "Join course"}
          </button>
        </div>
        {error ? (
          <span className="field-error" id="joinCode-error" role="alert">
            {error}
          </span>
        ) : (
          <span className="muted small" id="joinCode-hint">
            From your teacher; any case, dash optional.
          </span>
        )}
      </form>
      {joined && (
        <p className="form-success" role="status">
          You joined <Link href={`/courses/${joined.id}`}>{joined.title}</Link>.
        </p>
      )}
    </>
  );
}
