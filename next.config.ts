import type { NextConfig } from "next";

// The environment is validated when the server boots (src/instrumentation.ts), not at build time.
const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The web app's own type-check scope: other folders (e.g. intentionally broken judge fixtures) are not part of it.
  typescript: { tsconfigPath: "tsconfig.web.json" },
  // Loaded from node_modules at runtime: native addons and packages that read files next to themselves (BullMQ's Lua scripts).
  serverExternalPackages: ["bcrypt", "bullmq", "ioredis"],
};

export default config;
