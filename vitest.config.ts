import { defineConfig } from "vitest/config";
import path from "node:path";

// Two projects: fast unit tests (no services) and integration tests that talk to
// real Postgres, Redis and the Docker engine. `npm test` runs both, then Playwright.
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
          exclude: ["**/*.integration.test.ts", "**/node_modules/**"],
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
    ],
  },
});
