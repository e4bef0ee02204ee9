"use client";

import { Bar, BarChart, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { getLanguage } from "@/judge/languages";
import { api, type RouterOutputs } from "@/trpc/react";

type Stats = NonNullable<RouterOutputs["submission"]["acceptedStats"]>;
type Metric = Stats["cpu"];

const kib = (v: number) => (v >= 1024 ? `${(v / 1024).toFixed(1)} MiB` : `${v} KiB`);
const ms = (v: number) => `${v} ms`;

/** A histogram of accepted submissions' CPU time or memory (the teacher's problem statistics use it too). */
export function Distribution({ metric, unit, title }: { metric: Pick<Metric, "histogram">; unit: (v: number) => string; title: string }) {
  const data = metric.histogram.map((b) => ({
    label: unit(b.from),
    range: `${unit(b.from)} – ${unit(b.to)}`,
    count: b.count,
    mine: b.mine,
  }));
  return (
    <figure className="stats-chart">
      <figcaption>{title}</figcaption>
      <div style={{ width: "100%", height: 140 }}>
        <ResponsiveContainer>
          <BarChart data={data} margin={{ top: 4, right: 4, bottom: 0, left: -24 }}>
            <XAxis dataKey="label" tick={{ fontSize: 11, fill: "var(--muted)" }} interval="preserveStartEnd" />
            <YAxis allowDecimals={false} domain={[0, "dataMax"]} tickCount={3} tick={{ fontSize: 11, fill: "var(--muted)" }} />
            <Tooltip
              cursor={{ fill: "var(--panel-2)" }}
              contentStyle={{ background: "var(--panel)", border: "1px solid var(--border)", color: "var(--text)" }}
              labelFormatter={(_, payload) => String(payload?.[0]?.payload?.range ?? "")}
              formatter={(value) => [value, "submissions"]}
            />
            <Bar dataKey="count" isAnimationActive={false}>
              {data.map((d) => (
                <Cell key={d.label} fill={d.mine ? "var(--ok)" : "var(--accent)"} fillOpacity={d.mine ? 1 : 0.45} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

const pct = (v: number | null) => (v == null ? null : `${v.toLocaleString("en", { maximumFractionDigits: 1 })} %`);

/** After an Accepted: how this solution compares with the other accepted ones in its language. */
export function AcceptedStats({ submissionId }: { submissionId: string }) {
  const query = api.submission.acceptedStats.useQuery({ id: submissionId });
  if (!query.data) return null;
  const s = query.data;
  const language = getLanguage(s.language)?.name ?? s.language;
  const first = s.cpu.betterThanPct == null;
  return (
    <section className="accepted-stats" aria-label="Compared with other accepted submissions" data-testid="accepted-stats">
      {first ? (
        <p>You are the first to get this problem accepted in {language}. Well done!</p>
      ) : (
        <p>
          Faster than <strong>{pct(s.cpu.betterThanPct)}</strong> and using less memory than <strong>{pct(s.memory.betterThanPct)}</strong>{" "}
          of {s.accepted - 1} other accepted submission{s.accepted === 2 ? "" : "s"} in {language}.
        </p>
      )}
      <div className="stats-charts">
        <Distribution metric={s.cpu} unit={ms} title={`CPU time (yours: ${ms(s.cpu.mine)})`} />
        <Distribution metric={s.memory} unit={kib} title={`Peak memory (yours: ${kib(s.memory.mine)})`} />
      </div>
    </section>
  );
}
