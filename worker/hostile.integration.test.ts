/**
 * Hostile programs against the real sandbox. Each case asserts the verdict, then that the
 * judge still gives a normal AC; at the end no container of this process is left.
 * Small limits (1 s CPU, 64 MiB) keep the whole file to a couple of minutes on 2 cores.
 */
import { randomBytes } from "node:crypto";
import { sandboxForThisFile } from "../test/sandbox";
import { describe, expect, it } from "vitest";
import { judgeSubmission, runWithCustomInput, type JudgeOutcome, type JudgeProblemSpec, type JudgeTest } from "./judge";

// Secret-looking variables in the judge's own environment: none may reach a program.
const SECRET = `hostile-secret-${randomBytes(8).toString("hex")}`;
process.env.NEXTAUTH_SECRET = SECRET;
process.env.GITHUB_SECRET = SECRET;

const provider = sandboxForThisFile();

const judgeTest = (position: number, input: string, expectedOutput: string): JudgeTest => ({ position, input, expectedOutput, points: 1 });
const problem = (tests: JudgeTest[] = [judgeTest(1, "1 2\n", "3\n")], scoringMode: "ICPC" | "POINTS" = "ICPC"): JudgeProblemSpec => ({
  timeLimitMs: 1000,
  memoryLimitMb: 64,
  checker: { kind: "STANDARD" },
  scoringMode,
  tests,
});

const judge = (language: string, source: string, spec = problem()) => judgeSubmission(provider, { language, source, problem: spec });
const describeTests = (o: JudgeOutcome) => JSON.stringify({ verdict: o.verdict, compile: o.compileOutput?.slice(0, 300), tests: o.tests });

/** The judge still works after the attack (a fresh container, a normal program). */
async function expectStillJudging() {
  const outcome = await judge("python", "a, b = map(int, input().split())\nprint(a + b)\n");
  expect(outcome.verdict, describeTests(outcome)).toBe("AC");
}

/** Prints a+b after the attack, so AC proves the attack changed nothing. */
/** Three A+B tests: for programs that must behave the same on every test. */
const THREE_SUMS = [judgeTest(1, "1 2\n", "3\n"), judgeTest(2, "2 2\n", "4\n"), judgeTest(3, "0 0\n", "0\n")];
const PY_SUM = "a, b = map(int, sys.stdin.read().split())\nprint(a + b)\n";

