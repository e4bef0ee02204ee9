/**
 * Administration from the command line, for scripts and first-time setup:
 *
 *   npm run admin -- <command> [options]        (npm run admin -- --help)
 *
 * Talks to the database in DATABASE_URL (.env). Errors go to stderr with exit code 1;
 * `token:create` prints only the token on stdout, so `TOKEN=$(npm run -s admin -- token:create …)` works.
 */
import { randomBytes } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";
import type { Role, Visibility } from "../src/generated/prisma/enums";
import { isDirectory, isFile } from "../src/judge/kattis";
import { db } from "../src/server/db";
import { AppError } from "../src/server/errors";
import { type API_SCOPES, createApiToken } from "../src/server/services/api-token-service";
import { importProblemArchive, importProblemFromDirectory } from "../src/server/services/problem-import-service";
import { hashPassword, normaliseEmail } from "../src/server/services/user-service";

/** A failure the user can fix; shown without a stack trace. */
class CliError extends Error {}
/** Wrong or missing arguments: the command's usage is shown too. */
class UsageError extends CliError {}

const ROLES = ["student", "teacher", "admin"] as const;
const VISIBILITIES = ["public", "course", "hidden"] as const;

interface Command {
  summary: string;
  usage: string;
  details: string;
  options: NonNullable<ParseArgsConfig["options"]>;
  allowPositionals?: boolean;
  run(values: Record<string, string | boolean | undefined>, positionals: string[]): Promise<void>;
}

function required(values: Record<string, string | boolean | undefined>, name: string): string {
  const value = values[name];
  if (typeof value !== "string" || !value.trim()) throw new UsageError(`--${name} is required.`);
  return value.trim();
}

function oneOf<T extends string>(value: string, allowed: readonly T[], what: string): T {
  const v = value.toLowerCase() as T;
  if (!allowed.includes(v)) throw new UsageError(`${what} must be one of: ${allowed.join(", ")} (got "${value}").`);
  return v;
}

async function findUser(email: string) {
  const user = await db.user.findUnique({ where: { email: normaliseEmail(email) }, select: { id: true, email: true, role: true } });
  if (!user) throw new CliError(`No user with the email ${normaliseEmail(email)}.`);
  return user;
}

