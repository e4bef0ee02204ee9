// Over real HTTP against `next start`: live-progress streams share one Redis subscriber.
import { Redis } from "ioredis";
import { createPrismaClient } from "../../src/server/db";
import { createSumProblem, createUser, expect, signIn, test } from "../fixtures";
import { E2E_QUEUE_PREFIX } from "../../playwright.config";

const db = createPrismaClient(process.env.E2E_DATABASE_URL);
const STREAMS = 5;

test("N open live-progress streams use one Redis connection of the server, subscribed to N channels", async ({ page }) => {
  const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
  try {
    const student = await createUser();
    const problem = await createSumProblem(student.id);
    const ids: string[] = [];
    for (let i = 0; i < STREAMS; i++) {
      const s = await db.submission.create({
        data: { userId: student.id, problemId: problem.id, language: "python", source: "x", status: "RUNNING" },
        select: { id: true },
      });
      ids.push(s.id);
    }
    const channels = ids.map((id) => `${E2E_QUEUE_PREFIX}:progress:${id}`);
    const subscribers = async () =>
      ((await redis.pubsub("NUMSUB", ...channels)) as (string | number)[]).filter((_, i) => i % 2 === 1).map(Number);

    await signIn(page, student);
    await page.goto("/problems");
    // Open the streams in the page and keep them open until told to stop.
    await page.evaluate((list) => {
      (window as unknown as { streams: EventSource[] }).streams = list.map((id) => new EventSource(`/api/submissions/${id}/events`));
    }, ids);
    await expect.poll(subscribers).toEqual(ids.map(() => 1));

    const progressClients = ((await redis.client("LIST")) as string)
      .split("\n")
      .filter((l) => l.includes(` name=${E2E_QUEUE_PREFIX}:progress `));
    expect(progressClients).toHaveLength(1);
    expect(progressClients[0]).toMatch(new RegExp(` sub=${STREAMS} `));

    // A finished submission's stream ends, and its channel is let go.
    await db.submission.update({ where: { id: ids[0] }, data: { status: "DONE", verdict: "AC" } });
    await redis.publish(channels[0]!, JSON.stringify({ submissionId: ids[0], type: "done", status: "DONE", verdict: "AC" }));
    await expect.poll(async () => (await subscribers())[0]).toBe(0);

    await page.evaluate(() => (window as unknown as { streams: EventSource[] }).streams.forEach((s) => s.close()));
    await expect.poll(subscribers).toEqual(ids.map(() => 0));
  } finally {
    redis.disconnect();
  }
});
