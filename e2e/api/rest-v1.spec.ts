// REST v1 over real HTTP: every endpoint's success and error paths.
import { createSumProblem, createUser, expect, test } from "../fixtures";
import { bearer, createToken } from "./support";

const SOLUTION = "a, b = map(int, input().split())\nprint(a + b)\n";

test("languages, problems and one problem (statement and samples only)", async ({ request }) => {
  const teacher = await createUser("TEACHER");
  const student = await createUser("STUDENT");
  const problem = await createSumProblem(teacher.id);
  const headers = bearer((await createToken(student.id, ["READ"])).secret);

  const languages = await (await request.get("/api/v1/languages", { headers })).json();
  expect(languages.languages.map((l: { id: string }) => l.id)).toEqual([
    "python",
    "javascript",
    "typescript",
    "c",
    "cpp",
    "java",
    "go",
    "rust",
  ]);

  const list = await (await request.get("/api/v1/problems", { headers })).json();
  expect(list.problems).toContainEqual({ slug: problem.slug, title: problem.title, timeLimitMs: 2000, memoryLimitMb: 256, status: null });

  const one = await request.get(`/api/v1/problems/${problem.slug}`, { headers });
  expect(one.status()).toBe(200);
  const body = await one.json();
  expect(body.samples).toEqual([{ input: "1 2\n", output: "3\n" }]);
  expect(JSON.stringify(body)).not.toContain("40 2"); // a hidden test's input

  const missing = await request.get("/api/v1/problems/no-such-problem", { headers });
  expect(missing.status()).toBe(404);
  expect(await missing.json()).toEqual({ error: { code: "NOT_FOUND", message: "Problem not found." } });
});

test("submit, wait for the verdict, read it back and list it; hidden tests show only verdict, time and memory", async ({ request }) => {
  const teacher = await createUser("TEACHER");
  const student = await createUser("STUDENT");
  const problem = await createSumProblem(teacher.id);
  const headers = bearer((await createToken(student.id)).secret);

  const queued = await request.post("/api/v1/submissions", {
    headers,
    data: { problem: problem.slug, language: "python", source: SOLUTION },
  });
  expect(queued.status()).toBe(201);
  const created = await queued.json();
  expect(created).toEqual({ id: expect.any(String), status: "QUEUED" });

  const waited = await request.post("/api/v1/submissions?wait=true", {
    headers,
    data: { problem: problem.slug, language: "python", source: SOLUTION },
  });
  expect(waited.status()).toBe(201);
  const judged = await waited.json();
  expect(judged).toMatchObject({ problem: problem.slug, status: "DONE", verdict: "AC", score: 3, maxScore: 3 });
  expect(judged.cpuMs).toEqual(expect.any(Number));
  expect(judged.peakKb).toBeGreaterThan(0);
  expect(judged.tests).toHaveLength(3);
  expect(judged.tests[0]).toMatchObject({ position: 1, verdict: "AC", hidden: false, output: "3\n" });
  for (const hidden of judged.tests.slice(1)) {
    expect(Object.keys(hidden).sort()).toEqual(["cpuMs", "hidden", "peakKb", "position", "verdict"]);
  }

  const read = await request.get(`/api/v1/submissions/${judged.id}`, { headers });
  expect(await read.json()).toEqual(judged);

  const page = await (await request.get(`/api/v1/submissions?problem=${problem.slug}&limit=1`, { headers })).json();
  expect(page.submissions).toHaveLength(1);
  expect(page.submissions[0]).toMatchObject({ id: judged.id, problem: problem.slug, verdict: "AC", user: { id: student.id } });
  const next = await (
    await request.get(`/api/v1/submissions?problem=${problem.slug}&limit=1&cursor=${page.nextCursor}`, { headers })
  ).json();
  expect(next.submissions.map((s: { id: string }) => s.id)).toEqual([created.id]);

  // A teacher lists the student's submissions and sees hidden tests in full.
  const teacherHeaders = bearer((await createToken(teacher.id, ["READ"])).secret);
  const theirs = await (
    await request.get(`/api/v1/submissions?user=${student.id}&problem=${problem.slug}`, { headers: teacherHeaders })
  ).json();
  expect(theirs.submissions.map((s: { id: string }) => s.id)).toEqual([judged.id, created.id]);
  const full = await (await request.get(`/api/v1/submissions/${judged.id}`, { headers: teacherHeaders })).json();
  expect(full.tests[1]).toMatchObject({ hidden: true, output: "42\n" });

  // Another student sees neither the submission nor the list.
  const other = await createUser("STUDENT");
  const otherHeaders = bearer((await createToken(other.id)).secret);
  expect((await request.get(`/api/v1/submissions/${judged.id}`, { headers: otherHeaders })).status()).toBe(404);
  const forbidden = await request.get(`/api/v1/submissions?user=${student.id}`, { headers: otherHeaders });
  expect(forbidden.status()).toBe(403);
  expect((await forbidden.json()).error.code).toBe("FORBIDDEN");
});

