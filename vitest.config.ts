import { defineConfig } from "vitest/config";
import path from "node:path";

// Three projects: fast unit tests (no services), integration tests that talk to real
// Postgres, Redis and the Docker engine, and `exclusive` tests that restart those services.
// `npm test` runs them in that order, then Playwright.
export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname, "src") } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          // Generous: a busy 2-core machine (parallel suites, CPU hogs) can stall any test
          // for seconds. Timeouts catch hangs; speed is measured in bench/, never here.
          testTimeout: 60_000,
          include: ["{src,worker,sandbox,prisma,bench}/**/*.test.ts"],
          exclude: ["**/*.integration.test.ts", "**/*.exclusive.test.ts", "**/node_modules/**"],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["{src,worker,sandbox,prisma,bench}/**/*.integration.test.ts"],
          globalSetup: ["test/integration-setup.ts"],
          setupFiles: ["test/integration-env.ts"],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          // Docker-heavy files share 2 cores: do not run them all at once.
          maxWorkers: 2,
          fileParallelism: true,
        },
      },
      {
        extends: true,
        test: {
          // Tests that really restart the machine's shared services (Docker engine, Postgres):
          // one file at a time, never beside the integration tests (scripts/test.sh runs
          // this project after them), under a machine-wide lock (test/service-restart.ts).
          name: "exclusive",
          include: ["{src,worker,sandbox,prisma,bench}/**/*.exclusive.test.ts"],
          globalSetup: ["test/integration-setup.ts"],
          setupFiles: ["test/integration-env.ts"],
          testTimeout: 240_000,
          hookTimeout: 300_000,
          maxWorkers: 1,
          fileParallelism: false,
        },
      },
    ],
  },
});
