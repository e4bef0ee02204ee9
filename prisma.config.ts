import "dotenv/config";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

// Without a DATABASE_URL (a fresh clone before `.env` exists, e.g. a bare `npm ci`), Prisma
// 6.19 tries to download the query engine from a host that may be unreachable: default it.
process.env.DATABASE_URL ||= "postgresql://postgres@127.0.0.1:5432/coderunner";

// Prisma 6.19 with the JavaScript schema engine: the Rust engines cannot be
// downloaded on machines without Prisma's binary host (see README).
function pgConfig() {
  const url = new URL(process.env.DATABASE_URL!);
  return {
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username || "postgres"),
    password: decodeURIComponent(url.password),
    database: url.pathname.slice(1),
  };
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  adapter: async () => new PrismaPg(pgConfig()),
  schema: "prisma/schema.prisma",
});
