/**
 * Output validators of several files (problemtools' example "different": validate.cc +
 * validate.h) against real Postgres and the real Docker sandbox: imported from a package,
 * compiled as one program, judging right and wrong answers; a validator that does not
 * compile is the problem's error (IE for staff), never the student's.
 */
import { cp, mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Prisma } from "../src/generated/prisma/client";
import { createPrismaClient } from "../src/server/db";
import { exportProblemArchive, importProblemArchive, importProblemFromDirectory } from "../src/server/services/problem-import-service";
import { createSubmission, createUser, uniqueSuffix } from "../test/factories";
import type { SandboxProvider } from "../sandbox/types";
import { processSubmission, type ProcessDeps } from "./process-submission";
import { sandboxProviderFromEnv } from "./sandbox-config";

const db = createPrismaClient();
const FIXTURE = path.resolve(import.meta.dirname, "../test/fixtures/problems/different");
let provider: SandboxProvider;
let scratch: string;

beforeAll(async () => {
  provider = await sandboxProviderFromEnv({ poolSize: 1 });
  scratch = await mkdtemp(path.join(os.tmpdir(), "different-"));
});
afterAll(async () => {
  await provider?.shutdown();
  await rm(scratch, { recursive: true, force: true });
  await db.$disconnect();
});

const deps = (): ProcessDeps => ({ db, provider, publish: () => {}, attempt: 1, maxAttempts: 1 });

async function importDifferent() {
  const teacher = await createUser(db, { role: "TEACHER" });
  const dir = path.join(scratch, `different-${uniqueSuffix()}`);
  await cp(FIXTURE, dir, { recursive: true });
  const result = await importProblemFromDirectory(db, teacher, dir);
  return { teacher, problem: await db.problem.findUniqueOrThrow({ where: { slug: result.slug } }) };
}

const submission = (file: string) => readFile(path.join(FIXTURE, "submissions", file), "utf8");

async function judge(userId: string, problemId: string, source: string) {
  const sub = await createSubmission(db, { userId, problemId, language: "python", source });
  await processSubmission(sub.id, deps()).catch(() => undefined);
  return db.submission.findUniqueOrThrow({
    where: { id: sub.id },
    select: { status: true, verdict: true, errorMessage: true, compileOutput: true, results: { select: { checkerMessage: true } } },
  });
}

describe("a multi-file output validator (validate.cc + validate.h)", () => {
  it("is imported with both files, compiles as one program, accepts the right answer and rejects a wrong one", async () => {
    const { teacher, problem } = await importDifferent();
    expect(problem.checkerKind).toBe("CUSTOM");
    expect(problem.checkerLanguage).toBe("cpp");
    expect(problem.checkerSource).toContain('#include "validate.h"');
    expect(problem.checkerFiles).toEqual([
      { name: "validate.h", content: await readFile(path.join(FIXTURE, "output_validators/different/validate.h"), "utf8") },
    ]);

    expect(await judge(teacher.id, problem.id, await submission("accepted/different.py"))).toMatchObject({
      status: "DONE",
      verdict: "AC",
    });
    const wrong = await judge(teacher.id, problem.id, await submission("wrong_answer/signed.py"));
    expect(wrong).toMatchObject({ status: "DONE", verdict: "WA" });
    // The message comes from validate.h's wrong_answer() through feedback/judgemessage.txt.
    expect(wrong.results.map((r) => r.checkerMessage).join("\n")).toMatch(/line 1: got -2, expected 2/);
  });

  it("exports with its files and imports back the same", async () => {
    const { teacher, problem } = await importDifferent();
    const { zip } = await exportProblemArchive(db, teacher, problem.slug);
    await importProblemArchive(db, teacher, zip, { replace: true });
    const again = await db.problem.findUniqueOrThrow({ where: { slug: problem.slug } });
    expect({ source: again.checkerSource, language: again.checkerLanguage, files: again.checkerFiles }).toEqual({
      source: problem.checkerSource,
      language: problem.checkerLanguage,
      files: problem.checkerFiles,
    });
  });

  it("a validator that does not compile fails the submission as an internal error, not a compile error", async () => {
    const { teacher, problem } = await importDifferent();
    // validate.h loses a declaration validate.cc needs.
    await db.problem.update({
      where: { id: problem.id },
      data: { checkerFiles: [{ name: "validate.h", content: "#pragma once\n" }] as Prisma.InputJsonValue },
    });
    const broken = await judge(teacher.id, problem.id, await submission("accepted/different.py"));
    expect(broken.status).toBe("FAILED");
    expect(broken.verdict).toBe("IE");
    expect(broken.compileOutput).toBeNull();
    expect(broken.errorMessage).toMatch(/output validator does not compile/);
    expect(broken.errorMessage).toMatch(/validate/);
  });
});
