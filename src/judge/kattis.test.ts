import { mkdtemp, mkdir, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadProblemPackage, ProblemPackageError } from "./kattis";

let tmp: string;

beforeEach(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "kattis-test-"));
});
afterEach(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** Write a package from a map of relative path → content; returns its folder. */
async function makePackage(files: Record<string, string | Buffer>, slug = "demo"): Promise<string> {
  const dir = path.join(tmp, slug);
  for (const [rel, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), content);
  }
  return dir;
}

const minimal = {
  "problem.yaml": "name: Demo\n",
  "statement/problem.md": "# Demo\n\nAdd.\n",
  "data/sample/1.in": "1 2\n",
  "data/sample/1.ans": "3\n",
  "data/secret/1.in": "5 5\n",
  "data/secret/1.ans": "10\n",
};

async function loadError(dir: string): Promise<ProblemPackageError> {
  const error = await loadProblemPackage(dir).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProblemPackageError);
  return error as ProblemPackageError;
}

describe("loadProblemPackage", () => {
  it("loads a minimal package with Kattis defaults", async () => {
    const pkg = await loadProblemPackage(await makePackage(minimal));
    expect(pkg.slug).toBe("demo");
    expect(pkg.title).toBe("Demo");
    expect(pkg.statement).toContain("Add.");
    expect(pkg.statementFormat).toBe("markdown");
    expect(pkg.spec.timeLimitMs).toBe(1000);
    expect(pkg.spec.memoryLimitMb).toBe(256);
    expect(pkg.spec.scoringMode).toBe("ICPC");
    // Kattis' default validator: case- and whitespace-change-insensitive.
    expect(pkg.spec.checker).toEqual({
      kind: "STANDARD",
      options: { caseSensitive: false, spaceSensitive: false, lineSensitive: false },
    });
    expect(pkg.spec.tests).toEqual([
      { position: 1, name: "sample/1", input: "1 2\n", expectedOutput: "3\n", points: 1, isSample: true },
      { position: 2, name: "secret/1", input: "5 5\n", expectedOutput: "10\n", points: 1, isSample: false },
    ]);
    expect(pkg.warnings).toEqual([]);
  });

  it("reads difficulty and keywords (string or list) for the problem list; none by default", async () => {
    expect(await loadProblemPackage(await makePackage(minimal))).toMatchObject({ difficulty: null, tags: [] });
    const listed = await makePackage(
      { ...minimal, "problem.yaml": "name: Demo\ndifficulty: Medium\nkeywords: [Math, greedy, math]\n" },
      "listed",
    );
    expect(await loadProblemPackage(listed)).toMatchObject({ difficulty: "MEDIUM", tags: ["math", "greedy"] });
    const spaced = await makePackage({ ...minimal, "problem.yaml": "name: Demo\nkeywords: graphs  bfs\n" }, "spaced");
    expect((await loadProblemPackage(spaced)).tags).toEqual(["graphs", "bfs"]);
    const bad = await makePackage({ ...minimal, "problem.yaml": "name: Demo\ndifficulty: brutal\n" }, "bad");
    expect((await loadError(bad)).message).toMatch(/problem\.yaml: difficulty must be easy, medium or hard/);
  });

  it("reads fractional time limits, memory, and prefers problem.en.md", async () => {
    const pkg = await loadProblemPackage(
      await makePackage({
        ...minimal,
        "problem.yaml": "title: Fancy\nlimits:\n  time_limit: 0.25\n  memory: 64\n",
        "statement/problem.en.md": "English\n",
      }),
    );
    expect(pkg.spec.timeLimitMs).toBe(250);
    expect(pkg.spec.memoryLimitMb).toBe(64);
    expect(pkg.title).toBe("Fancy");
    expect(pkg.statement).toBe("English\n");
  });

  it("reads the legacy .timelimit file when problem.yaml has no time_limit", async () => {
    const pkg = await loadProblemPackage(await makePackage({ ...minimal, ".timelimit": "2.5\n" }));
    expect(pkg.spec.timeLimitMs).toBe(2500);
  });

  it("keeps a LaTeX-only statement raw and takes the title from \\problemname", async () => {
    const { "statement/problem.md": _, ...rest } = minimal;
    const pkg = await loadProblemPackage(
      await makePackage({ ...rest, "problem.yaml": "", "problem_statement/problem.tex": "\\problemname{Tex Title}\nBody $x$\n" }),
    );
    expect(pkg.statementFormat).toBe("latex");
    expect(pkg.statement).toBe("\\problemname{Tex Title}\nBody $x$\n");
    expect(pkg.title).toBe("Tex Title");
  });

  it("sorts tests by path, samples first, sub-folders included", async () => {
    const pkg = await loadProblemPackage(
      await makePackage({
        ...minimal,
        "data/secret/b/2.in": "x",
        "data/secret/b/2.ans": "x",
        "data/secret/a/9.in": "x",
        "data/secret/a/9.ans": "x",
        "data/secret/a/10.in": "x",
        "data/secret/a/10.ans": "x",
        "data/sample/0.in": "x",
        "data/sample/0.ans": "x",
      }),
    );
    expect(pkg.spec.tests.map((t) => t.name)).toEqual(["sample/0", "sample/1", "secret/1", "secret/a/10", "secret/a/9", "secret/b/2"]);
    expect(pkg.spec.tests.map((t) => t.position)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it.each([
    ["float_tolerance 1e-6", { absTol: 1e-6, relTol: 1e-6 }],
    ["float_absolute_tolerance 0.5", { absTol: 0.5, relTol: -1 }],
    ["float_relative_tolerance 1e-4 case_sensitive", { caseSensitive: true, absTol: -1, relTol: 1e-4 }],
  ])("maps validator_flags %s to a FLOAT checker", async (flags, options) => {
    const pkg = await loadProblemPackage(await makePackage({ ...minimal, "problem.yaml": `validator_flags: ${flags}\n` }));
    const kattisDefaults = { caseSensitive: false, spaceSensitive: false, lineSensitive: false };
    expect(pkg.spec.checker).toEqual({ kind: "FLOAT", options: { ...kattisDefaults, ...options } });
  });

  it("maps case_sensitive and space_change_sensitive", async () => {
    const pkg = await loadProblemPackage(
      await makePackage({ ...minimal, "problem.yaml": "validator_flags: case_sensitive space_change_sensitive\n" }),
    );
    expect(pkg.spec.checker).toEqual({
      kind: "STANDARD",
      options: { caseSensitive: true, spaceSensitive: true, lineSensitive: false },
    });
  });

  it("rejects unknown validator flags and missing tolerances, naming problem.yaml", async () => {
    let error = await loadError(await makePackage({ ...minimal, "problem.yaml": "validator_flags: ignore_case\n" }, "a"));
    expect(error.message).toMatch(/problem\.yaml: .*unknown flag "ignore_case"/);
    error = await loadError(await makePackage({ ...minimal, "problem.yaml": "validator_flags: float_tolerance\n" }, "b"));
    expect(error.message).toMatch(/problem\.yaml: .*float_tolerance needs a number/);
  });

  it("loads a custom output validator with its language", async () => {
    const pkg = await loadProblemPackage(
      await makePackage({
        ...minimal,
        "problem.yaml": "validation: custom\n",
        "output_validators/check/validate.py": "import sys\nsys.exit(42)\n",
      }),
    );
    expect(pkg.spec.checker).toEqual({ kind: "CUSTOM", source: "import sys\nsys.exit(42)\n", language: "python" });
  });

  it("rejects validation: custom without a validator, and validators that are not one program", async () => {
    let error = await loadError(await makePackage({ ...minimal, "problem.yaml": "validation: custom\n" }, "a"));
    expect(error.message).toMatch(/needs an output validator/);
    error = await loadError(
      await makePackage(
        { ...minimal, "problem.yaml": "validation: custom\n", "output_validator/v.py": "", "output_validator/w.cpp": "" },
        "b",
      ),
    );
    expect(error.message).toMatch(/output_validator: not a usable output validator: sources in more than one language/);
    error = await loadError(
      await makePackage({ ...minimal, "problem.yaml": "validation: custom\n", "output_validator/testlib.h": "" }, "c"),
    );
    expect(error.message).toMatch(/no source file in a supported language/);
    error = await loadError(
      await makePackage(
        { ...minimal, "problem.yaml": "validation: custom\n", "output_validator/a.py": "", "output_validator/b.py": "" },
        "d",
      ),
    );
    expect(error.message).toMatch(/several Python 3 sources \(a\.py, b\.py\): name the main one validate\.py/);
  });

  it("loads a multi-file validator (validate.cc + validate.h, as problemtools' different) as one program", async () => {
    const pkg = await loadProblemPackage(
      await makePackage({
        ...minimal,
        "problem.yaml": "validation: custom\n",
        "output_validators/different/validate.cc": '#include "validate.h"\nint main(){}\n',
        "output_validators/different/validate.h": "#pragma once\n",
        "output_validators/different/lib/util.cc": "int util(){return 1;}\n",
      }),
    );
    expect(pkg.spec.checker).toEqual({
      kind: "CUSTOM",
      source: '#include "validate.h"\nint main(){}\n',
      language: "cpp",
      files: [
        { name: "lib/util.cc", content: "int util(){return 1;}\n" },
        { name: "validate.h", content: "#pragma once\n" },
      ],
    });
  });

  it("scores points from .points files and testdata.yaml in POINTS mode", async () => {
    const pkg = await loadProblemPackage(
      await makePackage({
        ...minimal,
        "problem.yaml": "type: scoring\n",
        "data/secret/1.points": "7\n",
        "data/secret/g/testdata.yaml": "points: 3\n",
        "data/secret/g/a.in": "x",
        "data/secret/g/a.ans": "x",
        "data/secret/g/b.in": "x",
        "data/secret/g/b.ans": "x",
        "data/secret/g/b.points": "5",
      }),
    );
    expect(pkg.spec.scoringMode).toBe("POINTS");
    expect(pkg.spec.tests.map((t) => [t.name, t.points])).toEqual([
      ["sample/1", 0],
      ["secret/1", 7],
      ["secret/g/a", 3],
      ["secret/g/b", 5],
    ]);
  });

  it("accepts scoring: points", async () => {
    const pkg = await loadProblemPackage(await makePackage({ ...minimal, "problem.yaml": "scoring: points\n" }));
    expect(pkg.spec.scoringMode).toBe("POINTS");
  });

  it.each([
    [{ "data/secret/2.in": "1" }, /data\/secret\/2\.in: has no matching 2\.ans/],
    [{ "data/secret/3.ans": "1" }, /data\/secret\/3\.ans: has no matching 3\.in/],
    [{ "problem.yaml": "name: [unclosed\n" }, /problem\.yaml: invalid YAML/],
    [{ "problem.yaml": "- a list\n" }, /problem\.yaml: must be a YAML mapping/],
    [{ "problem.yaml": "limits:\n  time_limit: -1\n" }, /problem\.yaml: time limit must be/],
    [{ "problem.yaml": "limits:\n  memory: lots\n" }, /problem\.yaml: limits\.memory must be/],
    [{ "problem.yaml": "limits:\n  memroy: 5\n" }, /unknown key "limits\.memroy"/],
    [{ "problem.yaml": "validation: custom interactive\n" }, /"validation" must be "default" or "custom"/],
    [{ "problem.yaml": "type: interactive\n" }, /"type" must be "pass-fail" or "scoring"/],
    [{ "data/secret/1.points": "many" }, /1\.points: points must be a whole number/],
    [{ "data/secret/1.in": Buffer.from([0xff, 0xfe, 0x00]) }, /1\.in: is not valid UTF-8/],
    [{ "data/secret/1.in": "a\0b" }, /1\.in: contains NUL bytes/],
  ] as Array<[Record<string, string | Buffer>, RegExp]>)("rejects a broken package clearly (%#)", async (files, message) => {
    const error = await loadError(await makePackage({ ...minimal, ...files }));
    expect(error.message).toMatch(message);
  });

  it("rejects a package without statement, secret data or problem.yaml", async () => {
    const { "statement/problem.md": _s, ...noStatement } = minimal;
    expect((await loadError(await makePackage(noStatement, "a"))).message).toMatch(/no statement/);
    const { "data/secret/1.in": _i, "data/secret/1.ans": _a, ...noSecret } = minimal;
    expect((await loadError(await makePackage({ ...noSecret, "data/secret/README": "" }, "b"))).message).toMatch(
      /data\/secret: holds no \.in\/\.ans test/,
    );
    const { "problem.yaml": _y, ...noYaml } = minimal;
    expect((await loadError(await makePackage(noYaml, "c"))).message).toMatch(/problem\.yaml: missing/);
  });

  it("rejects an invalid slug and a missing folder", async () => {
    expect((await loadError(await makePackage(minimal, "Bad Name"))).message).toMatch(/not a valid problem slug/);
    expect((await loadError(path.join(tmp, "nope"))).message).toMatch(/no such folder/);
  });

  it("follows symlinks inside the package but never outside it", async () => {
    const dir = await makePackage(minimal);
    await symlink(path.join(dir, "data/secret/1.in"), path.join(dir, "data/secret/2.in"));
    await symlink(path.join(dir, "data/secret/1.ans"), path.join(dir, "data/secret/2.ans"));
    const pkg = await loadProblemPackage(dir);
    expect(pkg.spec.tests.map((t) => t.name)).toEqual(["sample/1", "secret/1", "secret/2"]);

    await writeFile(path.join(tmp, "outside.txt"), "secret");
    await symlink(path.join(tmp, "outside.txt"), path.join(dir, "data/secret/3.in"));
    await writeFile(path.join(dir, "data/secret/3.ans"), "x");
    expect((await loadError(dir)).message).toMatch(/3\.in: symlink points outside the problem package/);
  });

  it("warns about unknown top-level keys instead of failing", async () => {
    const pkg = await loadProblemPackage(await makePackage({ ...minimal, "problem.yaml": "name: X\nfoo: 1\nauthor: Me\n" }));
    expect(pkg.warnings).toEqual(['problem.yaml: unknown key "foo" ignored']);
  });
});
