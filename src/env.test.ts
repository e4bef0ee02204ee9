import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";

describe("environment validation", () => {
  it("treats an empty value as unset (defaults apply)", () => {
    const env = parseEnv({ DATABASE_URL: "", REDIS_URL: "  ", WORKER_CONCURRENCY: "", SANDBOX_RUNTIME: "" });
    expect(env.DATABASE_URL).toBe("postgresql://postgres@127.0.0.1:5432/coderunner");
    expect(env.REDIS_URL).toBe("redis://127.0.0.1:6379");
    expect(env.SANDBOX_RUNTIME).toBe("runc");
    expect(env.WORKER_CONCURRENCY).toBeGreaterThanOrEqual(1);
  });

  it("an empty NEXTAUTH_SECRET in production is a clear 'required' message, not a zod dump", () => {
    expect(() => parseEnv({ NODE_ENV: "production", NEXTAUTH_SECRET: "" })).toThrow(
      /^Invalid environment configuration:\n {2}NEXTAUTH_SECRET: required in production/,
    );
  });

  it("says which variable is wrong and why", () => {
    expect(() => parseEnv({ NEXTAUTH_SECRET: "short" })).toThrow(/NEXTAUTH_SECRET: must be at least 16 characters/);
    expect(() => parseEnv({ SANDBOX_RUNTIME: "kata" })).toThrow(/SANDBOX_RUNTIME:/);
    expect(() => parseEnv({ WORKER_CONCURRENCY: "zero" })).toThrow(/WORKER_CONCURRENCY:/);
  });

  it("accepts a valid production configuration", () => {
    const env = parseEnv({ NODE_ENV: "production", NEXTAUTH_SECRET: "x".repeat(32), WORKER_CONCURRENCY: "3" });
    expect(env.WORKER_CONCURRENCY).toBe(3);
  });
});
