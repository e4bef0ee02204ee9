import { createCourse, createSumProblem, createUser, enroll, expect, insertSubmission, insertTestResults, signIn, test } from "../fixtures";

const READ = "a, b = map(int, input().split())\n";

test("a teacher reviews a student's attempts: list filtered to the student, second attempt, diff against the first", async ({ page }) => {
  const teacher = await createUser("TEACHER");
  const student = await createUser("STUDENT");
  const problem = await createSumProblem(teacher.id);
  const course = await createCourse(teacher.id, [problem.id]);
  await enroll(course.id, student.id);
  const [t1, t2, t3] = problem.tests;
  // Attempt 1 drops the sign of a: passes 1 2 and 40 2, fails -5 5 (WA 2/3); attempt 2 fixes that line.
  const first = await insertSubmission({
    userId: student.id,
    problemId: problem.id,
    verdict: "WA",
    createdAt: new Date(Date.now() - 20 * 60_000),
    source: `${READ}print(abs(a) + b)\n`,
  });
  await insertTestResults(first.id, [
    { testCaseId: t1!.id, position: 1, verdict: "AC", output: "3\n" },
    { testCaseId: t2!.id, position: 2, verdict: "AC", output: "42\n" },
    { testCaseId: t3!.id, position: 3, verdict: "WA", output: "10\n" },
  ]);
  const second = await insertSubmission({
    userId: student.id,
    problemId: problem.id,
    verdict: "AC",
    createdAt: new Date(Date.now() - 10 * 60_000),
    source: `${READ}print(a + b)\n`,
  });
  await insertTestResults(second.id, [
    { testCaseId: t1!.id, position: 1, verdict: "AC", output: "3\n" },
    { testCaseId: t2!.id, position: 2, verdict: "AC", output: "42\n" },
    { testCaseId: t3!.id, position: 3, verdict: "AC", output: "0\n" },
  ]);

  await signIn(page, teacher);
  await page.goto("/teach");
  await page.getByRole("navigation", { name: "Teacher workspace" }).getByRole("link", { name: "Submissions" }).click();
  await expect(page.getByRole("heading", { name: "Submissions", level: 1 })).toBeVisible();
  await page.getByRole("combobox", { name: "Student" }).selectOption({ label: `${student.name} (${student.email})` });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`student=${student.id}`));
  const rows = page.getByTestId("review-list").locator("tbody tr");
  await expect(rows).toHaveCount(2);
  // Newest first: the second attempt (Accepted) heads the list.
  await expect(rows.first()).toContainText("Accepted");
  await expect(rows.nth(1)).toContainText("Wrong Answer");
  await rows
    .first()
    .getByRole("link", { name: /^Open .*'s submission of/ })
    .click();

  await expect(page).toHaveURL(new RegExp(`/teach/submissions/${second.id}`));
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Attempt 2");
  const change = page.getByTestId("verdict-change");
  await expect(change).toContainText("WA 2/3");
  await expect(change).toContainText("AC 3/3");
  await expect(change).toContainText("+1 −1 lines");
  const diff = page.getByTestId("code-diff");
  await expect(diff.locator('tr[data-kind="removed"]')).toHaveText(/print\(abs\(a\) \+ b\)/);
  await expect(diff.locator('tr[data-kind="added"]')).toHaveText(/print\(a \+ b\)/);
  await expect(page.getByTestId("timeline").locator("tbody tr")).toHaveCount(2);

  // The first attempt's failing hidden test: its input, expected and actual output.
  await change.getByRole("link", { name: "Attempt 1" }).click();
  await expect(page).toHaveURL(new RegExp(`/teach/submissions/${first.id}`));
  const failing = page.getByTestId("review-test").nth(2);
  await expect(failing).toContainText("hidden");
  await expect(failing).toContainText("-5 5");
  await expect(failing.getByText("Program's output").locator("..")).toContainText("10");
  await expect(page.getByText("first attempt at this problem")).toBeVisible();

  // The CSV of the filtered list: the two attempts.
  const csv = await page.request.get(`/teach/submissions/export?student=${student.id}`);
  expect(csv.status()).toBe(200);
  const lines = (await csv.text()).trim().split("\r\n");
  expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual([second.id, first.id]);
});

test("students reach neither the review pages nor the CSV", async ({ page }) => {
  const student = await createUser("STUDENT");
  await signIn(page, student);
  const list = await page.goto("/teach/submissions");
  expect(list?.status()).toBe(404);
  const csv = await page.request.get("/teach/submissions/export");
  expect(csv.status()).toBe(403);
});
