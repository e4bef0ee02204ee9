// Support for the public API journeys: tokens straight in the test database, a second
// `next start` with other settings (anonymous access on, or Redis unreachable), and the
// same "hello from stdin" program in each of the eight languages.
import { spawn, type ChildProcess } from "node:child_process";
import { createPrismaClient } from "../../src/server/db";
import { createApiToken } from "../../src/server/services/api-token-service";
import type { LanguageId } from "../../src/judge/languages";

export const db = createPrismaClient(process.env.E2E_DATABASE_URL);

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
// Must match the worker's (scripts/test.sh exports one for both; see playwright.config.ts).
const QUEUE_PREFIX = process.env.E2E_QUEUE_PREFIX ?? process.env.QUEUE_PREFIX ?? "coderunner-e2e";

export async function createToken(userId: string, scopes: ("READ" | "SUBMIT")[] = ["READ", "SUBMIT"]) {
  const { token, secret } = await createApiToken(db, { id: userId, role: "STUDENT" }, { name: `e2e ${scopes.join("+")}`, scopes });
  return { id: token.id, secret };
}

export const bearer = (secret: string) => ({ Authorization: `Bearer ${secret}` });

/**
 * Another production server on `port` with extra environment (the build is the one
 * Playwright's webServer uses). Stopped by `stop()`; the whole process group goes.
 */
export async function startServer(port: number, env: Record<string, string>) {
  const child: ChildProcess = spawn("npx", ["next", "start", "-p", String(port)], {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: process.env.E2E_DATABASE_URL!,
      QUEUE_PREFIX,
      NEXTAUTH_URL: `http://localhost:${port}`,
      NEXTAUTH_SECRET: "e2e-api-second-server-secret",
      ...env,
    },
  });
  let log = "";
  child.stdout?.on("data", (d) => (log += String(d)));
  child.stderr?.on("data", (d) => (log += String(d)));
  const url = `http://localhost:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`second server exited (${child.exitCode}):\n${log}`);
    try {
      if ((await fetch(`${url}/api/v2/runtimes`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`second server did not start in 60 s:\n${log}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    url,
    async stop() {
      if (child.exitCode !== null || !child.pid) return;
      const exited = new Promise((r) => child.once("exit", r));
      process.kill(-child.pid, "SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    },
  };
}

/** Reads one word from stdin and prints "hello, <word>". */
export const HELLO: Record<LanguageId, string> = {
  python: 'print("hello, " + input().strip())\n',
  javascript: 'const s = require("fs").readFileSync(0, "utf8").trim();\nconsole.log("hello, " + s);\n',
  typescript: 'import * as fs from "fs";\n\nconst s: string = fs.readFileSync(0, "utf8").trim();\nconsole.log("hello, " + s);\n',
  c: '#include <stdio.h>\n\nint main(void) {\n    char s[64];\n    if (scanf("%63s", s) != 1) return 1;\n    printf("hello, %s\\n", s);\n    return 0;\n}\n',
  cpp: '#include <iostream>\n#include <string>\n\nint main() {\n    std::string s;\n    std::cin >> s;\n    std::cout << "hello, " << s << "\\n";\n}\n',
  java: 'import java.util.Scanner;\n\npublic class Main {\n    public static void main(String[] args) {\n        System.out.println("hello, " + new Scanner(System.in).next());\n    }\n}\n',
  go: 'package main\n\nimport "fmt"\n\nfunc main() {\n\tvar s string\n\tfmt.Scan(&s)\n\tfmt.Println("hello, " + s)\n}\n',
  rust: 'use std::io::Read;\n\nfn main() {\n    let mut s = String::new();\n    std::io::stdin().read_to_string(&mut s).unwrap();\n    println!("hello, {}", s.trim());\n}\n',
};

/** An endless loop in Python, to be stopped by the time limit. */
export const INFINITE_LOOP = "while True:\n    pass\n";
