import "dotenv/config";
import { z } from "zod";
import os from "node:os";

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
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(Math.max(1, os.availableParallelism())),
  /** Docker runtime for sandboxes: runc (default) or runsc (gVisor, where installed). */
  SANDBOX_RUNTIME: z.enum(["runc", "runsc"]).default("runc"),
  /** Runner image; by default the content-hashed tag built by `npm run images`. */
  SANDBOX_IMAGE: z.string().optional(),
  /** Base image the runner image is built FROM (default: a local debootstrap base, else debian:bookworm-slim). */
  SANDBOX_BASE_IMAGE: z.string().optional(),
  /** Started-but-unused sandbox containers kept ready per worker (0 = start on demand). */
  SANDBOX_POOL_SIZE: z.coerce.number().int().min(0).max(32).optional(),
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
