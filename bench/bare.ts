/**
 * The "bare" side of the overhead ratios: the same program, compiled and run in a plain
 * container of the runner image (no supervisor, no limits, no CodeRunner), timed inside
 * the container with `date +%s%N`. Shared by `bench:load` and `bench:profile`.
 */
import { execFile as execFileCb } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { getLanguage } from "../src/judge/languages";

const execFile = promisify(execFileCb);

export interface BareTimes {
  /** The language's compile step (Python: the py_compile check), best of the repeats. */
  compileMs: number;
  /** The sum of the runs over every input, best of the repeats. */
  runsMs: number;
  /** compileMs + runsMs: the denominator of the judging-overhead ratio. */
  totalMs: number;
}

/**
 * Bare cost of `source`: its compile step once plus one run per input, in one plain
 * container, repeated `repeat` times; each part is the best of the repeats.
 */
export async function bareTimes(image: string, languageId: string, source: string, inputs: string[], repeat: number): Promise<BareTimes> {
  const language = getLanguage(languageId);
  if (!language) throw new Error(`unknown language ${languageId}`);
  const sourceFile = language.sourceFileName(source);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "coderunner-bare-"));
  fs.writeFileSync(path.join(dir, sourceFile), source);
  inputs.forEach((input, i) => fs.writeFileSync(path.join(dir, `in${i}`), input));
  fs.chmodSync(dir, 0o755);
  const quote = (arg: string) => `'${arg.replace(/'/g, `'\\''`)}'`;
  const compile = language.compile ? language.compile({ memoryMb: 1024, sourceFile }).map(quote).join(" ") : "true";
  const run = language.run({ memoryMb: 256, sourceFile }).map(quote).join(" ");
  const env = Object.entries(language.env ?? {})
    .map(([k, v]) => `export ${k}=${quote(v)};`)
    .join(" ");
  const loop = inputs.map((_, i) => `${run} < /w/in${i} > /dev/null`).join("; ");
  // A writable copy: compilers write next to the source (py_compile's __pycache__, a.out).
  const script =
    `${env} mkdir -p /tmp/b && cd /tmp/b; for r in $(seq ${repeat}); do rm -rf /tmp/b/*; cp /w/${sourceFile} .; ` +
    `a=$(date +%s%N); ${compile} > /dev/null 2>&1; b=$(date +%s%N); ${loop}; c=$(date +%s%N); ` +
    `echo $(( (b - a) / 1000 )) $(( (c - b) / 1000 )); done`;
  try {
    const { stdout } = await execFile("docker", [
      "run",
      "--rm",
      "--network",
      "none",
      "-v",
      `${dir}:/w:ro`,
      "--entrypoint",
      "sh",
      image,
      "-c",
      script,
    ]);
    const rows = stdout
      .trim()
      .split("\n")
      .map((line) => line.split(" ").map((n) => Number(n) / 1000));
    const compileMs = Math.min(...rows.map((r) => r[0]!));
    const runsMs = Math.min(...rows.map((r) => r[1]!));
    return { compileMs, runsMs, totalMs: compileMs + runsMs };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
