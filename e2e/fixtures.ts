// Test data for the journeys: each test seeds its own users and problems (unique names)
// straight into the test database, never touching anyone else's rows.
import { test as base, expect, type Page } from "@playwright/test";
import { createPrismaClient } from "../src/server/db";
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

export const test = base;
export { expect };
