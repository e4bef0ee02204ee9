import { createCourse, createSumProblem, createUser, enroll, expect, insertSubmission, screenshot, signIn, test } from "../fixtures";

test("the course leaderboard ranks by solved then penalty and highlights the student's own row", async ({ page }, testInfo) => {
  const teacher = await createUser("TEACHER");
  const [me, rival] = [await createUser("STUDENT"), await createUser("STUDENT")];
  const [p, q] = [await createSumProblem(teacher.id), await createSumProblem(teacher.id)];
  const course = await createCourse(teacher.id, [p.id, q.id]);
  await enroll(course.id, me.id);
  await enroll(course.id, rival.id);
  const t0 = Date.now() - 3600_000;
  const at = (m: number) => new Date(t0 + m * 60_000);
  // rival: both at once (penalty 0). me: p after one WA 5 minutes later (5 + 20 = 25).
  await insertSubmission({ userId: rival.id, problemId: p.id, verdict: "AC", createdAt: at(0) });
  await insertSubmission({ userId: rival.id, problemId: q.id, verdict: "AC", createdAt: at(0) });
  await insertSubmission({ userId: me.id, problemId: p.id, verdict: "WA", createdAt: at(0) });
  await insertSubmission({ userId: me.id, problemId: p.id, verdict: "AC", createdAt: at(5) });

  await signIn(page, me);
  await page.getByRole("link", { name: "Leaderboard" }).click();
  await expect(page.getByRole("link", { name: "Leaderboard" })).toHaveAttribute("aria-current", "page");
  await page.getByRole("navigation", { name: "Leaderboards" }).getByRole("link", { name: course.title }).click();
  await expect(page.getByText(`${course.title} · 2 problems`)).toBeVisible();

  const rows = page.getByTestId("leaderboard").getByRole("row");
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(1)).toContainText(rival.name);
  await expect(rows.nth(1)).not.toHaveClass(/row-me/);
  const mine = rows.nth(2);
  await expect(mine).toContainText(me.name);
  await expect(mine).toContainText("you");
  await expect(mine).toContainText("25 min");
  await expect(mine).toHaveClass(/row-me/);
  await expect(mine).toHaveAttribute("aria-current", "true");
  // Names and numbers only.
  await expect(page.getByTestId("leaderboard")).not.toContainText("@");
  await page.getByText("How the ranking works").click();
  await expect(page.getByText("plus 20 minutes for each rejected submission")).toBeVisible();
  await screenshot(page, testInfo, "leaderboard-course");

  await page.goto(`/leaderboard?problem=${p.slug}`);
  await expect(page.getByRole("heading", { name: `Fastest accepted: ${p.title}` })).toBeVisible();
  await expect(page.getByTestId("leaderboard").locator("tr.row-me")).toContainText(me.name);
  await screenshot(page, testInfo, "leaderboard-problem");
});
