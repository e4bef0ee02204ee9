/**
 * Real restarts of the machine's shared services (Docker engine, Postgres) for the
 * `exclusive` test project. They hurt everyone using those services, so:
 * - the project runs alone, after the integration tests (vitest.config.ts, scripts/test.sh);
 * - `holdServiceLock()` serialises with any other run of these tests on the machine;
 * - every restart puts the service back the way it was started (same command line and
 *   environment), and `ensureDockerEngine()` in afterAll starts it if anything went wrong.
 */
import { execFile, spawn } from "node:child_process";
import { openSync, readFileSync, readdirSync, existsSync } from "node:fs";
import { promisify } from "node:util";

const run = promisify(execFile);
const LOCK_FILE = "/tmp/coderunner-service-restart.lock";
const DOCKERD_LOG = "/var/log/dockerd.log";

/** Takes a machine-wide lock (flock) until the returned release is called or this process dies. */
export async function holdServiceLock(): Promise<() => void> {
  const holder = spawn("flock", ["-x", LOCK_FILE, "sh", "-c", "echo locked; cat >/dev/null"], { stdio: ["pipe", "pipe", "inherit"] });
  await new Promise<void>((resolve, reject) => {
    holder.stdout.once("data", () => resolve());
    holder.once("exit", (code) => reject(new Error(`flock exited with ${code}`)));
  });
  return () => holder.stdin.end(); // closing stdin ends `cat`, which releases the lock
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs / 1000} s`);
    await sleep(200);
  }
}

const dockerAnswers = () =>
  run("docker", ["info", "--format", "{{.ServerVersion}}"], { timeout: 5000 }).then(
    () => true,
    () => false,
  );

function dockerdPid(): number | undefined {
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, "utf8").trim() === "dockerd") return Number(entry);
    } catch {
      // the process ended meanwhile
    }
  }
  return undefined;
}

const readNulList = (file: string) => readFileSync(file, "utf8").split("\0").filter(Boolean);
const managedBySystemd = async () =>
  existsSync("/run/systemd/system") &&
  (await run("systemctl", ["is-active", "--quiet", "docker"]).then(
    () => true,
    () => false,
  ));

function startDockerd(argv: string[], environ: string[]) {
  const log = openSync(DOCKERD_LOG, "a");
  const env = Object.fromEntries(environ.map((kv) => [kv.slice(0, kv.indexOf("=")), kv.slice(kv.indexOf("=") + 1)])) as NodeJS.ProcessEnv;
  // As scripts/setup-system.sh does (`nohup dockerd >/var/log/dockerd.log 2>&1 &`): its own session, outliving the test.
  spawn(argv[0]!, argv.slice(1), { detached: true, stdio: ["ignore", log, log], env }).unref();
}

/**
 * Stops the Docker engine the way `service docker restart` would (SIGTERM: it stops
 * every container, then exits) and starts it again with the same command line and
 * environment. Resolves once `docker info` answers again.
 */
export async function restartDockerEngine(): Promise<{ downMs: number }> {
  if (await managedBySystemd()) {
    const started = Date.now();
    await run("systemctl", ["restart", "docker"]);
    await until("the Docker engine did not answer after systemctl restart", dockerAnswers, 60_000);
    return { downMs: Date.now() - started };
  }
  const pid = dockerdPid();
  if (!pid) throw new Error("no dockerd process to restart");
  const argv = readNulList(`/proc/${pid}/cmdline`);
  const environ = readNulList(`/proc/${pid}/environ`);
  const stopping = Date.now();
  process.kill(pid, "SIGTERM");
  try {
    await until("dockerd did not stop", async () => !existsSync(`/proc/${pid}`), 45_000);
  } catch {
    process.kill(pid, "SIGKILL");
    await until("dockerd did not die", async () => !existsSync(`/proc/${pid}`), 10_000);
  }
  startDockerd(argv, environ);
  await until("the restarted Docker engine did not answer", dockerAnswers, 60_000);
  return { downMs: Date.now() - stopping };
}

/** Starts dockerd (plain, as scripts/setup-system.sh does) if no engine answers: tests must never leave it down. */
export async function ensureDockerEngine(): Promise<void> {
  if (await dockerAnswers()) return;
  if (!dockerdPid())
    startDockerd(
      ["dockerd"],
      Object.entries(process.env).map(([k, v]) => `${k}=${v ?? ""}`),
    );
  await until("the Docker engine did not come back", dockerAnswers, 60_000);
}

/** The local Postgres cluster that `url` points at, or undefined when it is not this machine's. */
export function localPostgresCluster(url: string): { version: string; name: string } | undefined {
  const { hostname, port } = new URL(url);
  if (!["127.0.0.1", "localhost", "::1"].includes(hostname) || !existsSync("/etc/postgresql")) return undefined;
  for (const version of readdirSync("/etc/postgresql").sort()) {
    for (const name of readdirSync(`/etc/postgresql/${version}`)) {
      const conf = `/etc/postgresql/${version}/${name}/postgresql.conf`;
      if (!existsSync(conf)) continue;
      const configured = /^\s*port\s*=\s*(\d+)/m.exec(readFileSync(conf, "utf8"))?.[1] ?? "5432";
      if (configured === (port || "5432")) return { version, name };
    }
  }
  return undefined;
}

/**
 * Restarts the cluster in fast mode (every connection is terminated, as in a real
 * restart); resolves once it accepts connections again. The outage lasts about a second.
 */
export async function restartPostgres(cluster: { version: string; name: string }): Promise<{ downMs: number }> {
  const started = Date.now();
  await run("pg_ctlcluster", ["--skip-systemctl-redirect", cluster.version, cluster.name, "restart", "-m", "fast"], { timeout: 60_000 });
  return { downMs: Date.now() - started };
}
