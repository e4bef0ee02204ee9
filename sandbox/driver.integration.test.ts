/**
 * The Docker sandbox against the real engine: languages, limits, measurement accuracy,
 * memory-limit updates, pool and cleanup. Hostile programs: hostile.integration.test.ts.
 */
import { execFileSync, spawnSync } from "node:child_process";
import Docker from "dockerode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getLanguage, LANGUAGES, type LanguageId } from "../src/judge/languages";
import { ensureRunnerImage } from "./build-images";
import { DockerSandboxProvider, SUPERVISOR_CAPS } from "./driver";
import { DockerStreamDemuxer, encodeRunRequest, SupervisorFrameParser, type SupervisorFrame } from "./protocol";
import os from "node:os";
import { reapLeftovers, SANDBOX_LABEL, OWNER_LABEL, CREATED_LABEL } from "./reaper";
import type { RunLimits, RunRequest, SandboxSession } from "./types";
import { SandboxError } from "./types";

const docker = new Docker();
let image: string;
let provider: DockerSandboxProvider;
const createdIds = new Set<string>();

// Generous wall limits: CPU-bound tests must not turn into wall-limit on a loaded 2-core machine.
const LIMITS: RunLimits = { cpuMs: 5_000, wallMs: 60_000, outputBytes: 1 << 20 };
const COMPILE_LIMITS: RunLimits = { cpuMs: 20_000, wallMs: 60_000, outputBytes: 1 << 16 };

async function acquire(memoryMb = 512): Promise<SandboxSession> {
  const session = await provider.acquire({ memoryMb });
  createdIds.add(session.id);
  return session;
}

function run(session: SandboxSession, argv: string[], extra: Omit<Partial<RunRequest>, "limits"> & { limits?: Partial<RunLimits> } = {}) {
  return session.run({ ...extra, argv, limits: { ...LIMITS, ...extra.limits } });
}

/** Writes `source` into the session and compiles it with the registry's own command. */
async function compile(session: SandboxSession, languageId: LanguageId, source: string) {
  const language = getLanguage(languageId)!;
  const sourceFile = language.sourceFileName(source);
  await session.putFiles([{ path: sourceFile, content: source }]);
  const ctx = { memoryMb: 256, sourceFile };
  if (language.compile) {
    const result = await session.run({ argv: language.compile(ctx), env: language.env, limits: COMPILE_LIMITS });
    expect(result.stderr.toString() + result.stdout.toString(), `${languageId} compiles`).toBe("");
    expect(result).toMatchObject({ stoppedBy: "exited", exitCode: 0 });
  }
  return { argv: language.run(ctx), env: language.env };
}

beforeAll(async () => {
  image = await ensureRunnerImage();
  provider = new DockerSandboxProvider({ image, poolSize: 1, reapIntervalMs: 0 });
});

afterAll(async () => {
  for (const id of provider?.containerIds() ?? []) createdIds.add(id);
  await provider?.shutdown();
  await expectAllRemoved([...createdIds]);
});

async function expectAllRemoved(ids: string[]): Promise<void> {
  const left = await docker.listContainers({ all: true, filters: { label: [`${SANDBOX_LABEL}=1`] } });
  expect(left.map((c) => c.Id).filter((id) => ids.includes(id))).toEqual([]);
}

const HELLO: Record<LanguageId, string> = {
  python: "name = input()\nprint(f'hello {name}')\n",
  javascript: 'const name = require("fs").readFileSync(0, "utf8").trim();\nconsole.log(`hello ${name}`);\n',
  typescript: 'import * as fs from "fs";\nconst name: string = fs.readFileSync(0, "utf8").trim();\nconsole.log(`hello ${name}`);\n',
  c: '#include <stdio.h>\nint main(void) { char b[64]; if (scanf("%63s", b) != 1) return 1; printf("hello %s\\n", b); return 0; }\n',
  cpp: "#include <bits/stdc++.h>\nint main() { std::string s; std::cin >> s; std::cout << \"hello \" << s << '\\n'; }\n",
  java: 'import java.util.*;\npublic class Greeter {\n  public static void main(String[] a) {\n    System.out.println("hello " + new Scanner(System.in).next());\n  }\n}\n',
  go: 'package main\nimport "fmt"\nfunc main() { var s string; fmt.Scan(&s); fmt.Println("hello " + s) }\n',
  rust: 'use std::io::Read;\nfn main() { let mut s = String::new(); std::io::stdin().read_to_string(&mut s).unwrap(); println!("hello {}", s.trim()); }\n',
};

