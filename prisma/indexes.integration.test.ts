/**
 * The schema's indexes keep the hot queries cheap at classroom scale: 100k submissions
 * from 1,000 students on 50 problems, then the planner's choice for "my submissions",
 * "a student's submissions to a problem", the leaderboard and crash recovery.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
const tag = `idx${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
let someUser = "";
let someProblem = "";

async function plan(sql: string, params: unknown[]): Promise<string> {
  const { rows } = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN ${sql}`, params);
  return rows.map((r) => r["QUERY PLAN"]).join("\n");
}

beforeAll(async () => {
  await client.connect();
  await client.query(
    `INSERT INTO "User" (id, email, name, role, "updatedAt")
     SELECT $1 || '-u' || g, $1 || '-' || g || '@example.test', 'Student ' || g, 'STUDENT', now()
     FROM generate_series(1, 1000) g`,
    [tag],
  );
  await client.query(
    `INSERT INTO "Problem" (id, slug, title, statement, "authorId", "updatedAt")
     SELECT $1 || '-p' || g, $1 || '-problem-' || g, 'Problem ' || g, '', $1 || '-u1', now()
     FROM generate_series(1, 50) g`,
    [tag],
  );
  await client.query(
    `INSERT INTO "Submission" (id, "userId", "problemId", language, source, status, verdict, "createdAt")
     SELECT $1 || '-s' || g, $1 || '-u' || (1 + g % 1000), $1 || '-p' || (1 + (g / 1000) % 50), 'python', 'print(1)',
            'DONE', (CASE WHEN g % 3 = 0 THEN 'AC' ELSE 'WA' END)::"Verdict", now() - (g || ' seconds')::interval
     FROM generate_series(1, 100000) g`,
    [tag],
  );
  await client.query(`ANALYZE "Submission"`);
  someUser = `${tag}-u42`;
  someProblem = `${tag}-p7`;
}, 120_000);

afterAll(async () => {
  await client.query(`DELETE FROM "Submission" WHERE id LIKE $1`, [`${tag}-s%`]);
  await client.query(`DELETE FROM "Problem" WHERE id LIKE $1`, [`${tag}-p%`]);
  await client.query(`DELETE FROM "User" WHERE id LIKE $1`, [`${tag}-u%`]);
  await client.end();
});

describe("indexes at 100k submissions", () => {
  it("my submissions, newest first, use the (userId, createdAt) index", async () => {
    const p = await plan(`SELECT id FROM "Submission" WHERE "userId" = $1 ORDER BY "createdAt" DESC LIMIT 20`, [someUser]);
    expect(p).toContain("Submission_userId_createdAt_idx");
    expect(p).not.toMatch(/Seq Scan on "Submission"/);
    expect(p).not.toMatch(/\bSort\b/);
  });

  it("a student's submissions to a problem use the (problemId, userId, createdAt) index", async () => {
    const p = await plan(`SELECT id FROM "Submission" WHERE "problemId" = $1 AND "userId" = $2 ORDER BY "createdAt" DESC LIMIT 50`, [
      someProblem,
      someUser,
    ]);
    expect(p).toContain("Submission_problemId_userId_createdAt_idx");
    expect(p).not.toMatch(/Seq Scan on "Submission"/);
  });

  it("the leaderboard (who solved which problems) reads only the (problemId, verdict, userId) index", async () => {
    const p = await plan(
      `SELECT "userId", count(DISTINCT "problemId") FROM "Submission"
       WHERE "problemId" = ANY($1) AND verdict = 'AC' GROUP BY "userId"`,
      [[someProblem, `${tag}-p8`, `${tag}-p9`]],
    );
    expect(p).toContain("Submission_problemId_verdict_userId_idx");
    expect(p).not.toMatch(/Seq Scan on "Submission"/);
  });

  it("crash recovery finds QUEUED/RUNNING submissions through the (status, createdAt) index", async () => {
    const p = await plan(`SELECT id FROM "Submission" WHERE status IN ('QUEUED', 'RUNNING') ORDER BY "createdAt" LIMIT 100`, []);
    expect(p).toContain("Submission_status_createdAt_idx");
    expect(p).not.toMatch(/Seq Scan on "Submission"/);
  });
});
