"use client";

import { useState, type FormEvent } from "react";
import { fieldErrorsOf } from "@/lib/field-errors";

/** The message of a failed call for a form: the field's own message if there is one (a string is the message). */
export function errorText(error: unknown, field?: string): string | null {
  if (!error) return null;
  if (typeof error === "string") return error;
  const fields = fieldErrorsOf(error);
  return (field && fields[field]) || (error as Error).message || "Something went wrong.";
}

/** A form's submit handler that keeps the page where it is and hands over the form's fields. */
export function withFormData(handle: (fields: FormData) => void) {
  return (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    handle(new FormData(e.currentTarget));
  };
}

export function ErrorNote({ error, field }: { error: unknown; field?: string }) {
  const text = errorText(error, field);
  return text ? (
    <p className="form-error teach-error" role="alert">
      {text}
    </p>
  ) : null;
}

/** Copies text to the clipboard and says so for a moment. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="button button-secondary button-compact"
      onClick={async () => {
        await navigator.clipboard?.writeText(text).catch(() => undefined);
        setCopied(true);
        setTimeout(() => setCopied(false), 1500);
      }}
    >
      {copied ? "Copied" : label}
      <span className="visually-hidden" aria-live="polite">
        {copied ? `${label}: copied` : ""}
      </span>
    </button>
  );
}

/** `Date` → value of an `<input type="datetime-local">` in the browser's time zone. */
export function toLocalInput(date: Date | null | undefined): string {
  if (!date) return "";
  const d = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
}

export const fromLocalInput = (value: string): Date | null => (value ? new Date(value) : null);

/** "Mon 30 Nov, 14:00" in the viewer's own time zone (client only). */
export function formatLocal(date: Date | null | undefined): string {
  if (!date) return "—";
  return date.toLocaleString("en-GB", { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });
}
