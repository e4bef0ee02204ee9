import { chromium } from "@playwright/test";
import fs from "node:fs";
const seed = JSON.parse(fs.readFileSync("/tmp/teacher-seed.json", "utf8"));
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"] });
const base = "http://localhost:3160";
for (const theme of ["dark", "light"]) {
  for (const width of [1280, 768]) {
    const ctx = await browser.newContext({ viewport: { width, height: 800 }, colorScheme: theme });
    const page = await ctx.newPage();
    await page.goto(base + "/signin");
    await page.getByLabel("Email").fill(seed.email);
    await page.getByLabel("Password").fill(seed.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL(/problems/);
    const pages = { home: "/teach", course: `/teach/courses/${seed.courseId}`, set: `/teach/sets/${seed.setId}`, problems: "/teach/problems", editor: `/teach/problems/${seed.slug}` };
    for (const [name, url] of Object.entries(pages)) {
      await page.goto(base + url);
      await page.evaluate((t) => document.documentElement.setAttribute("data-theme", t), theme);
      await page.waitForTimeout(1200);
      await page.screenshot({ path: `/tmp/teacher-${name}-${width}-${theme}.png`, fullPage: name === "editor" || name === "course" });
    }
    await ctx.close();
  }
}
await browser.close();
