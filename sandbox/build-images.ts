/**
 * Builds the runner image (sandbox/images/runner/Dockerfile), cached by content hash.
 *
 *   npm run images          build if missing, print the tag (worker/images.ts)
 *
 * The tag is `coderunner-runner:<12 hex>` of sha256(Dockerfile, supervisor source, package
 * list, TypeScript/@types versions), so a second run is instant and a change to any input
 * produces a new tag. Nothing network-y is tried before a local base image: the
 * configured base image (SANDBOX_BASE_IMAGE, passed in by the worker), then `coderunner-base:bookworm`, then a local
 * `debian:bookworm-slim`, then a base made here with debootstrap (root only), and only
 * when none of that is possible does the build pull `debian:bookworm-slim` from a registry.
 */
import { createHash } from "node:crypto";
import { execFile as execFileCb, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import Docker from "dockerode";
import tar from "tar-stream";
import { runnerImagePackages } from "../src/judge/languages";
import { SandboxError } from "./types";

const execFile = promisify(execFileCb);

const SANDBOX_DIR = path.dirname(fileURLToPath(import.meta.url));
const PROJECT_DIR = path.resolve(SANDBOX_DIR, "..");
const DOCKERFILE = path.join(SANDBOX_DIR, "images/runner/Dockerfile");
const SUPERVISOR_SOURCE = path.join(SANDBOX_DIR, "supervisor/supervise.c");
/** npm packages the TypeScript language needs inside the image (see languages.ts). */
const TS_PACKAGES = ["typescript", "@types/node", "undici-types"];

export const RUNNER_REPOSITORY = "coderunner-runner";
export const LOCAL_BASE_IMAGE = "coderunner-base:bookworm";
const ONLINE_BASE_IMAGE = "debian:bookworm-slim";

type Log = (line: string) => void;
const defaultLog: Log = (line) => process.stderr.write(`[images] ${line}\n`);

function packageVersion(name: string): string {
  const file = path.join(PROJECT_DIR, "node_modules", name, "package.json");
  try {
    return (JSON.parse(fs.readFileSync(file, "utf8")) as { version: string }).version;
  } catch (cause) {
    throw new SandboxError(`npm package ${name} is not installed (run npm install): ${file}`, { cause });
  }
}

/** The content-hashed tag of the runner image; computed without building anything. */
export function runnerImageTag(): string {
  const hash = createHash("sha256");
  for (const part of [
    fs.readFileSync(DOCKERFILE),
    fs.readFileSync(SUPERVISOR_SOURCE),
    runnerImagePackages().join(" "),
    TS_PACKAGES.map((p) => `${p}@${packageVersion(p)}`).join(" "),
  ]) {
    hash.update(part);
    hash.update("\0");
  }
  return `${RUNNER_REPOSITORY}:${hash.digest("hex").slice(0, 12)}`;
}

async function imageExists(docker: Docker, name: string): Promise<boolean> {
  try {
    await docker.getImage(name).inspect();
    return true;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return false;
    throw new SandboxError(`Docker is not reachable: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * The first plain Debian mirror URI in apt configuration texts: deb822 `.sources` files
 * (their `URIs:`), then one-line `sources.list` entries; security suites are skipped.
 */
export function debianMirrorFrom(deb822Files: string[], sourcesList: string | null): string | null {
  const candidates: string[] = [];
  for (const text of deb822Files) {
    for (const stanza of text.split(/\n\s*\n/)) {
      if (/^Enabled:\s*no\s*$/im.test(stanza)) continue;
      const uris = /^URIs:\s*(.+)$/m.exec(stanza)?.[1]?.trim().split(/\s+/) ?? [];
      const suites = /^Suites:\s*(.+)$/m.exec(stanza)?.[1] ?? "";
      if (!/-security\b/.test(suites)) candidates.push(...uris);
    }
  }
  for (const line of (sourcesList ?? "").split("\n")) {
    const m = /^\s*deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s+(\S+)/.exec(line);
    if (m && !m[2]!.includes("security")) candidates.push(m[1]!);
  }
  return candidates.find((u) => /^https?:\/\//.test(u)) ?? null;
}

/** The host's own Debian mirror (never a hard-coded host name). */
function hostDebianMirror(): string {
  const dir = "/etc/apt/sources.list.d";
  const deb822 = fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => f.endsWith(".sources"))
        .sort()
        .map((f) => fs.readFileSync(path.join(dir, f), "utf8"))
    : [];
  const list = fs.existsSync("/etc/apt/sources.list") ? fs.readFileSync("/etc/apt/sources.list", "utf8") : null;
  const mirror = debianMirrorFrom(deb822, list);
  if (!mirror) throw new SandboxError("No Debian mirror found in /etc/apt/sources.list(.d): cannot debootstrap a base image");
  return mirror;
}

function run(command: string, args: string[], log: Log, options: { stdout?: "pipe" | "inherit" } = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", options.stdout ?? "pipe", "pipe"] });
    const forward = (chunk: Buffer) => {
      for (const line of chunk.toString("utf8").split("\n")) if (line.trim()) log(`${path.basename(command)}: ${line}`);
    };
    child.stdout?.on("data", forward);
    child.stderr?.on("data", forward);
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve() : reject(new SandboxError(`${command} ${args.join(" ")} exited with ${code}`))));
  });
}

/** debootstrap a minimal bookworm and import it as a Docker image (needs root). */
export async function createLocalBaseImage(log: Log = defaultLog, tag = LOCAL_BASE_IMAGE): Promise<string> {
  if (process.getuid?.() !== 0) {
    throw new SandboxError("Creating the base image with debootstrap needs root");
  }
  const hasDebootstrap = await execFile("sh", ["-c", "command -v debootstrap || test -x /usr/sbin/debootstrap"]).then(
    () => true,
    () => false,
  );
  if (!hasDebootstrap) {
    log("installing debootstrap with apt-get");
    await run("apt-get", ["update"], log);
    await run("apt-get", ["install", "-y", "--no-install-recommends", "debootstrap"], log);
  }
  const mirror = hostDebianMirror();
  const rootfs = fs.mkdtempSync(path.join(os.tmpdir(), "coderunner-rootfs-"));
  try {
    log(`debootstrap --variant=minbase bookworm ${rootfs} ${mirror} (about a minute)`);
    await run("/usr/sbin/debootstrap", ["--variant=minbase", "bookworm", rootfs, mirror], log);
    log(`importing ${rootfs} as ${tag}`);
    await run("sh", ["-c", `tar -C '${rootfs}' -c . | docker import - '${tag}'`], log);
  } finally {
    fs.rmSync(rootfs, { recursive: true, force: true });
  }
  return tag;
}

/** The base image to build FROM, preferring anything already on this machine. */
async function resolveBaseImage(docker: Docker, log: Log, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  if (await imageExists(docker, LOCAL_BASE_IMAGE)) return LOCAL_BASE_IMAGE;
  if (await imageExists(docker, ONLINE_BASE_IMAGE)) return ONLINE_BASE_IMAGE;
  if (process.getuid?.() === 0) return createLocalBaseImage(log);
  log(`no local base image and not root: the build will pull ${ONLINE_BASE_IMAGE} from a registry`);
  return ONLINE_BASE_IMAGE;
}

function addDirectory(pack: tar.Pack, source: string, target: string): void {
  for (const entry of fs.readdirSync(source, { withFileTypes: true })) {
    const from = path.join(source, entry.name);
    const to = `${target}/${entry.name}`;
    const stat = fs.statSync(from); // follows symlinks: the context holds plain files only
    if (stat.isDirectory()) addDirectory(pack, from, to);
    else if (stat.isFile()) pack.entry({ name: to, mode: stat.mode & 0o755 }, fs.readFileSync(from));
  }
}

/** The build context as a tar stream: Dockerfile, supervise.c and the TypeScript packages. */
function buildContext(): tar.Pack {
  const pack = tar.pack();
  pack.entry({ name: "Dockerfile", mode: 0o644 }, fs.readFileSync(DOCKERFILE));
  pack.entry({ name: "supervise.c", mode: 0o644 }, fs.readFileSync(SUPERVISOR_SOURCE));
  for (const name of TS_PACKAGES) {
    addDirectory(pack, path.join(PROJECT_DIR, "node_modules", name), `ts/node_modules/${name}`);
  }
  pack.finalize();
  return pack;
}

let pendingBuild: Promise<string> | undefined;

export interface RunnerImageOptions {
  docker?: Docker;
  log?: Log;
  /** Image to build FROM (default: a local base when there is one, see resolveBaseImage). */
  baseImage?: string;
}

/** Builds the runner image when its content-hashed tag is missing; returns the tag. */
export function ensureRunnerImage(options: RunnerImageOptions = {}): Promise<string> {
  // One build per process even when several callers ask at once.
  pendingBuild ??= buildIfMissing(options.docker ?? new Docker(), options.log ?? defaultLog, options.baseImage).finally(() => {
    pendingBuild = undefined;
  });
  return pendingBuild;
}

async function buildIfMissing(docker: Docker, log: Log, baseImage: string | undefined): Promise<string> {
  const tag = runnerImageTag();
  if (await imageExists(docker, tag)) return tag;
  const base = await resolveBaseImage(docker, log, baseImage);
  const packages = runnerImagePackages().join(" ");
  log(`building ${tag} FROM ${base} with: ${packages}`);
  const started = Date.now();
  let stream: NodeJS.ReadableStream;
  try {
    stream = await docker.buildImage(buildContext() as unknown as NodeJS.ReadableStream, {
      t: tag,
      buildargs: { BASE: base, PACKAGES: packages },
      labels: { "coderunner.image": "runner" },
      rm: true,
      forcerm: true,
    });
  } catch (error) {
    throw new SandboxError(`docker build of ${tag} failed to start: ${(error as Error).message}`, { cause: error });
  }
  await new Promise<void>((resolve, reject) => {
    docker.modem.followProgress(
      stream,
      (error: Error | null, output: Array<{ error?: string }>) => {
        const failed = error?.message ?? output.find((o) => o.error)?.error;
        if (failed) reject(new SandboxError(`docker build of ${tag} failed: ${failed}`));
        else resolve();
      },
      (event: { stream?: string; status?: string; error?: string }) => {
        const text = event.stream ?? event.status ?? event.error ?? "";
        for (const line of text.split("\n")) if (line.trim()) log(line.trimEnd());
      },
    );
  });
  if (!(await imageExists(docker, tag))) throw new SandboxError(`docker build finished but ${tag} does not exist`);
  log(`built ${tag} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return tag;
}