const COMMANDS: Record<string, Command> = {
  "user:create": {
    summary: "Create a user (e.g. the first teacher or admin)",
    usage: "user:create --email EMAIL --role student|teacher|admin [--name NAME] [--password PASSWORD]",
    details: "Without --password a random one is generated and printed. The email must not be taken.",
    options: { email: { type: "string" }, role: { type: "string" }, name: { type: "string" }, password: { type: "string" } },
    async run(values) {
      const email = normaliseEmail(required(values, "email"));
      if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw new UsageError(`"${email}" is not an email address.`);
      const role = oneOf(required(values, "role"), ROLES, "--role").toUpperCase() as Role;
      const given = typeof values.password === "string" ? values.password : undefined;
      if (given !== undefined && given.length < 8) throw new UsageError("--password must have at least 8 characters.");
      if (await db.user.findUnique({ where: { email }, select: { id: true } }))
        throw new CliError(`A user with the email ${email} already exists.`);
      const password = given ?? randomBytes(12).toString("base64url");
      const name = typeof values.name === "string" && values.name.trim() ? values.name.trim() : email.split("@")[0]!;
      const user = await db.user.create({
        data: { email, name, role, passwordHash: await hashPassword(password) },
        select: { id: true },
      });
      console.log(`Created ${role.toLowerCase()} ${email} (id ${user.id}).`);
      if (!given) console.log(`Password: ${password}`);
    },
  },
  "user:role": {
    summary: "Change a user's role",
    usage: "user:role --email EMAIL --role student|teacher|admin",
    details: "Takes effect at the user's next request.",
    options: { email: { type: "string" }, role: { type: "string" } },
    async run(values) {
      const user = await findUser(required(values, "email"));
      const role = oneOf(required(values, "role"), ROLES, "--role").toUpperCase() as Role;
      await db.user.update({ where: { id: user.id }, data: { role } });
      console.log(`${user.email}: ${user.role.toLowerCase()} → ${role.toLowerCase()}.`);
    },
  },
  "token:create": {
    summary: "Create a personal API token for a user and print it",
    usage: "token:create --email EMAIL [--name NAME] [--scopes read,submit]",
    details: "Prints only the token (shown once: it is stored hashed). Default scopes: read,submit.",
    options: { email: { type: "string" }, name: { type: "string" }, scopes: { type: "string" } },
    async run(values) {
      const user = await findUser(required(values, "email"));
      const scopes = (typeof values.scopes === "string" ? values.scopes : "read,submit")
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean)
        .map((s) => oneOf(s, ["read", "submit"] as const, "--scopes").toUpperCase() as (typeof API_SCOPES)[number]);
      const name = typeof values.name === "string" ? values.name : `CLI token ${new Date().toISOString().slice(0, 10)}`;
      const { secret } = await createApiToken(db, user, { name, scopes });
      console.log(secret);
    },
  },
  "problems:import": {
    summary: "Import Kattis problem packages: a package folder or zip, or a folder of them",
    usage: "problems:import <dir-or-zip> [--author EMAIL] [--visibility public|course|hidden] [--replace]",
    details:
      "Imports through the same service as the teacher's browser upload (src/server/services/problem-import-service.ts):\n" +
      "  tests, reference solutions and limits are checked, zips are unpacked with size caps. New problems belong to\n" +
      "  --author (default: the oldest admin) and get --visibility (default: hidden). --replace updates an existing slug.",
    options: { author: { type: "string" }, visibility: { type: "string" }, replace: { type: "boolean" } },
    allowPositionals: true,
    async run(values, positionals) {
      if (positionals.length !== 1) throw new UsageError("Give exactly one folder or zip: problems:import <dir-or-zip>.");
      const target = path.resolve(positionals[0]!);
      const visibility = oneOf(
        typeof values.visibility === "string" ? values.visibility : "hidden",
        VISIBILITIES,
        "--visibility",
      ).toUpperCase() as Visibility;
      const author =
        typeof values.author === "string"
          ? await findUser(values.author)
          : await db.user.findFirst({
              where: { role: "ADMIN" },
              orderBy: { createdAt: "asc" },
              select: { id: true, email: true, role: true },
            });
      if (!author) throw new CliError("No admin user exists: give --author EMAIL (create one with user:create).");
      if (author.role === "STUDENT") throw new CliError(`${author.email} is a student: problems need a teacher or admin as author.`);
      const replace = values.replace === true;

      // A package folder, a zip, or a folder holding packages (folders or zips).
      let packages: string[];
      if (await isFile(target)) packages = [target];
      else if (!(await isDirectory(target))) throw new UsageError(`${target}: no such file or folder.`);
      else if ((await isFile(path.join(target, "problem.yaml"))) || (await isDirectory(path.join(target, "data")))) packages = [target];
      else {
        const entries = (await readdir(target)).sort();
        packages = [];
        for (const name of entries) {
          const full = path.join(target, name);
          if (name.endsWith(".zip") || (await isFile(path.join(full, "problem.yaml")))) packages.push(full);
        }
        if (packages.length === 0)
          throw new CliError(`No problem packages in ${target} (a package has problem.yaml and data/, or is a .zip).`);
      }
      let refused = 0;
      for (const pkg of packages) {
        try {
          const result = (await isFile(pkg))
            ? await importProblemArchive(db, author, new Uint8Array(await readFile(pkg)), { fileName: path.basename(pkg), replace })
            : await importProblemFromDirectory(db, author, pkg, { replace });
          await db.problem.update({ where: { id: result.id }, data: { visibility } });
          console.log(
            `imported ${result.slug}: ${result.tests} tests, ${result.references} reference solutions, ${result.timeLimitMs / 1000} s`,
          );
          for (const warning of result.warnings) console.log(`  warning: ${warning}`);
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          refused++;
          console.error(`refused ${pkg}: ${error.message}`);
        }
      }
      if (refused > 0) throw new CliError(`${refused} of ${packages.length} package(s) refused.`);
      console.log(`${packages.length} problem${packages.length === 1 ? "" : "s"} imported.`);
    },
  },
};

function overview(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  return [
    "Usage: npm run admin -- <command> [options]",
    "",
    "Commands:",
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    "",
    "Run `npm run admin -- <command> --help` for a command's options.",
  ].join("\n");
}

const commandHelp = (name: string, c: Command) => `Usage: npm run admin -- ${c.usage}\n\n${c.summary}.\n  ${c.details}`;

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    console.log(overview());
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`Unknown command "${name}".\n\n${overview()}`);
    return 1;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      options: { ...command.options, help: { type: "boolean", short: "h" } },
      allowPositionals: command.allowPositionals ?? false,
      strict: true,
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${commandHelp(name, command)}`);
    return 1;
  }
  if (parsed.values.help) {
    console.log(commandHelp(name, command));
    return 0;
  }
  try {
    await command.run(parsed.values, parsed.positionals);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`Error: ${error.message}\n\n${commandHelp(name, command)}`);
    } else if (error instanceof CliError || error instanceof AppError) {
      console.error(`Error: ${error.message}`);
    } else {
      console.error(`Error: ${(error as Error).message}`);
    }
    return 1;
  } finally {
    await db.$disconnect();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
