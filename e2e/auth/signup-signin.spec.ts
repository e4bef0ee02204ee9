import { expect, test, uniqueSuffix } from "../fixtures";

test("sign up lands on problems; sign out; wrong password shows an error; sign in works", async ({ page }) => {
  const email = `e2e-signup-${uniqueSuffix()}@test.coderunner`;
  const password = "a good long password";

  await page.goto("/");
  await page.getByRole("link", { name: "Create an account" }).click();
  await expect(page).toHaveURL(/\/signup$/);
  await page.getByLabel("Name").fill("Ada Lovelace");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel(/^Password/).fill(password);
  await page.getByRole("button", { name: "Sign up" }).click();

  await expect(page).toHaveURL(/\/problems$/);
  await expect(page.getByRole("heading", { name: "Problems" })).toBeVisible();
  await expect(page.getByTestId("current-user")).toContainText("Ada Lovelace");
  await page.getByTestId("current-user").click(); // the account menu
  await expect(page.getByTestId("user-menu-panel")).toContainText("Student");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Create an account" })).toBeVisible();
  await page.goto("/problems");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fproblems$/);

  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password." })).toBeVisible();
  await expect(page).toHaveURL(/\/signin/);

  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/problems$/);
  await expect(page.getByTestId("current-user")).toContainText("Ada Lovelace");
});

test("sign-up form shows field errors: short password and duplicate email", async ({ page }) => {
  const email = `e2e-dup-${uniqueSuffix()}@test.coderunner`;
  await page.goto("/signup");
  await page.getByLabel("Name").fill("Short Password");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel(/^Password/).fill("short");
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page.getByText("Password must be at least 8 characters.")).toBeVisible();

  await page.getByLabel(/^Password/).fill("long enough password");
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page).toHaveURL(/\/problems$/);
  await page.getByTestId("current-user").click(); // the account menu
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Create an account" })).toBeVisible();

  await page.goto("/signup");
  await page.getByLabel("Name").fill("Someone Else");
  await page.getByLabel("Email").fill(email.toUpperCase());
  await page.getByLabel(/^Password/).fill("another long password");
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page.getByText("An account with this email already exists.")).toBeVisible();
  await expect(page).toHaveURL(/\/signup$/);
});
