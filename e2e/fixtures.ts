// Test data for the journeys: each test seeds its own users and problems (unique names)
// straight into the test database, never touching anyone else's rows.
import { randomBytes } from "node:crypto";
import { test as base, expect, type Page, type TestInfo } from "@playwright/test";
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

/** A course owned by `ownerId` listing `problemIds` in that order; its join code has no dash. */
export async function createCourse(ownerId: string, problemIds: string[]) {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const joinCode = Array.from(randomBytes(8), (b) => alphabet[b % alphabet.length]).join("");
  return db.course.create({
    data: {
      title: `Course ${uniqueSuffix()}`,
      joinCode,
      ownerId,
      problems: { create: problemIds.map((problemId, position) => ({ problemId, position })) },
    },
    select: { id: true, title: true, joinCode: true },
  });
}

export async function enroll(courseId: string, userId: string) {
  await db.enrollment.create({ data: { courseId, userId } });
}

/** A judged submission written straight to the database (no worker needed). */
export async function insertSubmission(input: {
  userId: string;
  problemId: string;
  verdict: "AC" | "WA" | "TLE" | "CE";
  language?: string;
  createdAt?: Date;
  kind?: "SUBMIT" | "RUN";
}) {
  return db.submission.create({
    data: {
      userId: input.userId,
      problemId: input.problemId,
      kind: input.kind ?? "SUBMIT",
      language: input.language ?? "python",
      source: "a, b = map(int, input().split())\nprint(a + b)\n",
      status: "DONE",
      verdict: input.kind === "RUN" ? null : input.verdict,
      maxCpuMs: 12,
      maxPeakKb: 9000,
      createdAt: input.createdAt ?? new Date(),
    },
    select: { id: true },
  });
}

/** The id of a user's newest submission of a kind (e.g. a run, which no list shows). */
export async function latestSubmissionId(userId: string, kind: "SUBMIT" | "RUN") {
  const row = await db.submission.findFirstOrThrow({ where: { userId, kind }, orderBy: { createdAt: "desc" }, select: { id: true } });
  return row.id;
}

/** Saves a screenshot of the page as a test artifact (in test-results/, and attached to the report). */
export async function screenshot(page: Page, testInfo: TestInfo, name: string) {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: "image/png" });
}

export const test = base;
export { expect };
