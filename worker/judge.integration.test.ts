/**
 * The judge pipeline against the real sandbox (Docker + the runner image): every
 * language through every verdict, scoring modes and every checker kind.
 */
import { execFileSync } from "node:child_process";
import { sandboxForThisFile } from "../test/sandbox";
import { describe, expect, it } from "vitest";
import type { SandboxProvider } from "../sandbox/types";
import type { LanguageId } from "../src/judge/languages";
import {
  judgeSubmission,
  runWithCustomInput,
  JudgeSetupError,
  UnknownLanguageError,
  type JudgeProblemSpec,
  type TestOutcome,
} from "./judge";

const provider = sandboxForThisFile();

/**
 * A+B: one sample and two hidden tests. 3 s, so a program starved of CPU by the tests
 * running next to it is not mistaken for TLE; the TLE tests use 1 s.
 */
const aPlusB = (overrides: Partial<JudgeProblemSpec> = {}): JudgeProblemSpec => ({
  timeLimitMs: 3000,
  memoryLimitMb: 64,
  checker: { kind: "STANDARD" },
  scoringMode: "ICPC",
  tests: [
    { position: 1, input: "1 2\n", expectedOutput: "3\n", points: 1 },
    { position: 2, input: "-5 5\n", expectedOutput: "0\n", points: 1 },
    { position: 3, input: "1000000000 1000000000\n", expectedOutput: "2000000000\n", points: 1 },
  ],
  ...overrides,
});

interface Programs {
  ac: string;
  wa: string;
  ce: string;
  tle: string;
  mle: string;
  re: string;
  ole: string;
  /** What RE looks like: a signal name, or a non-zero exit code. */
  reSignal: string | null;
}

