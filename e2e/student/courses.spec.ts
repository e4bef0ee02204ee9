import { createCourse, createSumProblem, createUser, expect, insertSubmission, screenshot, signIn, test } from "../fixtures";

test("a student joins a course with its code in lowercase without the dash and sees its problems with progress", async ({
  page,
}, testInfo) => {
  const teacher = await createUser("TEACHER");
  const student = await createUser("STUDENT");
  const [first, second, third] = [
    await createSumProblem(teacher.id),
    await createSumProblem(teacher.id),
    await createSumProblem(teacher.id),
  ];
  const course = await createCourse(teacher.id, [first.id, second.id, third.id]);
  await insertSubmission({ userId: student.id, problemId: second.id, verdict: "AC" });
  await insertSubmission({ userId: student.id, problemId: third.id, verdict: "WA" });

  await signIn(page, student);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Courses" }).click();
  await expect(page.getByRole("heading", { name: "Courses", level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: "Courses" })).toHaveAttribute("aria-current", "page");

  // A wrong code: the message is tied to the field, which keeps the focus.
  const code = page.getByLabel("Join code");
  await code.fill("nope-nope");
  await page.getByRole("button", { name: "Join course" }).click();
  await expect(page.getByText("No course has this join code.")).toBeVisible();
  await expect(code).toHaveAttribute("aria-invalid", "true");
  await expect(code).toHaveAttribute("aria-describedby", "joinCode-error");
  await expect(code).toBeFocused();

  await code.fill(course.joinCode.toLowerCase());
  await page.getByRole("button", { name: "Join course" }).click();
  await expect(page.getByRole("status")).toContainText(`You joined ${course.title}`);
  const card = page.getByRole("listitem").filter({ hasText: course.title });
  await expect(card).toContainText("1 of 3 solved, 1 attempted");
  await screenshot(page, testInfo, "courses");

  await card.getByRole("link", { name: course.title }).click();
  await expect(page.getByRole("heading", { name: course.title })).toBeVisible();
  const rows = page.getByTestId("course-problems").getByRole("row");
  await expect(rows).toHaveCount(4); // header + three problems, in the course's order
  await expect(rows.nth(1)).toContainText(first.title);
  await expect(rows.nth(1)).toContainText("New");
  await expect(rows.nth(2)).toContainText(second.title);
  await expect(rows.nth(2)).toContainText("Solved");
  await expect(rows.nth(3)).toContainText(third.title);
  await expect(rows.nth(3)).toContainText("Attempted");
  await screenshot(page, testInfo, "course-page");

  // The problem list filters by that course.
  await page.goto(`/problems?course=${course.id}&status=new`);
  await expect(page.getByRole("link", { name: first.title, exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: second.title, exact: true })).toHaveCount(0);
  await screenshot(page, testInfo, "problems-filtered");
});
