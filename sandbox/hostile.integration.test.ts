/**
 * Hostile programs against the real Docker sandbox. Each one must get a sensible stop
 * reason, leave the session usable for the next run (nothing of it survives), and leave
 * the host untouched.
 */
import { execFileSync } from "node:child_process";
import Docker from "dockerode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureRunnerImage } from "./build-images";
import { DockerSandboxProvider } from "./driver";
import type { RunLimits, RunRequest, SandboxSession } from "./types";

const docker = new Docker();
let provider: DockerSandboxProvider;
let session: SandboxSession;
const ids = new Set<string>();

const LIMITS: RunLimits = { cpuMs: 2_000, wallMs: 30_000, outputBytes: 1 << 16 };

function run(argv: string[], extra: Omit<Partial<RunRequest>, "limits"> & { limits?: Partial<RunLimits> } = {}) {
  return session.run({ ...extra, argv, limits: { ...LIMITS, ...extra.limits } });
}

function python(code: string, extra: Parameters<typeof run>[1] = {}) {
  return run(["python3", "-c", code], extra);
}

/** PIDs alive in the container other than the supervisor and the lister itself. */
async function strayProcesses(): Promise<string[]> {
  const result = await python(
    "import os\n" +
      "for p in os.listdir('/proc'):\n" +
      "    if p.isdigit() and int(p) not in (1, os.getpid()):\n" +
      "        try: print(p, open(f'/proc/{p}/cmdline').read().replace('\\0', ' '))\n" +
      "        except OSError: pass\n",
  );
  expect(result).toMatchObject({ stoppedBy: "exited", exitCode: 0 });
  return result.stdout.toString().split("\n").filter(Boolean);
}

async function expectCleanAndUsable(): Promise<void> {
  expect(await strayProcesses()).toEqual([]);
  const next = await run(["echo", "still here"]);
  expect(next).toMatchObject({ stoppedBy: "exited", exitCode: 0 });
  expect(next.stdout.toString()).toBe("still here\n");
  execFileSync("true"); // the host can still start processes
}

beforeAll(async () => {
  provider = new DockerSandboxProvider({ image: await ensureRunnerImage(), poolSize: 1, reapIntervalMs: 0 });
});

/** Each group gets its own container, so one broken session cannot fail the others. */
function freshSessionPerGroup(): void {
  beforeAll(async () => {
    session = await provider.acquire({ memoryMb: 256 });
    ids.add(session.id);
  });
  afterAll(() => session?.close());
}

afterAll(async () => {
  for (const id of provider?.containerIds() ?? []) ids.add(id);
  await provider?.shutdown();
  const left = await docker.listContainers({ all: true, filters: { label: ["coderunner.sandbox=1"] } });
  expect(left.filter((c) => ids.has(c.Id))).toEqual([]);
});

