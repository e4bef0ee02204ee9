import { randomBytes } from "node:crypto";
import { defineConfig } from "@playwright/test";

/**
 * End-to-end tests against the production build (`next start -p 3100`) on the test
 * database. `scripts/test.sh` runs `next build` first; without a build this config builds.
 * Verdict journeys need a worker on the same database and queue prefix
 * (E2E_DATABASE_URL or TEST_DATABASE_URL; E2E_QUEUE_PREFIX or QUEUE_PREFIX).
 */
const PORT = Number(process.env.E2E_PORT ?? 3100);
const BASE_URL = `http://localhost:${PORT}`;
// Never the plain DATABASE_URL: fixtures write into this database.
export const E2E_DATABASE_URL =
  process.env.E2E_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/coderunner_test";
// Must match the worker's QUEUE_PREFIX (scripts/test.sh exports one for both).
export const E2E_QUEUE_PREFIX = process.env.E2E_QUEUE_PREFIX ?? process.env.QUEUE_PREFIX ?? "coderunner-e2e";
// Fixtures read these, and TEST_DATABASE_URL drives the database set-up below.
process.env.E2E_DATABASE_URL = E2E_DATABASE_URL;
process.env.TEST_DATABASE_URL ??= E2E_DATABASE_URL;

export default defineConfig({
  testDir: "e2e",
  // Creates the test database and applies migrations (shared with the integration tests).
  globalSetup: "./test/integration-setup.ts",
  timeout: 120_000,
  expect: { timeout: 15_000 },
  fullyParallel: true,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  reporter: [["list"]],
  use: {
    baseURL: BASE_URL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    command: `sh -c 'node scripts/copy-monaco.mjs && { test -f .next/BUILD_ID || npm run -s build; } && exec npx next start -p ${PORT}'`,
    url: `${BASE_URL}/signin`,
    timeout: 240_000,
    // Opt-in only: a stale server from an older build would test the wrong code.
    reuseExistingServer: process.env.E2E_REUSE_SERVER === "1",
    stdout: "pipe",
    stderr: "pipe",
    env: {
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: E2E_DATABASE_URL,
      QUEUE_PREFIX: E2E_QUEUE_PREFIX,
      NEXTAUTH_URL: BASE_URL,
      NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? randomBytes(32).toString("hex"),
      // Every test signs in from 127.0.0.1: per-IP limits would trip the suite itself.
      // Per-account and per-user limits keep their defaults (each test has its own users).
      RATE_LIMIT_SIGNIN_IP: "10000/1m",
      RATE_LIMIT_SIGNUP_IP: "10000/1m",
    },
  },
});
