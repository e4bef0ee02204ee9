import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { explainMismatch, findSubmissions, parseArgs, type VerifyRecord } from "./verify";

let tmp: string;
beforeEach(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "verify-unit-"));
});
afterEach(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function put(rel: string, content = "x") {
  await mkdir(path.dirname(path.join(tmp, rel)), { recursive: true });
  await writeFile(path.join(tmp, rel), content);
}

describe("parseArgs", () => {
  it("takes folders and --jobs", () => {
    expect(parseArgs(["a", "b"])).toEqual({ dirs: ["a", "b"], jobs: 2 });
    expect(parseArgs(["--jobs", "1", "a"])).toEqual({ dirs: ["a"], jobs: 1 });
    expect(parseArgs(["--jobs=3", "a"])).toEqual({ dirs: ["a"], jobs: 3 });
    expect(parseArgs(["--help"])).toEqual({ help: true });
  });

  it("refuses no folder, bad --jobs and unknown options", () => {
    expect(parseArgs([])).toEqual({ error: "give at least one problem folder" });
    expect(parseArgs(["-j", "0", "a"])).toMatchObject({ error: expect.stringMatching(/--jobs needs/) });
    expect(parseArgs(["--jobs"])).toMatchObject({ error: expect.stringMatching(/got nothing/) });
    expect(parseArgs(["--fast", "a"])).toEqual({ error: "unknown option --fast" });
  });
});

describe("findSubmissions", () => {
  it("maps folders to verdicts and extensions to languages, sorted", async () => {
    await put("submissions/accepted/b.py", "print(1)");
    await put("submissions/accepted/A.java", "public class A {}");
    await put("submissions/time_limit_exceeded/slow.rs");
    await put("submissions/output_limit_exceeded/spam.cpp");
    const { submissions, warnings } = await findSubmissions(tmp);
    expect(submissions.map((s) => [s.file, s.expected, s.language])).toEqual([
      ["submissions/accepted/A.java", "AC", "java"],
      ["submissions/accepted/b.py", "AC", "python"],
      ["submissions/output_limit_exceeded/spam.cpp", "OLE", "cpp"],
      ["submissions/time_limit_exceeded/slow.rs", "TLE", "rust"],
    ]);
    expect(submissions[1]!.source).toBe("print(1)");
    expect(warnings).toEqual([]);
  });

  it("warns about unknown folders, extensions and multi-file submissions", async () => {
    await put("submissions/partially_accepted/x.py");
    await put("submissions/wrong_answer/notes.txt");
    await put("submissions/wrong_answer/multi/main.py");
    const { submissions, warnings } = await findSubmissions(tmp);
    expect(submissions).toEqual([]);
    expect(warnings).toEqual([
      expect.stringMatching(/^submissions\/partially_accepted\/ skipped/),
      expect.stringMatching(/^submissions\/wrong_answer\/multi\/ skipped: multi-file/),
      'submissions/wrong_answer/notes.txt skipped: no language for the extension ".txt"',
      "no submissions found under submissions/<verdict>/",
    ]);
  });

  it("says when there is no accepted submission or no submissions folder", async () => {
    expect((await findSubmissions(tmp)).warnings).toEqual(["no submissions/ folder: nothing to verify"]);
    await put("submissions/wrong_answer/x.c");
    expect((await findSubmissions(tmp)).warnings).toEqual(["no accepted submission: the tests are unchecked"]);
  });
});

describe("explainMismatch", () => {
  const base: VerifyRecord = {
    problem: "p",
    file: "submissions/accepted/a.py",
    language: "python",
    expected: "AC",
    verdict: "WA",
    ok: false,
    score: 0,
    maxScore: 2,
    timeMs: 5,
    memoryKb: 100,
    tests: [],
  };
  const measured = { cpuMs: 1, wallMs: 1, peakKb: 1, exitCode: 0, signal: null, stoppedBy: "exited" };

  it("names the failing test and the reason", () => {
    const record: VerifyRecord = {
      ...base,
      tests: [
        { ...measured, position: 1, name: "sample/1", verdict: "AC" },
        { ...measured, position: 2, name: "secret/big", verdict: "WA", message: "expected 5, got 6\nmore" },
      ],
    };
    expect(explainMismatch(record)).toBe("expected AC, got WA on test 2 (secret/big): expected 5, got 6");
  });

  it("shows a signal, a compiler error or a judge failure", () => {
    const crashed = {
      ...base,
      verdict: "RE" as const,
      tests: [{ ...measured, position: 1, name: "t", verdict: "RE" as const, signal: "SIGSEGV", exitCode: null }],
    };
    expect(explainMismatch(crashed)).toBe("expected AC, got RE on test 1 (t): signal SIGSEGV");
    const ce = { ...base, verdict: "CE" as const, compileOutput: "\nmain.c:1: error: nope\nmore" };
    expect(explainMismatch(ce)).toBe("expected AC, got CE: main.c:1: error: nope");
    expect(explainMismatch({ ...base, verdict: "IE", error: "Docker is down" })).toBe("judge failed: Docker is down");
  });
});
