// Test data for the journeys: each test seeds its own users and problems (unique names)
// straight into the test database, never touching anyone else's rows.
import { test as base, expect, type Page, type TestInfo } from "@playwright/test";
import { createPrismaClient } from "../src/server/db";
import { generateJoinCode } from "../src/server/services/course-service";
import * as factories from "../test/factories";

const db = createPrismaClient(process.env.E2E_DATABASE_URL);

export { uniqueSuffix } from "../test/factories";

export interface TestUser {
  id: string;
  email: string;
  name: string;
  password: string;
}

/** A user who can sign in (random password). */
export async function createUser(role: "STUDENT" | "TEACHER" | "ADMIN" = "STUDENT"): Promise<TestUser> {
  const user = await factories.createUser(db, { role, label: `e2e-${role.toLowerCase()}`, password: true });
  return { id: user.id, email: user.email, name: user.name, password: user.password! };
}

/** "Sum of two integers": one sample test and two hidden tests. */
export async function createSumProblem(authorId: string) {
  return factories.createProblem(db, authorId, {
    label: "e2e-sum",
    statement: "Read two integers *a* and *b* and print **a + b**.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n<script>window.__xss = 1</script>",
    tests: [
      { input: "1 2\n", expectedOutput: "3\n", isSample: true },
      { input: "40 2\n", expectedOutput: "42\n" },
      { input: "-5 5\n", expectedOutput: "0\n" },
    ],
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
  const joinCode = generateJoinCode();
  return db.course.create({
    data: {
      title: `Course ${factories.uniqueSuffix()}`,
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
export function insertSubmission(input: {
  userId: string;
  problemId: string;
  verdict: "AC" | "WA" | "TLE" | "CE";
  language?: string;
  createdAt?: Date;
  kind?: "SUBMIT" | "RUN";
  source?: string;
}) {
  return factories.insertJudgedSubmission(db, {
    ...input,
    verdict: input.kind === "RUN" ? null : input.verdict,
    source: input.source ?? "a, b = map(int, input().split())\nprint(a + b)\n",
    maxCpuMs: 12,
    maxPeakKb: 9000,
  });
}

export async function screenshot(page: Page, testInfo: TestInfo, name: string) {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: "image/png" });
}

export const test = base;
export { expect };

/** A problem with the given statement, scoring and tests (1 s, 256 MiB, public). */
export async function createProblemWith(
  authorId: string,
  options: {
    title?: string;
    statement: string;
    scoringMode?: "ICPC" | "POINTS";
    tests: { input: string; expectedOutput: string; isSample?: boolean; points?: number }[];
  },
) {
  return factories.createProblem(db, authorId, { label: "e2e-ide", timeLimitMs: 1000, ...options });
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

/** Per-test results of a submission inserted above, as the worker would store them. */
export async function insertTestResults(
  submissionId: string,
  results: { testCaseId: string; position: number; verdict: "AC" | "WA"; output: string }[],
) {
  await db.testResult.createMany({
    data: results.map((r) => ({
      submissionId,
      testCaseId: r.testCaseId,
      position: r.position,
      verdict: r.verdict,
      cpuMs: 12,
      wallMs: 15,
      peakKb: 9000,
      stoppedBy: "exited",
      outputExcerpt: r.output,
    })),
  });
}

/** A problem set of a course holding `problemIds` in that order, due at `dueAt` (null: no deadline). */
export function createProblemSet(courseId: string, title: string, problemIds: string[], dueAt: Date | null) {
  return db.problemSet.create({
    data: { courseId, title, dueAt, problems: { create: problemIds.map((problemId, i) => ({ problemId, position: i + 1 })) } },
    select: { id: true, title: true },
  });
}
