import type { Page, TestInfo } from "@playwright/test";
import { compilerMarkers, editorInput, getCode, setCode, typeCode, waitForEditor } from "../editor";
import { createProblemWith, createUser, expect, seedAcceptedSubmissions, signIn, test } from "../fixtures";

// Verdict journeys need a worker on the same database and queue prefix (scripts/test.sh).
const withWorker = process.env.E2E_NO_WORKER !== "1";
const VERDICT_TIMEOUT = 60_000;

const STATEMENT = [
  "Read two integers $a$ and $b$ (with $a_i \\ne b_i$, $|a|, |b| \\le 10^9$) and print $a + b$.",
  "",
  "$$\\sum_{i=1}^{n} x_i^2$$",
].join("\n");

async function sumProblem(teacherId: string) {
  return createProblemWith(teacherId, {
    statement: STATEMENT,
    tests: [
      { input: "1 2\n", expectedOutput: "3\n", isSample: true },
      { input: "10 20\n", expectedOutput: "30\n", isSample: true },
      { input: "40 2\n", expectedOutput: "42\n" },
      { input: "-5 5\n", expectedOutput: "0\n" },
    ],
  });
}

/** A new student on the page of a new sum problem. */
async function openSumProblemAsStudent(page: Page) {
  const teacher = await createUser("TEACHER");
  const student = await createUser("STUDENT");
  const problem = await sumProblem(teacher.id);
  await signIn(page, student);
  await page.goto(`/problems/${problem.slug}`);
}

/** Screenshots of the main screens, attached to the report and kept under test-results/. */
async function snap(page: Page, testInfo: TestInfo, name: string) {
  const file = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  await testInfo.attach(name, { path: file, contentType: "image/png" });
}

const setTheme = (page: Page, theme: "light" | "dark") =>
  page.evaluate((t) => document.documentElement.setAttribute("data-theme", t), theme);

test.use({ viewport: { width: 1280, height: 800 } });

