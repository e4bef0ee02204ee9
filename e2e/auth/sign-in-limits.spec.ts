import { createUser, expect, test } from "../fixtures";

// The account limit (RATE_LIMIT_SIGNIN_ACCOUNT, default 10 per 5 minutes) counts every attempt.
const ACCOUNT_LIMIT = 10;

test("too many sign-in attempts: 429 with Retry-After, and the form says how long to wait", async ({ page }) => {
  const user = await createUser();
  const attempt = async (password: string) => {
    const { csrfToken } = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    return page.request.post("/api/auth/callback/credentials", {
      form: { email: user.email, password, csrfToken, json: "true" },
      maxRedirects: 0,
    });
  };
  for (let i = 0; i < ACCOUNT_LIMIT; i++) expect((await attempt("wrong password")).status()).toBe(401);

  const refused = await attempt(user.password);
  expect(refused.status()).toBe(429);
  expect(Number(refused.headers()["retry-after"])).toBeGreaterThan(0);

  // Even the right password is refused now, with a message rather than "wrong password".
  await page.goto("/signin");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  const alert = page.locator("form").getByRole("alert");
  await expect(alert).toHaveText(/^Too many sign-in attempts\. Please wait \d+ (s|minutes) and try again\.$/);
  await expect(page).toHaveURL(/\/signin/);
  await page.screenshot({ path: "/tmp/web-signin-limited.png" });
});

test("a refused GitHub sign-in comes back to the form with the reason", async ({ page }) => {
  await page.goto("/signin?error=GitHubEmailUnverified");
  await expect(page.locator("form").getByRole("alert")).toHaveText(/GitHub did not confirm a verified email address/);
});
