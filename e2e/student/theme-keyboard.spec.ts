import type { Page } from "@playwright/test";
import { createUser, expect, screenshot, signIn, test } from "../fixtures";

const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
const isDark = (rgb: string) => {
  const [r, g, b] = rgb.match(/\d+/g)!.map(Number);
  return r! + g! + b! < 3 * 128;
};

test.describe("themes", () => {
  test.use({ colorScheme: "light" });

  test("follows the system until the user picks one; the choice survives a reload without a flash", async ({ page }, testInfo) => {
    const student = await createUser("STUDENT");
    await signIn(page, student);
    expect(await page.evaluate(() => document.documentElement.getAttribute("data-theme"))).toBeNull();
    expect(isDark(await background(page))).toBe(false);
    await screenshot(page, testInfo, "problems-light");

    await page.getByTestId("current-user").click();
    await page.getByRole("radio", { name: "Dark" }).check();
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    expect(isDark(await background(page))).toBe(true);

    // The inline script sets the attribute before the first paint: already there at DOMContentLoaded.
    await page.reload({ waitUntil: "commit" });
    await page.waitForEvent("domcontentloaded");
    expect(await page.evaluate(() => document.documentElement.getAttribute("data-theme"))).toBe("dark");
    await expect(page.getByRole("heading", { name: "Problems" })).toBeVisible();
    await screenshot(page, testInfo, "problems-dark");

    await page.getByTestId("current-user").click();
    await expect(page.getByRole("radio", { name: "Dark" })).toBeChecked();
    await page.getByRole("radio", { name: "Light" }).check();
    await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
    await page.getByRole("radio", { name: "System" }).check();
    expect(await page.evaluate(() => document.documentElement.getAttribute("data-theme"))).toBeNull();
    expect(await page.evaluate(() => localStorage.getItem("coderunner-theme"))).toBeNull();
  });
});

test("the header works with the keyboard alone: skip link, navigation, account menu", async ({ page }) => {
  const student = await createUser("STUDENT");
  await signIn(page, student);
  await page.goto("/submissions");

  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(page.locator("main#main")).toBeFocused();

  // From the top again: skip link, brand, then the four sections in order.
  await page.goto("/submissions");
  const order = ["Skip to content", "CodeRunner", "Problems", "Courses", "Submissions", "Leaderboard"];
  for (const name of order) {
    await page.keyboard.press("Tab");
    await expect(page.getByRole("link", { name, exact: true }).first()).toBeFocused();
  }
  await expect(page.getByRole("link", { name: "Submissions", exact: true })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("link", { name: "Problems", exact: true })).not.toHaveAttribute("aria-current", "page");

  // The account menu: Enter opens it, Tab walks into it, Escape closes it and returns focus.
  await page.keyboard.press("Tab");
  const menuButton = page.getByTestId("current-user");
  await expect(menuButton).toBeFocused();
  await expect(menuButton).toHaveAttribute("aria-expanded", "false");
  await page.keyboard.press("Enter");
  await expect(menuButton).toHaveAttribute("aria-expanded", "true");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Profile" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("user-menu-panel")).toBeHidden();
  await expect(menuButton).toBeFocused();

  // Keyboard all the way to the profile page.
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/profile$/);
});