describe("languages", () => {
  it.each(LANGUAGES.map((l) => l.id))("%s: compiles and runs hello world with stdin", async (id) => {
    const session = await acquire(768);
    try {
      const program = await compile(session, id, HELLO[id]);
      const result = await run(session, program.argv, { env: program.env, stdin: "sandbox\n" });
      expect(result.stderr.toString()).toBe("");
      expect(result).toMatchObject({ stoppedBy: "exited", exitCode: 0, signal: null });
      expect(result.stdout.toString()).toBe("hello sandbox\n");
    } finally {
      await session.close();
    }
  });
});

describe("one session, many runs", () => {
  let session: SandboxSession;
  beforeAll(async () => {
    session = await acquire(512);
    await session.putFiles([
      {
        path: "prog.c",
        content: `#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
int main(int argc, char **argv) {
  const char *mode = argc > 1 ? argv[1] : "";
  if (!strcmp(mode, "exit")) return atoi(argv[2]);
  if (!strcmp(mode, "segv")) { volatile int *p = 0; return *p; }
  if (!strcmp(mode, "abort")) abort();
  if (!strcmp(mode, "spin")) { while (clock() < CLOCKS_PER_SEC) {} return 0; }
  if (!strcmp(mode, "alloc")) {
    size_t n = (size_t)atoi(argv[2]) << 20;
    char *p = malloc(n); memset(p, 1, n); printf("%d\\n", p[n - 1]); return 0;
  }
  if (!strcmp(mode, "recurse")) return 0;
  return 2;
}
`,
      },
      {
        path: "deep.c",
        content:
          "int f(int n) { volatile char pad[64]; pad[0] = n; return n == 0 ? 0 : 1 + f(n - 1) + pad[0] * 0; }\nint main(void) { return f(2000000) == 2000000 ? 0 : 1; }\n",
      },
    ]);
    const built = await run(session, ["sh", "-c", "gcc -O2 -o prog prog.c && gcc -O0 -o deep deep.c"], { limits: COMPILE_LIMITS });
    expect(built.stderr.toString()).toBe("");
  });
  afterAll(() => session?.close());

  it("passes exit codes through", async () => {
    for (const code of [0, 1, 42, 255]) {
      expect(await run(session, ["./prog", "exit", String(code)])).toMatchObject({ stoppedBy: "exited", exitCode: code, signal: null });
    }
  });

  it("names the signal a program dies of", async () => {
    expect(await run(session, ["./prog", "segv"])).toMatchObject({ stoppedBy: "signaled", exitCode: null, signal: "SIGSEGV" });
    expect(await run(session, ["./prog", "abort"])).toMatchObject({ stoppedBy: "signaled", signal: "SIGABRT" });
  });

  it("reports a missing program as exit 127 with a message", async () => {
    const result = await run(session, ["./no-such-program"]);
    expect(result).toMatchObject({ stoppedBy: "exited", exitCode: 127 });
    expect(result.stderr.toString()).toContain("cannot execute ./no-such-program");
  });

  it("passes binary stdin and stdout through unchanged", async () => {
    const input = Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 7) & 0xff));
    const result = await run(session, ["cat"], { stdin: input });
    expect(result.stoppedBy).toBe("exited");
    expect(result.stdout.equals(input)).toBe(true);
  });

  it("gives EOF, not a hang, to a program reading an empty stdin", async () => {
    const result = await run(session, ["python3", "-c", "import sys; print(len(sys.stdin.read()))"], { limits: { wallMs: 10_000 } });
    expect(result).toMatchObject({ stoppedBy: "exited", exitCode: 0 });
    expect(result.stdout.toString()).toBe("0\n");
  });

  it("survives a program that never reads its (large) stdin", async () => {
    const result = await run(session, ["true"], { stdin: Buffer.alloc(4 << 20, 97) });
    expect(result).toMatchObject({ stoppedBy: "exited", exitCode: 0 });
    expect((await run(session, ["echo", "next"])).stdout.toString()).toBe("next\n");
  });

  it("measures a 1 s CPU loop as 1000 ms within 5 %", async () => {
    const result = await run(session, ["./prog", "spin"]);
    expect(result.stoppedBy).toBe("exited");
    expect(result.cpuMs).toBeGreaterThanOrEqual(950);
    expect(result.cpuMs).toBeLessThanOrEqual(1050);
    expect(result.wallMs).toBeGreaterThanOrEqual(result.cpuMs - 20);
  });

  it("measures a 100 MiB allocation as 100 MiB peak within 5 %", async () => {
    const result = await run(session, ["./prog", "alloc", "100"]);
    expect(result.stoppedBy).toBe("exited");
    expect(result.peakKb).toBeGreaterThanOrEqual(0.95 * 102_400);
    expect(result.peakKb).toBeLessThanOrEqual(1.05 * 102_400);
  });

  it("stops a busy loop at the CPU limit", async () => {
    const result = await run(session, ["python3", "-c", "while True: pass"], { limits: { cpuMs: 1000, wallMs: 60_000 } });
    expect(result.stoppedBy).toBe("cpu-limit");
    expect(result.signal).toBe("SIGKILL");
    expect(result.cpuMs).toBeGreaterThanOrEqual(1000);
    // Stopped by the supervisor's check, well before the RLIMIT_CPU backstop (2 s + 1 s).
    expect(result.cpuMs).toBeLessThan(2000);
  });

  it("stops a sleeping program at the wall limit", async () => {
    const result = await run(session, ["sleep", "1000"], { limits: { wallMs: 1000 } });
    expect(result.stoppedBy).toBe("wall-limit");
    expect(result.wallMs).toBeGreaterThanOrEqual(1000);
    expect(result.wallMs).toBeLessThan(3000);
    expect(result.cpuMs).toBeLessThan(100);
  });

  it("stops infinite stdout at the output limit, keeping exactly the limit", async () => {
    const result = await run(session, ["yes"], { limits: { outputBytes: 10_000 } });
    expect(result.stoppedBy).toBe("output-limit");
    expect(result.stdout.length).toBe(10_000);
    expect(result.stdoutTruncated).toBe(true);
    expect(result.stdout.toString().startsWith("y\ny\n")).toBe(true);
  });

  it("keeps a huge single line up to the limit", async () => {
    const result = await run(session, ["python3", "-c", "import sys; sys.stdout.write('x' * 50_000_000)"], {
      limits: { outputBytes: 100_000 },
    });
    expect(result.stoppedBy).toBe("output-limit");
    expect(result.stdout.length).toBe(100_000);
  });

  it("drains infinite stderr without hanging, keeping only the stderr cap", async () => {
    const result = await run(session, ["sh", "-c", "yes err >&2"], { limits: { cpuMs: 1000, wallMs: 5000, stderrBytes: 1000 } });
    expect(["cpu-limit", "wall-limit"]).toContain(result.stoppedBy);
    expect(result.stderr.length).toBe(1000);
    expect(result.stderrTruncated).toBe(true);
  });

  it("allows deep recursion (large stack)", async () => {
    expect(await run(session, ["./deep"])).toMatchObject({ stoppedBy: "exited", exitCode: 0 });
  });

  it("passes only the base environment plus the request's", async () => {
    const result = await run(session, ["env"], { env: { EXTRA: "1" } });
    const keys = result.stdout
      .toString()
      .trim()
      .split("\n")
      .map((l) => l.split("=")[0])
      .sort();
    expect(keys).toEqual(["EXTRA", "HOME", "LANG", "PATH", "TMPDIR"]);
  });

  it("runs at least 10 trivial executions per second", async () => {
    const started = Date.now();
    for (let i = 0; i < 20; i++) expect((await run(session, ["true"])).exitCode).toBe(0);
    const perSecond = 20_000 / (Date.now() - started);
    console.log(`[sandbox] ${perSecond.toFixed(1)} trivial runs/s in one session`);
    expect(perSecond).toBeGreaterThanOrEqual(10);
  });
});