test("Run shows expected vs actual on a failing sample; Submit streams tests in order to Accepted with beats-X%", async ({
  page,
}, testInfo) => {
  test.skip(!withWorker, "needs a worker");
  const teacher = await createUser("TEACHER");
  const student = await createUser("STUDENT");
  const problem = await sumProblem(teacher.id);
  await seedAcceptedSubmissions(problem.id, "python", [
    { cpuMs: 400, peakKb: 90_000 },
    { cpuMs: 500, peakKb: 95_000 },
    { cpuMs: 5, peakKb: 1_000 },
  ]);

  await signIn(page, student);
  await page.getByRole("link", { name: problem.title }).click();
  await expect(page).toHaveTitle(`${problem.title} · CodeRunner`);
  await page.getByLabel("Language").selectOption("python");
  await waitForEditor(page);
  await expect(page.getByTestId("code-editor").locator(".monaco-editor .mtk1").first()).toBeVisible(); // tokenized
  await snap(page, testInfo, "problem-page");

  // Real typing: a wrong answer (difference instead of sum), run with Ctrl+Enter from the editor.
  await typeCode(page, ["a, b = map(int, input().split())", "print(a - b)"]);
  expect(await getCode(page)).toBe("a, b = map(int, input().split())\nprint(a - b)");
  await page.keyboard.press("ControlOrMeta+Enter");
  const samples = page.getByTestId("sample-result");
  await expect(samples).toHaveCount(2, { timeout: VERDICT_TIMEOUT });
  await expect(page.getByTestId("run-summary")).toHaveText("0 of 2 samples passed");
  const first = samples.first();
  await expect(first).toContainText("Failed · Wrong Answer");
  await expect(first.getByTestId("expected-output")).toContainText("3");
  await expect(first.getByTestId("actual-output")).toContainText("-1");
  await expect(first.getByTestId("actual-output").locator("[data-changed]")).toHaveText(/-1/);
  await expect(page.getByTestId("submission-result")).toBeInViewport();
  await snap(page, testInfo, "run-wrong-answer");

  // The fix, and Submit (button): Compiling/Running, then tests one by one in order.
  await typeCode(page, ["a, b = map(int, input().split())", "print(a + b)"]);
  // Record what the panel shows while judging: stages, and test rows in the order they appear.
  await page.evaluate(() => {
    const seen = { stages: [] as string[], rows: [] as string[] };
    (window as unknown as { __seen: typeof seen }).__seen = seen;
    new MutationObserver(() => {
      const stage = document.querySelector('[data-testid="stage"]')?.textContent;
      if (stage && seen.stages.at(-1) !== stage) seen.stages.push(stage);
      document.querySelectorAll('[data-testid="test-result"] td:first-child').forEach((cell) => {
        const id = cell.textContent!.trim().split(" ")[0]!;
        if (!seen.rows.includes(id)) seen.rows.push(id);
      });
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await page.getByRole("button", { name: "Submit", exact: true }).click();
  await expect(page.getByTestId("verdict")).toHaveText("Accepted", { timeout: VERDICT_TIMEOUT });
  const seen = await page.evaluate(() => (window as unknown as { __seen: { stages: string[]; rows: string[] } }).__seen);
  expect(seen.rows).toEqual(["#1", "#2", "#3", "#4"]);
  expect(seen.stages.join(" | ")).toMatch(/Queued|Compiling|Running tests/);
  const rows = page.getByTestId("test-result");
  await expect(rows).toHaveCount(4);
  expect((await rows.locator("td:first-child").allTextContents()).map((t) => t.trim().split(" ")[0])).toEqual(["#1", "#2", "#3", "#4"]);
  await expect(page.getByTestId("explanation")).toHaveText("Your program passed all 4 tests.");
  const stats = page.getByTestId("accepted-stats");
  await expect(stats).toContainText(
    /Faster than \d+(\.\d)? % and using less memory than \d+(\.\d)? % of 3 other accepted submissions in Python 3/,
  );
  await expect(stats.locator(".recharts-bar-rectangle").first()).toBeVisible();
  await stats.scrollIntoViewIfNeeded();
  await snap(page, testInfo, "submit-accepted");

  // The attempt is listed, and its code loads back into the editor.
  await setCode(page, "print('scratch')\n");
  await expect(page.getByTestId("past-attempts").getByRole("row")).toHaveCount(2);
  await page
    .getByRole("button", { name: /Load this code/ })
    .first()
    .click();
  await expect.poll(() => getCode(page)).toBe("a, b = map(int, input().split())\nprint(a + b)");

  // The submission page: exact code, highlighted, and per-test results.
  await page.getByRole("link", { name: "Open this submission" }).click();
  await expect(page.getByTestId("code-editor").locator(".monaco-editor")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("code-editor")).toContainText("print(a + b)");
  await expect(page.getByTestId("test-result")).toHaveCount(4);
  await snap(page, testInfo, "submission-detail");
});

test("a compile error is marked on the line it names, without Time 0 ms / Memory 0 KiB", async ({ page }, testInfo) => {
  test.skip(!withWorker, "needs a worker");
  await openSumProblemAsStudent(page);
  await page.getByLabel("Language").selectOption("python");
  await setCode(page, "a, b = map(int, input().split())\nif a > b\n    print(a + b)\nelse:\n    print(a + b)\n");
  await page.getByRole("button", { name: "Submit", exact: true }).click();
  await expect(page.getByTestId("verdict")).toHaveText("Compilation Error", { timeout: VERDICT_TIMEOUT });
  await expect(page.getByTestId("compile-output")).toContainText("SyntaxError");
  await expect(page.getByTestId("submission-result")).not.toContainText("0 ms");
  await expect(page.getByTestId("submission-result")).not.toContainText("0 KiB");
  await expect
    .poll(async () => (await compilerMarkers(page)).map((m) => [m.startLineNumber, m.message]))
    .toEqual([[2, "SyntaxError: expected ':'"]]);
  await snap(page, testInfo, "compile-error");
  await expect(page.getByTestId("code-editor").locator(".squiggly-error")).toHaveCount(1);
});

test("partial credit: points per test, the score in words; a file upload; reset asks first", async ({ page }, testInfo) => {
  test.skip(!withWorker, "needs a worker");
  const teacher = await createUser("TEACHER");
  const student = await createUser("STUDENT");
  const problem = await createProblemWith(teacher.id, {
    statement: "Print $a + b$.",
    scoringMode: "POINTS",
    tests: [
      { input: "1 2\n", expectedOutput: "3\n", isSample: true, points: 1 },
      { input: "40 2\n", expectedOutput: "42\n", points: 2 },
      { input: "500 1\n", expectedOutput: "501\n", points: 3 },
    ],
  });
  await signIn(page, student);
  await page.goto(`/problems/${problem.slug}`);
  await expect(page.getByText("Partial credit: points per test")).toBeVisible();
  await waitForEditor(page);

  // Upload picks the language from the file name.
  const wrongForBig = "a, b = map(int, input().split())\nprint(a + b if a < 100 else 0)\n";
  await page.getByLabel("Upload file").setInputFiles({ name: "solution.py", mimeType: "text/x-python", buffer: Buffer.from(wrongForBig) });
  await expect(page.getByLabel("Language")).toHaveValue("python");
  await expect.poll(() => getCode(page)).toBe(wrongForBig);

  await page.keyboard.press("ControlOrMeta+Shift+Enter");
  await expect(page.getByTestId("verdict")).toHaveText("Wrong Answer", { timeout: VERDICT_TIMEOUT });
  await expect(page.getByTestId("score")).toHaveText("Score 3 / 6");
  await expect(page.getByTestId("test-points")).toHaveText(["1 / 1", "2 / 2", "0 / 3"]);
  await expect(page.getByTestId("explanation")).toHaveText(
    "Your program's output on test 3 is not the expected answer. You scored 3 of 6 points.",
  );
  // A hidden test's output stays hidden.
  await expect(page.getByTestId("submission-result")).not.toContainText("501");
  await snap(page, testInfo, "submit-partial");

  await page.getByRole("button", { name: "Reset to starter code" }).click();
  const dialog = page.getByRole("dialog", { name: "Reset to the starter code?" });
  await dialog.getByRole("button", { name: "Reset" }).click();
  await expect(dialog).toBeHidden();
  await expect.poll(() => getCode(page)).toContain("# your code here");
});

test("math renders with one KaTeX: real subscripts and ≠", async ({ page }) => {
  await openSumProblemAsStudent(page);
  const statement = page.locator(".problem-statement");
  await expect(statement.locator(".katex-mathml", { hasText: "≠" })).toHaveCount(1);
  await expect(statement.locator(".katex-error")).toHaveCount(0);
  // The stylesheet matches the renderer: a subscript is drawn smaller than its base letter.
  const sizes = await statement
    .locator(".katex .msupsub")
    .first()
    .evaluate((sub) => {
      const base = sub.parentElement!.querySelector(".mord.mathnormal")!;
      const inner = sub.querySelector(".mord")!;
      return { base: base.getBoundingClientRect().height, sub: inner.getBoundingClientRect().height };
    });
  expect(sizes.sub).toBeLessThan(sizes.base * 0.85);
});

for (const theme of ["light", "dark"] as const) {
  for (const width of [1280, 768]) {
    test(`the editor follows the ${theme} theme at ${width} px`, async ({ page }, testInfo) => {
      await page.setViewportSize({ width, height: 800 });
      await openSumProblemAsStudent(page);
      await waitForEditor(page);
      await setTheme(page, theme);
      const monaco = page.getByTestId("code-editor").locator(".monaco-editor");
      await expect(monaco).toHaveClass(theme === "dark" ? /\bvs-dark\b/ : /(^|\s)vs(\s|$)/);
      // Stacked below 1024 px: the editor comes after the statement, not beside it.
      const statementBox = (await page.locator(".problem-statement").boundingBox())!;
      const editorBox = (await page.getByTestId("code-editor").boundingBox())!;
      if (width < 1024) expect(editorBox.y).toBeGreaterThan(statementBox.y + statementBox.height - 1);
      else expect(editorBox.x).toBeGreaterThan(statementBox.x + statementBox.width - 1);
      await snap(page, testInfo, `problem-${theme}-${width}`);
    });
  }
}

test("the theme also follows prefers-color-scheme when the page sets none", async ({ browser }) => {
  const teacher = await createUser("TEACHER");
  const student = await createUser("STUDENT");
  const problem = await sumProblem(teacher.id);
  const context = await browser.newContext({ colorScheme: "light", viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await signIn(page, student);
  await page.goto(`/problems/${problem.slug}`);
  await waitForEditor(page);
  const monaco = page.getByTestId("code-editor").locator(".monaco-editor");
  await expect(monaco).toHaveClass(/(^|\s)vs(\s|$)/);
  await page.emulateMedia({ colorScheme: "dark" });
  await expect(monaco).toHaveClass(/\bvs-dark\b/);
  await context.close();
});

test("keyboard only: through the problem page, into and out of the editor, Run with Ctrl+Enter", async ({ page }, testInfo) => {
  await openSumProblemAsStudent(page);
  await waitForEditor(page);

  // Tab from the copy buttons of the samples reaches the toolbar, then the editor.
  await page.getByRole("button", { name: "Copy sample output 2" }).focus();
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Language")).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Font size")).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Upload file")).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Reset to starter code" })).toBeFocused();

  // Reset asks first; Escape cancels and keeps the code.
  await page.keyboard.press("Enter");
  await expect(page.getByRole("dialog", { name: "Reset to the starter code?" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toBeHidden();

  await page.getByLabel("Language").focus();
  await page.keyboard.press("ArrowDown"); // a select changes with arrows, no mouse needed
  await page.getByLabel("Language").selectOption("python");
  await page.getByRole("button", { name: "Reset to starter code" }).focus();
  await page.keyboard.press("Tab");
  await expect(editorInput(page)).toBeFocused();
  await expect(editorInput(page)).toHaveAttribute("aria-describedby", "editor-keys");
  await expect(page.locator("#editor-keys")).toContainText("Esc then Tab");
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type("print(sum(map(int, input().split())))", { delay: 20 });
  expect(await getCode(page)).toBe("print(sum(map(int, input().split())))");
  await page.keyboard.press("Home"); // (not Escape: Escape, then Tab, leaves the editor)
  // Tab inside the editor indents: it does not leave.
  await page.keyboard.press("Tab");
  await expect(editorInput(page)).toBeFocused();
  await page.keyboard.press("Shift+Tab");
  // Esc, then Tab: focus moves on to the next control after the editor.
  await page.keyboard.press("Escape");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Custom input" })).toBeFocused();
  // ... and Esc, Shift+Tab goes back before it.
  await editorInput(page).focus();
  await page.keyboard.press("Escape");
  await page.keyboard.press("Shift+Tab");
  await expect(page.getByRole("button", { name: "Reset to starter code" })).toBeFocused();

  // Custom input by keyboard, then Ctrl+Enter from outside the editor runs.
  await page.keyboard.press("Tab");
  await page.keyboard.press("Escape");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(page.getByLabel(/Custom input/)).toBeVisible();
  await page.getByLabel(/Custom input/).focus();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type("20 22");
  await page.keyboard.press("ControlOrMeta+Enter");
  if (withWorker) {
    await expect(page.getByTestId("run-summary")).toHaveText("2 of 2 samples passed", { timeout: VERDICT_TIMEOUT });
    await expect(page.getByTestId("run-output")).toHaveText("42");
  } else {
    await expect(page.getByTestId("stage")).toBeVisible();
  }
  await expect(page.getByTestId("submission-result")).toBeInViewport();
  await snap(page, testInfo, "keyboard-run");
});
