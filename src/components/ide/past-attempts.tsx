"use client";

import Link from "next/link";
import { formatMemory, formatTime, outcomeLabel, outcomeTone } from "@/lib/verdict";
import { api } from "@/trpc/react";
import { DataTable } from "@/components/data-table";

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
        <DataTable
          compact
          testId="past-attempts"
          rows={items}
          rowKey={(s) => s.id}
          columns={[
            { header: "When", cell: (s) => <Link href={`/submissions/${s.id}`}>{when(s.createdAt)}</Link> },
            { header: "Verdict", cell: (s) => <span className={`badge badge-${outcomeTone(s)}`}>{outcomeLabel(s)}</span> },
            { header: "Language", cell: (s) => languageName(s.language) },
            { header: "Time", cell: (s) => (s.verdict === "CE" ? "–" : formatTime(s.maxCpuMs)) },
            { header: "Memory", cell: (s) => (s.verdict === "CE" ? "–" : formatMemory(s.maxPeakKb)) },
            {
              header: "Actions",
              hiddenHeader: true,
              cell: (s) => (
                <button type="button" className="link-button" onClick={() => void props.onLoad(s.id)}>
                  Load this code<span className="visually-hidden"> ({when(s.createdAt)})</span>
                </button>
              ),
            },
          ]}
        />
      )}
    </section>
  );
}
