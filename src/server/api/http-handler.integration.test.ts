// The tRPC endpoint's Submit gate over real HTTP handling (Postgres, Redis): a lab pressing
// Submit at once is handled two at a time, and other calls are never held behind it.
import type { Session } from "next-auth";
import { afterAll, describe, expect, it } from "vitest";
import { getJudgeQueue } from "../../judge/queue";
import { db } from "../db";
import { MAX_CONCURRENT_CODE_SUBMITS, handleTRPCRequest } from "./http-handler";
import { createInnerTRPCContext } from "./trpc";
import { createProblem, createUser, SECRET_SUM_TESTS } from "../../../test/factories";

afterAll(async () => {
  await getJudgeQueue().obliterate({ force: true });
  await getJudgeQueue().close();
});

/** Each call's context takes this long to build: without a gate, every call would overlap. */
const CONTEXT_MS = 150;

describe("the Submit gate", () => {
  it("handles at most two Submits at once, in arrival order, while a query goes straight through; every Submit is recorded", async () => {
    const teacher = await createUser(db, { role: "TEACHER" });
    const problem = await createProblem(db, teacher.id, { tests: SECRET_SUM_TESTS });
    const students = await Promise.all(Array.from({ length: 6 }, () => createUser(db)));
    const t0 = performance.now();
    const started: Array<{ what: string; at: number }> = [];
    const call = (what: string, user: (typeof students)[number], url: string, init: RequestInit) => {
      const session: Session = { user, expires: new Date(Date.now() + 3600_000).toISOString() };
      return handleTRPCRequest(new Request(`http://localhost/api/trpc/${url}`, init), async () => {
        started.push({ what, at: performance.now() - t0 });
        await new Promise((r) => setTimeout(r, CONTEXT_MS));
        return createInnerTRPCContext({ session });
      });
    };
    const submit = (i: number) =>
      call(`submit-${i}`, students[i]!, "submission.create", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ json: { problemSlug: problem.slug, language: "python", source: `print(${i})` } }),
      }).then(async (res) => ({ status: res.status, body: await res.text() }));

    const submits = students.map((_, i) => submit(i));
    // A query sent after all six Submits: it does not wait for them.
    await new Promise((r) => setTimeout(r, 20));
    const query = call(
      "query",
      students[0]!,
      `problem.bySlug?input=${encodeURIComponent(JSON.stringify({ json: { slug: problem.slug } }))}`,
      {
        method: "GET",
      },
    );
    const queryRes = await query;
    expect(queryRes.status).toBe(200);
    expect(await queryRes.text()).toContain(problem.title);
    const done = await Promise.all(submits);

    for (const r of done) expect(r.status, r.body).toBe(200);
    expect(await db.submission.count({ where: { problemId: problem.id, kind: "SUBMIT" } })).toBe(6);

    const submitStarts = started.filter((s) => s.what.startsWith("submit-"));
    expect(submitStarts.map((s) => s.what)).toEqual(students.map((_, i) => `submit-${i}`)); // arrival order
    // Waves of two: the third starts only once one of the first two has been answered.
    expect(MAX_CONCURRENT_CODE_SUBMITS).toBe(2);
    for (let i = 2; i < submitStarts.length; i++) {
      expect(submitStarts[i]!.at - submitStarts[i - 2]!.at).toBeGreaterThanOrEqual(CONTEXT_MS - 5);
    }
    // The query was handled while Submits were still waiting for a slot.
    const queryStart = started.find((s) => s.what === "query")!.at;
    expect(queryStart).toBeLessThan(submitStarts[2]!.at);
  }, 30_000);

  it("does not handle a Submit whose caller left while it waited", async () => {
    const teacher = await createUser(db, { role: "TEACHER" });
    const problem = await createProblem(db, teacher.id, { tests: SECRET_SUM_TESTS });
    const students = await Promise.all(Array.from({ length: 3 }, () => createUser(db)));
    const left = new AbortController();
    const responses = students.map((user, i) => {
      const session: Session = { user, expires: new Date(Date.now() + 3600_000).toISOString() };
      const request = new Request("http://localhost/api/trpc/submission.create", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ json: { problemSlug: problem.slug, language: "python", source: `print(${i})` } }),
        signal: i === 2 ? left.signal : undefined,
      });
      return handleTRPCRequest(request, async () => {
        await new Promise((r) => setTimeout(r, CONTEXT_MS));
        return createInnerTRPCContext({ session });
      }).then(async (res) => {
        await res.text();
        return res.status;
      });
    });
    left.abort(); // the third is still waiting behind the first two
    expect(await Promise.all(responses)).toEqual([200, 200, 499]);
    expect(await db.submission.count({ where: { problemId: problem.id } })).toBe(2);
  }, 30_000);
});