test("errors: 400, 401, 403, 404, 413", async ({ request }) => {
  const teacher = await createUser("TEACHER");
  const problem = await createSumProblem(teacher.id);
  const student = await createUser("STUDENT");
  const headers = bearer((await createToken(student.id)).secret);

  const noToken = await request.get("/api/v1/languages");
  expect(noToken.status()).toBe(401);
  expect(noToken.headers()["www-authenticate"]).toContain("Bearer");
  expect((await noToken.json()).error.code).toBe("UNAUTHORIZED");
  expect((await request.get("/api/v1/languages", { headers: bearer("cr_not-a-real-token") })).status()).toBe(401);

  const readOnly = bearer((await createToken(student.id, ["READ"])).secret);
  const noScope = await request.post("/api/v1/submissions", {
    headers: readOnly,
    data: { problem: problem.slug, language: "python", source: SOLUTION },
  });
  expect(noScope.status()).toBe(403);
  expect((await noScope.json()).error.message).toContain("'submit' scope");

  const badJson = await request.post("/api/v1/submissions", {
    headers: { ...headers, "content-type": "application/json" },
    data: Buffer.from("{oops"),
  });
  expect(badJson.status()).toBe(400);
  expect((await badJson.json()).error).toEqual({ code: "BAD_REQUEST", message: "The request body is not valid JSON." });

  const badLanguage = await request.post("/api/v1/submissions", {
    headers,
    data: { problem: problem.slug, language: "cobol", source: "x" },
  });
  expect(badLanguage.status()).toBe(400);
  expect((await badLanguage.json()).error.fields.language[0]).toContain("language must be one of");

  const badQuery = await request.get("/api/v1/submissions?limit=1000", { headers });
  expect(badQuery.status()).toBe(400);

  const noProblem = await request.post("/api/v1/submissions", {
    headers,
    data: { problem: "no-such-problem", language: "python", source: "x" },
  });
  expect(noProblem.status()).toBe(404);
  expect((await request.get("/api/v1/submissions/nope", { headers })).status()).toBe(404);

  const tooLarge = await request.post("/api/v1/submissions", {
    headers,
    data: { problem: problem.slug, language: "python", source: "#".repeat(65 * 1024) },
  });
  expect(tooLarge.status()).toBe(413);
  expect((await tooLarge.json()).error.code).toBe("PAYLOAD_TOO_LARGE");
  const hugeBody = await request.post("/api/v1/submissions", {
    headers,
    data: { problem: problem.slug, language: "python", source: "x", padding: "x".repeat(5 * 1024 * 1024) },
  });
  expect(hugeBody.status()).toBe(413);
});

test("429 with Retry-After once a token's request limit is spent", async ({ request }) => {
  const student = await createUser("STUDENT");
  const headers = bearer((await createToken(student.id, ["READ"])).secret);
  // The default limit is 120 requests per minute per token.
  const statuses: number[] = [];
  for (let i = 0; i < 121; i++) statuses.push((await request.get("/api/v1/languages", { headers })).status());
  expect(statuses.slice(0, 120).every((s) => s === 200)).toBe(true);
  expect(statuses[120]).toBe(429);
  const limited = await request.get("/api/v1/languages", { headers });
  expect(limited.status()).toBe(429);
  expect(Number(limited.headers()["retry-after"])).toBeGreaterThan(0);
  expect((await limited.json()).error.code).toBe("TOO_MANY_REQUESTS");
  // Another token of the same user has its own budget.
  const other = bearer((await createToken(student.id, ["READ"])).secret);
  expect((await request.get("/api/v1/languages", { headers: other })).status()).toBe(200);
});

test("the OpenAPI 3.1 document describes the endpoints with the handlers' schemas", async ({ request }) => {
  const response = await request.get("/api/v1/openapi.json");
  expect(response.status()).toBe(200);
  const doc = await response.json();
  expect(doc.openapi).toBe("3.1.0");
  expect(Object.keys(doc.paths).sort()).toEqual([
    "/api/v1/languages",
    "/api/v1/problems",
    "/api/v1/problems/{slug}",
    "/api/v1/submissions",
    "/api/v1/submissions/{id}",
  ]);
  expect(doc.components.schemas.CreateSubmission.properties.language.enum).toContain("rust");
  expect(Object.keys(doc.paths["/api/v1/submissions"].post.responses)).toEqual(
    expect.arrayContaining(["201", "202", "400", "401", "403", "404", "413", "429", "503"]),
  );
  expect(doc.components.securitySchemes.bearerAuth.scheme).toBe("bearer");
});
