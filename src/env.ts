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
  NEXTAUTH_SECRET: z.string().min(16).optional(),
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

function parseEnv() {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment configuration:\n${lines}`);
  }
  if (parsed.data.NODE_ENV === "production" && !parsed.data.NEXTAUTH_SECRET && !process.env.NEXT_PHASE) {
    throw new Error("Invalid environment configuration:\n  NEXTAUTH_SECRET: required in production");
  }
  return parsed.data;
}

export const env = parseEnv();
export type Env = typeof env;
