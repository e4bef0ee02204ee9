// The live-progress stream: one Redis subscriber per process, filtered like submission.byId,
// closed after `done` or its maximum lifetime, limited per user.
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.RATE_LIMIT_PROGRESS_STREAMS = "8/1m";
});

import { env } from "../env";
import type { TestFeedback } from "../generated/prisma/enums";
import { progressChannel, type ProgressEvent } from "../judge/queue";
import { createUser, uniqueSuffix, type CreatedUser } from "../../test/factories";
import { db } from "./db";
import { getProgressHub } from "./progress-hub";
import { progressStreamResponse } from "./progress-stream";
import { hitRateLimit } from "./rate-limit";

type User = CreatedUser;

const redis = new Redis(env.REDIS_URL);
afterAll(async () => {
  await redis.quit();
  getProgressHub().disconnect();
});

let teacher: User;
beforeAll(async () => {
  teacher = await createUser(db, { role: "TEACHER" });
});

/** Redis connections held by this process (its sockets to Redis's port), counted from /proc. */
function redisConnectionsOfThisProcess(): number {
  const port = Number(new URL(env.REDIS_URL).port || 6379);
  const inodes = new Set<string>();
  for (const fd of readdirSync("/proc/self/fd")) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/self/fd/${fd}`));
      if (match) inodes.add(match[1]!);
    } catch {
      // closed meanwhile
    }
  }
  let count = 0;
  for (const table of ["/proc/self/net/tcp", "/proc/self/net/tcp6"]) {
    for (const line of readFileSync(table, "utf8").split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 10) continue;
      const remotePort = parseInt(cols[2]!.split(":")[1]!, 16);
      if (remotePort === port && cols[3] === "01" && inodes.has(cols[9]!)) count++; // 01 = ESTABLISHED
    }
  }
  return count;
}

async function problemWithSubmission(owner: User, testFeedback: TestFeedback, status: "QUEUED" | "RUNNING" | "DONE" = "RUNNING") {
  const problem = await db.problem.create({
    data: {
      slug: `sse-${uniqueSuffix()}`,
      title: "SSE",
      statement: "x",
      authorId: teacher.id,
      testFeedback,
      scoringMode: "POINTS",
      tests: { create: [1, 2, 3, 4].map((position) => ({ position, input: "", expectedOutput: "", isSample: position === 1 })) },
    },
    select: { id: true },
  });
  return db.submission.create({
    data: { userId: owner.id, problemId: problem.id, language: "python", source: "x", status },
    select: { id: true },
  });
}

interface SseEvent {
  event: string;
  data: Record<string, unknown>;
}

/** Reads a Server-Sent Events response; `next()` waits for the next event, `ended` for the stream's end. */
function sseReader(response: Response) {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const events: SseEvent[] = [];
  let buffer = "";
  let waiting = null as (() => void) | null;
  const ended = (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let cut: number;
      while ((cut = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event && data) events.push({ event, data: JSON.parse(data) as Record<string, unknown> });
      }
      waiting?.();
    }
    waiting?.();
  })();
  let taken = 0;
  let finished = false;
  void ended.then(() => (finished = true));
  return {
    events,
    ended,
    async next(timeoutMs = 10_000): Promise<SseEvent | null> {
      const deadline = Date.now() + timeoutMs;
      while (events.length <= taken && !finished && Date.now() < deadline) {
        await new Promise<void>((resolve) => {
          waiting = resolve;
          setTimeout(resolve, 100);
        });
      }
      return events.length > taken ? events[taken++]! : null;
    },
    cancel: () => reader.cancel(),
  };
}

async function open(actor: User, submissionId: string, extra: { maxLifetimeMs?: number; signal?: AbortSignal } = {}) {
  const response = await progressStreamResponse({
    db,
    actor,
    submissionId,
    signal: extra.signal ?? new AbortController().signal,
    maxLifetimeMs: extra.maxLifetimeMs,
  });
  expect(response.status).toBe(200);
  const sse = sseReader(response);
  // The first event comes once the stream is subscribed and has read the current state.
  expect(await sse.next()).toMatchObject({ event: "progress", data: { type: "status", submissionId } });
  return sse;
}

const publish = (event: ProgressEvent) => redis.publish(progressChannel(event.submissionId), JSON.stringify(event));
const numsub = async (submissionId: string) =>
  Number(((await redis.pubsub("NUMSUB", progressChannel(submissionId))) as [string, number])[1]);

describe("one Redis subscriber per process", () => {
  it("N open streams add one Redis connection, not N (counted in this process and in CLIENT LIST)", async () => {
    await hitRateLimit({ name: "warm-up", limit: 1000, windowMs: 1000 }, "x"); // the limiter's own connection
    const before = redisConnectionsOfThisProcess();
    // An admin may watch every submission (a teacher only their own students' and problems').
    const viewer = await createUser(db, { role: "ADMIN" });
    const submissions = await Promise.all(Array.from({ length: 6 }, () => problemWithSubmission(teacher, "FULL")));
    const streams = [];
    for (const s of submissions) streams.push(await open(viewer, s.id));
    // A second stream on the same submission shares the subscription too.
    streams.push(await open(teacher, submissions[0]!.id));

    expect(redisConnectionsOfThisProcess() - before).toBeLessThanOrEqual(1);
    const clients = ((await redis.client("LIST")) as string).split("\n").filter((l) => l.includes(` name=${env.QUEUE_PREFIX}:progress `));
    expect(clients).toHaveLength(1);
    expect(clients[0]).toMatch(/ sub=6 /);
    for (const s of submissions) expect(await numsub(s.id)).toBe(1);

    for (const stream of streams) await stream.cancel();
    await expect.poll(() => numsub(submissions[0]!.id)).toBe(0);
    expect(getProgressHub().channelCount).toBe(0);
  });
});

describe("closing", () => {
  it("closes after `done` and lets go of the channel", async () => {
    const student = await createUser(db);
    const { id } = await problemWithSubmission(student, "FULL");
    const sse = await open(student, id);
    await publish({ submissionId: id, type: "done", status: "DONE", verdict: "AC" });
    expect(await sse.next()).toMatchObject({ data: { type: "done", verdict: "AC" } });
    await sse.ended;
    await expect.poll(() => numsub(id)).toBe(0);
  });

  it("closes an already finished submission at once", async () => {
    const student = await createUser(db);
    const { id } = await problemWithSubmission(student, "FULL", "DONE");
    const sse = await open(student, id);
    expect(await sse.next()).toMatchObject({ data: { type: "done", status: "DONE" } });
    await sse.ended;
  });

  it("closes after its maximum lifetime with a `timeout` event", async () => {
    const student = await createUser(db);
    const { id } = await problemWithSubmission(student, "FULL");
    const started = Date.now();
    const sse = await open(student, id, { maxLifetimeMs: 700 });
    expect(await sse.next()).toMatchObject({ event: "timeout" });
    await sse.ended;
    expect(Date.now() - started).toBeLessThan(5000);
    await expect.poll(() => numsub(id)).toBe(0);
  });

  it("lets go of the channel when the browser leaves", async () => {
    const student = await createUser(db);
    const { id } = await problemWithSubmission(student, "FULL");
    const abort = new AbortController();
    await open(student, id, { signal: abort.signal });
    expect(await numsub(id)).toBe(1);
    abort.abort();
    await expect.poll(() => numsub(id)).toBe(0);
  });
});

describe("events are filtered like submission.byId", () => {
  const tests: ProgressEvent[] = [
    { submissionId: "", type: "test", position: 1, verdict: "AC", cpuMs: 1, peakKb: 1 },
    { submissionId: "", type: "test", position: 2, verdict: "AC", cpuMs: 2, peakKb: 2 },
    { submissionId: "", type: "test", position: 3, verdict: "WA", cpuMs: 3, peakKb: 3 },
    { submissionId: "", type: "test", position: 4, verdict: "AC", cpuMs: 4, peakKb: 4 },
  ];

  async function received(viewer: User, owner: User, feedback: TestFeedback) {
    const { id } = await problemWithSubmission(owner, feedback);
    const sse = await open(viewer, id);
    for (const t of tests) await publish({ ...t, submissionId: id, testsDone: t.position, testsTotal: 4, secret: "x" } as ProgressEvent);
    await publish({ submissionId: id, type: "done", status: "DONE", verdict: "WA" });
    await sse.ended;
    const progress = sse.events.filter((e) => e.event === "progress").map((e) => e.data);
    expect(progress.at(-1)).toMatchObject({ type: "done", verdict: "WA" });
    expect(JSON.stringify(progress)).not.toContain("secret");
    return progress.filter((e) => e.type === "test").map((e) => e.position);
  }

  it.each([
    ["FULL", [1, 2, 3, 4]],
    ["FIRST_FAILURE", [1, 2, 3]],
    ["VERDICT_ONLY", [1]],
  ] as const)("%s: the student gets events for tests %j; staff get all", async (feedback, positions) => {
    const student = await createUser(db);
    expect(await received(student, student, feedback)).toEqual(positions);
    expect(await received(teacher, student, feedback)).toEqual([1, 2, 3, 4]);
  });

  it("FIRST_FAILURE counts a hidden failure stored before the stream opened", async () => {
    const student = await createUser(db);
    const { id } = await problemWithSubmission(student, "FIRST_FAILURE");
    await db.testResult.create({
      data: { submissionId: id, position: 2, verdict: "TLE", cpuMs: 1, wallMs: 1, peakKb: 1, stoppedBy: "cpu-limit" },
    });
    const sse = await open(student, id);
    await publish({ submissionId: id, type: "test", position: 3, verdict: "AC" });
    await publish({ submissionId: id, type: "done", status: "DONE", verdict: "TLE" });
    await sse.ended;
    expect(sse.events.map((e) => e.data.type)).toEqual(["status", "done"]);
  });
});

describe("connections per user", () => {
  it("refuses with 429 and Retry-After beyond the limit", async () => {
    const student = await createUser(db);
    const { id } = await problemWithSubmission(student, "FULL", "DONE");
    for (let i = 0; i < 8; i++) {
      const res = await progressStreamResponse({ db, actor: student, submissionId: id, signal: new AbortController().signal });
      expect(res.status).toBe(200);
      await res.body?.cancel();
    }
    const refused = await progressStreamResponse({ db, actor: student, submissionId: id, signal: new AbortController().signal });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await refused.text()).toMatch(/Too many live-progress connections\. Please wait \d+ s/);
  });

  it("answers 404 to someone who may not watch the submission", async () => {
    const [owner, other] = [await createUser(db), await createUser(db)];
    const { id } = await problemWithSubmission(owner, "FULL");
    const res = await progressStreamResponse({ db, actor: other, submissionId: id, signal: new AbortController().signal });
    expect(res.status).toBe(404);
  });
});
