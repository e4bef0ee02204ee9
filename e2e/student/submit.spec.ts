import type { Page } from "@playwright/test";
import { setCode } from "../editor";
import { createSumProblem, createUser, expect, lastSubmissionOf, signIn, test } from "../fixtures";

// The lead's test script runs a worker on the same database and queue prefix. Without
// one (E2E_NO_WORKER=1) a submission can only be seen reaching the queue.
const withWorker = process.env.E2E_NO_WORKER !== "1";
const VERDICT_TIMEOUT = 60_000;

async function submit(page: Page, source: string) {
  await page.getByLabel("Language").selectOption("python");
  await setCode(page, source);
  await page.getByRole("button", { name: "Submit", exact: true }).click();
}

test("a student reads a problem, gets Accepted for a correct solution and Compile Error for a syntax error", async ({ page }) => {
  const teacher = await createUser("TEACHER");
  const student = await createUser("STUDENT");
  const problem = await createSumProblem(teacher.id);

  await signIn(page, student);
  await page.getByRole("link", { name: problem.title }).click();
  await expect(page).toHaveURL(new RegExp(`/problems/${problem.slug}$`));
  await expect(page.getByRole("heading", { name: problem.title })).toBeVisible();
  await expect(page.getByText("Time limit: 2 s")).toBeVisible();
  await expect(page.getByText("Memory limit: 256 MiB")).toBeVisible();
  await expect(page.getByRole("table").first()).toBeVisible(); // GFM table rendered
  // Raw HTML in the statement is not rendered.
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  const sample = page.getByTestId("sample-test");
  await expect(sample).toHaveCount(1);
  await expect(sample).toContainText("1 2");
  await expect(sample).toContainText("3");
  await expect(page.getByText("40 2")).toHaveCount(0); // hidden tests stay hidden

  await submit(page, "a, b = map(int, input().split())\nprint(a + b)\n");
  const verdict = page.getByTestId("verdict");
  if (withWorker) {
    await expect(verdict).toHaveText("Accepted", { timeout: VERDICT_TIMEOUT });
    await expect(page.getByTestId("test-result")).toHaveCount(3);
  } else {
    await expect(page.getByTestId("stage")).toBeVisible();
  }

  // Progress stream: the owner gets an event stream (closed at once: already judged); others do not.
  const submissionHref = await page.getByRole("link", { name: "Open this submission" }).getAttribute("href");
  const submissionId = submissionHref!.split("/").pop()!;
  const events = await page.request.get(`/api/submissions/${submissionId}/events`);
  expect(events.headers()["content-type"]).toContain("text/event-stream");
  if (withWorker) expect(await events.text()).toContain('"type":"done"');

  await submit(page, "def broken(:\n    pass\n");
  if (withWorker) {
    await expect(verdict).toHaveText(/Compil(e|ation) Error/, { timeout: VERDICT_TIMEOUT });
    await expect(page.getByTestId("compile-output")).toContainText("SyntaxError");
  } else {
    await expect(page.getByTestId("stage")).toBeVisible();
  }

  await page.getByRole("link", { name: "Submissions", exact: true }).click();
  await expect(page.getByRole("row")).toHaveCount(3); // header + two submissions
});

test("Run with custom input shows the program's output; the progress stream is private", async ({ page, browser }) => {
  const teacher = await createUser("TEACHER");
  const student = await createUser("STUDENT");
  const problem = await createSumProblem(teacher.id);
  await signIn(page, student);
  await page.goto(`/problems/${problem.slug}`);
  await page.getByLabel("Language").selectOption("python");
  await setCode(page, "a, b = map(int, input().split())\nprint(a * b)\n");
  await page.getByRole("button", { name: "Custom input" }).click();
  await page.getByLabel("Custom input").fill("6 7\n");
  await page.getByRole("button", { name: "Run", exact: true }).click();
  if (withWorker) {
    // The sample (1 2 → 3) fails, the custom input just runs: output, no verdict word.
    await expect(page.getByTestId("run-summary")).toHaveText("0 of 1 sample passed", { timeout: VERDICT_TIMEOUT });
    await expect(page.getByTestId("run-output")).toHaveText("42");
    await expect(page.getByTestId("run-status")).toContainText("exit code 0");
  } else {
    await expect(page.getByTestId("stage")).toBeVisible();
  }

  // Another student can neither open this run nor subscribe to its progress.
  const runId = (await lastSubmissionOf(student.id, "RUN")).id;
  // Runs are not history: My submissions does not list them.
  await page.getByRole("link", { name: "Submissions", exact: true }).click();
  await expect(page.getByText("Nothing here yet.")).toBeVisible();
  const runUrl = new URL(`/submissions/${runId}`, page.url()).toString();
  await page.goto(runUrl);
  await expect(page.getByRole("heading", { name: "Custom run" })).toBeVisible();
  const other = await createUser("STUDENT");
  const otherContext = await browser.newContext();
  const otherPage = await otherContext.newPage();
  await signIn(otherPage, other);
  await otherPage.goto(runUrl);
  await expect(otherPage.getByRole("heading", { name: "Not found" })).toBeVisible();
  expect(await otherPage.content()).not.toContain("a * b");
  expect((await otherPage.request.get(`/api/submissions/${runId}/events`)).status()).toBe(404);
  await otherContext.close();
  const anonymous = await browser.newContext();
  expect((await anonymous.request.get(`${runUrl.replace(/\/submissions\/.*/, "")}/api/submissions/${runId}/events`)).status()).toBe(401);
  await anonymous.close();
});

test("an oversized source is refused with a clear message", async ({ page }) => {
  const teacher = await createUser("TEACHER");
  const student = await createUser("STUDENT");
  const problem = await createSumProblem(teacher.id);
  await signIn(page, student);
  await page.goto(`/problems/${problem.slug}`);
  await submit(page, `# ${"x".repeat(70 * 1024)}\n`);
  await expect(page.getByRole("alert").filter({ hasText: "Source code is larger than 64 KiB" })).toBeVisible();
});
