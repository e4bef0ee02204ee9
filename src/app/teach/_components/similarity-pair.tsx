"use client";

import Link from "next/link";
import { useMemo, useState } from "react";
import { getLanguage } from "@/judge/languages";
import { formatSimilarity, highlightLines, type HighlightRegion } from "@/lib/similarity-highlight";
import { VERDICT_LABELS } from "@/judge/verdicts";
import { api, type RouterOutputs } from "@/trpc/react";
import { ErrorNote, formatLocal } from "./ui";

type Pair = RouterOutputs["similarity"]["pair"];
type Side = Pair["leftSubmission"];

/** Two submissions side by side, the fragments they share highlighted; a fragment can be picked. */
export function SimilarityPairView({ pairId, backHref }: { pairId: string; backHref: string }) {
  const pair = api.similarity.pair.useQuery({ pairId });
  const [selected, setSelected] = useState<number | null>(null);
  if (pair.isLoading) return <p className="muted">Loading…</p>;
  if (pair.error || !pair.data) return <ErrorNote error={pair.error ?? new Error("Pair not found.")} />;
  const p = pair.data;
  const pick = (index: number) => {
    setSelected(index);
    // Scroll each code box (not the page) so the fragment's first line sits near its top.
    for (const side of ["left", "right"]) {
      const mark = document.getElementById(`fragment-${side}-${index}`);
      const box = mark?.closest("pre");
      if (mark && box) box.scrollTo({ top: Math.max(0, mark.offsetTop - 48), behavior: "smooth" });
    }
  };
  return (
    <section aria-labelledby="pair-heading" className="similarity-pair">
      <div className="teach-head">
        <h2 id="pair-heading" className="teach-form-title">
          {p.leftSubmission.user.name} & {p.rightSubmission.user.name}: {formatSimilarity(p.similarity)} similar
        </h2>
        <Link href={backHref} className="button button-secondary button-compact">
          Back to the report
        </Link>
      </div>
      <p className="muted small">
        {getLanguage(p.language)?.name ?? p.language} · longest shared fragment {p.longest} k-grams · overlap {p.overlap} k-grams ·{" "}
        {p.fragments.length} shared fragment{p.fragments.length === 1 ? "" : "s"}. Pick a fragment to find it on both sides.
      </p>
      {p.fragments.length > 0 && (
        <ol className="similarity-fragments" aria-label="Shared fragments">
          {p.fragments.map((f, i) => (
            <li key={i}>
              <button type="button" aria-pressed={selected === i} onClick={() => pick(i)}>
                lines {f.left.startRow + 1}–{f.left.endRow + 1} ↔ {f.right.startRow + 1}–{f.right.endRow + 1}
                <span className="muted"> ({f.kgrams})</span>
              </button>
            </li>
          ))}
        </ol>
      )}
      <div className="columns similarity-sides">
        <CodeSide side={p.leftSubmission} name="left" regions={p.fragments.map((f) => f.left)} selected={selected} onPick={pick} />
        <CodeSide side={p.rightSubmission} name="right" regions={p.fragments.map((f) => f.right)} selected={selected} onPick={pick} />
      </div>
    </section>
  );
}

function CodeSide({
  side,
  name,
  regions,
  selected,
  onPick,
}: {
  side: Side;
  name: "left" | "right";
  regions: HighlightRegion[];
  selected: number | null;
  onPick: (index: number) => void;
}) {
  const lines = useMemo(() => highlightLines(side.source, regions), [side.source, regions]);
  // The first segment of each fragment carries the id that the fragment list scrolls to.
  const anchored = new Set<number>();
  return (
    <div className="similarity-side">
      <p className="similarity-side-head">
        <Link href={`/teach/submissions/${side.id}`}>{side.user.name}</Link>{" "}
        <span className="muted small">
          {formatLocal(side.createdAt)}
          {side.verdict && ` · ${VERDICT_LABELS[side.verdict].label}`}
        </span>
      </p>
      <pre className="similarity-code" data-testid={`similarity-code-${name}`}>
        {lines.map((segments, row) => (
          <span key={row} className="similarity-line">
            <span className="similarity-lineno" aria-hidden>
              {row + 1}
            </span>
            {segments.map((s, i) => {
              if (s.fragment === null) return <span key={i}>{s.text}</span>;
              const first = !anchored.has(s.fragment);
              anchored.add(s.fragment);
              const index = s.fragment;
              return (
                <mark
                  key={i}
                  id={first ? `fragment-${name}-${index}` : undefined}
                  className={selected === index ? "similarity-mark similarity-mark-selected" : "similarity-mark"}
                  data-fragment={index}
                  onClick={() => onPick(index)}
                >
                  {s.text}
                </mark>
              );
            })}
            {"\n"}
          </span>
        ))}
      </pre>
    </div>
  );
}