describe("memory limit", () => {
  it("enforces the container limit and follows setMemoryLimit up and down", async () => {
    const session = await acquire(256);
    try {
      const allocate = ["python3", "-c", "b = bytearray(160 * 1024 * 1024); print(len(b) >> 20)"];
      const fits = await run(session, allocate);
      expect(fits).toMatchObject({ stoppedBy: "exited", exitCode: 0 });
      expect(fits.peakKb).toBeGreaterThan(160 * 1024);

      await session.setMemoryLimit(96);
      const tooBig = await run(session, allocate);
      expect(tooBig.stoppedBy).toBe("memory-limit");
      expect(tooBig.signal).toBe("SIGKILL");

      await session.setMemoryLimit(384);
      expect(await run(session, allocate)).toMatchObject({ stoppedBy: "exited", exitCode: 0 });
      await expect(session.setMemoryLimit(1)).rejects.toThrow(SandboxError);
    } finally {
      await session.close();
    }
  });

  it("reports a C memory bomb as memory-limit and keeps the session usable", async () => {
    const session = await acquire(128);
    try {
      const bomb = await run(session, ["python3", "-c", "x = []\nwhile True: x.append(bytearray(1 << 20))"]);
      expect(bomb.stoppedBy).toBe("memory-limit");
      expect((await run(session, ["echo", "alive"])).stdout.toString()).toBe("alive\n");
    } finally {
      await session.close();
    }
  });
});