const PROGRAMS: Record<LanguageId, Programs> = {
  python: {
    ac: "a, b = map(int, input().split())\nprint(a + b)\n",
    wa: "a, b = map(int, input().split())\nprint(a + b + 1)\n",
    ce: "print(\n",
    tle: "while True:\n    pass\n",
    mle: "x = b'a' * (512 * 2**20)\nprint(len(x))\n",
    re: "raise ValueError('boom')\n",
    ole: "while True:\n    print('x' * 1000)\n",
    reSignal: null,
  },
  javascript: {
    ac: 'const [a, b] = require("fs").readFileSync(0, "utf8").split(/\\s+/).map(Number);\nconsole.log(a + b);\n',
    wa: 'const [a, b] = require("fs").readFileSync(0, "utf8").split(/\\s+/).map(Number);\nconsole.log(a - b);\n',
    ce: "let x = ;\n",
    tle: "for (;;) {}\n",
    mle: "const a = [];\nfor (;;) a.push(new Array(1e6).fill(1));\n",
    re: 'throw new Error("boom");\n',
    // process.stdout.write in an endless loop only queues (the event loop never runs): that is MLE.
    ole: 'const fs = require("fs");\nconst s = "x".repeat(1000) + "\\n";\nfor (;;) fs.writeSync(1, s);\n',
    reSignal: null,
  },
  typescript: {
    ac: 'import * as fs from "fs";\nconst [a, b]: number[] = fs.readFileSync(0, "utf8").split(/\\s+/).map(Number);\nconsole.log(a + b);\n',
    wa: 'import * as fs from "fs";\nconst [a, b]: number[] = fs.readFileSync(0, "utf8").split(/\\s+/).map(Number);\nconsole.log(`${a}${b}`);\n',
    ce: 'const x: number = "not a number";\nconsole.log(x);\n',
    tle: "for (;;) {}\n",
    mle: "const a: number[][] = [];\nfor (;;) a.push(new Array(1e6).fill(1));\n",
    re: 'throw new Error("boom");\n',
    ole: 'import * as fs from "fs";\nconst s: string = "x".repeat(1000) + "\\n";\nfor (;;) fs.writeSync(1, s);\n',
    reSignal: null,
  },
  c: {
    ac: '#include <stdio.h>\nint main(void) { long long a, b; scanf("%lld %lld", &a, &b); printf("%lld\\n", a + b); return 0; }\n',
    wa: '#include <stdio.h>\nint main(void) { long long a, b; scanf("%lld %lld", &a, &b); printf("%lld\\n", a * b); return 0; }\n',
    ce: "int main(void) { return 0 }\n",
    tle: "int main(void) { volatile unsigned long x = 0; for (;;) x++; }\n",
    mle: "#include <stdlib.h>\n#include <string.h>\nint main(void) { for (;;) { char *p = malloc(1 << 20); memset(p, 1, 1 << 20); } }\n",
    re: "int main(void) { volatile int *p = 0; *p = 1; return 0; }\n",
    ole: '#include <stdio.h>\nint main(void) { for (;;) puts("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"); }\n',
    reSignal: "SIGSEGV",
  },
  cpp: {
    ac: "#include <iostream>\nint main() { long long a, b; std::cin >> a >> b; std::cout << a + b << '\\n'; }\n",
    wa: "#include <iostream>\nint main() { long long a, b; std::cin >> a >> b; std::cout << a << '\\n'; }\n",
    ce: "#include <iostream>\nint main() { std::cout << undeclared_name; }\n",
    tle: "int main() { volatile unsigned long x = 0; for (;;) x++; }\n",
    mle: "#include <vector>\n#include <cstdio>\nint main() { std::vector<std::vector<char>> v; for (;;) v.emplace_back(1 << 20, 1); }\n",
    re: "#include <cstdlib>\nint main() { std::abort(); }\n",
    ole: '#include <cstdio>\nint main() { for (;;) std::puts("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"); }\n',
    reSignal: "SIGABRT",
  },
  java: {
    ac: "import java.util.*;\npublic class Solution { public static void main(String[] a) { Scanner s = new Scanner(System.in); long x = s.nextLong(), y = s.nextLong(); System.out.println(x + y); } }\n",
    wa: "import java.util.*;\npublic class Main { public static void main(String[] a) { Scanner s = new Scanner(System.in); long x = s.nextLong(), y = s.nextLong(); System.out.println(x + y + 1); } }\n",
    ce: 'public class Main { public static void main(String[] a) { int x = "s"; } }\n',
    tle: "public class Main { public static void main(String[] a) { long x = 0; while (true) { x++; if (x == -1) System.out.println(x); } } }\n",
    mle: "import java.util.*;\npublic class Main { public static void main(String[] a) { List<long[]> l = new ArrayList<>(); while (true) l.add(new long[1 << 17]); } }\n",
    re: "public class Main { public static void main(String[] a) { int[] x = new int[1]; System.out.println(x[5]); } }\n",
    ole: 'public class Main { public static void main(String[] a) { String s = "x".repeat(1000); while (true) System.out.println(s); } }\n',
    reSignal: null,
  },
  go: {
    ac: 'package main\n\nimport "fmt"\n\nfunc main() {\n\tvar a, b int64\n\tfmt.Scan(&a, &b)\n\tfmt.Println(a + b)\n}\n',
    wa: 'package main\n\nimport "fmt"\n\nfunc main() {\n\tvar a, b int64\n\tfmt.Scan(&a, &b)\n\tfmt.Println(b)\n}\n',
    ce: "package main\n\nfunc main() {\n\tx := \n}\n",
    tle: "package main\n\nfunc main() {\n\tfor {\n\t}\n}\n",
    mle: "package main\n\nfunc main() {\n\tvar keep [][]byte\n\tfor {\n\t\tb := make([]byte, 1<<20)\n\t\tfor i := range b {\n\t\t\tb[i] = 1\n\t\t}\n\t\tkeep = append(keep, b)\n\t}\n}\n",
    re: 'package main\n\nfunc main() {\n\tpanic("boom")\n}\n',
    ole: 'package main\n\nimport (\n\t"bufio"\n\t"os"\n)\n\nfunc main() {\n\tw := bufio.NewWriter(os.Stdout)\n\tfor {\n\t\tw.WriteString("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\\n")\n\t}\n}\n',
    reSignal: null,
  },
  rust: {
    ac: 'use std::io::Read;\nfn main() { let mut s = String::new(); std::io::stdin().read_to_string(&mut s).unwrap(); let v: Vec<i64> = s.split_whitespace().map(|x| x.parse().unwrap()).collect(); println!("{}", v[0] + v[1]); }\n',
    wa: 'fn main() { println!("42"); }\n',
    ce: 'fn main() { let x: i32 = "s"; }\n',
    tle: "fn main() { loop {} }\n",
    mle: "fn main() { let mut v: Vec<Vec<u8>> = Vec::new(); loop { v.push(vec![1u8; 1 << 20]); } }\n",
    re: "fn main() { std::process::abort(); }\n",
    ole: 'use std::io::Write;\nfn main() { let out = std::io::stdout(); let mut w = out.lock(); loop { w.write_all(b"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\\n").unwrap(); } }\n',
    reSignal: "SIGABRT",
  },
};

