import { createSumProblem, createUser, expect, insertSubmission, screenshot, signIn, test } from "../fixtures";

test("my submissions lists judged submissions (not runs), filters by verdict, language and problem, and opens one", async ({
  page,
}, testInfo) => {
  const teacher = await createUser("TEACHER");
  const student = await createUser("STUDENT");
  const other = await createUser("STUDENT");
  const [p, q] = [await createSumProblem(teacher.id), await createSumProblem(teacher.id)];
  const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);
  const accepted = await insertSubmission({
    userId: student.id,
    problemId: p.id,
    verdict: "AC",
    language: "python",
    createdAt: minutesAgo(3),
  });
  await insertSubmission({ userId: student.id, problemId: q.id, verdict: "WA", language: "cpp", createdAt: minutesAgo(2) });
  await insertSubmission({ userId: student.id, problemId: q.id, verdict: "AC", kind: "RUN", createdAt: minutesAgo(1) });
  await insertSubmission({ userId: other.id, problemId: p.id, verdict: "AC" });

  await signIn(page, student);
  await page.getByRole("link", { name: "Submissions", exact: true }).click();
  await expect(page.getByRole("heading", { name: "My submissions" })).toBeVisible();
  const rows = page.getByRole("table").getByRole("row");
  await expect(rows).toHaveCount(3); // header + two judged submissions; the run is not history
  await expect(rows.nth(1)).toContainText("Wrong Answer");
  await expect(rows.nth(2)).toContainText("Accepted");
  await screenshot(page, testInfo, "submissions");

  await page.getByLabel("Verdict").selectOption("WA");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/verdict=WA/);
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText(q.title);

  // Filters live in the URL: a reload keeps them.
  await page.reload();
  await expect(page.getByLabel("Verdict")).toHaveValue("WA");
  await expect(rows).toHaveCount(2);

  await page.getByLabel("Verdict").selectOption("");
  await page.getByLabel("Language").selectOption("python");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText(p.title);

  await page.getByRole("link", { name: "Clear" }).click();
  await expect(page).toHaveURL(/\/submissions$/);
  await expect(page.getByLabel("Language")).toHaveValue(""); // the fields follow the URL
  await page.getByLabel("Problem").selectOption({ label: q.title });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText("Wrong Answer");

  // Each row opens the submission's own page (its code and per-test results).
  await page.goto("/submissions");
  await expect(rows.nth(2).getByRole("link").first()).toHaveAttribute("href", `/submissions/${accepted.id}`);
});
