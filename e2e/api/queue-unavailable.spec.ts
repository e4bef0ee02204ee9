// 503 when the judge queue is unavailable: a second server whose Redis is unreachable.
import { createSumProblem, createUser, expect, test } from "../fixtures";
import { bearer, createToken, db, E2E_PORT, startServer } from "./support";

test.describe.configure({ mode: "serial" });

let server: Awaited<ReturnType<typeof startServer>>;

test.beforeAll(async () => {
  // Nothing listens on port 1: every Redis command fails at once.
  server = await startServer(E2E_PORT + 2, { REDIS_URL: "redis://127.0.0.1:1" });
});
test.afterAll(async () => {
  await server?.stop();
});

test("REST v1, Piston and Judge0 answer 503 with Retry-After, and nothing is left queued", async ({ request }) => {
  const teacher = await createUser("TEACHER");
  const problem = await createSumProblem(teacher.id);
  const student = await createUser("STUDENT");
  const token = await createToken(student.id);

  const v1 = await request.post(`${server.url}/api/v1/submissions`, {
    headers: bearer(token.secret),
    data: { problem: problem.slug, language: "python", source: "print(3)" },
  });
  expect(v1.status()).toBe(503);
  expect(v1.headers()["retry-after"]).toBeTruthy();
  expect((await v1.json()).error.code).toBe("SERVICE_UNAVAILABLE");

  const pistonAnswer = await request.post(`${server.url}/api/v2/execute`, {
    headers: { Authorization: token.secret },
    data: { language: "python", version: "*", files: [{ content: "print(1)" }] },
  });
  expect(pistonAnswer.status()).toBe(503);
  expect((await pistonAnswer.json()).message).toContain("unavailable");

  const judge0 = await request.post(`${server.url}/judge0/submissions`, {
    headers: { "X-Auth-Token": token.secret },
    data: { source_code: "print(1)", language_id: 71 },
  });
  expect(judge0.status()).toBe(503);
  expect((await judge0.json()).error).toContain("unavailable");

  expect(await db.submission.count({ where: { userId: student.id } })).toBe(0);
});
