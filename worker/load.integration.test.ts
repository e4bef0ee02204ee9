/**
 * Verdicts do not depend on how busy the host is: the same submissions judged while
 * 2 × cores CPU hogs run get the same verdicts as without them. The supervisor does not
 * count run-queue wait against the wall limit (sandbox/supervisor/supervise.c
 * scan_waits), so only a program that waits on its own (sleep) is a wall-clock TLE.
 */
import { spawn, type ChildProcess } from "node:child_process";
import os from "node:os";
import { leftoverSandboxContainers } from "../sandbox/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SandboxProvider } from "../sandbox/types";
import { judgeSubmission, type JudgeOutcome, type JudgeProblemSpec } from "./judge";
import { sandboxProviderFromEnv } from "./sandbox-config";

const problem: JudgeProblemSpec = {
  timeLimitMs: 2000,
  memoryLimitMb: 64,
  checker: { kind: "STANDARD" },
  scoringMode: "ICPC",
  tests: [
    { position: 1, input: "1 2\n", expectedOutput: "3\n", points: 1 },
    { position: 2, input: "40 2\n", expectedOutput: "42\n", points: 1 },
  ],
};

/** [language, source, verdict]: CPU-bound near the limit, runtimes with a slow start, and the attacks seen as TLE under load. */
export const LOAD_CASES: Array<[string, string, string, string]> = [
  [
    "C, 1.2 s of CPU (limit 2 s)",
    "c",
    '#include <stdio.h>\n#include <time.h>\nint main(void){long a,b;scanf("%ld %ld",&a,&b);while(clock()<1200000){}printf("%ld\\n",a+b);return 0;}\n',
    "AC",
  ],
  ["JS A+B", "javascript", 'const [a, b] = require("fs").readFileSync(0, "utf8").split(/\\s+/).map(Number);\nconsole.log(a + b);\n', "AC"],
  ["Python memory bomb", "python", "x = []\nwhile True:\n    x.append(' ' * 10**6)\n", "MLE"],
  ["Python output flood", "python", "import sys\nwhile True:\n    sys.stdout.write('x' * 65536)\n", "OLE"],
  ["Python infinite loop", "python", "while True:\n    pass\n", "TLE"],
  ["Python sleep (waits on its own)", "python", "import time\ntime.sleep(30)\n", "TLE"],
];

let provider: SandboxProvider;
beforeAll(async () => {
  provider = await sandboxProviderFromEnv({ poolSize: 1 });
});
afterAll(async () => {
  await provider?.shutdown();
  expect(leftoverSandboxContainers()).toBe("");
});

async function judgeAll(): Promise<Array<{ name: string; outcome: JudgeOutcome }>> {
  const results = [];
  for (const [name, language, source] of LOAD_CASES) {
    results.push({ name, outcome: await judgeSubmission(provider, { language, source, problem }) });
  }
  return results;
}

const summary = (results: Array<{ name: string; outcome: JudgeOutcome }>) =>
  JSON.stringify(results.map((r) => ({ name: r.name, verdict: r.outcome.verdict, tests: r.outcome.tests })));

describe("verdicts under load", () => {
  it("2 × cores CPU hogs change no verdict", async () => {
    const expected = LOAD_CASES.map(([name, , , verdict]) => ({ name, verdict }));
    const quiet = await judgeAll();
    expect(
      quiet.map((r) => ({ name: r.name, verdict: r.outcome.verdict })),
      summary(quiet),
    ).toEqual(expected);

    const hogs: ChildProcess[] = [];
    try {
      for (let i = 0; i < 2 * os.availableParallelism(); i++) hogs.push(spawn("sh", ["-c", "while :; do :; done"], { stdio: "ignore" }));
      const loaded = await judgeAll();
      expect(
        loaded.map((r) => ({ name: r.name, verdict: r.outcome.verdict })),
        summary(loaded),
      ).toEqual(expected);
      // The hogs did starve the programs (else this test proves nothing).
      const cpuBound = loaded[0]!.outcome.tests[0]!;
      expect(cpuBound.waitedMs ?? 0, summary(loaded)).toBeGreaterThan(200);
    } finally {
      for (const hog of hogs) hog.kill("SIGKILL");
    }
  }, 600_000);
});
