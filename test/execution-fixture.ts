/** An `Execution` as the execution service returns it, for unit tests of the public API mappers. */
import type { Execution } from "../src/server/services/execution-service";

export type ExecutionResult = NonNullable<Execution["result"]>;

/** A finished EXEC of `print(1)` with one run; `result: null` for none (e.g. a compile error). */
export function fakeExecution(overrides: Partial<Execution> = {}, result: Partial<ExecutionResult> | null = {}): Execution {
  return {
    id: "tok1",
    userId: "u1",
    kind: "EXEC",
    language: "python",
    source: "print(1)",
    stdin: "",
    status: "DONE",
    verdict: null,
    score: null,
    maxScore: null,
    compileOutput: null,
    maxCpuMs: 10,
    maxPeakKb: 100,
    runArgs: [],
    runTimeLimitMs: 3000,
    runMemoryLimitMb: 256,
    expectedOutput: null,
    createdAt: new Date("2026-01-01T00:00:00Z"),
    finishedAt: new Date("2026-01-01T00:00:01Z"),
    ...overrides,
    result:
      result === null
        ? null
        : {
            position: 0,
            verdict: "AC",
            cpuMs: 12,
            wallMs: 20,
            peakKb: 2048,
            exitCode: 0,
            signal: null,
            stoppedBy: "exited",
            outputExcerpt: "1\n",
            stderrExcerpt: "",
            checkerMessage: null,
            ...result,
          },
  };
}