describe("process abuse", () => {
  freshSessionPerGroup();

  it("contains a shell fork bomb", async () => {
    const result = await run(["sh", "-c", "f() { f | f & }; f; sleep 5"], { limits: { wallMs: 4000 } });
    expect(["exited", "wall-limit", "cpu-limit", "signaled"]).toContain(result.stoppedBy);
    await expectCleanAndUsable();
  });

  it("contains a C fork bomb", async () => {
    await session.putFiles([{ path: "forkbomb.c", content: "#include <unistd.h>\nint main(void) { for (;;) fork(); }\n" }]);
    expect((await run(["gcc", "-o", "forkbomb", "forkbomb.c"], { limits: { cpuMs: 10_000, wallMs: 30_000 } })).exitCode).toBe(0);
    const result = await run(["./forkbomb"], { limits: { cpuMs: 1000, wallMs: 3000 } });
    expect(["cpu-limit", "wall-limit"]).toContain(result.stoppedBy);
    await expectCleanAndUsable();
  });

  it("contains a thread bomb at the PID limit", async () => {
    const result = await python(
      "import threading, time\nn = 0\ntry:\n    while True:\n        threading.Thread(target=time.sleep, args=(100,), daemon=True).start(); n += 1\n" +
        "except Exception as e:\n    print(n, type(e).__name__)\n",
    );
    expect(result.stoppedBy).toBe("exited");
    const started = Number(result.stdout.toString().split(" ")[0]);
    expect(started).toBeGreaterThan(10);
    expect(started).toBeLessThan(128);
    await expectCleanAndUsable();
  });

  it("kills a background daemon that outlives main before the next run", async () => {
    const result = await run(["sh", "-c", "setsid sh -c 'while :; do sleep 1; done' </dev/null >/dev/null 2>&1 & echo started"]);
    expect(result).toMatchObject({ stoppedBy: "exited", exitCode: 0 });
    expect(result.stdout.toString()).toBe("started\n");
    await expectCleanAndUsable();
  });

  it("survives kill -9 -1 and signals aimed at the supervisor (another uid: EPERM)", async () => {
    const result = await python(
      "import os, signal\nfor s in (9, signal.SIGSTOP, 15):\n" +
        "    try: os.kill(1, s); print('delivered', s)\n    except PermissionError: print('denied', int(s))\n" +
        "try: os.kill(-1, 9)\nexcept ProcessLookupError: pass  # nothing else left to kill\nprint('done')\n",
    );
    expect(result).toMatchObject({ stoppedBy: "exited", exitCode: 0 });
    expect(result.stdout.toString()).toBe("denied 9\ndenied 19\ndenied 15\ndone\n");
    expect((await run(["sh", "-c", "kill -9 -1; echo after"])).stdout.toString()).toBe("after\n");
    await expectCleanAndUsable();
  });

  it("cannot ptrace the supervisor or read its fds and environment", async () => {
    const result = await python(
      "import ctypes, os\nlibc = ctypes.CDLL(None, use_errno=True)\n" +
        "print('ptrace', libc.ptrace(16, 1, 0, 0), ctypes.get_errno())\n" +
        "for path in ('/proc/1/environ', '/proc/1/fd/0', '/proc/1/mem'):\n" +
        "    try: open(path, 'rb').read(1); print('READ', path)\n" +
        "    except OSError as e: print('denied', path)\n",
    );
    const out = result.stdout.toString();
    expect(out).toMatch(/^ptrace -1 1\n/); // EPERM
    expect(out).not.toContain("READ");
  });
});