describe("supervisor protocol", () => {
  it("answers malformed requests with an error frame and keeps serving", async () => {
    const container = await docker.createContainer({
      Image: image,
      User: "0:0",
      OpenStdin: true,
      AttachStdin: true,
      AttachStdout: true,
      Tty: false,
      Labels: { [SANDBOX_LABEL]: "1", [OWNER_LABEL]: `${os.hostname()}/${process.pid}`, [CREATED_LABEL]: new Date().toISOString() },
      HostConfig: {
        NetworkMode: "none",
        ReadonlyRootfs: true,
        CapDrop: ["ALL"],
        CapAdd: [...SUPERVISOR_CAPS],
        SecurityOpt: ["no-new-privileges"],
        Tmpfs: { "/box": "rw,size=16m,uid=10001,gid=10001" },
      },
    });
    try {
      const stream = await container.attach({ stream: true, stdin: true, stdout: true, stderr: true, hijack: true });
      const demuxer = new DockerStreamDemuxer();
      const parser = new SupervisorFrameParser();
      const frames: SupervisorFrame[] = [];
      stream.on("data", (chunk: Buffer) => {
        for (const part of demuxer.push(chunk)) if (part.stream === "stdout") frames.push(...parser.push(part.data));
      });
      await container.start();
      const valid = encodeRunRequest({
        argv: ["echo", "ok"],
        env: { PATH: "/usr/bin:/bin" },
        stdin: Buffer.alloc(0),
        limits: { cpuMs: 1000, wallMs: 5000, outputBytes: 100 },
      });
      stream.write(
        Buffer.concat([
          Buffer.from("garbage\n"),
          Buffer.from("RUN 1 2 3\n"),
          Buffer.from(`RUN ${"9".repeat(600)}\n`),
          Buffer.from("RUN 1000 1000 10 10 10 64 1 0 5 2\nab\0cdXY"), // 2 strings where argc says 1
          Buffer.from("RUN 1000 0 10 10 10 64 1 0 5 0\ntrue\0"), // zero wall limit
          valid,
        ]),
      );
      await expect.poll(() => frames.filter((f) => f.kind === "result").length, { timeout: 20_000 }).toBe(1);
      expect(frames.filter((f) => f.kind === "error").map((f) => (f as { message: string }).message)).toEqual([
        "malformed request header",
        "malformed request header",
        "request header too long",
        "malformed argv/env or limits",
        "malformed argv/env or limits",
      ]);
      expect(Buffer.concat(frames.flatMap((f) => (f.kind === "stdout" ? [f.data] : []))).toString()).toBe("ok\n");
      stream.end();
    } finally {
      await container.remove({ force: true });
    }
  });

  it("refuses to start without root to switch from (it would share the program's uid)", () => {
    const result = spawnSync("docker", ["run", "--rm", "--user", "10001:10001", "--network", "none", image], { encoding: "utf8" });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/must be started as root/);
  });
});

describe("runner image", () => {
  it("has no setuid or setgid file (CIS Docker 4.8)", () => {
    const found = execFileSync(
      "docker",
      [
        "run",
        "--rm",
        "--network",
        "none",
        "--entrypoint",
        "find",
        image,
        "/",
        "-xdev",
        "-type",
        "f",
        "(",
        "-perm",
        "-4000",
        "-o",
        "-perm",
        "-2000",
        ")",
      ],
      { encoding: "utf8" },
    );
    expect(found).toBe("");
    // The check can fail: the base layer does have them (su, passwd, ...), stripped by the Dockerfile.
    const su = execFileSync("docker", ["run", "--rm", "--network", "none", "--entrypoint", "stat", image, "-c", "%a %U", "/usr/bin/su"], {
      encoding: "utf8",
    });
    expect(su.trim()).toBe("755 root");
  });
});

