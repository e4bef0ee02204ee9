// Reading filters from the URL: anything unknown or malformed is ignored, never an error page.
export type SearchParams = Record<string, string | string[] | undefined>;

/** The props Next.js gives a dynamic page: its route parameters and its query, both promised. */
export interface DynamicPageProps<P, S = SearchParams> {
  params: Promise<P>;
  searchParams: Promise<S>;
}

export function param(params: SearchParams, key: string, maxLength = 100): string | undefined {
  const raw = params[key];
  const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  return value ? value.slice(0, maxLength) : undefined;
}

export function oneOf<T extends string>(params: SearchParams, key: string, allowed: readonly T[]): T | undefined {
  const value = param(params, key);
  return value && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

export function positiveInt(params: SearchParams, key: string, fallback: number, max = 100_000): number {
  const n = Number(param(params, key));
  return Number.isInteger(n) && n >= 1 ? Math.min(n, max) : fallback;
}

/** `?a=1&b=2` from the given values, leaving out empty ones. */
export function queryString(values: Record<string, string | number | undefined | null>): string {
  const entries = Object.entries(values).filter((e): e is [string, string | number] => e[1] !== undefined && e[1] !== null && e[1] !== "");
  const qs = new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString();
  return qs ? `?${qs}` : "";
}
