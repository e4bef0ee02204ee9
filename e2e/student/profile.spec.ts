import { createSumProblem, createUser, expect, insertSubmission, screenshot, signIn, test } from "../fixtures";

test("profile: solved count and activity, password change with field errors, then sign in with the new password", async ({
  page,
}, testInfo) => {
  const teacher = await createUser("TEACHER");
  const student = await createUser("STUDENT");
  const problem = await createSumProblem(teacher.id);
  await insertSubmission({ userId: student.id, problemId: problem.id, verdict: "WA" });
  await insertSubmission({ userId: student.id, problemId: problem.id, verdict: "AC" });

  await signIn(page, student);
  await page.getByTestId("current-user").click();
  await page.getByRole("link", { name: "Profile" }).click();
  await expect(page.getByRole("heading", { name: student.name, level: 1 })).toBeVisible();
  await expect(page.getByTestId("solved-count")).toHaveText("1");
  const today = new Date().toISOString().slice(0, 10);
  await expect(page.locator(`[data-day="${today}"]`)).toHaveAttribute("title", `2 submissions on ${today}`);
  await expect(page.getByTestId("heatmap")).toHaveAttribute("aria-label", /2 submissions on 1 days/);
  await screenshot(page, testInfo, "profile");

  const current = page.getByLabel("Current password");
  const next = page.getByLabel("New password", { exact: true });
  const repeat = page.getByLabel("Repeat the new password");
  // Wrong current password: the server's message sits under that field, which gets the focus.
  await current.fill("not-my-password");
  await next.fill("brand-new-password");
  await repeat.fill("brand-new-password");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Your current password is not correct.")).toBeVisible();
  await expect(current).toHaveAttribute("aria-invalid", "true");
  await expect(current).toHaveAttribute("aria-describedby", "currentPassword-error");
  await expect(current).toHaveAccessibleDescription("Your current password is not correct.");
  await expect(next).toHaveAttribute("aria-describedby", "newPassword-hint");
  await expect(current).toBeFocused();
  // Mismatch is caught before sending, focus on the first invalid field.
  await current.fill(student.password);
  await repeat.fill("something-else");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("The two new passwords do not match.")).toBeVisible();
  await expect(repeat).toBeFocused();

  await repeat.fill("brand-new-password");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Password changed.")).toBeVisible();

  await page.getByTestId("current-user").click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Create an account" })).toBeVisible();
  await signIn(page, { email: student.email, password: "brand-new-password" });
});
