// Token lifecycle from the settings page: create (shown once, with scopes), use, revoke.
import { createSumProblem, createUser, expect, signIn, test } from "../fixtures";
import { bearer, db } from "./support";

test("a student creates a read-only token, uses it, sees it used, and revokes it", async ({ page, request }) => {
  const teacher = await createUser("TEACHER");
  const problem = await createSumProblem(teacher.id);
  const student = await createUser("STUDENT");
  await signIn(page, student);
  await page.goto("/settings/tokens");
  await expect(page.getByRole("heading", { name: "API tokens" })).toBeVisible();
  await expect(page.getByText("No tokens yet.")).toBeVisible();

  // Invalid: no name.
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Give the token a name." })).toBeVisible();

  await page.getByLabel("Name").fill("Grading script");
  await page.getByRole("checkbox", { name: /Submit/ }).uncheck();
  await page.getByRole("button", { name: "Create token" }).click();
  const shown = page.getByTestId("new-token");
  await expect(shown).toBeVisible();
  const secret = (await shown.textContent())!.trim();
  expect(secret).toMatch(/^cr_[A-Za-z0-9_-]{43}$/);
  const row = page.getByRole("row", { name: /Grading script/ });
  await expect(row).toContainText("read");
  await expect(row).not.toContainText("submit");
  await expect(row).toContainText("Never");
  await expect(row).toContainText(secret.slice(0, 9));
  await page.screenshot({ path: "test-results/api-tokens-created.png", fullPage: true });

  // Stored hashed: the secret itself is nowhere in the database.
  const stored = await db.apiToken.findMany({ where: { userId: student.id } });
  expect(stored).toHaveLength(1);
  expect(JSON.stringify(stored)).not.toContain(secret);

  // Use it: reading works, submitting needs the submit scope.
  expect((await request.get("/api/v1/problems", { headers: bearer(secret) })).status()).toBe(200);
  const submit = await request.post("/api/v1/submissions", {
    headers: bearer(secret),
    data: { problem: problem.slug, language: "python", source: "print(3)" },
  });
  expect(submit.status()).toBe(403);

  // The secret is not shown again after a reload; the list shows when it was last used.
  await page.reload();
  await expect(page.getByTestId("new-token")).toHaveCount(0);
  await expect(page.getByRole("row", { name: /Grading script/ })).not.toContainText("Never");

  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: "Revoke Grading script" }).click();
  await expect(page.getByText("No tokens yet.")).toBeVisible();
  const revoked = await request.get("/api/v1/problems", { headers: bearer(secret) });
  expect(revoked.status()).toBe(401);
  expect((await revoked.json()).error.message).toContain("revoked");
});

test("the API docs page shows the generated reference and the guide", async ({ page }) => {
  await page.goto("/docs/api");
  await expect(page.getByRole("heading", { name: "CodeRunner API", level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: /POST\s+\/api\/v1\/submissions/ })).toBeVisible();
  await expect(page.getByRole("link", { name: "/api/v1/openapi.json" })).toBeVisible();
  await expect(page.getByRole("heading", { name: /Piston/ }).first()).toBeVisible();
  await expect(page.getByRole("heading", { name: /Judge0/ }).first()).toBeVisible();
});
