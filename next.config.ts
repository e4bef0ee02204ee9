import type { NextConfig } from "next";
import { PHASE_PRODUCTION_BUILD } from "next/constants";

const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The web app's own type-check scope: other folders (e.g. intentionally broken judge fixtures) are not part of it.
  typescript: { tsconfigPath: "tsconfig.web.json" },
  // Loaded from node_modules at runtime: native addons and packages that read files next to themselves (BullMQ's Lua scripts).
  serverExternalPackages: ["bcrypt", "bullmq", "ioredis", "dockerode"],
};

export default async function nextConfig(phase: string): Promise<NextConfig> {
  // Validate the environment when the server starts (dev or production): a bad .env fails
  // loudly at boot. Not while building: secrets belong to the running server, not the build.
  if (phase !== PHASE_PRODUCTION_BUILD) await import("./src/env");
  return config;
}
