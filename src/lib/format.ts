/** Formatting shared by server and client components (stable across server and browser: no locale/time-zone drift). */

/** "2026-11-30 14:03:07 UTC" — the same on the server and in every browser, so hydration never disagrees. */
export function formatDateTime(date: Date | string): string {
  const d = typeof date === "string" ? new Date(date) : date;
  return `${d.toISOString().replace("T", " ").slice(0, 19)} UTC`;
}

/** 1500 → "1.5 s"; whole seconds without decimals. */
export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toLocaleString("en")} s`;
}

/** "2 s (derived: slowest AC reference 0.31 s × 5)": a problem's time limit and, when derived, where it came from. */
export function describeTimeLimit(limit: {
  timeLimitMs: number;
  derived: boolean;
  derivedFromCpuMs: number | null;
  multiplier: number;
}): string {
  const base = formatSeconds(limit.timeLimitMs);
  if (!limit.derived) return base;
  if (limit.derivedFromCpuMs == null) return `${base} for now (to be derived: press Verify)`;
  return `${base} (derived: slowest AC reference ${formatSeconds(limit.derivedFromCpuMs)} × ${limit.multiplier})`;
}
