/**
 * Every rate limit CodeRunner enforces, in one list (defaults and env vars in README,
 * "Abuse limits"). Values come from src/env.ts; the limiter is src/server/rate-limit.ts.
 */
import { env } from "../env";
import type { RateLimitRule } from "./rate-limit";

export const RATE_LIMITS = {
  /** Sign-in attempts (each costs a bcrypt comparison) per client IP and per email. */
  signInIp: { name: "signin:ip", ...env.RATE_LIMIT_SIGNIN_IP },
  signInAccount: { name: "signin:account", ...env.RATE_LIMIT_SIGNIN_ACCOUNT },
  /** Sign-ups per client IP and per email. */
  signUpIp: { name: "signup:ip", ...env.RATE_LIMIT_SIGNUP_IP },
  signUpAccount: { name: "signup:account", ...env.RATE_LIMIT_SIGNUP_ACCOUNT },
  /** Custom-input runs and submissions per user. */
  run: { name: "run:user", ...env.RATE_LIMIT_RUN },
  submit: { name: "submit:user", ...env.RATE_LIMIT_SUBMIT },
  /** Live-progress (SSE) connections opened per user. */
  progressStreams: { name: "progress:user", ...env.RATE_LIMIT_PROGRESS_STREAMS },
} as const satisfies Record<string, RateLimitRule>;

/**
 * The client's IP for per-IP limits. Next.js sets X-Forwarded-For to the socket's
 * address only when the request has none, so without a proxy a client can send its own;
 * behind N trusted proxies that each append the address they saw, the N-th entry from
 * the right is the one no client can forge (TRUSTED_PROXY_HOPS, default 0 = no proxy).
 */
export function clientIp(headers: Headers | Record<string, string | string[] | undefined>, hops = env.TRUSTED_PROXY_HOPS): string {
  const raw = headers instanceof Headers ? headers.get("x-forwarded-for") : headers["x-forwarded-for"];
  const entries = (Array.isArray(raw) ? raw.join(",") : (raw ?? ""))
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (entries.length === 0) return "unknown";
  return entries[Math.max(0, entries.length - Math.max(1, hops))]!.slice(0, 64);
}
