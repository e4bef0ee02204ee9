/**
 * The optional gVisor runtime (SANDBOX_RUNTIME=runsc): the same judge pipeline under
 * runsc. scripts/setup-system.sh installs runsc and registers it with Docker; on a
 * machine where Docker has no runsc runtime these tests are skipped, with the reason.
 */
import { execFileSync } from "node:child_process";
import { sandboxForThisFile } from "../test/sandbox";
import { describe, expect, it } from "vitest";
import { judgeSubmission, type JudgeProblemSpec } from "./judge";
import { LOAD_PROBLEM } from "./load-cases";

const runtimes = execFileSync("docker", ["info", "--format", "{{json .Runtimes}}"], { encoding: "utf8" });
const hasRunsc = Object.keys(JSON.parse(runtimes) as Record<string, unknown>).includes("runsc");

/** A+B with two tests, 2 s and 64 MiB (the load tests' problem). */
const problem = (overrides: Partial<JudgeProblemSpec> = {}): JudgeProblemSpec => ({ ...LOAD_PROBLEM, ...overrides });

describe.skipIf(!hasRunsc)("sandbox under gVisor (runsc)", () => {
  const provider = sandboxForThisFile({ runtime: "runsc", poolSize: 0 });

  it("runs containers with the runsc runtime and judges AC", async () => {
    const session = await provider.acquire({ memoryMb: 256 });
    try {
      const info = JSON.parse(execFileSync("docker", ["inspect", session.id], { encoding: "utf8" })) as Array<{
        HostConfig: { Runtime: string };
      }>;
      expect(info[0]!.HostConfig.Runtime).toBe("runsc");
    } finally {
      await session.close();
    }
    const outcome = await judgeSubmission(provider, {
      language: "c",
      source: '#include <stdio.h>\nint main(void){long a,b;scanf("%ld %ld",&a,&b);printf("%ld\\n",a+b);return 0;}\n',
      problem: problem(),
    });
    expect(outcome.verdict).toBe("AC");
    expect(outcome.tests).toHaveLength(2);
  });

  it("stops an infinite loop at the CPU limit (TLE)", async () => {
    const outcome = await judgeSubmission(provider, {
      language: "python",
      source: "while True:\n    pass\n",
      problem: problem({ timeLimitMs: 500 }),
    });
    expect(outcome.verdict).toBe("TLE");
  });

  it("reports memory over the limit as MLE", async () => {
    const outcome = await judgeSubmission(provider, {
      language: "python",
      source: "x = bytearray(200 * 2**20)\nprint(len(x))\n",
      problem: problem(),
    });
    expect(outcome.verdict).toBe("MLE");
  });

  it("enforces the problem's memory limit while the program runs, not only from the peak afterwards", async () => {
    // The container keeps its creation-time cap (runsc cannot update it); the supervisor's
    // watchdog stops the program within a tick of crossing the problem's 64 MiB.
    const source = "chunks = []\nfor i in range(40):\n    chunks.append(bytearray(16 * 2**20))\nprint(len(chunks))\n";
    const outcome = await judgeSubmission(provider, { language: "python", source, problem: problem() });
    expect(outcome.verdict).toBe("MLE");
    expect(outcome.tests[0]!.stoppedBy).toBe("memory-limit");
    expect(outcome.tests[0]!.peakKb).toBeLessThan(256 * 1024); // it would reach 640 MiB under the 1 GiB cap
  });

  it("has no network", async () => {
    const source = [
      "import socket",
      "try:",
      "    socket.create_connection(('1.1.1.1', 53), timeout=2)",
      "    print('connected')",
      "except OSError:",
      "    print(3)",
    ].join("\n");
    const outcome = await judgeSubmission(provider, {
      language: "python",
      source,
      problem: problem({ tests: [{ position: 1, input: "", expectedOutput: "3\n", points: 1 }] }),
    });
    expect(outcome.verdict).toBe("AC");
  });
});
