import type { Redis } from "ioredis";
import { afterAll, describe, expect, it, vi } from "vitest";

// Redis is unreachable for this file only (nothing listens on port 1).
vi.hoisted(() => {
  process.env.REDIS_URL = "redis://127.0.0.1:1";
});

import { db } from "../db";
import { createProblem, createUser, SECRET_SUM_TESTS } from "../../../test/factories";
import { getJudgeQueue } from "../../judge/queue";
import { createSubmission } from "./submission-service";
import { createLogger } from "../logger";

// The web's logger (JSON lines), captured instead of written to stdout.
const logLines: string[] = [];
(globalThis as unknown as { webLogger: unknown }).webLogger = createLogger("web", {
  destination: { write: (line) => logLines.push(line) },
});

afterAll(async () => {
  // Queue.close() would wait for a connection that never comes: stop the socket's reconnect loop directly.
  (getJudgeQueue().opts.connection as unknown as Redis).disconnect();
});

describe("createSubmission while Redis is down", () => {
  it("keeps the submission (QUEUED, for the worker's recovery), returns it promptly and logs", async () => {
    const student = await createUser(db, { role: "STUDENT" });
    const teacher = await createUser(db, { role: "TEACHER" });
    const problem = await createProblem(db, teacher.id, { tests: SECRET_SUM_TESTS });
    const started = Date.now();
    const created = await createSubmission(db, student, { problemSlug: problem.slug, language: "python", source: "print(1)" });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(created).toMatchObject({ status: "QUEUED", judgingDelayed: true });
    const row = await db.submission.findUniqueOrThrow({ where: { id: created.id }, select: { status: true, source: true } });
    expect(row).toEqual({ status: "QUEUED", source: "print(1)" });
    const records = logLines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records).toContainEqual(
      expect.objectContaining({ level: 50, service: "web", submissionId: created.id, msg: expect.stringContaining("could not enqueue") }),
    );
  });
});
