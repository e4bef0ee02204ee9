import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Page, TestInfo } from "@playwright/test";
import {
  createCourse,
  createSumProblem,
  createUser,
  enroll,
  expect,
  insertSubmission,
  screenshot,
  signIn,
  test,
  uniqueSuffix,
} from "../fixtures";

// Verify and rejudge need a worker on the same database and queue prefix (scripts/test.sh runs one).
const VERDICT_TIMEOUT = 120_000;
const DIFFERENT = path.resolve(import.meta.dirname, "../../test/fixtures/problems/different");

/** Light and dark, 1280 and 768 px wide: what the lead looks at. */
async function screenshots(page: Page, testInfo: TestInfo, name: string) {
  for (const theme of ["light", "dark"] as const) {
    await page.evaluate((t) => document.documentElement.setAttribute("data-theme", t), theme);
    for (const width of [1280, 768]) {
      await page.setViewportSize({ width, height: 800 });
      await screenshot(page, testInfo, `${name}-${theme}-${width}`);
    }
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

test("a teacher imports a package folder (multi-file validator, no time limit) and Verify derives the limit", async ({
  page,
}, testInfo) => {
  test.setTimeout(300_000);
  const teacher = await createUser("TEACHER");
  const parent = await mkdtemp(path.join(os.tmpdir(), "e2e-folder-"));
  const slug = `different-${uniqueSuffix()}`;
  const dir = path.join(parent, slug);
  await cp(DIFFERENT, dir, { recursive: true });
  // No time limit: Verify derives it from the accepted reference (× 5, problemtools' default).
  await writeFile(path.join(dir, "problem.yaml"), "name: A Different Problem\nvalidation: custom\n");
  page.on("dialog", (dialog) => void dialog.accept());
  try {
    await signIn(page, teacher);
    await page.goto("/teach/problems");
    await page.getByLabel("or a package folder").setInputFiles(dir);
    await expect(page.getByRole("heading", { name: "A Different Problem", level: 1 })).toBeVisible();
    expect(page.url()).toContain(`/teach/problems/${slug}`);
    // The validator's header came along with its source.
    await expect(page.getByLabel("File name")).toHaveValue("validate.h");
    await expect(page.getByLabel("Content of validate.h")).toHaveValue(/namespace validate/);
    await expect(page.getByTestId("time-limit-source")).toContainText("to be derived");

    await page.getByRole("button", { name: "Verify" }).click();
    const table = page.getByTestId("verify-table");
    await expect(table.locator("tr", { hasText: "accepted/different.py" })).toContainText("Accepted ✓", { timeout: VERDICT_TIMEOUT });
    await expect(table.locator("tr", { hasText: "wrong_answer/signed.py" })).toContainText("Wrong Answer ✓", { timeout: VERDICT_TIMEOUT });
    await expect(page.getByTestId("verify-time-limit")).toContainText(/Time limit \d+ s \(derived: slowest AC reference [\d.]+ s × 5\)/);
    await expect(page.getByTestId("time-limit-source")).toContainText("derived: slowest AC reference");
    await screenshots(page, testInfo, "editor-imported-folder");
  } finally {
    await rm(parent, { recursive: true, force: true });
  }
});

test("a folder with a file leaving the package is refused with the file named", async ({ page }) => {
  const teacher = await createUser("TEACHER");
  await signIn(page, teacher);
  await page.goto("/teach/problems");
  // What a crafted request could send; the browser's own picker never does.
  const status = await page.evaluate(async () => {
    const form = new FormData();
    form.append("path", "p/../../evil.txt");
    form.append("file", new Blob(["x"]));
    const response = await fetch("/teach/import", { method: "POST", body: form });
    return { code: response.status, body: (await response.json()) as { error?: string } };
  });
  expect(status.code).toBe(400);
  expect(status.body.error).toMatch(/p\/\.\.\/\.\.\/evil\.txt: paths leaving the package/);
});

test("a teacher rejudges one submission of a student with the Rejudge button and sees the new verdict", async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  const teacher = await createUser("TEACHER");
  const student = await createUser("STUDENT");
  const problem = await createSumProblem(teacher.id);
  const course = await createCourse(teacher.id, [problem.id]);
  await enroll(course.id, student.id);
  // Recorded as wrong, but the source is right: after a rejudge it is accepted.
  const submission = await insertSubmission({ userId: student.id, problemId: problem.id, verdict: "WA" });
  page.on("dialog", (dialog) => void dialog.accept());

  await signIn(page, teacher);
  await page.goto(`/submissions/${submission.id}`);
  await page.getByRole("button", { name: "Rejudge" }).click();
  await expect(page.getByTestId("rejudge-one-result")).toHaveText("New verdict: Accepted (was Wrong Answer)", { timeout: VERDICT_TIMEOUT });
  await screenshots(page, testInfo, "submission-rejudged");

  // A student has no such button.
  await page.context().clearCookies();
  await signIn(page, student);
  await page.goto(`/submissions/${submission.id}`);
  await expect(page.getByText("Accepted").first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Rejudge" })).toHaveCount(0);
});