describe.concurrent("hostile programs", () => {
  it("fork bomb: TLE, contained by the PID limit", async () => {
    const outcome = await judge("c", "#include <unistd.h>\nint main(void) { for (;;) fork(); }\n");
    expect(outcome.verdict, describeTests(outcome)).toBe("TLE");
    await expectStillJudging();
  });

  it("thread bomb: TLE", async () => {
    const source =
      "#include <pthread.h>\n#include <unistd.h>\nstatic void *sleeper(void *a) { for (;;) pause(); return a; }\n" +
      "int main(void) { pthread_t t; for (;;) pthread_create(&t, 0, sleeper, 0); }\n";
    const outcome = await judge("c", source);
    expect(outcome.verdict, describeTests(outcome)).toBe("TLE");
    await expectStillJudging();
  });

  it("infinite loop: TLE by CPU time", async () => {
    const outcome = await judge("python", "while True:\n    pass\n");
    expect(outcome.verdict).toBe("TLE");
    await expectStillJudging();
  });

  it("sleep forever: TLE by wall-clock time", async () => {
    const outcome = await judge("python", "import time\ntime.sleep(10**6)\n");
    expect(outcome.verdict).toBe("TLE");
    expect(outcome.tests[0]!.stoppedBy).toBe("wall-limit");
    expect(outcome.tests[0]!.cpuMs).toBeLessThan(500);
  });

  it("blocking read on stdin: stdin is closed after the input, so reads end", async () => {
    const outcome = await judge(
      "python",
      "import sys\ndata = sys.stdin.read()\nmore = sys.stdin.read()\nprint(sum(map(int, data.split())) + len(more))\n",
    );
    expect(outcome.verdict, describeTests(outcome)).toBe("AC");
    expect(outcome.tests[0]!.wallMs).toBeLessThan(2000);
  });

  it("memory bomb: MLE", async () => {
    const outcome = await judge("python", "x = []\nwhile True:\n    x.append(' ' * 10**6)\n");
    expect(outcome.verdict, describeTests(outcome)).toBe("MLE");
    await expectStillJudging();
  });

  it("/tmp and /dev/shm fill: contained, and cleaned before the next test", async () => {
    const source = [
      "import os, sys",
      "if os.listdir('/tmp'):",
      "    sys.exit(3)  # files of the previous test must be gone",
      "chunk = b'x' * (1 << 20)",
      "n = 0",
      "try:",
      "    with open('/tmp/fill', 'wb') as f:",
      "        while True:",
      "            f.write(chunk)",
      "            f.flush()",
      "            n += 1",
      "except OSError:",
      "    pass",
      "try:",
      "    open('/dev/shm/fill', 'wb').write(chunk)",
      "    shm = 'writable'",
      "except OSError:",
      "    shm = 'none'",
      "print(n, shm, file=sys.stderr)",
      PY_SUM,
    ].join("\n");
    const outcome = await judge("python", source, problem([judgeTest(1, "1 2\n", "3\n"), judgeTest(2, "2 2\n", "4\n")]));
    expect(outcome.verdict, describeTests(outcome)).toBe("AC");
    const [filledMb, shm] = outcome.tests[0]!.stderrExcerpt.trim().split(" ");
    expect(Number(filledMb)).toBeLessThanOrEqual(64);
    expect(shm).toBe("none");
  });

  it("files a test leaves in /box are gone before the next test, even with a backdated mtime", async () => {
    const source = [
      "import os, sys",
      "if os.path.exists('/box/state'):",
      "    sys.exit(3)  # carried over from the previous test",
      "open('/box/state', 'w').write('x')",
      "os.utime('/box/state', (0, 0))  # mtime 1970: older than the compilation",
      PY_SUM,
    ].join("\n");
    const outcome = await judge("python", source, problem(THREE_SUMS));
    expect(outcome.verdict, describeTests(outcome)).toBe("AC");
  });

  it("filling /box past the memory limit (OOM priority lowered): MLE on every test, never an infrastructure error", async () => {
    // tmpfs pages stay charged to the container after the program is killed; without care the
    // next OOM kill takes the supervisor and the submission would end as IE after retries.
    const source = [
      "open('/proc/self/oom_score_adj', 'w').write('0')",
      "chunk = b'x' * (1 << 20)",
      "i = 0",
      "while True:",
      "    with open('/box/fill%d' % i, 'wb') as f:",
      "        f.write(chunk)",
      "    i += 1",
    ].join("\n");
    for (let round = 0; round < 6; round++) {
      const outcome = await judge("python", source, problem(THREE_SUMS, "POINTS"));
      expect(outcome.verdict, describeTests(outcome)).toBe("MLE");
      expect(
        outcome.tests.map((t) => t.verdict),
        describeTests(outcome),
      ).toEqual(["MLE", "MLE", "MLE"]);
    }
  });

  it("infinite stdout: OLE", async () => {
    const outcome = await judge("c", '#include <stdio.h>\nint main(void) { for (;;) puts("spam spam spam spam spam spam spam spam"); }\n');
    expect(outcome.verdict, describeTests(outcome)).toBe("OLE");
    expect(outcome.tests[0]!.outputExcerpt.length).toBeLessThanOrEqual(2048);
    await expectStillJudging();
  });

  it("infinite stderr: drained, capped, and TLE", async () => {
    const outcome = await judge(
      "c",
      '#include <stdio.h>\nint main(void) { for (;;) fputs("noise noise noise noise noise\\n", stderr); }\n',
    );
    expect(outcome.verdict, describeTests(outcome)).toBe("TLE");
    expect(outcome.tests[0]!.stderrExcerpt.length).toBeLessThanOrEqual(2048);
    await expectStillJudging();
  });

  it("huge single line: OLE beyond the cap, a short WA message below it", async () => {
    const endless = await judge("c", "#include <stdio.h>\nint main(void) { for (;;) putchar('7'); }\n");
    expect(endless.verdict, describeTests(endless)).toBe("OLE");
    const big = await judge("python", "import sys\nsys.stdout.write('7' * (5 << 20))\n");
    expect(big.verdict, describeTests(big)).toBe("WA");
    expect(big.tests[0]!.checkerMessage!.length).toBeLessThanOrEqual(100);
    expect(big.tests[0]!.outputExcerpt.length).toBeLessThanOrEqual(2048);
  });

  it("huge file write: stopped by the file size limit (RE, SIGXFSZ)", async () => {
    const source =
      "#include <stdio.h>\n#include <string.h>\nint main(void) { static char b[1 << 20]; memset(b, 1, sizeof b);\n" +
      '  FILE *f = fopen("/box/big", "wb"); for (;;) { fwrite(b, 1, sizeof b, f); fflush(f); } }\n';
    const outcome = await judge("c", source);
    expect(outcome.verdict, describeTests(outcome)).toBe("RE");
    expect(outcome.tests[0]!.signal).toBe("SIGXFSZ");
    await expectStillJudging();
  });

  it("fd exhaustion: stopped at the open-files limit, judged normally", async () => {
    const source = [
      "import sys",
      "files = []",
      "try:",
      "    while True:",
      "        files.append(open('/dev/null'))",
      "except OSError:",
      "    pass",
      "print(len(files), file=sys.stderr)",
      PY_SUM,
    ].join("\n");
    const outcome = await judge("python", source);
    expect(outcome.verdict, describeTests(outcome)).toBe("AC");
    expect(Number(outcome.tests[0]!.stderrExcerpt.trim())).toBeLessThan(300);
  });

  it("network: no public address, no Docker gateway, no metadata service, no DNS", async () => {
    const source = [
      "import socket",
      "for host in ['1.1.1.1', '172.17.0.1', '169.254.169.254']:",
      "    s = socket.socket()",
      "    s.settimeout(1)",
      "    try:",
      "        s.connect((host, 80))",
      "        print('open', host)",
      "    except OSError:",
      "        print('blocked')",
      "try:",
      "    socket.getaddrinfo('deb.debian.org', 80)",
      "    print('dns works')",
      "except OSError:",
      "    print('blocked')",
    ].join("\n");
    const outcome = await judge("python", source, problem([judgeTest(1, "", "blocked\nblocked\nblocked\nblocked\n")]));
    expect(outcome.verdict, describeTests(outcome)).toBe("AC");
  });

  it("environment dump: no secrets, only harmless variables", async () => {
    const result = await runWithCustomInput(provider, {
      language: "python",
      source: "import json, os\nprint(json.dumps(dict(os.environ)))\n",
      stdin: "",
      timeLimitMs: 1000,
      memoryLimitMb: 64,
    });
    expect(result.verdict).toBeNull();
    expect(result.test.stdout).not.toContain(SECRET);
    expect(result.test.stdout).not.toContain(process.env.DATABASE_URL!);
    const names = Object.keys(JSON.parse(result.test.stdout) as Record<string, string>).filter((k) => k !== "LC_CTYPE");
    expect(names.sort()).toEqual(["HOME", "LANG", "PATH", "PYTHONDONTWRITEBYTECODE", "PYTHONUNBUFFERED", "TMPDIR"]);
  });

  it("/proc and /sys probing: the supervisor and the host stay out of reach", async () => {
    const source = [
      "import os",
      "def attempt(f):",
      "    try:",
      "        f()",
      "        return 'ok'",
      "    except Exception:",
      "        return 'denied'",
      "tries = [",
      "    lambda: open('/proc/1/environ').read(),",
      "    lambda: os.listdir('/proc/1/fd'),",
      "    lambda: open('/proc/1/mem', 'rb').read(1),",
      "    lambda: open('/proc/sysrq-trigger', 'w').write('h'),",
      "    lambda: open('/proc/sys/kernel/core_pattern', 'w').write('|/bin/sh'),",
      "    lambda: open('/sys/fs/cgroup/memory/memory.limit_in_bytes', 'w').write('-1'),",
      "    lambda: open('/sys/kernel/uevent_helper', 'w').write('/bin/sh'),",
      "    lambda: open('/etc/shadow').read(),",
      "    lambda: open('/etc/passwd', 'a').write('x'),",
      "]",
      "for i, f in enumerate(tries):",
      "    print(i, attempt(f))",
    ].join("\n");
    const expected = Array.from({ length: 9 }, (_, i) => `${i} denied\n`).join("");
    const outcome = await judge("python", source, problem([judgeTest(1, "", expected)]));
    expect(outcome.verdict, describeTests(outcome)).toBe("AC");
  });

  it("a background daemon that outlives main is killed before the next test", async () => {
    const source = [
      "import os, sys, time",
      "if sys.stdin.read().strip() == 'spawn':",
      "    if os.fork() == 0:",
      "        os.setsid()",
      "        if os.fork() == 0:",
      "            while True:",
      "                time.sleep(1)",
      "        os._exit(0)",
      "    print('spawned')",
      "else:",
      "    others = [p for p in os.listdir('/proc') if p.isdigit() and int(p) not in (1, os.getpid())]",
      "    print('alone' if not others else 'not alone: ' + ' '.join(others))",
    ].join("\n");
    const outcome = await judge("python", source, problem([judgeTest(1, "spawn\n", "spawned\n"), judgeTest(2, "check\n", "alone\n")]));
    expect(outcome.verdict, describeTests(outcome)).toBe("AC");
    expect(outcome.tests[0]!.wallMs).toBeLessThan(2000); // main's exit ends the run; the daemon does not hold it
  });

  it("kill -9 -1: kills only the program itself; the next test runs normally", async () => {
    const source = [
      "import os, sys",
      "data = sys.stdin.read()",
      "if data.startswith('kill'):",
      "    try: os.kill(1, 9)",
      "    except PermissionError: pass  # the supervisor is another uid",
      "    os.system('kill -9 -1')",
      "print(sum(map(int, data.split()[1:])))",
    ].join("\n");
    const outcome = await judge("python", source, problem([judgeTest(1, "kill 1 2\n", "3\n"), judgeTest(2, "ok 2 2\n", "4\n")], "POINTS"));
    expect(
      outcome.tests.map((t) => t.verdict),
      describeTests(outcome),
    ).toEqual(["RE", "AC"]);
    expect(outcome.tests[0]!.signal).toBe("SIGKILL");
    expect(outcome.score).toBe(1);
  });

  it("setuid, sudo, su, unshare, mount, chroot: all denied", async () => {
    const source = [
      "import os, subprocess",
      "def attempt(f):",
      "    try:",
      "        f()",
      "        return 'ok'",
      "    except Exception:",
      "        return 'denied'",
      "def command(argv):",
      "    try:",
      "        done = subprocess.run(argv, capture_output=True, timeout=2, stdin=subprocess.DEVNULL)",
      "        return 'ok' if done.returncode == 0 else 'denied'",
      "    except Exception:",
      "        return 'denied'",
      "print(attempt(lambda: os.setuid(0)))",
      "print(attempt(lambda: os.setgid(0)))",
      "print(attempt(lambda: os.chroot('/tmp')))",
      "print(command(['sudo', 'id']))",
      "print(command(['su', '-c', 'id']))",
      "print(command(['unshare', '-r', 'id']))",
      "print(command(['unshare', '-U', '-m', 'id']))",
      "print(command(['mount', '-t', 'tmpfs', 'none', '/tmp']))",
      "print('uid', os.getuid(), os.geteuid())",
    ].join("\n");
    const expected = "denied\n".repeat(8) + "uid 10001 10001\n";
    const outcome = await judge("python", source, problem([judgeTest(1, "", expected)]));
    expect(outcome.verdict, describeTests(outcome)).toBe("AC");
  });

  it("deep recursion: RE (Python), RE or MLE (C, the stack counts as memory)", async () => {
    const py = await judge("python", "def f(n):\n    return f(n + 1) + 1\nf(0)\n");
    expect(py.verdict, describeTests(py)).toBe("RE");
    expect(py.tests[0]!.checkerMessage).toBe("RecursionError");
    const c = await judge(
      "c",
      "int f(int n) { volatile char pad[256]; pad[0] = (char)n; return f(n + 1) + pad[0]; }\nint main(void) { return f(0); }\n",
    );
    expect(["RE", "MLE"], describeTests(c)).toContain(c.verdict);
    await expectStillJudging();
  });

  it("a flood of compiler errors: CE with the output capped at 64 KiB", async () => {
    const source = Array.from({ length: 3000 }, (_, i) => `int x${i} = "not an int";`).join("\n") + "\nint main() {}\n";
    const outcome = await judge("cpp", source);
    expect(outcome.verdict).toBe("CE");
    expect(Buffer.byteLength(outcome.compileOutput!)).toBeGreaterThan(32 * 1024);
    expect(Buffer.byteLength(outcome.compileOutput!)).toBeLessThanOrEqual(64 * 1024 + 64);
    expect(outcome.compileOutput).toMatch(/\[compiler output truncated\]$/);
  });

  it("symlinks planted where results could be read change nothing", async () => {
    const source = [
      "import os, sys",
      "for name in ['/box/stdout', '/box/result', '/box/output', '/box/feedback', '/box/judgemessage.txt', '/tmp/result']:",
      "    try:",
      "        os.remove(name)",
      "    except OSError:",
      "        pass",
      "    os.symlink('/etc/shadow', name)",
      PY_SUM,
    ].join("\n");
    const outcome = await judge("python", source, problem([judgeTest(1, "1 2\n", "3\n"), judgeTest(2, "5 5\n", "10\n")]));
    expect(outcome.verdict, describeTests(outcome)).toBe("AC");
    expect(outcome.tests).toHaveLength(2);
  });

  it("SIGSTOP to itself: TLE by wall-clock time, not a hang", async () => {
    const outcome = await judge("c", "#include <signal.h>\n#include <unistd.h>\nint main(void) { kill(getpid(), SIGSTOP); return 0; }\n");
    expect(outcome.verdict, describeTests(outcome)).toBe("TLE");
    expect(outcome.tests[0]!.stoppedBy).toBe("wall-limit");
    await expectStillJudging();
  });

  it("memory is counted for the whole container: a child that allocates 1 GiB is MLE; a huge sparse mmap is AC", async () => {
    // The parent ignores its child's death and answers correctly: the OOM kill still decides.
    const child = await judge(
      "c",
      "#include <stdio.h>\n#include <stdlib.h>\n#include <unistd.h>\n#include <sys/wait.h>\n" +
        "int main(void) { if (fork() == 0) { size_t n = (size_t)1 << 30; volatile char *p = malloc(n); " +
        "for (size_t i = 0; p && i < n; i += 4096) p[i] = 1; return 0; }\n" +
        '  wait(0); int a, b; scanf("%d %d", &a, &b); printf("%d\\n", a + b); return 0; }\n',
    );
    expect(child.verdict, describeTests(child)).toBe("MLE");
    // 64 GiB of address space, two pages touched: only resident memory counts.
    const sparse = await judge(
      "c",
      "#include <stdio.h>\n#include <sys/mman.h>\nint main(void) { size_t n = (size_t)64 << 30; " +
        "volatile char *p = mmap(0, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);\n" +
        '  if (p == MAP_FAILED) return 1; p[0] = 1; p[n / 2] = 1; int a, b; scanf("%d %d", &a, &b); printf("%d\\n", a + b); return 0; }\n',
    );
    expect(sparse.verdict, describeTests(sparse)).toBe("AC");
  });

  it("process spawning from the runtime (Node child_process, Rust Command): TLE or MLE, then the judge works", async () => {
    const node = await judge(
      "javascript",
      'const cp = require("child_process");\nfunction more() { try { cp.spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { detached: true, stdio: "ignore" }); } catch {} setImmediate(more); }\nmore();\n',
    );
    expect(["TLE", "MLE"], describeTests(node)).toContain(node.verdict);
    const rust = await judge(
      "rust",
      'use std::process::Command;\nfn main() { loop { let _ = Command::new("/bin/sh").args(["-c", "while :; do :; done"]).spawn(); } }\n',
    );
    expect(["TLE", "MLE"], describeTests(rust)).toContain(rust.verdict);
    await expectStillJudging();
  });

  it("a source whose program cannot be found after compiling is CE, not RE on every test", async () => {
    // javac puts `package foo;` classes in foo/; go build turns `package foo` into a library archive.
    const java = await judge(
      "java",
      "package foo;\npublic class Main { public static void main(String[] a) { System.out.println(3); } }\n",
    );
    expect(java.verdict, describeTests(java)).toBe("CE");
    expect(java.compileOutput).toMatch(/package declaration/);
    const go = await judge("go", 'package foo\nimport "fmt"\nfunc main() { fmt.Println(3) }\n');
    expect(go.verdict, describeTests(go)).toBe("CE");
    expect(go.compileOutput).toMatch(/main package/);
  });

  it("invalid UTF-8 and NUL bytes in output and source: judged normally", async () => {
    const bytes = await judge(
      "c",
      '#include <stdio.h>\nint main(void) { fwrite("3\\0\\xff\\xfe\\n", 1, 5, stdout); fwrite("\\0\\xc3 bad\\n", 1, 7, stderr); return 0; }\n',
    );
    expect(bytes.verdict, describeTests(bytes)).toBe("WA");
    const nulInComment = await judge("c", '#include <stdio.h>\nint main(void) { puts("3"); }\n/* \0 */\n');
    expect(nulInComment.verdict, describeTests(nulInComment)).toBe("AC");
  });
});

