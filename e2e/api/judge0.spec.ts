// Judge0 CE compatibility over real HTTP, the way Judge0 clients call it: base URL
// /judge0, the token in X-Auth-Token, base64_encoded=true.
import type { APIRequestContext } from "@playwright/test";
import { JUDGE0_NAMES } from "../../src/judge/api-names";
import { LANGUAGE_IDS } from "../../src/judge/languages";
import { createUser, expect, test } from "../fixtures";
import { createToken, HELLO, INFINITE_LOOP } from "./support";

const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");
const unb64 = (text: string | null) => (text == null ? null : Buffer.from(text, "base64").toString("utf8"));

async function judge0Token() {
  const user = await createUser("STUDENT");
  return { "X-Auth-Token": (await createToken(user.id)).secret };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a Judge0 submission, checked field by field
type Judge0Body = any;

async function submitAndWait(
  request: APIRequestContext,
  headers: Record<string, string>,
  data: Record<string, unknown>,
): Promise<Judge0Body> {
  const response = await request.post("/judge0/submissions?base64_encoded=true&wait=true&fields=*", { headers, data });
  expect(response.status(), await response.text()).toBe(201);
  let body: Judge0Body = await response.json();
  // wait=true is bounded (60 s): on a busy machine the answer can still be In Queue or
  // Processing, and a Judge0 client then polls by token.
  await expect
    .poll(
      async () => {
        if (body.status.id <= 2) {
          body = await (await request.get(`/judge0/submissions/${body.token}?base64_encoded=true&fields=*`, { headers })).json();
        }
        return body.status.id;
      },
      { timeout: 120_000 },
    )
    .toBeGreaterThan(2);
  return body;
}

test("GET /judge0/languages and /judge0/statuses", async ({ request }) => {
  const languages = await (await request.get("/judge0/languages")).json();
  expect(languages.map((l: { id: number }) => l.id).sort((a: number, b: number) => a - b)).toEqual([50, 54, 60, 62, 63, 71, 73, 74]);
  const statuses = await (await request.get("/judge0/statuses")).json();
  expect(statuses).toContainEqual({ id: 3, description: "Accepted" });
  expect(statuses).toContainEqual({ id: 11, description: "Runtime Error (NZEC)" });
  expect(statuses).toContainEqual({ id: 15, description: "Memory Limit Exceeded" });
  expect((await request.get("/judge0/languages/71")).status()).toBe(200);
  expect((await request.get("/judge0/languages/9999")).status()).toBe(404);
});

test("each of the eight languages, base64-encoded, with wait=true", async ({ request }) => {
  test.setTimeout(300_000); // eight compilations and runs, one after another
  const headers = await judge0Token();
  const results = [];
  for (const id of LANGUAGE_IDS) {
    const body = await submitAndWait(request, headers, {
      source_code: b64(HELLO[id]),
      language_id: JUDGE0_NAMES[id].id,
      stdin: b64("judge0\n"),
      expected_output: b64("hello, judge0\n"),
    });
    results.push({ id, body });
  }
  for (const { id, body } of results) {
    expect(body.status, `${id}: ${JSON.stringify(body)}`).toEqual({ id: 3, description: "Accepted" });
    expect(unb64(body.stdout)).toBe("hello, judge0\n");
    expect(body.language_id).toBe(JUDGE0_NAMES[id].id);
    expect(body.exit_code).toBe(0);
    expect(Number(body.time)).toBeGreaterThanOrEqual(0);
    expect(body.memory).toBeGreaterThan(0);
    expect(typeof body.token).toBe("string");
  }
});

test("verdicts: wrong answer, compilation error, runtime error, and an infinite loop stopped by cpu_time_limit", async ({ request }) => {
  const headers = await judge0Token();
  const wa = await submitAndWait(request, headers, { source_code: b64("print(41)"), language_id: 71, expected_output: b64("42\n") });
  const ce = await submitAndWait(request, headers, { source_code: b64("int main() { return x; }"), language_id: 50 });
  const re = await submitAndWait(request, headers, { source_code: b64("import sys\nsys.exit(3)"), language_id: 92 });
  const tle = await submitAndWait(request, headers, { source_code: b64(INFINITE_LOOP), language_id: 71, cpu_time_limit: 1 });
  expect(wa.status.id).toBe(4);
  expect(unb64(wa.stdout)).toBe("41\n");
  expect(ce.status).toEqual({ id: 6, description: "Compilation Error" });
  expect(unb64(ce.compile_output)).toMatch(/.x. undeclared/); // gcc quotes with ‘’ or ''

  expect(re.status).toEqual({ id: 11, description: "Runtime Error (NZEC)" });
  expect(re.exit_code).toBe(3);
  expect(unb64(re.message)).toBe("Exited with error status 3");
  expect(tle.status).toEqual({ id: 5, description: "Time Limit Exceeded" });
  // Stopped by the CPU limit, or on a machine too busy to give it that, by the wall-clock one (3 × CPU).
  expect(Number(tle.time) >= 1 || Number(tle.wall_time) >= 3).toBe(true);
  expect(tle.cpu_time_limit).toBe(1);
});

test("without wait: a token, then GET by token (plain text, chosen fields), and the batch endpoints", async ({ request }) => {
  const headers = await judge0Token();
  const created = await request.post("/judge0/submissions", {
    headers,
    data: { source_code: 'print("plain")', language_id: 71, command_line_arguments: "a 'b c'" },
  });
  expect(created.status()).toBe(201);
  const { token, ...rest } = await created.json();
  expect(rest).toEqual({});
  let body: Record<string, unknown> = {};
  await expect
    .poll(
      async () => {
        body = await (await request.get(`/judge0/submissions/${token}?fields=status_id,stdout,command_line_arguments`, { headers })).json();
        return body.status_id;
      },
      { timeout: 60_000 },
    )
    .toBe(3);
  expect(body).toEqual({ status_id: 3, stdout: "plain\n", command_line_arguments: "a b c" });

  const batch = await request.post("/judge0/submissions/batch?base64_encoded=true", {
    headers,
    data: {
      submissions: [
        { source_code: b64("print(1)"), language_id: 71 },
        { source_code: b64("print(2)"), language_id: 12345 },
        { source_code: b64("console.log(3)"), language_id: 63 },
      ],
    },
  });
  expect(batch.status()).toBe(201);
  const items = await batch.json();
  expect(items).toHaveLength(3);
  expect(items[1]).toEqual({ language_id: ["language with id 12345 doesn't exist"] });
  const tokens = [items[0].token, items[2].token];
  await expect
    .poll(
      async () => {
        const read = await (
          await request.get(`/judge0/submissions/batch?tokens=${tokens.join(",")}&base64_encoded=true`, { headers })
        ).json();
        return read.submissions.map((s: { status: { id: number }; stdout: string | null }) => `${s.status.id}:${unb64(s.stdout)}`);
      },
      { timeout: 60_000 },
    )
    .toEqual(["3:1\n", "3:3\n"]);
});

test("errors: 401, 403, 404, 413, 422", async ({ request }) => {
  const body = { source_code: "print(1)", language_id: 71 };
  const noToken = await request.post("/judge0/submissions", { data: body });
  expect(noToken.status()).toBe(401);
  expect((await noToken.json()).error).toContain("token is required");
  expect((await request.post("/judge0/submissions", { data: body, headers: { "X-Auth-Token": "cr_nope" } })).status()).toBe(401);

  const user = await createUser("STUDENT");
  const readOnly = { "X-Auth-Token": (await createToken(user.id, ["READ"])).secret };
  expect((await request.post("/judge0/submissions", { data: body, headers: readOnly })).status()).toBe(403);

  const headers = await judge0Token();
  expect((await request.get("/judge0/submissions/does-not-exist", { headers })).status()).toBe(404);
  // Someone else's token is as good as unknown.
  const mine = await (await request.post("/judge0/submissions", { data: body, headers })).json();
  expect((await request.get(`/judge0/submissions/${mine.token}`, { headers: readOnly })).status()).toBe(404);

  const invalid = await request.post("/judge0/submissions", { data: { language_id: 71 }, headers });
  expect(invalid.status()).toBe(422);
  expect(await invalid.json()).toEqual({ source_code: ["can't be blank"] });
  const callback = await request.post("/judge0/submissions", { data: { ...body, callback_url: "http://example.invalid/" }, headers });
  expect(callback.status()).toBe(422);

  const huge = await request.post("/judge0/submissions", { data: { ...body, source_code: "#".repeat(70 * 1024) }, headers });
  expect(huge.status()).toBe(413);
  const hugeBody = await request.post("/judge0/submissions", { data: { ...body, stdin: "x".repeat(5 * 1024 * 1024) }, headers });
  expect(hugeBody.status()).toBe(413);
});
