// Rate limits (Run, Submit, sign-up, sign-in) and the streaming body cap of the tRPC endpoint.
import { TRPCError } from "@trpc/server";
import type { Session } from "next-auth";
import { afterAll, describe, expect, it, vi } from "vitest";

// Small limits for this file only (set before the app reads its environment).
vi.hoisted(() => {
  Object.assign(process.env, {
    RATE_LIMIT_SUBMIT: "2/10s",
    RATE_LIMIT_RUN: "3/10s",
    RATE_LIMIT_SIGNUP_IP: "2/10m",
    RATE_LIMIT_SIGNUP_ACCOUNT: "2/10m",
    RATE_LIMIT_SIGNIN_IP: "3/1m",
    RATE_LIMIT_SIGNIN_ACCOUNT: "2/5m",
  });
});

import { getJudgeQueue } from "../../judge/queue";
import { authOptions } from "../auth";
import { db } from "../db";
import { hashPassword } from "../services/user-service";
import { handleTRPCRequest, MAX_TRPC_BODY_BYTES } from "./http-handler";
import { createCaller } from "./root";
import { createProblem, SECRET_SUM_TESTS, createUser, uniqueSuffix } from "../../../test/factories";
import { callerFor } from "../../../test/trpc";
import { createInnerTRPCContext } from "./trpc";

afterAll(async () => {
  await getJudgeQueue().obliterate({ force: true });
  await getJudgeQueue().close();
});

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

/** An unauthenticated caller whose request came from `ip`. */
const callerFrom = (ip: string) => createCaller(createInnerTRPCContext({ session: null, headers: new Headers({ "x-forwarded-for": ip }) }));

const randomIp = () => `198.51.100.${Math.floor(Math.random() * 250) + 1}-${uniqueSuffix()}`;

describe("Run and Submit per user", () => {
  it("Submit: a few per window, then TOO_MANY_REQUESTS with the wait in words; nothing stored; others unaffected", async () => {
    const teacher = await createUser(db, { role: "TEACHER" });
    const problem = await createProblem(db, teacher.id, { tests: SECRET_SUM_TESTS });
    const [student, other] = [await createUser(db), await createUser(db)];
    const submit = (user: typeof student) =>
      callerFor(user).submission.create({ problemSlug: problem.slug, language: "python", source: "print(3)" });
    await submit(student);
    await submit(student);
    const error = await refusal(submit(student));
    expect(error.code).toBe("TOO_MANY_REQUESTS");
    expect(error.message).toMatch(/^Submit: too many requests\. Please wait (10|[1-9]) s and try again\.$/);
    expect(await db.submission.count({ where: { userId: student.id } })).toBe(2);
    await expect(submit(other)).resolves.toMatchObject({ status: "QUEUED" });
  });

  it("Run: limited separately from Submit", async () => {
    const student = await createUser(db);
    const run = () => callerFor(student).submission.run({ language: "python", source: "print(1)", stdin: "" });
    for (let i = 0; i < 3; i++) await run();
    expect((await refusal(run())).message).toMatch(/^Run: too many requests/);
  });

  it("over HTTP: 429 with a Retry-After header and the message in the body", async () => {
    const student = await createUser(db);
    const session: Session = { user: student, expires: new Date(Date.now() + 3600_000).toISOString() };
    const post = () =>
      handleTRPCRequest(
        new Request("http://localhost/api/trpc/submission.run", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ json: { language: "python", source: "print(1)", stdin: "" } }),
        }),
        async () => createInnerTRPCContext({ session }),
      );
    for (let i = 0; i < 3; i++) expect((await post()).status).toBe(200);
    const res = await post();
    expect(res.status).toBe(429);
    const retryAfter = Number(res.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(10);
    const body = (await res.json()) as { error: { json: { message: string; data: { code: string; retryAfterSec: number } } } };
    expect(body.error.json.message).toMatch(/^Run: too many requests\. Please wait \d+ s/);
    expect(body.error.json.data).toMatchObject({ code: "TOO_MANY_REQUESTS", retryAfterSec: retryAfter });
  });
});