// One at a time: each keeps a core busy for up to the 15 s compile limit.
describe("compile-time bombs", () => {
  /**
   * Always the student's CE, in one attempt: no retry, no "machine overloaded" (the
   * supervisor does not count time the compiler waited for a CPU against the wall limit).
   */
  const judgeCompileBomb = (source: string) => judgeSubmission(provider, { language: "cpp", source, problem: problem() });

  it("C++ template bomb: CE when the compiler hits its time or memory limit", async () => {
    const source =
      "template <int N, unsigned long M> struct F { static const unsigned long v = F<N - 1, 2 * M>::v + F<N - 1, 2 * M + 1>::v; };\n" +
      "template <unsigned long M> struct F<0, M> { static const unsigned long v = M; };\n" +
      "int main() { return (int)F<40, 0>::v; }\n";
    const outcome = await judgeCompileBomb(source);
    expect(outcome.verdict).toBe("CE");
    expect(outcome.compileOutput).toMatch(/^Compilation (took too long|used too much memory)/);
    await expectStillJudging();
  }, 420_000);

  it('#include "/dev/random": CE, not a hang', async () => {
    const outcome = await judgeCompileBomb('#include "/dev/random"\nint main() {}\n');
    expect(outcome.verdict).toBe("CE");
    expect(outcome.compileOutput!.length).toBeGreaterThan(0);
    expect(Buffer.byteLength(outcome.compileOutput!)).toBeLessThanOrEqual(64 * 1024 + 64);
    await expectStillJudging();
  }, 420_000);

  it('#include "/dev/stderr" (the compiler blocks, using no CPU): CE "took too long" in one attempt, within the compile limit', async () => {
    const started = Date.now();
    const outcome = await judgeCompileBomb('#include "/dev/stderr"\nint main() {}\n');
    expect(outcome.verdict).toBe("CE");
    expect(outcome.compileOutput).toMatch(/^Compilation took too long/);
    // One compile: the 30 s wall limit plus the container and the judge's own work.
    expect(Date.now() - started).toBeLessThan(45_000);
    await expectStillJudging();
  }, 420_000);
});