describe("lifecycle", () => {
  it("close is idempotent, removes the container, and a closed session refuses work", async () => {
    const session = (await acquire()) as SandboxSession & { whenRemoved(): Promise<void> };
    await Promise.all([session.close(), session.close()]);
    await session.whenRemoved();
    await expect(docker.getContainer(session.id).inspect()).rejects.toMatchObject({ statusCode: 404 });
    await expect(run(session, ["true"])).rejects.toThrow(SandboxError);
  });

  it("a container killed from outside fails the run with SandboxError, not a hang", async () => {
    const session = await acquire();
    try {
      const running = run(session, ["sleep", "30"], { limits: { wallMs: 60_000 } });
      await new Promise((r) => setTimeout(r, 300));
      await docker.getContainer(session.id).kill();
      await expect(running).rejects.toThrow(SandboxError);
    } finally {
      await session.close();
    }
  });

  it("reports a missing image as SandboxError, and shutdown does not wait for refill back-off", async () => {
    const broken = new DockerSandboxProvider({
      image: "coderunner-runner:does-not-exist",
      poolSize: 1,
      reapIntervalMs: 0,
      log: () => undefined,
    });
    await expect(broken.acquire()).rejects.toThrow(/no such image/i);
    await new Promise((r) => setTimeout(r, 1000)); // the pool is now backing off
    const started = Date.now();
    await broken.shutdown();
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("refuses an invalid memory limit without touching the pool", async () => {
    await expect(provider.acquire({ memoryMb: 1 })).rejects.toThrow(SandboxError);
    await expect(provider.acquire({ memoryMb: 1.5 })).rejects.toThrow(SandboxError);
  });

  it("refuses file paths outside /box", async () => {
    const session = await acquire();
    try {
      await expect(session.putFiles([{ path: "../etc/passwd", content: "x" }])).rejects.toThrow(SandboxError);
      await expect(session.putFiles([{ path: "/etc/passwd", content: "x" }])).rejects.toThrow(SandboxError);
    } finally {
      await session.close();
    }
  });

  it("reaps containers whose owner process is dead", async () => {
    const orphan = await docker.createContainer({
      Image: image,
      Labels: { [SANDBOX_LABEL]: "1", [OWNER_LABEL]: `${os.hostname()}/999999999`, [CREATED_LABEL]: new Date().toISOString() },
      HostConfig: { NetworkMode: "none" },
    });
    const removed = await reapLeftovers(docker, { maxAgeMs: 60 * 60 * 1000 });
    expect(removed).toContain(orphan.id);
    await expect(orphan.inspect()).rejects.toMatchObject({ statusCode: 404 });
  });

  it("tops the pool up after a judging, not during it, and hands out a container already at the asked limit", async () => {
    const own = new DockerSandboxProvider({ image, poolSize: 2, reapIntervalMs: 0 });
    try {
      await expect.poll(() => own.warmCount, { timeout: 20_000 }).toBe(2);
      const first = await own.acquire({ memoryMb: 256 }); // a warm one (1024 MiB), updated
      const spare = own.containerIds().find((id) => id !== first.id)!;
      // A spare is still warm, so nothing is created while this session is in use.
      await new Promise((r) => setTimeout(r, 1500));
      expect(own.containerIds().sort()).toEqual([first.id, spare].sort());
      await first.close();
      // Removed, then replaced by one created at the limit last asked for.
      await expect.poll(() => own.warmCount, { timeout: 20_000 }).toBe(2);
      const fresh = own.containerIds().find((id) => id !== spare)!;
      expect(own.containerIds()).not.toContain(first.id);
      const second = await own.acquire({ memoryMb: 256 });
      expect(second.id).toBe(fresh); // not the older spare, which is still at 1024 MiB
      expect(second.memoryMb).toBe(256);
      await second.close();
    } finally {
      await own.shutdown();
    }
  });

  it("shutdown removes pooled and acquired containers and refuses new sessions", async () => {
    const own = new DockerSandboxProvider({ image, poolSize: 2, reapIntervalMs: 0 });
    const session = await own.acquire({ memoryMb: 256 });
    await expect.poll(() => own.containerIds().length, { timeout: 20_000 }).toBe(3); // 1 handed out + 2 warm
    const ids = own.containerIds();
    expect(ids).toContain(session.id);
    await own.shutdown();
    await expectAllRemoved(ids);
    expect(own.containerIds()).toEqual([]);
    await expect(own.acquire()).rejects.toThrow(SandboxError);
  });
});
