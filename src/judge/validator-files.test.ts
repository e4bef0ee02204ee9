import { describe, expect, it } from "vitest";
import { getLanguage } from "./languages";
import { exportedMainName, splitValidatorFiles, validatorCompileArgv, validatorFileNameError } from "./validator-files";

describe("validator files", () => {
  it("picks the one source as main and keeps headers beside it", () => {
    const { main, language, extra } = splitValidatorFiles([
      { name: "validate.h", content: "" },
      { name: "validate.cc", content: "int main(){}" },
    ]);
    expect(main.name).toBe("validate.cc");
    expect(language.id).toBe("cpp");
    expect(extra.map((f) => f.name)).toEqual(["validate.h"]);
  });

  it("prefers validate.* among several sources and compiles further C++ units along", () => {
    const { main, language, extra } = splitValidatorFiles([
      { name: "util.cpp", content: "" },
      { name: "validate.cpp", content: "" },
    ]);
    expect(main.name).toBe("validate.cpp");
    const argv = language.compile!({ memoryMb: 1, sourceFile: "main.cpp" });
    expect(validatorCompileArgv(language, argv, "main.cpp", extra)).toEqual([
      "g++",
      "-O2",
      "-std=gnu++17",
      "-pipe",
      "-o",
      "main",
      "main.cpp",
      "util.cpp",
      "-lm",
    ]);
    // Python imports its modules itself: the command stays as it is.
    const python = getLanguage("python")!;
    const pyArgv = python.compile!({ memoryMb: 1, sourceFile: "main.py" });
    expect(validatorCompileArgv(python, pyArgv, "main.py", [{ name: "helper.py", content: "" }])).toEqual(pyArgv);
  });

  it("refuses unsafe or reserved names, duplicates and a file where the main source goes", () => {
    expect(validatorFileNameError("../x.h")).toMatch(/letters, digits/);
    expect(validatorFileNameError(".hidden")).toMatch(/letters, digits/);
    expect(validatorFileNameError("judge_answer")).toMatch(/reserved/);
    expect(validatorFileNameError("lib/testlib.h")).toBeNull();
    expect(() =>
      splitValidatorFiles([
        { name: "a.h", content: "" },
        { name: "a.h", content: "" },
      ]),
    ).toThrow(/twice/);
    expect(() =>
      splitValidatorFiles([
        { name: "validate.cpp", content: "" },
        { name: "main.cpp", content: "" },
      ]),
    ).toThrow(/where the judge puts the main source/);
  });

  it("names the exported main source so that importing it again picks it", () => {
    expect(exportedMainName("cpp", [{ name: "validate.h", content: "" }])).toBe("validate.cpp");
    expect(exportedMainName("python", [{ name: "validate.py", content: "" }])).toBe("validator.py");
  });
});
