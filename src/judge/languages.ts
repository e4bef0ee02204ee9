/**
 * The language registry: the ONE place a language is defined. The sandbox image's
 * package list, the compile/run commands the worker executes, the editor's starter
 * code and the `verify` command's file-extension mapping all come from here.
 *
 * Commands run inside the sandbox container with /box as the working directory.
 */

export interface LanguageContext {
  /** Memory limit of the run in MiB (problem limit + the language's extra allowance). */
  memoryMb: number;
  /** Name of the source file written into /box (see `sourceFileName`). */
  sourceFile: string;
}

export interface LanguageDefinition {
  id: string;
  /** Human name shown in the UI. */
  name: string;
  /** Version as shipped by Debian bookworm (documentation only). */
  version: string;
  /** File extensions (without dot) that map to this language in `verify`. */
  extensions: string[];
  /** Debian packages the runner image needs for this language. */
  aptPackages: string[];
  /** Name of the file the source is written to. */
  sourceFileName: (source: string) => string;
  /** Compile step (also used as a syntax check for interpreted languages). */
  compile?: (ctx: LanguageContext) => string[];
  /**
   * Memory (MiB) the compile step needs for an ordinary program. When the run's container
   * limit is at least this, the program is compiled at that limit and the container never
   * changes its limit (one Docker call less per submission); otherwise, or when a compile
   * there runs out of memory, it compiles under the generous compile limit. Omitted: always
   * the compile limit (compilers whose own heap cap follows the container, like javac).
   */
  compileMemoryMb?: number;
  run: (ctx: LanguageContext) => string[];
  /** Extra environment for compile and run (never secrets). */
  env?: Record<string, string>;
  /**
   * Allowances so runtime start-up is not billed as the student's time/memory:
   * effective CPU limit = problemLimit * timeMultiplier + extraTimeMs;
   * effective memory limit = problemLimit + extraMemoryMb.
   */
  timeMultiplier: number;
  extraTimeMs: number;
  extraMemoryMb: number;
  /** Monaco editor language id. */
  editorLanguage: string;
  /** Tree-sitter grammar the similarity report (Dolos) parses it with; none = not compared. */
  similarityParser?: string;
  starterCode: string;
}

