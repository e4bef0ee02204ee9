/**
 * `npm run problems:import -- [--as <email>] [--replace] <package-dir-or-zip> [...]`
 * Imports Kattis problem packages (folders or zips) into the database as drafts, through
 * the same service the browser upload uses (src/server/services/problem-import-service.ts).
 * The problems belong to `--as` (a teacher or admin; default: the first admin).
 * Exit code: 0 all imported, 1 some package refused, 2 usage error.
 */
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { db } from "../src/server/db";
import { toAppError } from "../src/server/errors";
import { importProblemArchive, importProblemFromDirectory } from "../src/server/services/problem-import-service";

const USAGE = "usage: npm run problems:import -- [--as <email>] [--replace] <package-dir-or-zip> [...]";

async function main(argv: string[]): Promise<number> {
  const paths: string[] = [];
  let as: string | undefined;
  let replace = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--as") as = argv[++i];
    else if (arg === "--replace") replace = true;
    else if (arg === "--help" || arg === "-h") {
      console.log(USAGE);
      return 0;
    } else if (arg.startsWith("-")) {
      console.error(`unknown option ${arg}\n${USAGE}`);
      return 2;
    } else paths.push(arg);
  }
  if (paths.length === 0) {
    console.error(USAGE);
    return 2;
  }
  const actor = await db.user.findFirst({
    where: as ? { email: as.toLowerCase(), role: { in: ["TEACHER", "ADMIN"] } } : { role: "ADMIN" },
    orderBy: { createdAt: "asc" },
    select: { id: true, role: true, email: true },
  });
  if (!actor) {
    console.error(as ? `no teacher or admin account has the email ${as}` : "no admin account: pass --as <teacher email>");
    return 2;
  }
  let failed = 0;
  for (const p of paths) {
    try {
      const info = await stat(p).catch(() => null);
      if (!info) throw new Error(`${p}: no such file or folder`);
      const result = info.isDirectory()
        ? await importProblemFromDirectory(db, actor, p, { replace })
        : await importProblemArchive(db, actor, new Uint8Array(await readFile(p)), { fileName: path.basename(p), replace });
      console.log(
        `imported ${result.slug}: "${result.title}", ${result.tests} tests, ${result.references} reference solutions, time limit ${result.timeLimitMs / 1000} s`,
      );
      for (const w of result.warnings) console.log(`  warning: ${w}`);
    } catch (error) {
      failed++;
      console.error(`refused ${p}: ${toAppError(error)?.message ?? (error as Error).message}`);
    }
  }
  return failed > 0 ? 1 : 0;
}

main(process.argv.slice(2))
  .then(async (code) => {
    await db.$disconnect();
    process.exit(code);
  })
  .catch(async (error) => {
    console.error(error);
    await db.$disconnect();
    process.exit(1);
  });
