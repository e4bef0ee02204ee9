"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Options } from "@/components/options";

export interface AttemptChoice {
  id: string;
  label: string;
}

/** Pick any two of the student's attempts: opens the newer one with the diff against the other. */
export function ComparePicker({ attempts, fromId, toId }: { attempts: AttemptChoice[]; fromId: string | null; toId: string }) {
  const router = useRouter();
  const [from, setFrom] = useState(fromId ?? attempts[0]?.id ?? "");
  const [to, setTo] = useState(toId);
  if (attempts.length < 2) return null;
  return (
    <form
      className="filters review-compare"
      aria-label="Compare two attempts"
      onSubmit={(e) => {
        e.preventDefault();
        router.push(`/teach/submissions/${encodeURIComponent(to)}?against=${encodeURIComponent(from)}#diff`);
      }}
    >
      {(
        [
          ["Compare", from, setFrom],
          ["with", to, setTo],
        ] as const
      ).map(([label, value, set]) => (
        <label key={label}>
          {label}
          <select value={value} onChange={(e) => set(e.target.value)}>
            <Options options={attempts.map((a) => ({ value: a.id, label: a.label }))} />
          </select>
        </label>
      ))}
      <div className="filters-actions">
        <button type="submit" className="button button-secondary">
          Show diff
        </button>
      </div>
    </form>
  );
}
