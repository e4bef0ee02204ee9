import type { Page, TestInfo } from "@playwright/test";
import { DISTINCT_SOLUTIONS, disguisedCopy } from "../../test/similarity-sources";
import { createCourse, createSumProblem, createUser, enroll, expect, insertSubmission, screenshot, signIn, test } from "../fixtures";

// The report is computed by the worker (scripts/test.sh runs one on the same queue prefix).
const REPORT_TIMEOUT = 90_000;

const setTheme = (page: Page, theme: "light" | "dark") =>
  page.evaluate((t) => document.documentElement.setAttribute("data-theme", t), theme);

/** Light and dark at 1280 px, then light at 768 px. */
async function shots(page: Page, testInfo: TestInfo, name: string) {
  for (const theme of ["light", "dark"] as const) {
    await setTheme(page, theme);
    await screenshot(page, testInfo, `${name}-1280-${theme}`);
  }
  await page.setViewportSize({ width: 768, height: 900 });
  await setTheme(page, "light");
  await screenshot(page, testInfo, `${name}-768-light`);
  await page.setViewportSize({ width: 1280, height: 800 });
}

test.use({ viewport: { width: 1280, height: 800 } });

test("a teacher runs a similarity report, finds the disguised copy first and sees the shared code highlighted", async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  const teacher = await createUser("TEACHER");
  const problem = await createSumProblem(teacher.id);
  const course = await createCourse(teacher.id, [problem.id]);
  const sources = [DISTINCT_SOLUTIONS[0]!, disguisedCopy(DISTINCT_SOLUTIONS[0]!), DISTINCT_SOLUTIONS[1]!, DISTINCT_SOLUTIONS[2]!];
  const students = [];
  for (const source of sources) {
    const student = await createUser("STUDENT");
    await enroll(course.id, student.id);
    await insertSubmission({ userId: student.id, problemId: problem.id, verdict: "AC", source });
    students.push(student);
  }

  await signIn(page, teacher);
  await page.goto(`/teach/problems/${problem.slug}`);
  await page.getByRole("link", { name: "Similarity" }).click();
  await expect(page.getByRole("heading", { name: "Similarity", level: 1 })).toBeVisible();
  await expect(page.getByLabel("Course")).toHaveValue(course.id);
  await page.getByRole("button", { name: "Run report" }).click();

  const rows = page.getByTestId("similarity-pair");
  await expect(rows).toHaveCount(6, { timeout: REPORT_TIMEOUT });
  const top = rows.first();
  await expect(top).toContainText(students[0]!.name);
  await expect(top).toContainText(students[1]!.name);
  const topScore = Number((await top.locator(".similarity-score").textContent())!.replace("%", ""));
  expect(topScore).toBeGreaterThanOrEqual(70);
  const secondScore = Number((await rows.nth(1).locator(".similarity-score").textContent())!.replace("%", ""));
  expect(secondScore).toBeLessThan(30);
  // Each student links to their submission's teacher page.
  await expect(top.getByRole("link", { name: students[0]!.name })).toHaveAttribute("href", /^\/teach\/submissions\/\w+$/);
  await shots(page, testInfo, "similarity-report");

  await top.getByRole("link", { name: "Compare" }).click();
  await expect(page.getByRole("heading", { name: /similar$/ })).toBeVisible();
  const left = page.getByTestId("similarity-code-left");
  const right = page.getByTestId("similarity-code-right");
  await expect(left).toContainText("def read_numbers");
  await expect(right).toContainText("def get_input");
  expect(await left.locator("mark").count()).toBeGreaterThan(0);
  expect(await right.locator("mark").count()).toBeGreaterThan(0);
  // Picking a fragment marks it on both sides.
  const fragment = page.getByRole("list", { name: "Shared fragments" }).getByRole("button").first();
  await fragment.click();
  await expect(fragment).toHaveAttribute("aria-pressed", "true");
  await expect(left.locator("mark.similarity-mark-selected").first()).toBeVisible();
  await expect(right.locator("mark.similarity-mark-selected").first()).toBeVisible();
  await shots(page, testInfo, "similarity-pair");

  await page.getByRole("link", { name: "Back to the report" }).click();
  await expect(rows).toHaveCount(6);
});

test("students do not reach the similarity page", async ({ page }) => {
  const teacher = await createUser("TEACHER");
  const problem = await createSumProblem(teacher.id);
  const student = await createUser("STUDENT");
  await signIn(page, student);
  const response = await page.goto(`/teach/problems/${problem.slug}/similarity`);
  expect(response?.status()).toBe(404);
});
