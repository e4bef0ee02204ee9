import { createUser, expect, signIn, test, uniqueSuffix } from "../fixtures";

// Verdicts need a worker on the same database and queue prefix (scripts/test.sh runs one).
const VERDICT_TIMEOUT = 90_000;
const SUM_PY = "import sys\nprint(sum(map(int, sys.stdin.read().split())))\n";

const file = (name: string, text: string) => ({ name, mimeType: "text/plain", buffer: Buffer.from(text) });

test("a teacher runs a weekly lab: course, problem with uploaded tests, Verify, problem set, a student's submission, rejudge", async ({
  page,
  browser,
}) => {
  test.setTimeout(300_000);
  const teacher = await createUser("TEACHER");
  const student = await createUser("STUDENT");
  const suffix = uniqueSuffix();
  page.on("dialog", (dialog) => void dialog.accept());

  // A course and its join code.
  await signIn(page, teacher);
  await page.goto("/teach");
  await page.getByLabel("New course").fill(`Lab ${suffix}`);
  await page.getByRole("button", { name: "Create course" }).click();
  await expect(page.getByRole("heading", { name: `Lab ${suffix}` })).toBeVisible();
  const code = (await page.getByTestId("join-code").textContent())!.trim();
  expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  await page.getByRole("button", { name: "Copy code" }).click();
  await expect(page.getByRole("button", { name: "Copied" })).toBeVisible();
  const courseUrl = page.url();

  // A problem: statement with math (live preview), two samples and three hidden tests uploaded as files.
  await page.getByRole("navigation", { name: "Teacher workspace" }).getByRole("link", { name: "Problems" }).click();
  await page.getByLabel("Title").fill(`Sum ${suffix}`);
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page.getByRole("heading", { name: `Sum ${suffix}`, level: 1 })).toBeVisible();
  await page.getByLabel("Statement (Markdown)").fill("Print the **sum** $a + b$ of the numbers.");
  await expect(page.getByTestId("statement-preview").locator("strong")).toHaveText("sum");
  await expect(page.getByTestId("statement-preview").locator(".katex").first()).toBeVisible();
  await page.getByLabel("Visibility").selectOption("COURSE");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Saved.")).toBeVisible();

  await page
    .getByTestId("test-files")
    .setInputFiles([
      file("sample-1.in", "1 2\n"),
      file("sample-1.ans", "3\n"),
      file("sample-2.in", "10 20\n"),
      file("sample-2.ans", "30\n"),
      file("1.in", "40 2\n"),
      file("1.ans", "42\n"),
      file("2.in", "-5 5\n"),
      file("2.ans", "0\n"),
      file("3.in", "1000000 1\n"),
      file("3.ans", "1000001\n"),
    ]);
  await expect(page.getByText("Added 5 tests.")).toBeVisible();
  const testRows = page.locator(".teach-tests tbody tr");
  await expect(testRows).toHaveCount(5);
  // "1" < "sample-1" by name: hidden tests first, then the two samples.
  await expect(page.getByRole("checkbox", { name: /^Sample:/, checked: true })).toHaveCount(2);

  // A reference solution that Verify shows as Accepted.
  await page.getByRole("button", { name: "Add a solution" }).click();
  await page.getByLabel("Name", { exact: true }).fill("sum.py");
  await page.getByLabel("Source", { exact: true }).fill(SUM_PY);
  await page.getByRole("button", { name: "Save solution" }).click();
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByTestId("verify-table")).toContainText("Accepted ✓", { timeout: VERDICT_TIMEOUT });
  await expect(page.getByText("Every solution got its expected verdict.")).toBeVisible();
  // The time limit problemtools would derive from it (a fast solution: the 1 s floor).
  await expect(page.getByTestId("derived-time-limit")).toContainText("time limit of 1 s");
  const problemUrl = page.url();
  const slug = problemUrl.split("/").pop()!;

  // A problem set due tomorrow with the problem.
  await page.goto(courseUrl);
  await page.getByRole("button", { name: "New problem set" }).click();
  await page.getByLabel("Title").fill("Week 1");
  const tomorrow = new Date(Date.now() + 86_400_000);
  const local = new Date(tomorrow.getTime() - tomorrow.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
  await page.getByLabel(/^Due/).fill(local);
  await page.getByRole("button", { name: "Create", exact: true }).click();
  await page.getByRole("link", { name: "Week 1" }).click();
  await page.getByLabel("Add a problem").selectOption(slug);
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expect(page.getByRole("link", { name: `Sum ${suffix}` })).toBeVisible();

  // The student joins with the code and submits.
  const studentContext = await browser.newContext();
  const studentPage = await studentContext.newPage();
  await signIn(studentPage, student);
  await studentPage.goto(`/join/${code}`);
  await studentPage.getByRole("button", { name: "Join course" }).click();
  await expect(studentPage.getByText(`You joined Lab ${suffix}`)).toBeVisible();
  await studentPage.goto(`/problems/${slug}`);
  await studentPage.getByLabel("Language").selectOption("python");
  await studentPage.getByLabel("Source code").fill(SUM_PY);
  await studentPage.getByRole("button", { name: "Submit" }).click();
  await expect(studentPage.getByTestId("verdict")).toHaveText("Accepted", { timeout: VERDICT_TIMEOUT });
  // Students reach no teacher page.
  const forbidden = await studentPage.goto("/teach");
  expect(forbidden?.status()).toBe(404);
  expect((await studentPage.request.get(`/teach/problems/${slug}/export`)).status()).toBe(403);
  await studentContext.close();

  // The teacher sees it in the set's progress, changes a hidden test and rejudges.
  await page.reload();
  await expect(page.locator(".teach-progress")).toContainText("Solved");
  await page.goto(problemUrl);
  await page.getByRole("button", { name: "Edit test 1 (1)" }).click();
  await page.getByLabel("Expected output").fill("41\n");
  await page.getByRole("button", { name: "Save test" }).click();
  await expect(page.getByText("Tests or limits changed")).toBeVisible();
  await page.getByRole("button", { name: "Rejudge all submissions (1)" }).click();
  const changes = page.getByTestId("rejudge-changes");
  await expect(changes).toBeVisible({ timeout: VERDICT_TIMEOUT });
  await expect(changes.getByRole("row").nth(1)).toContainText(student.name);
  await expect(changes.getByRole("row").nth(1)).toContainText("Accepted");
  await expect(changes.getByRole("row").nth(1)).toContainText("Wrong Answer");

  // The problem downloads as a Kattis package.
  const exported = await page.request.get(`/teach/problems/${slug}/export`);
  expect(exported.status()).toBe(200);
  expect(exported.headers()["content-type"]).toBe("application/zip");
  expect((await exported.body()).subarray(0, 2).toString()).toBe("PK");
});