describe("the supervisor and the files between tests", () => {
  it("a program tampering with PID 1 (prlimit, sched_setscheduler, setpriority, kill): every call denied, AC on every test", async () => {
    const source = [
      "import os, resource, signal, sys",
      "calls = [lambda: resource.prlimit(1, resource.RLIMIT_NOFILE, (3, 3)),",
      "         lambda: resource.prlimit(1, resource.RLIMIT_CPU, (1, 1)),",
      "         lambda: os.sched_setscheduler(1, os.SCHED_IDLE, os.sched_param(0)),",
      "         lambda: os.setpriority(os.PRIO_PROCESS, 1, 19),",
      "         lambda: os.kill(1, signal.SIGSTOP)]",
      "for call in calls:",
      "    try:",
      "        call()",
      "        sys.exit(3)  # allowed: the next test would fail in the supervisor",
      "    except PermissionError:",
      "        pass",
      PY_SUM,
    ].join("\n");
    const outcome = await judge("python", source, problem(THREE_SUMS));
    expect(outcome.verdict, describeTests(outcome)).toBe("AC");
    expect(outcome.tests).toHaveLength(3);
  });

  it("directories with mode 0500 and many files left in /box and /tmp: the next test sees exactly the compiled files", async () => {
    const source = [
      "import os, sys",
      "box, tmp = sorted(os.listdir('/box')), os.listdir('/tmp')",
      "if box != ['__pycache__', 'main.py'] or tmp:",
      "    print('stale', box, tmp, file=sys.stderr)",
      "    sys.exit(3)",
      "for top in ('/box', '/tmp'):",
      "    os.makedirs(f'{top}/locked/inner')",
      "    for i in range(2000): open(f'{top}/locked/inner/{i}', 'w').close()",
      "    os.chmod(f'{top}/locked/inner', 0o500)",
      "    os.chmod(f'{top}/locked', 0o500)",
      "    os.utime(f'{top}/locked', (0, 0))",
      "try:",
      "    open('/box/main.py', 'a').write('print(1)')  # the program itself: read-only",
      "    sys.exit(4)",
      "except PermissionError:",
      "    pass",
      PY_SUM,
    ].join("\n");
    const outcome = await judge("python", source, problem(THREE_SUMS));
    expect(outcome.verdict, describeTests(outcome)).toBe("AC");
    expect(outcome.tests).toHaveLength(3);
  });
});

describe("after all of that", () => {
  it("the judge still accepts a normal C++ submission", async () => {
    const outcome = await judge(
      "cpp",
      "#include <iostream>\nint main() { long long a, b; std::cin >> a >> b; std::cout << a + b << '\\n'; }\n",
    );
    expect(outcome.verdict, describeTests(outcome)).toBe("AC");
  });
});