const judge = (language: string, source: string, problem = aPlusB()) => judgeSubmission(provider, { language, source, problem });

describe.concurrent.each(Object.keys(PROGRAMS) as LanguageId[])("%s", (language) => {
  const p = PROGRAMS[language];

  it("AC on A+B, every test, hooks in order", async () => {
    let events: string[] = [];
    const outcome = await (() => {
      events = [];
      return judgeSubmission(
        provider,
        { language, source: p.ac, problem: aPlusB() },
        {
          onCompiled: (ok) => void events.push(`compiled:${ok}`),
          onTest: async (t, done, total) => {
            await new Promise((r) => setTimeout(r, 5)); // awaited: later tests wait for this
            events.push(`test:${t.position}:${t.verdict}:${done}/${total}`);
          },
        },
      );
    })();
    expect(outcome.verdict, JSON.stringify(outcome.tests[0])).toBe("AC");
    expect(outcome).toMatchObject({ score: 3, maxScore: 3 });
    expect(outcome.tests.map((t) => t.outputExcerpt.trim())).toEqual(["3", "0", "2000000000"]);
    expect(events).toEqual(["compiled:true", "test:1:AC:1/3", "test:2:AC:2/3", "test:3:AC:3/3"]);
    expect(outcome.maxPeakKb).toBeGreaterThan(0);
    for (const t of outcome.tests) expect(t).toMatchObject({ stoppedBy: "exited", exitCode: 0, signal: null });
  });

  it("WA, stopping at the first failing test", async () => {
    const outcome = await judge(language, p.wa);
    expect(outcome.verdict).toBe("WA");
    expect(outcome.score).toBe(0);
    expect(outcome.tests.length).toBeLessThan(3);
    expect(outcome.tests.at(-1)!.checkerMessage).toMatch(/^line 1: expected `/);
  });

  it("CE with the compiler's output", async () => {
    let compiled: boolean | undefined;
    const outcome = await judgeSubmission(
      provider,
      { language, source: p.ce, problem: aPlusB() },
      { onCompiled: (ok) => void (compiled = ok) },
    );
    expect(outcome.verdict).toBe("CE");
    expect(compiled).toBe(false);
    expect(outcome.tests).toEqual([]);
    expect(outcome.compileOutput).toMatch(/error|Error/);
    expect(Buffer.byteLength(outcome.compileOutput!)).toBeLessThanOrEqual(64 * 1024 + 64);
  });

  it("TLE on an endless loop", async () => {
    const outcome = await judge(language, p.tle, aPlusB({ timeLimitMs: 1000 }));
    expect(outcome.verdict, JSON.stringify(outcome.tests)).toBe("TLE");
    expect(outcome.tests).toHaveLength(1);
    // wall-limit when other tests starve it of CPU (this file runs tests concurrently).
    expect(["cpu-limit", "wall-limit"]).toContain(outcome.tests[0]!.stoppedBy);
  });

  it("MLE on a memory bomb", async () => {
    const outcome = await judge(language, p.mle);
    expect(outcome.verdict, JSON.stringify(outcome.tests)).toBe("MLE");
  });

  it("RE on a crash, with the signal name", async () => {
    const outcome = await judge(language, p.re);
    expect(outcome.verdict, JSON.stringify(outcome.tests)).toBe("RE");
    const crashed = outcome.tests[0]!;
    if (p.reSignal) {
      expect(crashed).toMatchObject({ stoppedBy: "signaled", signal: p.reSignal });
      expect(crashed.checkerMessage).toBe(`killed by ${p.reSignal}`);
    } else {
      expect(crashed.exitCode).not.toBe(0);
      expect(crashed.exitCode).not.toBeNull();
    }
  });

  it("OLE on endless output", async () => {
    const outcome = await judge(language, p.ole);
    expect(outcome.verdict, JSON.stringify(outcome.tests.map(({ outputExcerpt: _excerpt, ...t }) => t))).toBe("OLE");
    expect(outcome.tests[0]!.outputExcerpt.length).toBeLessThanOrEqual(2048);
  });
});

describe.concurrent("scoring and checkers", () => {
  const echoSum = "a, b = map(int, input().split())\nprint(a + b if a >= 0 else 0)\n";

  it("POINTS runs every test and gives partial credit", async () => {
    const problem = aPlusB({
      scoringMode: "POINTS",
      tests: [
        { position: 1, input: "1 2\n", expectedOutput: "3\n", points: 10 },
        { position: 2, input: "-1 -2\n", expectedOutput: "-3\n", points: 20 },
        { position: 3, input: "5 5\n", expectedOutput: "10\n", points: 30 },
      ],
    });
    const outcome = await judge("python", echoSum, problem);
    expect(outcome).toMatchObject({ verdict: "WA", score: 40, maxScore: 60 });
    expect(outcome.tests.map((t) => t.verdict)).toEqual(["AC", "WA", "AC"]);
  });

  it("ICPC: all or nothing, tests run in position order", async () => {
    const problem = aPlusB({
      tests: [
        { position: 2, input: "-1 -2\n", expectedOutput: "-3\n", points: 5 },
        { position: 1, input: "1 2\n", expectedOutput: "3\n", points: 5 },
      ],
    });
    const outcome = await judge("python", echoSum, problem);
    expect(outcome).toMatchObject({ verdict: "WA", score: 0, maxScore: 10 });
    expect(outcome.tests.map((t) => [t.position, t.verdict])).toEqual([
      [1, "AC"],
      [2, "WA"],
    ]);
  });

  it("FLOAT accepts within tolerance and rejects beyond", async () => {
    const problem = (absTol: number): JudgeProblemSpec =>
      aPlusB({
        checker: { kind: "FLOAT", options: { absTol } },
        tests: [{ position: 1, input: "1 3\n", expectedOutput: "0.333333333\n", points: 1 }],
      });
    const divide = "a, b = map(int, input().split())\nprint('%.4f' % (a / b))\n";
    expect((await judge("python", divide, problem(1e-3))).verdict).toBe("AC");
    const wa = await judge("python", divide, problem(1e-6));
    expect(wa.verdict).toBe("WA");
    expect(wa.tests[0]!.checkerMessage).toMatch(/difference .* too large/);
  });

  it("EXACT cares about every byte, STANDARD does not", async () => {
    const sloppy = "a, b = map(int, input().split())\nprint(a + b, end='  \\n\\n')\n";
    expect((await judge("python", sloppy)).verdict).toBe("AC");
    expect((await judge("python", sloppy, aPlusB({ checker: { kind: "EXACT" } }))).verdict).toBe("WA");
  });

  const permutationValidator = [
    "import sys",
    "n = int(open(sys.argv[1]).read().split()[0])",
    "got = sys.stdin.read().split()",
    "if sorted(got) == [str(i) for i in range(1, n + 1)]:",
    "    sys.exit(42)",
    "with open(sys.argv[3] + 'judgemessage.txt', 'w') as f:",
    "    f.write('not a permutation of 1..%d' % n)",
    "sys.exit(43)",
  ].join("\n");
  const permutationProblem = (source = permutationValidator): JudgeProblemSpec =>
    aPlusB({
      checker: { kind: "CUSTOM", source, language: "python" },
      tests: [
        { position: 1, input: "3\n", expectedOutput: "1 2 3\n", points: 1 },
        { position: 2, input: "5\n", expectedOutput: "1 2 3 4 5\n", points: 1 },
      ],
    });

  it("CUSTOM: a Kattis validator accepts any permutation (42) and rejects the rest (43)", async () => {
    const reversed = "n = int(input())\nprint(*range(n, 0, -1))\n";
    expect(
      (
        await judge(
          "cpp",
          '#include <cstdio>\nint main(){int n;scanf("%d",&n);for(int i=n;i>0;i--)printf("%d ",i);}\n',
          permutationProblem(),
        )
      ).verdict,
    ).toBe("AC");
    expect((await judge("python", reversed, permutationProblem())).verdict).toBe("AC");
    const wrong = await judge("python", "n = int(input())\nprint(*range(n))\n", permutationProblem());
    expect(wrong.verdict).toBe("WA");
    expect(wrong.tests[0]!.checkerMessage).toContain("not a permutation of 1..3");
  });

  it("CUSTOM: a validator that crashes is IE, not the student's fault", async () => {
    const broken = "import sys\nsys.exit(1)\n";
    const outcome = await judge("python", "print(1, 2, 3)\n", permutationProblem(broken));
    expect(outcome.verdict).toBe("IE");
    expect(outcome.tests[0]!.checkerMessage).toMatch(/^output validator failed \(exit code 1\)/);
  });

  it("CUSTOM: a validator that does not compile is a setup error", async () => {
    await expect(judge("python", "print(1)\n", permutationProblem("def ("))).rejects.toBeInstanceOf(JudgeSetupError);
  });

  it("the validator never runs in the student's container", async () => {
    // The student leaves a file behind; the validator looks for it and reports what it sees.
    const snoop = "import os, sys\nprint('seen' if os.path.exists('/box/planted') else 'clean', file=sys.stderr)\nsys.exit(43)\n";
    const student = "open('/box/planted', 'w').write('x')\nprint(1, 2, 3)\n";
    const outcome = await judge("python", student, permutationProblem(snoop));
    expect(outcome.tests[0]!.checkerMessage).toBe("clean");
  });

  it("a compile that needs more memory than the run's limit gets the compile limit, not CE", async () => {
    // 2 million initialisers: cc1 needs ~300 MiB, more than this problem's 200 MiB, so the
    // first compile (at the run's limit) is killed and the second (1 GiB) succeeds.
    const source =
      "#include <stdio.h>\n#define A0 1,2,3,4,5,6,7,8,9,10\n" +
      [1, 2, 3, 4, 5]
        .map(
          (k) =>
            `#define A${k} ${Array(10)
              .fill(`A${k - 1}`)
              .join(",")}\n`,
        )
        .join("") +
      "static const int big[] = {A5, A5};\n" +
      'int main(void) { long s = 0; for (unsigned i = 0; i < sizeof big / sizeof big[0]; i++) s += big[i]; printf("%ld\\n", s); return 0; }\n';
    const acquired: Array<number | undefined> = [];
    const watching: SandboxProvider = {
      acquire: (options) => (acquired.push(options?.memoryMb), provider.acquire(options)),
      shutdown: () => Promise.resolve(),
    };
    const problem: JudgeProblemSpec = {
      ...aPlusB(),
      memoryLimitMb: 200,
      tests: [{ position: 1, input: "", expectedOutput: "11000000\n", points: 1 }],
    };
    const outcome = await judgeSubmission(watching, { language: "c", source, problem });
    expect(outcome.verdict, outcome.compileOutput ?? JSON.stringify(outcome.tests)).toBe("AC");
    expect(acquired).toEqual([216, 1024]);
  });

  it("unknown languages are a typed error", async () => {
    await expect(judge("cobol", "x")).rejects.toBeInstanceOf(UnknownLanguageError);
  });
});

describe.concurrent("runWithCustomInput", () => {
  const run = (language: string, source: string, stdin: string) =>
    runWithCustomInput(provider, { language, source, stdin, timeLimitMs: 1000, memoryLimitMb: 64 });

  it("returns the program's output and no verdict when it ran fine", async () => {
    const result = await run("python", "import sys\nprint(sys.stdin.read().upper(), end='')\n", "hello\nworld\n");
    expect(result.verdict).toBeNull();
    expect(result.test.stdout).toBe("HELLO\nWORLD\n");
    expect(result.test).toMatchObject<Partial<TestOutcome>>({ verdict: "AC", exitCode: 0, stoppedBy: "exited" });
  });

  it("reports CE and run failures", async () => {
    const ce = await run("c", "int main( {", "");
    expect(ce.verdict).toBe("CE");
    expect(ce.compileOutput).toMatch(/error/);
    expect((await run("python", "while True: pass\n", "")).verdict).toBe("TLE");
    expect((await run("python", "input()\n", "")).verdict).toBe("RE");
  });
});

describe("infrastructure failures", () => {
  /** Records the containers the judge acquires (a pass-through: every call reaches the real provider). */
  function recordingProvider() {
    const ids: string[] = [];
    const recording: SandboxProvider = {
      acquire: async (options) => {
        const session = await provider.acquire(options);
        ids.push(session.id);
        return session;
      },
      shutdown: () => provider.shutdown(),
    };
    return { recording, ids };
  }
  const containerExists = (id: string) => {
    try {
      execFileSync("docker", ["inspect", id], { stdio: "ignore" });
      return true;
    } catch {
      return false;
    }
  };
  /** close() removes the container off the critical path (~0.1 s): allow it a few seconds. */
  const removedSoon = async (id: string) => {
    for (let i = 0; i < 50 && containerExists(id); i++) await new Promise((r) => setTimeout(r, 100));
    return !containerExists(id);
  };

  it("removes the submission's container when judging ends", async () => {
    const { recording, ids } = recordingProvider();
    const outcome = await judgeSubmission(recording, { language: "python", source: PROGRAMS.python.ac, problem: aPlusB() });
    expect(outcome.verdict).toBe("AC");
    expect(ids).toHaveLength(1);
    expect(await removedSoon(ids[0]!)).toBe(true);
  });

  it("a custom checker's container is a second one, and is removed too", async () => {
    const { recording, ids } = recordingProvider();
    const validator = "import sys\nsys.exit(42 if sys.stdin.read().split() == ['3'] else 43)\n";
    const problem = aPlusB({ checker: { kind: "CUSTOM", source: validator, language: "python" }, tests: aPlusB().tests.slice(0, 1) });
    const outcome = await judgeSubmission(recording, { language: "c", source: PROGRAMS.c.ac, problem });
    expect(outcome.verdict).toBe("AC");
    expect(new Set(ids).size).toBe(2);
    for (const id of ids) expect(await removedSoon(id)).toBe(true);
  });

  it("a container that dies under the judge is an error to retry, never a student verdict", async () => {
    const { recording, ids } = recordingProvider();
    const judging = judgeSubmission(recording, {
      language: "python",
      source: "import time\ntime.sleep(10**6)\n",
      problem: aPlusB({ timeLimitMs: 5000 }),
    });
    const outcome = judging.then(
      (o) => ({ resolved: o.verdict }),
      (e: unknown) => ({ rejected: e }),
    );
    // Wait until the program runs, then pull the container out from under it.
    for (let i = 0; i < 100 && ids.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 1500));
    execFileSync("docker", ["rm", "-f", ids[0]!], { stdio: "ignore" });
    const result = await outcome;
    expect(result).toHaveProperty("rejected");
    expect((result as { rejected: Error }).rejected.name).toBe("SandboxError");
  });

  it("an exception in a hook propagates and the container is still removed", async () => {
    const { recording, ids } = recordingProvider();
    const failing = judgeSubmission(
      recording,
      { language: "python", source: PROGRAMS.python.ac, problem: aPlusB() },
      { onTest: () => Promise.reject(new Error("database down")) },
    );
    await expect(failing).rejects.toThrow("database down");
    expect(await removedSoon(ids[0]!)).toBe(true);
  });
});
