"use client";

import Link from "next/link";
import { formatMemory, formatTime, outcomeLabel, outcomeTone } from "@/lib/verdict";
import { api } from "@/trpc/react";

const when = (d: Date) => d.toLocaleString("en", { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

/** The student's own submissions to this problem (Runs excluded), each loadable into the editor. */
export function PastAttempts(props: {
  problemSlug: string;
  languages: { id: string; name: string }[];
  onLoad: (submissionId: string) => void | Promise<void>;
}) {
  const query = api.submission.mine.useQuery({ problemSlug: props.problemSlug, kind: "SUBMIT", limit: 10 });
  const items = query.data?.items ?? [];
  const languageName = (id: string) => props.languages.find((l) => l.id === id)?.name ?? id;
  return (
    <section className="past-attempts" aria-labelledby="past-attempts-title">
      <h2 id="past-attempts-title">Your submissions</h2>
      {query.isLoading ? (
        <p className="muted small">Loading…</p>
      ) : items.length === 0 ? (
        <p className="muted small">None yet. Your submissions to this problem will be listed here.</p>
      ) : (
        <div className="table-wrap">
          <table className="table table-compact" data-testid="past-attempts">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Verdict</th>
                <th scope="col">Language</th>
                <th scope="col">Time</th>
                <th scope="col">Memory</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((s) => (
                <tr key={s.id}>
                  <td>
                    <Link href={`/submissions/${s.id}`}>{when(s.createdAt)}</Link>
                  </td>
                  <td>
                    <span className={`badge badge-${outcomeTone(s)}`}>{outcomeLabel(s)}</span>
                  </td>
                  <td>{languageName(s.language)}</td>
                  <td>{s.verdict === "CE" ? "–" : formatTime(s.maxCpuMs)}</td>
                  <td>{s.verdict === "CE" ? "–" : formatMemory(s.maxPeakKb)}</td>
                  <td>
                    <button type="button" className="link-button" onClick={() => void props.onLoad(s.id)}>
                      Load this code<span className="visually-hidden"> ({when(s.createdAt)})</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
