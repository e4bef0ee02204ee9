/**
 * Creates a database when it does not exist and applies every migration: the one routine
 * that `scripts/prepare.sh` (npm run up, npm test), the integration/e2e global set-up and
 * the benchmarks use.
 *
 *   tsx prisma/prepare-database.ts <database-url>
 */
import { execFile } from "node:child_process";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import pg from "pg";

const run = promisify(execFile);

export async function prepareDatabase(databaseUrl: string, options: { attempts?: number } = {}): Promise<void> {
  const url = new URL(databaseUrl);
  const dbName = decodeURIComponent(url.pathname.slice(1));
  if (!dbName) throw new Error(`no database name in ${url.origin}`);
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [dbName]);
    if (exists.rowCount === 0) {
      // Two processes may race here (parallel set-ups): "already exists" is success.
      await client.query(`CREATE DATABASE "${dbName.replace(/"/g, '""')}"`).catch((error: { code?: string }) => {
        if (error.code !== "42P04") throw error;
      });
    }
  } finally {
    await client.end();
  }
  // Retried: on a heavily loaded machine the migration advisory lock can time out.
  const attempts = options.attempts ?? 3;
  for (let attempt = 1; ; attempt++) {
    try {
      await run("npx", ["prisma", "migrate", "deploy"], { env: { ...process.env, DATABASE_URL: url.toString() } });
      return;
    } catch (error) {
      if (attempt >= attempts) {
        const output = (error as { stdout?: string; stderr?: string }).stdout ?? "";
        throw new Error(`prisma migrate deploy failed for ${dbName}: ${output.slice(-2000)}`, { cause: error });
      }
      await new Promise((resolve) => setTimeout(resolve, 3000 * attempt));
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const target = process.argv[2];
  if (!target) {
    console.error("usage: tsx prisma/prepare-database.ts <database-url>");
    process.exit(2);
  }
  prepareDatabase(target).then(
    () => console.log(`[prepare] database ${new URL(target).pathname.slice(1)} is migrated`),
    (error: unknown) => {
      console.error(`[prepare] ${(error as Error).message}`);
      process.exit(1);
    },
  );
}
