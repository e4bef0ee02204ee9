import { TRPCError } from "@trpc/server";
import Link from "next/link";
import { orNotFound } from "@/app/_lib/not-found";
import "../insights.css";

/**
 * A server-side insights call for a page: "no such thing" is the 404 page; a refusal
 * (another teacher's course or problem) is its message, shown in place of the page.
 */
export async function orRefusal<T>(call: Promise<T>): Promise<{ data: T } | { refused: string }> {
  try {
    return { data: await orNotFound(call) };
  } catch (error) {
    if (error instanceof TRPCError && error.code === "FORBIDDEN") return { refused: error.message };
    throw error;
  }
}

export function Refusal({ message, back }: { message: string; back: { href: string; label: string } }) {
  return (
    <div className="page">
      <h1>Not available</h1>
      <p className="form-error" role="alert">
        {message}
      </p>
      <p>
        <Link href={back.href}>{back.label}</Link>
      </p>
    </div>
  );
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "1 Mar 10:10" in UTC: short enough for a matrix cell, the same on server and browser. */
export function formatShortUtc(date: Date): string {
  const hh = String(date.getUTCHours()).padStart(2, "0");
  const mm = String(date.getUTCMinutes()).padStart(2, "0");
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${hh}:${mm}`;
}
