// Test data for the journeys: each test seeds its own users and problems (unique names)
// straight into the test database, never touching anyone else's rows.
import { randomBytes } from "node:crypto";
import { test as base, expect, type Page } from "@playwright/test";
import { createPrismaClient } from "../src/server/db";
import { hashPassword } from "../src/server/services/user-service";

const db = createPrismaClient(process.env.E2E_DATABASE_URL);

export const uniqueSuffix = () => randomBytes(5).toString("hex");

export interface TestUser {
  id: string;
  email: string;
  name: string;
  password: string;
}

export async function createUser(role: "STUDENT" | "TEACHER" | "ADMIN" = "STUDENT"): Promise<TestUser> {
  const suffix = uniqueSuffix();
  const password = `pw-${suffix}-secret`;
  const user = await db.user.create({
    data: {
      email: `e2e-${role.toLowerCase()}-${suffix}@test.coderunner`,
      name: `E2E ${role.toLowerCase()} ${suffix}`,
      role,
      passwordHash: await hashPassword(password),
    },
    select: { id: true, email: true, name: true },
  });
  return { ...user, password };
}

/** "Sum of two integers": one sample test and two hidden tests. */
export async function createSumProblem(authorId: string) {
  const slug = `e2e-sum-${uniqueSuffix()}`;
  return db.problem.create({
    data: {
      slug,
      title: `Sum ${slug.slice(-10)}`,
      statement:
        "Read two integers *a* and *b* and print **a + b**.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n<script>window.__xss = 1</script>",
      timeLimitMs: 2000,
      memoryLimitMb: 256,
      visibility: "PUBLIC",
      authorId,
      tests: {
        create: [
          { position: 1, input: "1 2\n", expectedOutput: "3\n", isSample: true },
          { position: 2, input: "40 2\n", expectedOutput: "42\n", isSample: false },
          { position: 3, input: "-5 5\n", expectedOutput: "0\n", isSample: false },
        ],
      },
    },
    select: { id: true, slug: true, title: true },
  });
}

export async function signIn(page: Page, user: Pick<TestUser, "email" | "password">) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/problems$/);
}

export const test = base;
export { expect };

/** A problem with the given statement, scoring and tests (the first `samples` tests are samples). */
export async function createProblemWith(
  authorId: string,
  options: {
    title?: string;
    statement: string;
    scoringMode?: "ICPC" | "POINTS";
    tests: { input: string; expectedOutput: string; isSample?: boolean; points?: number }[];
  },
) {
  const slug = `e2e-ide-${uniqueSuffix()}`;
  return db.problem.create({
    data: {
      slug,
      title: options.title ?? `IDE ${slug.slice(-10)}`,
      statement: options.statement,
      timeLimitMs: 1000,
      memoryLimitMb: 256,
      scoringMode: options.scoringMode ?? "ICPC",
      visibility: "PUBLIC",
      authorId,
      tests: {
        create: options.tests.map((t, i) => ({
          position: i + 1,
          input: t.input,
          expectedOutput: t.expectedOutput,
          isSample: t.isSample ?? false,
          points: t.points ?? 1,
        })),
      },
    },
    select: { id: true, slug: true, title: true },
  });
}

/** Accepted submissions of other students, so "faster than X %" has something to compare with. */
export async function seedAcceptedSubmissions(problemId: string, language: string, measurements: { cpuMs: number; peakKb: number }[]) {
  for (const m of measurements) {
    const user = await createUser("STUDENT");
    await db.submission.create({
      data: {
        userId: user.id,
        problemId,
        kind: "SUBMIT",
        language,
        source: "# seeded",
        status: "DONE",
        verdict: "AC",
        maxCpuMs: m.cpuMs,
        maxPeakKb: m.peakKb,
        finishedAt: new Date(),
      },
    });
  }
}

/** The newest submission or Run of a user (its id, for URLs the UI does not list). */
export function lastSubmissionOf(userId: string, kind: "SUBMIT" | "RUN") {
  return db.submission.findFirstOrThrow({ where: { userId, kind }, orderBy: { createdAt: "desc" }, select: { id: true } });
}
