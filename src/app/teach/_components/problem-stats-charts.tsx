"use client";

import { Bar, BarChart, CartesianGrid, Cell, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { VERDICT_LABELS, type Verdict } from "@/judge/verdicts";
import { Distribution } from "@/components/ide/accepted-stats";
import { formatMemory, formatTime } from "@/lib/verdict";
import type { RouterOutputs } from "@/trpc/react";

type Stats = RouterOutputs["insights"]["problemStats"];
type VerdictKey = Verdict | "PENDING";

const AXIS_TICK = { fontSize: 12, fill: "var(--muted)" };
const TOOLTIP = {
  cursor: { fill: "var(--panel-2)" },
  contentStyle: { background: "var(--panel)", border: "1px solid var(--border)", color: "var(--text)" },
  itemStyle: { color: "var(--text)" },
};

const verdictName = (v: VerdictKey) => (v === "PENDING" ? "Not judged yet" : VERDICT_LABELS[v].label);
const verdictColor = (v: VerdictKey) => (v === "PENDING" ? "var(--muted)" : VERDICT_LABELS[v].color);

function ChartBox({ height, children }: { height: number; children: React.ReactElement }) {
  return (
    <div style={{ width: "100%", height }}>
      <ResponsiveContainer>{children}</ResponsiveContainer>
    </div>
  );
}

/** Verdicts of every counted submission: a bar per verdict, and the same numbers as text. */
export function VerdictChart({ verdicts }: { verdicts: Stats["verdicts"] }) {
  const data = verdicts.map((v) => ({
    key: v.verdict,
    name: v.verdict === "PENDING" ? "…" : v.verdict,
    label: verdictName(v.verdict),
    count: v.count,
  }));
  return (
    <figure className="card ps-chart" data-testid="verdict-chart">
      <figcaption>Verdicts</figcaption>
      <ChartBox height={200}>
        <BarChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid vertical={false} stroke="var(--border)" />
          <XAxis dataKey="name" tick={AXIS_TICK} />
          <YAxis allowDecimals={false} tick={AXIS_TICK} />
          <Tooltip
            {...TOOLTIP}
            labelFormatter={(_, p) => String(p?.[0]?.payload?.label ?? "")}
            formatter={(value) => [value, "submissions"]}
          />
          <Bar dataKey="count" isAnimationActive={false}>
            {data.map((d) => (
              <Cell key={d.key} fill={verdictColor(d.key)} />
            ))}
          </Bar>
        </BarChart>
      </ChartBox>
      <ul className="ps-verdicts">
        {data.map((d) => (
          <li key={d.key}>
            <span className="ps-swatch" style={{ background: verdictColor(d.key) }} aria-hidden="true" />
            {d.label}: <strong>{d.count}</strong>
          </li>
        ))}
      </ul>
    </figure>
  );
}

/** How many submissions students needed until their first Accepted. */
export function AttemptsChart({ data, median }: { data: Stats["attemptsToAc"]; median: number | null }) {
  return (
    <figure className="card ps-chart" data-testid="attempts-chart">
      <figcaption>
        Submissions until the first Accepted{" "}
        <span className="ps-note">(median {median == null ? "–" : median.toLocaleString("en", { maximumFractionDigits: 1 })})</span>
      </figcaption>
      {data.length === 0 ? (
        <p className="muted">Nobody has solved it yet.</p>
      ) : (
        <ChartBox height={200}>
          <BarChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: -16 }}>
            <CartesianGrid vertical={false} stroke="var(--border)" />
            <XAxis dataKey="attempts" tick={AXIS_TICK} />
            <YAxis allowDecimals={false} tick={AXIS_TICK} />
            <Tooltip {...TOOLTIP} labelFormatter={(label) => `${label} submission(s)`} formatter={(value) => [value, "students"]} />
            <Bar dataKey="students" fill="var(--accent)" isAnimationActive={false} />
          </BarChart>
        </ChartBox>
      )}
    </figure>
  );
}

/** Verdicts per language, stacked. */
export function LanguageVerdictChart({ languages }: { languages: Stats["languages"] }) {
  const keys = [...new Set(languages.flatMap((l) => l.verdicts.map((v) => v.verdict)))];
  const data = languages.map((l) => ({ name: l.name, ...Object.fromEntries(l.verdicts.map((v) => [v.verdict, v.count])) }));
  return (
    <figure className="card ps-chart" data-testid="language-chart">
      <figcaption>Verdicts per language</figcaption>
      <ChartBox height={Math.max(140, 56 * languages.length + 60)}>
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 12, bottom: 0, left: 8 }}>
          <CartesianGrid horizontal={false} stroke="var(--border)" />
          <XAxis type="number" allowDecimals={false} tick={AXIS_TICK} />
          <YAxis type="category" dataKey="name" tick={AXIS_TICK} width={90} />
          <Tooltip {...TOOLTIP} />
          <Legend wrapperStyle={{ fontSize: 12 }} formatter={(value) => <span className="ps-legend-text">{value}</span>} />
          {keys.map((k) => (
            <Bar key={k} dataKey={k} name={verdictName(k)} stackId="v" fill={verdictColor(k)} isAnimationActive={false} />
          ))}
        </BarChart>
      </ChartBox>
    </figure>
  );
}

/** CPU time and peak memory of one language's accepted submissions. */
export function ResourceCharts({ language }: { language: Stats["languages"][number] }) {
  if (language.cpuMs.count === 0) return <p className="muted small">No accepted submissions in {language.name} yet.</p>;
  return (
    <div className="stats-charts" data-testid={`resource-charts-${language.language}`}>
      <Distribution
        metric={language.cpuMs}
        unit={formatTime}
        title={`CPU time of ${language.cpuMs.count} accepted (median ${formatTime(Math.round(language.cpuMs.median!))})`}
      />
      <Distribution
        metric={language.peakKb}
        unit={formatMemory}
        title={`Peak memory of ${language.peakKb.count} accepted (median ${formatMemory(Math.round(language.peakKb.median!))})`}
      />
    </div>
  );
}