describe("resource abuse", () => {
  freshSessionPerGroup();

  it("stops a memory bomb with memory-limit", async () => {
    const result = await python("x = []\nwhile True: x.append(b'x' * (1 << 20))", { limits: { cpuMs: 10_000, wallMs: 20_000 } });
    expect(result.stoppedBy).toBe("memory-limit");
    await expectCleanAndUsable();
  });

  it("bounds /tmp and has no writable /dev/shm", async () => {
    const fill = await run(["sh", "-c", "dd if=/dev/zero of=/tmp/fill bs=1M count=200 2>&1; rm -f /tmp/fill"], {
      limits: { fileSizeBytes: 200 << 20 },
    });
    expect(fill.stdout.toString()).toContain("No space left on device");
    const shm = await run(["sh", "-c", "echo x > /dev/shm/x && echo WROTE"]);
    expect(shm.stdout.toString()).not.toContain("WROTE");
  });

  it("stops a huge file write with SIGXFSZ at the file size limit", async () => {
    const result = await run(["dd", "if=/dev/zero", "of=big", "bs=64k", "count=100"], { limits: { fileSizeBytes: 1 << 20 } });
    expect(result).toMatchObject({ stoppedBy: "signaled", signal: "SIGXFSZ" });
    await run(["rm", "-f", "big"]);
  });

  it("keeps up with output written one byte per syscall (no frame per write)", async () => {
    // Before coalescing, each write cost the supervisor one frame: as much CPU as the
    // program itself, on the container's one CPU, stretching its wall time several-fold.
    const supervisorCpuMs = async () => {
      const fields = (await run(["cat", "/proc/1/stat"])).stdout.toString().split(") ")[1]!.split(" ");
      return (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime, in 10 ms clock ticks
    };
    await session.putFiles([
      {
        path: "dribble.c",
        content: '#include <unistd.h>\nint main(void) { for (int i = 0; i < 2000000; i++) write(1, "x", 1); return 0; }\n',
      },
    ]);
    expect((await run(["gcc", "-O2", "-o", "dribble", "dribble.c"], { limits: { cpuMs: 10_000, wallMs: 30_000 } })).exitCode).toBe(0);
    const before = await supervisorCpuMs();
    const result = await run(["./dribble"], { limits: { cpuMs: 10_000, wallMs: 30_000, outputBytes: 4 << 20 } });
    const supervisorMs = (await supervisorCpuMs()) - before;
    expect(result).toMatchObject({ stoppedBy: "exited", exitCode: 0 });
    expect(result.stdout.length).toBe(2_000_000);
    expect(supervisorMs, `program ${result.cpuMs} ms CPU, ${result.wallMs} ms wall`).toBeLessThan(result.cpuMs / 4);
    await expectCleanAndUsable();
  });

  it("limits open files", async () => {
    const result = await python(
      "fs = []\ntry:\n    while True: fs.append(open('/dev/null'))\nexcept OSError as e:\n    print(len(fs), e.errno)\n",
      { limits: { openFiles: 64 } },
    );
    const [count, errno] = result.stdout.toString().trim().split(" ").map(Number);
    expect(count).toBeLessThanOrEqual(64);
    expect(errno).toBe(24); // EMFILE
  });
});

describe("escape attempts", () => {
  freshSessionPerGroup();

  it("has no network: public address, Docker gateway, cloud metadata", async () => {
    const result = await python(
      "import socket\nfor host, port in (('1.1.1.1', 80), ('172.17.0.1', 80), ('169.254.169.254', 80), ('8.8.8.8', 53)):\n" +
        "    try:\n        socket.create_connection((host, port), timeout=2); print('CONNECTED', host)\n" +
        "    except OSError as e:\n        print('blocked', host)\n" +
        "print(sorted(open('/proc/net/dev').read().split()[i].rstrip(':') for i in range(20, len(open('/proc/net/dev').read().split()), 17)))\n",
    );
    const out = result.stdout.toString();
    expect(out).not.toContain("CONNECTED");
    expect(out.match(/blocked/g)).toHaveLength(4);
    expect(out).toContain("['lo']");
  });

  it("runs as an unprivileged user with a read-only root", async () => {
    const result = await run([
      "sh",
      "-c",
      "id -u; for f in /etc/x /usr/bin/x /x /sys/fs/cgroup/memory/memory.limit_in_bytes /proc/sysrq-trigger; do (echo 1 > $f) 2>/dev/null && echo WROTE $f; done; true",
    ]);
    expect(result.stdout.toString()).toBe("10001\n");
  });

  it("cannot gain privileges: setuid, su, unshare, mount", async () => {
    const result = await run([
      "sh",
      "-c",
      "python3 -c 'import os; os.setuid(0)' 2>/dev/null && echo SETUID; " +
        "su -c true root </dev/null 2>/dev/null && echo SU; " +
        "unshare -r true 2>/dev/null && echo UNSHARE; unshare -m true 2>/dev/null && echo UNSHARE_M; " +
        "mount -t tmpfs none /mnt 2>/dev/null && echo MOUNT; " +
        "grep -E '^(CapEff|NoNewPrivs)' /proc/self/status",
    ]);
    expect(result.stdout.toString()).toBe("CapEff:\t0000000000000000\nNoNewPrivs:\t1\n");
  });

  it("puts files over a planted symlink without following it", async () => {
    const plant = await run(["sh", "-c", "ln -sf /etc/passwd input.txt && ls -l input.txt"]);
    expect(plant.stdout.toString()).toContain("-> /etc/passwd");
    await session.putFiles([{ path: "input.txt", content: "trusted data\n" }]);
    const after = await run(["sh", "-c", "test -L input.txt && echo LINK; cat input.txt; head -c 5 /etc/passwd"]);
    expect(after.stdout.toString()).toBe("trusted data\nroot:");
  });

  it("puts files under a planted directory symlink inside /box, not where it points", async () => {
    await run(["sh", "-c", "ln -s /etc data && ln -s / top"]);
    await session.putFiles([
      { path: "data/x", content: "x" },
      { path: "top/tmp/y", content: "y" },
    ]);
    const after = await run(["sh", "-c", "test -L data || test -L top || cat data/x top/tmp/y; ls /etc/x /tmp/y 2>/dev/null"]);
    expect(after.stdout.toString()).toBe("xy");
  });
});

describe("compile-time abuse", () => {
  freshSessionPerGroup();

  it("stops a C++ template bomb at the compile limits", async () => {
    await session.putFiles([
      {
        path: "bomb.cpp",
        content:
          "template<int N, int K> struct T { static const int v = T<N - 1, 2 * K>::v + T<N - 1, 2 * K + 1>::v; };\n" +
          "template<int K> struct T<0, K> { static const int v = 1; };\n" +
          "int main() { return T<40, 0>::v; }\n",
      },
    ]);
    const result = await run(["g++", "-O2", "-o", "bomb", "bomb.cpp"], { limits: { cpuMs: 3000, wallMs: 30_000 } });
    expect(["cpu-limit", "memory-limit", "wall-limit"]).toContain(result.stoppedBy);
    await expectCleanAndUsable();
  });

  it('stops #include "/dev/random" at the compile limits', async () => {
    await session.putFiles([{ path: "random.c", content: '#include "/dev/random"\nint main(void) { return 0; }\n' }]);
    const result = await run(["gcc", "-o", "random", "random.c"], { limits: { cpuMs: 3000, wallMs: 30_000 } });
    expect(["cpu-limit", "memory-limit", "wall-limit", "exited"]).toContain(result.stoppedBy);
    if (result.stoppedBy === "exited") expect(result.exitCode).not.toBe(0);
    await expectCleanAndUsable();
  });
});

describe("identity: the program cannot change its supervisor", () => {
  freshSessionPerGroup();

  it("prlimit, sched_setscheduler, setpriority and signals on PID 1 are all EPERM; the program has no capability", async () => {
    const result = await python(
      [
        "import os, resource, signal",
        "def attempt(name, call):",
        "    try:",
        "        call()",
        "        print(name, 'ALLOWED')",
        "    except PermissionError:",
        "        print(name, 'EPERM')",
        "attempt('prlimit-nofile', lambda: resource.prlimit(1, resource.RLIMIT_NOFILE, (3, 3)))",
        "attempt('prlimit-cpu', lambda: resource.prlimit(1, resource.RLIMIT_CPU, (1, 1)))",
        "attempt('sched', lambda: os.sched_setscheduler(1, os.SCHED_IDLE, os.sched_param(0)))",
        "attempt('nice', lambda: os.setpriority(os.PRIO_PROCESS, 1, 19))",
        "attempt('kill', lambda: os.kill(1, signal.SIGKILL))",
        "status = dict(line.split(':\\t', 1) for line in open('/proc/self/status').read().splitlines() if ':\\t' in line)",
        "for key in ('Uid', 'Gid', 'CapInh', 'CapPrm', 'CapEff', 'CapBnd', 'CapAmb', 'NoNewPrivs'):",
        "    print(key, ' '.join(status[key].split()))",
        "print('supervisor uid', open('/proc/1/status').read().split('Uid:\\t')[1].split()[0])",
      ].join("\n"),
    );
    expect(result, result.stderr.toString()).toMatchObject({ stoppedBy: "exited", exitCode: 0 });
    expect(result.stdout.toString()).toBe(
      [
        "prlimit-nofile EPERM",
        "prlimit-cpu EPERM",
        "sched EPERM",
        "nice EPERM",
        "kill EPERM",
        "Uid 10001 10001 10001 10001",
        "Gid 10001 10001 10001 10001",
        "CapInh 0000000000000000",
        "CapPrm 0000000000000000",
        "CapEff 0000000000000000",
        "CapBnd 0000000000000000",
        "CapAmb 0000000000000000",
        "NoNewPrivs 1",
        "supervisor uid 10000",
        "",
      ].join("\n"),
    );
    // Its own stdio is its own: reopening /dev/stdout, /dev/stderr and /dev/stdin works as anywhere.
    const stdio = await run(["sh", "-c", "echo out > /dev/stdout; echo err > /dev/stderr; cat /dev/stdin"], { stdin: "in\n" });
    expect([stdio.stdout.toString(), stdio.stderr.toString()]).toEqual(["out\nin\n", "err\n"]);
    // The supervisor still opens pipes for the next runs (NOFILE untouched) and is not niced.
    for (let i = 0; i < 3; i++) expect((await run(["echo", `run ${i}`])).stdout.toString()).toBe(`run ${i}\n`);
    await expectCleanAndUsable();
  });
});

describe("files between runs: seal and reset", () => {
  freshSessionPerGroup();

  const listing = async () => {
    const r = await run(["sh", "-c", "cd /box && ls -A; echo --; ls -A /tmp"]);
    return r.stdout.toString();
  };

  it("makes the compiled files read-only, and reset removes whatever a run left, whatever its modes", async () => {
    await session.putFiles([{ path: "main.c", content: "int main(void) { return 0; }\n" }]);
    expect((await run(["gcc", "-o", "main", "main.c"], { limits: { cpuMs: 10_000 } })).exitCode).toBe(0);
    await run(["sh", "-c", "echo compiler scratch > /tmp/cc-left"]);
    await session.seal();
    const sealed = await listing();
    expect(sealed).toBe("main\nmain.c\n--\n");

    const attack = await python(
      [
        "import os",
        "for top in ('/box', '/tmp'):",
        "    os.makedirs(f'{top}/locked/inner')",
        "    open(f'{top}/locked/inner/f', 'w').write('x')",
        "    os.chmod(f'{top}/locked/inner', 0o500)",
        "    os.chmod(f'{top}/locked', 0o500)",
        "    os.makedirs(f'{top}/many')",
        "    for i in range(3000): open(f'{top}/many/{i}', 'w').close()",
        "    os.makedirs(f'{top}/.supervise-deep-0/taken')  # the name reset would move deep trees to",
        "    d = f'{top}/deep'",
        "    for i in range(300): d += '/d'",
        "    os.makedirs(d)",
        "    os.symlink('/box/main', f'{top}/link')",
        "    os.mkfifo(f'{top}/fifo')",
        "open('/box/new\\nline', 'w').write('x')",
        "denied = []",
        "for what, call in [('write', lambda: open('/box/main', 'ab')), ('remove', lambda: os.remove('/box/main')),",
        "                   ('rename', lambda: os.rename('/box/main.c', '/box/x')), ('chmod', lambda: os.chmod('/box/main', 0o777)),",
        "                   ('utime', lambda: os.utime('/box/main', (0, 0))), ('hardlink', lambda: os.link('/box/main', '/box/hl'))]:",
        "    try:",
        "        call()",
        "    except PermissionError:",
        "        denied.append(what)",
        "print(' '.join(denied))",
      ].join("\n"),
    );
    expect(attack, attack.stderr.toString()).toMatchObject({ stoppedBy: "exited", exitCode: 0 });
    expect(attack.stdout.toString()).toBe("write remove rename chmod utime hardlink\n");

    await session.reset();
    expect(await listing()).toBe(sealed);
    expect((await run(["./main"])).exitCode).toBe(0);
    // /box stays writable for the program (files next to the sealed ones), and is reset again.
    await run(["sh", "-c", "echo x > /box/out.txt && mkdir -p /tmp/a/b && chmod 000 /tmp/a"]);
    await session.reset();
    expect(await listing()).toBe(sealed);
    // The same reset, in one request with the next run (what the judge does between tests).
    await run(["sh", "-c", "mkdir -p /box/d /tmp/e && chmod 000 /box/d /tmp/e && echo y > /box/y"]);
    const fresh = await session.run(
      { argv: ["sh", "-c", "cd /box && ls -A; echo --; ls -A /tmp"], limits: { cpuMs: 5000, wallMs: 10_000, outputBytes: 1 << 16 } },
      { resetFirst: true },
    );
    expect(fresh.stdout.toString()).toBe(sealed);
  });

  it("refuses a reset-and-run before SEAL without running the program", async () => {
    const unsealed = await provider.acquire({ memoryMb: 256 });
    ids.add(unsealed.id);
    try {
      const limits = { cpuMs: 5000, wallMs: 10_000, outputBytes: 1024 };
      const refused = unsealed.run({ argv: ["sh", "-c", "echo RAN > /tmp/ran"], limits }, { resetFirst: true });
      await expect(refused).rejects.toThrow(/RESET/);
      expect((await unsealed.run({ argv: ["ls", "-A", "/tmp"], limits })).stdout.toString()).toBe("");
    } finally {
      await unsealed.close();
    }
  });
});
