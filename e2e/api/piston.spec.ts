// Piston compatibility through the real `piston-client` package, unchanged. It sends no
// authorization header, so these run against a second server with anonymous access on
// (API_ANONYMOUS_EXEC=true); the main server (anonymous access off) must refuse it.
import { piston } from "piston-client";
import { LANGUAGE_IDS } from "../../src/judge/languages";
import { PISTON_NAMES } from "../../src/judge/api-names";
import { createUser, expect, test } from "../fixtures";
import { createToken, E2E_PORT, HELLO, INFINITE_LOOP, startServer } from "./support";

test.describe.configure({ mode: "serial" });

let server: Awaited<ReturnType<typeof startServer>>;

test.beforeAll(async () => {
  server = await startServer(E2E_PORT + 1, { API_ANONYMOUS_EXEC: "true" });
});
test.afterAll(async () => {
  await server?.stop();
});

test("piston-client runs hello-from-stdin in each of the eight languages", async () => {
  test.setTimeout(300_000); // eight compilations and runs, one after another
  const client = piston({ server: server.url });
  const runtimes = await client.runtimes();
  expect(Array.isArray(runtimes)).toBe(true);
  // One after another: the worker runs two jobs at a time, and other journeys queue too.
  const results = [];
  for (const id of LANGUAGE_IDS) {
    const name = PISTON_NAMES[id].language;
    results.push({ id, name, result: await client.execute(name, HELLO[id], { stdin: "piston\n" }) });
  }
  for (const { id, name, result } of results) {
    expect(result.message, `${id}: ${JSON.stringify(result)}`).toBeUndefined();
    expect(result.language).toBe(name);
    expect(result.version).toBe(PISTON_NAMES[id].version);
    expect(result.run?.stdout, `${id}: ${JSON.stringify(result)}`).toBe("hello, piston\n");
    expect(result.run?.code).toBe(0);
    expect(result.run?.signal).toBeNull();
    if (PISTON_NAMES[id].compiled) expect(result.compile?.code).toBe(0);
    else expect(result.compile).toBeUndefined();
  }
});

test("piston-client's default args reach the program, and its -1 memory limits mean the server's maximum", async () => {
  const client = piston({ server: server.url });
  const result = await client.execute("python", "import sys\nprint(sys.argv[1:])\n");
  expect(result.run?.stdout).toBe("['1', '2', '3']\n");
  const big = await client.execute("python", "x = bytearray(300 * 1024 * 1024)\nprint(len(x))\n");
  expect(big.run?.stdout).toBe(`${300 * 1024 * 1024}\n`);
});

test("run_timeout stops an infinite loop", async () => {
  const client = piston({ server: server.url });
  const started = Date.now();
  const result = await client.execute("python", INFINITE_LOOP, { runTimeout: 1000 });
  expect(result.run?.signal).toBe("SIGKILL");
  expect(result.run?.code).toBeNull();
  expect(result.run?.status).toBe("TO");
  // Stopped by the CPU limit (1 s), or on a machine too busy to give it that, by the wall-clock one (3 s).
  expect(Number(result.run?.cpu_time) >= 1000 || Number(result.run?.wall_time) >= 3000).toBe(true);
  expect(Date.now() - started).toBeLessThan(30_000);
});

test("aliases, a compile error, and invalid requests", async ({ request }) => {
  for (const [alias, expected] of [
    ["py", "python"],
    ["node", "javascript"],
    ["cpp", "c++"],
  ] as const) {
    const id = LANGUAGE_IDS.find((l) => PISTON_NAMES[l].language === expected)!;
    const response = await request.post(`${server.url}/api/v2/execute`, {
      data: { language: alias, version: "*", files: [{ content: HELLO[id] }], stdin: "alias" },
    });
    expect(response.status(), alias).toBe(200);
    const body = await response.json();
    expect(body.language).toBe(expected);
    expect(body.run.output).toBe("hello, alias\n");
  }

  const ce = await request.post(`${server.url}/api/v2/execute`, {
    data: { language: "c++", version: "12.2.0", files: [{ name: "main.cpp", content: "int main() { return x; }" }] },
  });
  expect(ce.status()).toBe(200);
  const ceBody = await ce.json();
  expect(ceBody.compile.code).toBe(1);
  expect(ceBody.compile.stderr).toMatch(/.x. was not declared/); // g++ quotes with ‘’ or ''

  expect(ceBody.run).toBeUndefined();

  const unknown = await request.post(`${server.url}/api/v2/execute`, {
    data: { language: "cobol", version: "*", files: [{ content: "x" }] },
  });
  expect(unknown.status()).toBe(400);
  expect((await unknown.json()).message).toBe("cobol-* runtime is unknown");

  const noFiles = await request.post(`${server.url}/api/v2/execute`, { data: { language: "python", version: "*", files: [] } });
  expect(noFiles.status()).toBe(400);
  expect((await noFiles.json()).message).toContain("at least one file");

  const notJson = await request.post(`${server.url}/api/v2/execute`, {
    data: Buffer.from("{nope"),
    headers: { "content-type": "application/json" },
  });
  expect(notJson.status()).toBe(400);
  expect((await notJson.json()).message).toContain("not valid JSON");
});

test("with anonymous access off (the default), execute needs a token, sent as Authorization", async ({ request }) => {
  const main = `http://localhost:${E2E_PORT}`;
  const body = { language: "python", version: "*", files: [{ content: HELLO.python }], stdin: "token" };
  const anonymous = await request.post(`${main}/api/v2/execute`, { data: body });
  expect(anonymous.status()).toBe(401);
  expect((await anonymous.json()).message).toContain("token is required");
  // The runtime list describes and runs nothing: open to all.
  expect((await request.get(`${main}/api/v2/runtimes`)).status()).toBe(200);

  const user = await createUser("STUDENT");
  const token = await createToken(user.id);
  for (const header of [token.secret, `Bearer ${token.secret}`]) {
    const ok = await request.post(`${main}/api/v2/execute`, { data: body, headers: { Authorization: header } });
    expect(ok.status()).toBe(200);
    expect((await ok.json()).run.stdout).toBe("hello, token\n");
  }
  const readOnly = await createToken(user.id, ["READ"]);
  const forbidden = await request.post(`${main}/api/v2/execute`, { data: body, headers: { Authorization: readOnly.secret } });
  expect(forbidden.status()).toBe(403);
});
