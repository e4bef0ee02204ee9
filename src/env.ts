import "dotenv/config";
import { z } from "zod";
import os from "node:os";

/** An empty value (`VAR=` in .env) counts as unset, so the default applies. */
const unsetIfEmpty = <T extends z.ZodType>(inner: T) => z.preprocess((value) => (value === "" ? undefined : value), inner);

/** A rate limit written as `<hits>/<window>`, e.g. `5/10s`, `60/1m`, `100/1h`. */
const rateLimit = (fallback: string) =>
  unsetIfEmpty(
    z
      .string()
      .trim()
      .regex(/^\d+\s*\/\s*\d+\s*[smh]$/, "expected <hits>/<window>, e.g. 5/10s, 60/1m or 100/1h")
      .default(fallback)
      .transform((text) => {
        const [, hits, amount, unit] = /^(\d+)\s*\/\s*(\d+)\s*([smh])$/.exec(text)!;
        return { limit: Number(hits), windowMs: Number(amount) * { s: 1000, m: 60_000, h: 3_600_000 }[unit as "s" | "m" | "h"] };
      })
      .refine((rule) => rule.limit >= 1 && rule.windowMs >= 1000, "needs at least 1 hit per at least 1 s"),
  );

/**
 * Every environment variable CodeRunner reads, validated once at start-up.
 * Code reads `env`, never raw `process.env`: a bad .env fails loudly at boot.
 */
const schema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: z.string().url().default("postgresql://postgres@127.0.0.1:5432/coderunner"),
  REDIS_URL: z.string().url().default("redis://127.0.0.1:6379"),
  /** Prefix for queue names so tests and dev can share one Redis. */
  QUEUE_PREFIX: z.string().min(1).default("coderunner"),
  NEXTAUTH_URL: z.string().url().optional(),
  NEXTAUTH_SECRET: z.string().min(16, "must be at least 16 characters (generate one with: openssl rand -base64 32)").optional(),
  GITHUB_ID: z.string().optional(),
  GITHUB_SECRET: z.string().optional(),
  // Cores − 1: one core of headroom for the web app and Postgres on a shared host.
  WORKER_CONCURRENCY: z.coerce
    .number()
    .int()
    .min(1)
    .max(64)
    .default(Math.max(1, os.availableParallelism() - 1)),
  /** Docker runtime for sandboxes: runc (default) or runsc (gVisor, where installed). */
  SANDBOX_RUNTIME: z.enum(["runc", "runsc"]).default("runc"),
  /** Runner image; by default the content-hashed tag built by `npm run images`. */
  SANDBOX_IMAGE: z.string().optional(),
  /** Base image the runner image is built FROM (default: a local debootstrap base, else debian:bookworm-slim). */
  SANDBOX_BASE_IMAGE: z.string().optional(),
  /** Started-but-unused sandbox containers kept ready per worker (0 = start on demand). */
  SANDBOX_POOL_SIZE: z.coerce.number().int().min(0).max(32).optional(),
  /** Reverse proxies in front of the web app that append to X-Forwarded-For (the client IP for per-IP limits). */
  TRUSTED_PROXY_HOPS: unsetIfEmpty(z.coerce.number().int().min(0).max(10).default(0)),
  /** Rate limits (README "Abuse limits"): per client IP, per account (email) or per user. */
  // A lab behind one NAT signs in from one address: room for a class of ~200 in a minute.
  RATE_LIMIT_SIGNIN_IP: rateLimit("300/1m"),
  RATE_LIMIT_SIGNIN_ACCOUNT: rateLimit("10/5m"),
  RATE_LIMIT_SIGNUP_IP: rateLimit("30/10m"),
  RATE_LIMIT_SIGNUP_ACCOUNT: rateLimit("5/10m"),
  RATE_LIMIT_RUN: rateLimit("10/10s"),
  RATE_LIMIT_SUBMIT: rateLimit("5/10s"),
  RATE_LIMIT_PROGRESS_STREAMS: rateLimit("30/1m"),
  /** A live-progress stream is closed after this long even if the submission is not finished. */
  PROGRESS_STREAM_MAX_SECONDS: unsetIfEmpty(z.coerce.number().int().min(1).max(3600).default(300)),
  /** Minimum level of the JSON logs (pino) of the web app and the worker. */
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** This worker's id in heartbeats and metrics (default hostname:pid); unique per worker process. */
  WORKER_ID: z
    .string()
    .max(100)
    .regex(/^[\w.:-]+$/, "letters, digits and . _ : - only")
    .optional(),
  /** When set, /api/metrics requires `Authorization: Bearer <METRICS_TOKEN>`; unset = open (keep it off the public internet). */
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters (generate one with: openssl rand -hex 24)").optional(),
  /** Public API: let the Piston and Judge0 endpoints run code without a token (default off). */
  API_ANONYMOUS_EXEC: z
    .enum(["true", "false", "1", "0"], { error: "API_ANONYMOUS_EXEC must be true or false" })
    .default("false")
    .transform((v) => v === "true" || v === "1"),
  /** Public API: requests per minute per token (or per IP address for anonymous calls). */
  API_REQUESTS_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(120),
  /** Public API: submissions and executions per minute per token (or per IP address). */
  API_EXECUTIONS_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(30),
});

/**
 * Validates `source` (default: process.env). An empty value counts as unset, so a `.env`
 * copied from `.env.example` with `NEXTAUTH_SECRET=` left blank gets the "required"
 * message below rather than a validation dump.
 */
export function parseEnv(source: Record<string, string | undefined> = process.env) {
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value.trim() !== ""));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment configuration:\n${lines}`);
  }
  if (parsed.data.NODE_ENV === "production" && !parsed.data.NEXTAUTH_SECRET && !present.NEXT_PHASE) {
    throw new Error(
      "Invalid environment configuration:\n  NEXTAUTH_SECRET: required in production (generate one with: openssl rand -base64 32)",
    );
  }
  return parsed.data;
}

export const env = parseEnv();
export type Env = typeof env;
