import { describe, expect, it } from "vitest";
import { languageFromJudge0 } from "../../judge/api-names";
import { fakeExecution } from "../../../test/execution-fixture";
import { executionFromJudge0, judge0Status, judge0Submission, Judge0SubmissionSchema, splitArguments } from "./judge0";
import { ApiValidationError } from "./validation";

const execution = fakeExecution;

describe("judge0Status", () => {
  it.each([
    [{ status: "QUEUED" as const }, {}, 1],
    [{ status: "RUNNING" as const }, {}, 2],
    [{ status: "FAILED" as const, verdict: "IE" as const }, {}, 13],
    [{}, {}, 3],
    [{ expectedOutput: "1" }, {}, 3],
    [{ expectedOutput: "2\n" }, {}, 4],
    [{ verdict: "CE" as const }, {}, 6],
    [{ verdict: "TLE" as const }, {}, 5],
    [{ verdict: "MLE" as const }, {}, 15],
    [{ verdict: "OLE" as const }, {}, 8],
    [{ verdict: "RE" as const }, { signal: "SIGSEGV", exitCode: null }, 7],
    [{ verdict: "RE" as const }, { signal: "SIGFPE", exitCode: null }, 9],
    [{ verdict: "RE" as const }, { signal: "SIGABRT", exitCode: null }, 10],
    [{ verdict: "RE" as const }, { signal: "SIGILL", exitCode: null }, 12],
    [{ verdict: "RE" as const }, { exitCode: 3 }, 11],
  ])("%o with result %o is status %i", (overrides, result, id) => {
    expect(judge0Status(execution(overrides, result)).id).toBe(id);
  });
});

describe("judge0Submission", () => {
  it("answers the default fields, base64-encoding text fields", () => {
    const body = judge0Submission(execution({ verdict: "RE" }, { exitCode: 3, outputExcerpt: "hi\n" }), { base64: true });
    expect(body).toEqual({
      token: "tok1",
      stdout: Buffer.from("hi\n").toString("base64"),
      stderr: null,
      compile_output: null,
      message: Buffer.from("Exited with error status 3").toString("base64"),
      status: { id: 11, description: "Runtime Error (NZEC)" },
      time: "0.012",
      memory: 2048,
    });
  });

  it("answers chosen fields, or all with *", () => {
    expect(judge0Submission(execution(), { base64: false, fields: "status_id, language_id,nonsense" })).toEqual({
      status_id: 3,
      language_id: 71,
    });
    const all = judge0Submission(execution({ verdict: "TLE" }, { signal: "SIGKILL", exitCode: null }), { base64: false, fields: "*" });
    expect(all).toMatchObject({ exit_signal: 9, cpu_time_limit: 3, memory_limit: 256 * 1024, language: { id: 71 } });
  });

  it("has no output or time before the program ran", () => {
    expect(judge0Submission(execution({ status: "QUEUED", finishedAt: null }, null), { base64: false })).toMatchObject({
      stdout: null,
      time: null,
      memory: null,
      status: { id: 1, description: "In Queue" },
    });
  });
});

describe("executionFromJudge0", () => {
  const parse = (body: unknown) => Judge0SubmissionSchema.parse(body);

  it("decodes base64, converts seconds and KB, and splits arguments", () => {
    const { input } = executionFromJudge0(
      parse({
        source_code: Buffer.from("print(1)").toString("base64"),
        language_id: 92,
        stdin: Buffer.from("x").toString("base64"),
        cpu_time_limit: 1.5,
        memory_limit: 65536,
        command_line_arguments: `a "b c" 'd'`,
      }),
      true,
    );
    expect(input).toMatchObject({
      language: "python",
      source: "print(1)",
      stdin: "x",
      timeLimitMs: 1500,
      memoryLimitMb: 64,
      args: ["a", "b c", "d"],
    });
  });

  it("rejects unknown language ids and unsupported fields like Judge0 (field: [messages])", () => {
    expect(() => executionFromJudge0(parse({ source_code: "x", language_id: 1 }), false)).toThrow(ApiValidationError);
    expect(Judge0SubmissionSchema.safeParse({ source_code: "x", language_id: 71, callback_url: "http://x" }).success).toBe(false);
    expect(Judge0SubmissionSchema.safeParse({ language_id: 71 }).success).toBe(false);
  });

  it("knows every classic and newer id of the eight languages", () => {
    for (const [id, language] of [
      [50, "c"],
      [54, "cpp"],
      [60, "go"],
      [62, "java"],
      [63, "javascript"],
      [71, "python"],
      [73, "rust"],
      [74, "typescript"],
      [70, undefined], // Python 2 is not Python 3
    ] as const) {
      expect(languageFromJudge0(id)).toBe(language);
    }
  });
});

describe("splitArguments", () => {
  it("splits words and quoted strings", () => {
    expect(splitArguments(`  one "two three" 'four five' six\\ "a \\"q\\""  `)).toEqual([
      "one",
      "two three",
      "four five",
      "six\\",
      'a "q"',
    ]);
    expect(splitArguments("")).toEqual([]);
  });
});
