/**
 * Submissions whose verdicts once depended on the host's load (wall-clock TLE for programs
 * that used little CPU but were not scheduled), and CPU hogs to load the host with. Used by
 * worker/load.integration.test.ts and bench/ ("verdicts under load").
 */
import { spawn } from "node:child_process";
import os from "node:os";
import type { JudgeProblemSpec } from "../src/judge/problem-spec";

export const LOAD_PROBLEM: JudgeProblemSpec = {
  timeLimitMs: 2000,
  memoryLimitMb: 64,
  checker: { kind: "STANDARD" },
  scoringMode: "ICPC",
  tests: [
    { position: 1, input: "1 2\n", expectedOutput: "3\n", points: 1 },
    { position: 2, input: "40 2\n", expectedOutput: "42\n", points: 1 },
  ],
};

/** [name, language, source, verdict]: CPU-bound near the limit, a runtime with a slow start, and attacks once judged TLE under load. */
export const LOAD_CASES: Array<[name: string, language: string, source: string, verdict: string]> = [
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

/** Starts `2 × cores` busy loops (the load); returns a function that kills them. */
export function startCpuHogs(count = 2 * os.availableParallelism()): () => void {
  const hogs = Array.from({ length: count }, () => spawn("sh", ["-c", "while :; do :; done"], { stdio: "ignore" }));
  return () => {
    for (const hog of hogs) hog.kill("SIGKILL");
  };
}