describe("sign-up per IP and per email", () => {
  const input = (email: string) => ({ name: "Someone", email, password: "a long enough password" });

  it("per IP: refused after the limit, other addresses still served", async () => {
    const ip = randomIp();
    await callerFrom(ip).auth.signUp(input(`ip-a-${uniqueSuffix()}@test.coderunner`));
    await callerFrom(ip).auth.signUp(input(`ip-b-${uniqueSuffix()}@test.coderunner`));
    const email = `ip-c-${uniqueSuffix()}@test.coderunner`;
    const error = await refusal(callerFrom(ip).auth.signUp(input(email)));
    expect(error.code).toBe("TOO_MANY_REQUESTS");
    expect(error.message).toMatch(/^Sign-up: too many requests/);
    expect(await db.user.count({ where: { email } })).toBe(0);
    await expect(callerFrom(randomIp()).auth.signUp(input(email))).resolves.toMatchObject({ email });
  });

  it("per email, whatever the IP", async () => {
    const email = `acct-${uniqueSuffix()}@test.coderunner`;
    await callerFrom(randomIp()).auth.signUp(input(email));
    expect((await refusal(callerFrom(randomIp()).auth.signUp(input(email.toUpperCase())))).code).toBe("CONFLICT");
    expect((await refusal(callerFrom(randomIp()).auth.signUp(input(email)))).code).toBe("TOO_MANY_REQUESTS");
  });
});

describe("credentials sign-in per IP and per account (next-auth authorize)", () => {
  type Authorize = (credentials: Record<string, string>, req: { headers: Record<string, string> }) => Promise<unknown>;
  const authorize = (authOptions.providers[0] as unknown as { options: { authorize: Authorize } }).options.authorize;
  const attempt = (email: string, password: string, ip: string) => authorize({ email, password }, { headers: { "x-forwarded-for": ip } });

  async function userWithPassword() {
    const email = `signin-${uniqueSuffix()}@test.coderunner`;
    await db.user.create({ data: { email, name: "Sign In", passwordHash: await hashPassword("right password") } });
    return email;
  }

  it("per account: after the limit even the right password is refused, from any IP, with the RateLimited code", async () => {
    const email = await userWithPassword();
    expect(await attempt(email, "wrong", randomIp())).toBeNull();
    expect(await attempt(email, "right password", randomIp())).toMatchObject({ email });
    const error = await attempt(email, "right password", randomIp()).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/^RateLimited:(300|[12]\d\d|[1-9]\d|[1-9])$/);
  });

  it("per IP: refused after the limit whatever the account; the rightmost X-Forwarded-For entry counts", async () => {
    const ip = randomIp();
    for (let i = 0; i < 3; i++) expect(await attempt(`nobody-${uniqueSuffix()}@test.coderunner`, "x", `10.9.9.${i}, ${ip}`)).toBeNull();
    const error = await attempt(await userWithPassword(), "right password", ip).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/^RateLimited:\d+$/);
  });
});

describe("tRPC request bodies are capped while they stream", () => {
  /** A chunked body of `total` bytes, produced only as it is read; counts what was pulled. */
  function lazyBody(total: number) {
    const chunk = new Uint8Array(64 * 1024).fill(0x61);
    const counter = { pulled: 0 };
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (counter.pulled >= total) return controller.close();
        counter.pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    return { stream, counter };
  }

  it("refuses a 100 MiB chunked body without Content-Length at the cap (413), answering as soon as the cap is passed", async () => {
    const { stream, counter } = lazyBody(100 * 1024 * 1024);
    const req = new Request("http://localhost/api/trpc/submission.run", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect(req.headers.get("content-length")).toBeNull();
    const res = await handleTRPCRequest(req, async () => createInnerTRPCContext({ session: null }));
    // What had been read when the answer was ready: the cap and a little more, not the body.
    // (The rest is then drained and thrown away for a few seconds, so a client still sending
    // over HTTP reads the 413 instead of a reset connection.)
    const pulledAtAnswer = counter.pulled;
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe("The request is larger than 8 MiB.");
    expect(pulledAtAnswer).toBeGreaterThan(MAX_TRPC_BODY_BYTES);
    expect(pulledAtAnswer).toBeLessThan(MAX_TRPC_BODY_BYTES + 2 * 1024 * 1024);
  });

  it("passes a chunked body under the cap on to the procedure", async () => {
    const json = new TextEncoder().encode(JSON.stringify({ json: { name: "", email: "nope", password: "short" } }));
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(json.slice(0, 10));
        controller.enqueue(json.slice(10));
        controller.close();
      },
    });
    const req = new Request("http://localhost/api/trpc/auth.signUp", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: stream,
      duplex: "half",
    } as RequestInit);
    const res = await handleTRPCRequest(req, async () => createInnerTRPCContext({ session: null }));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { json: { message: string } } }).error.json.message).toBe("Please enter your name.");
  });
});