/** Java allows any public class name (as on Kattis): the file must be named after it. */
export function javaMainClass(source: string): string {
  const withoutComments = source
    .replace(/\/\*[\s\S]*?\*\//g, " ")
    .replace(/\/\/[^\n]*/g, " ")
    .replace(/"(?:\\.|[^"\\\n])*"/g, '""');
  const publicClass = /\bpublic\s+(?:(?:final|abstract|strictfp)\s+)*(?:class|record|enum|interface)\s+([A-Za-z_$][\w$]*)/.exec(
    withoutComments,
  );
  if (publicClass) return publicClass[1]!;
  // No public class: pick the class that declares main, else the first class.
  const mainClass = /\bclass\s+([A-Za-z_$][\w$]*)[^{]*\{[\s\S]*?\bstatic\s+void\s+main\s*\(/.exec(withoutComments);
  if (mainClass) return mainClass[1]!;
  const anyClass = /\b(?:class|record|enum)\s+([A-Za-z_$][\w$]*)/.exec(withoutComments);
  return anyClass ? anyClass[1]! : "Main";
}

const fixed = (name: string) => () => name;

export const LANGUAGES = [
  {
    id: "python",
    name: "Python 3",
    version: "3.11",
    extensions: ["py"],
    aptPackages: ["python3"],
    sourceFileName: fixed("main.py"),
    compile: () => ["python3", "-c", "import sys,py_compile; py_compile.compile(sys.argv[1], doraise=True)", "main.py"],
    compileMemoryMb: 64,
    run: () => ["python3", "main.py"],
    env: { PYTHONDONTWRITEBYTECODE: "1", PYTHONUNBUFFERED: "0" },
    timeMultiplier: 1,
    extraTimeMs: 50,
    extraMemoryMb: 16,
    editorLanguage: "python",
    similarityParser: "python",
    starterCode: "import sys\n\n\ndef main():\n    data = sys.stdin.read().split()\n    # your code here\n\n\nmain()\n",
  },
  {
    id: "javascript",
    name: "JavaScript (Node.js)",
    version: "Node 18",
    extensions: ["js", "mjs", "cjs"],
    aptPackages: ["nodejs"],
    sourceFileName: fixed("main.js"),
    compile: () => ["node", "--check", "main.js"],
    compileMemoryMb: 128,
    run: (ctx) => ["node", `--max-old-space-size=${ctx.memoryMb}`, "--stack-size=65500", "main.js"],
    timeMultiplier: 1,
    extraTimeMs: 150,
    extraMemoryMb: 64,
    editorLanguage: "javascript",
    similarityParser: "javascript",
    starterCode: 'const input = require("fs").readFileSync(0, "utf8").split(/\\s+/).filter(Boolean);\n// your code here\n',
  },
  {
    id: "typescript",
    name: "TypeScript",
    version: "5 on Node 18",
    extensions: ["ts"],
    aptPackages: ["nodejs"],
    sourceFileName: fixed("main.ts"),
    // The image ships TypeScript and @types/node under /opt/coderunner/ts.
    compile: () => [
      "node",
      "/opt/coderunner/ts/node_modules/typescript/bin/tsc",
      "--target",
      "es2022",
      "--module",
      "commonjs",
      "--moduleResolution",
      "node",
      "--types",
      "node",
      "--typeRoots",
      "/opt/coderunner/ts/node_modules/@types",
      "--esModuleInterop",
      "--skipLibCheck",
      "--noEmitOnError",
      "--pretty",
      "false",
      "--outDir",
      "out",
      "main.ts",
    ],
    run: (ctx) => ["node", `--max-old-space-size=${ctx.memoryMb}`, "--stack-size=65500", "out/main.js"],
    timeMultiplier: 1,
    extraTimeMs: 150,
    extraMemoryMb: 64,
    editorLanguage: "typescript",
    similarityParser: "typescript",
    starterCode:
      'import * as fs from "fs";\n\nconst input: string[] = fs.readFileSync(0, "utf8").split(/\\s+/).filter(Boolean);\n// your code here\n',
  },
  {
    id: "c",
    name: "C (gcc, -O2)",
    version: "gcc 12, C17",
    extensions: ["c"],
    aptPackages: ["gcc", "libc6-dev"],
    sourceFileName: fixed("main.c"),
    compile: () => ["gcc", "-O2", "-std=gnu17", "-pipe", "-o", "main", "main.c", "-lm"],
    compileMemoryMb: 192,
    run: () => ["./main"],
    timeMultiplier: 1,
    extraTimeMs: 0,
    extraMemoryMb: 0,
    editorLanguage: "c",
    similarityParser: "c",
    starterCode: "#include <stdio.h>\n\nint main(void) {\n    // your code here\n    return 0;\n}\n",
  },
  {
    id: "cpp",
    name: "C++17 (g++, -O2)",
    version: "g++ 12, C++17",
    extensions: ["cpp", "cc", "cxx", "c++"],
    aptPackages: ["g++", "libc6-dev"],
    sourceFileName: fixed("main.cpp"),
    compile: () => ["g++", "-O2", "-std=gnu++17", "-pipe", "-o", "main", "main.cpp", "-lm"],
    compileMemoryMb: 512,
    run: () => ["./main"],
    timeMultiplier: 1,
    extraTimeMs: 0,
    extraMemoryMb: 0,
    editorLanguage: "cpp",
    similarityParser: "cpp",
    starterCode:
      "#include <bits/stdc++.h>\nusing namespace std;\n\nint main() {\n    ios::sync_with_stdio(false);\n    cin.tie(nullptr);\n    // your code here\n    return 0;\n}\n",
  },
  {
    id: "java",
    name: "Java 17",
    version: "OpenJDK 17",
    extensions: ["java"],
    aptPackages: ["openjdk-17-jdk-headless"],
    sourceFileName: (source) => `${javaMainClass(source)}.java`,
    // javac succeeds on a source whose class lands elsewhere (a `package` line puts it in a
    // subdirectory; an interface-only file has no class of that name), and `java` would then
    // fail at every test: report it as a compilation error instead.
    compile: (ctx) => [
      "sh",
      "-c",
      'javac -J-Xss16m -J-XX:+UseSerialGC -encoding UTF-8 -d . "$1" || exit; [ -f "${1%.java}.class" ] && exit 0; ' +
        'echo "error: no class ${1%.java} was compiled: it must be a top-level class, without a package declaration" >&2; exit 1',
      "javac",
      ctx.sourceFile,
    ],
    run: (ctx) => [
      "java",
      "-XX:+UseSerialGC",
      "-Xshare:auto",
      "-Xss64m",
      `-Xmx${ctx.memoryMb}m`,
      "-cp",
      ".",
      ctx.sourceFile.replace(/\.java$/, ""),
    ],
    timeMultiplier: 1,
    extraTimeMs: 400,
    extraMemoryMb: 64,
    editorLanguage: "java",
    similarityParser: "java",
    starterCode:
      "import java.util.*;\nimport java.io.*;\n\npublic class Main {\n    public static void main(String[] args) throws IOException {\n        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));\n        // your code here\n    }\n}\n",
  },
  {
    id: "go",
    name: "Go",
    version: "1.19",
    extensions: ["go"],
    aptPackages: ["golang-go"],
    sourceFileName: fixed("main.go"),
    // -buildmode=exe: a `package foo` source is a compilation error, not a library archive named main.
    compile: () => ["go", "build", "-buildmode=exe", "-o", "main", "main.go"],
    compileMemoryMb: 512,
    run: () => ["./main"],
    env: { HOME: "/box", GOCACHE: "/tmp/gocache", GOPATH: "/tmp/gopath", GO111MODULE: "off", CGO_ENABLED: "0", GOFLAGS: "-buildvcs=false" },
    timeMultiplier: 1,
    extraTimeMs: 0,
    extraMemoryMb: 16,
    editorLanguage: "go",
    similarityParser: "go",
    starterCode:
      'package main\n\nimport (\n\t"bufio"\n\t"fmt"\n\t"os"\n)\n\nfunc main() {\n\treader := bufio.NewReader(os.Stdin)\n\t_ = reader\n\tfmt.Println()\n}\n',
  },
  {
    id: "rust",
    name: "Rust",
    version: "rustc 1.63",
    extensions: ["rs"],
    aptPackages: ["rustc"],
    sourceFileName: fixed("main.rs"),
    compile: () => ["rustc", "-O", "--edition", "2021", "-o", "main", "main.rs"],
    compileMemoryMb: 512,
    run: () => ["./main"],
    timeMultiplier: 1,
    extraTimeMs: 0,
    extraMemoryMb: 0,
    editorLanguage: "rust",
    similarityParser: "rust",
    starterCode:
      "use std::io::{self, Read};\n\nfn main() {\n    let mut input = String::new();\n    io::stdin().read_to_string(&mut input).unwrap();\n    // your code here\n}\n",
  },
] as const satisfies readonly LanguageDefinition[];

export type LanguageId = (typeof LANGUAGES)[number]["id"];
export const LANGUAGE_IDS = LANGUAGES.map((l) => l.id) as [LanguageId, ...LanguageId[]];

const byId = new Map<string, LanguageDefinition>(LANGUAGES.map((l) => [l.id, l]));

export function getLanguage(id: string): LanguageDefinition | undefined {
  return byId.get(id);
}

export function languageForExtension(ext: string): LanguageDefinition | undefined {
  const e = ext.replace(/^\./, "").toLowerCase();
  return LANGUAGES.find((l) => (l.extensions as readonly string[]).includes(e));
}

/** Every Debian package the runner image needs, sorted and de-duplicated. */
export function runnerImagePackages(): string[] {
  return [...new Set(LANGUAGES.flatMap((l) => l.aptPackages as readonly string[]))].sort();
}
