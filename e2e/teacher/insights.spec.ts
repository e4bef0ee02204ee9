import { readFile } from "node:fs/promises";
import {
  createCourse,
  createProblemSet,
  createSumProblem,
  createUser,
  enroll,
  expect,
  insertSubmission,
  screenshot,
  signIn,
  test,
} from "../fixtures";

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

test("a teacher reads the class progress, a problem's statistics and the gradebook CSV", async ({ page, browser }, testInfo) => {
  const teacher = await createUser("TEACHER");
  const [ann, bob] = [await createUser("STUDENT"), await createUser("STUDENT")];
  const p1 = await createSumProblem(teacher.id);
  const p2 = await createSumProblem(teacher.id);
  const course = await createCourse(teacher.id, [p1.id, p2.id]);
  for (const s of [ann, bob]) await enroll(course.id, s.id);
  await createProblemSet(course.id, "Week 1", [p1.id, p2.id], minutesAgo(60));
  // Ann solves p1 in time at the second try; Bob solves it after the due date; Ann tries p2; Bob never does.
  await insertSubmission({ userId: ann.id, problemId: p1.id, verdict: "WA", createdAt: minutesAgo(180) });
  await insertSubmission({ userId: ann.id, problemId: p1.id, verdict: "AC", createdAt: minutesAgo(170) });
  await insertSubmission({ userId: bob.id, problemId: p1.id, verdict: "AC", createdAt: minutesAgo(10), language: "cpp" });
  await insertSubmission({ userId: ann.id, problemId: p2.id, verdict: "TLE", createdAt: minutesAgo(120) });

  await signIn(page, teacher);
  await page.goto(`/teach/courses/${course.id}`);
  await page.getByRole("link", { name: "Class progress" }).click();
  await expect(page.getByRole("heading", { name: "Class progress" })).toBeVisible();

  const matrix = page.getByTestId("progress-matrix");
  const annRow = matrix.getByRole("row").filter({ has: page.getByRole("rowheader", { name: ann.name }) });
  const bobRow = matrix.getByRole("row").filter({ has: page.getByRole("rowheader", { name: bob.name }) });
  await expect(annRow.getByRole("cell")).toHaveText([/^1\/2$/, /Solved\s*2 tries/, /Tried\s*1 try/]);
  await expect(bobRow.getByRole("cell")).toHaveText([/^1\/2$/, /SolvedLate\s*1 try/, /Not started/]);
  await expect(matrix.getByRole("columnheader", { name: new RegExp(p1.title) })).toBeVisible();
  // A cell opens that student's submissions to that problem.
  const cellLink = annRow.getByRole("link", { name: /Solved/ });
  await expect(cellLink).toHaveAttribute("href", `/teach/submissions?course=${course.id}&student=${ann.id}&problem=${p1.slug}`);

  // Least progress first: both solved one problem, but only Ann tried the other.
  await page.getByRole("combobox", { name: /^Sort/ }).selectOption("least");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/sort=least/);
  await expect(matrix.locator("tbody").getByRole("rowheader")).toHaveText([new RegExp(bob.name), new RegExp(ann.name)]);

  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    for (const width of [1280, 768]) {
      await page.setViewportSize({ width, height: 800 });
      await screenshot(page, testInfo, `progress-${colorScheme}-${width}`);
    }
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.emulateMedia({ colorScheme: "light" });

  // The gradebook, downloaded as a file.
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download gradebook (CSV)" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^gradebook-Course-[0-9a-f]+-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await readFile((await download.path())!);
  expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = csv.toString("utf8").slice(1).trimEnd().split("\r\n");
  expect(lines[0]).toBe(
    [
      "Name,Email,Solved",
      ...[p1.slug, p2.slug].map((s) => `${s}: best score,${s}: solved,${s}: attempts,${s}: first accepted (UTC),${s}: late`),
    ].join(","),
  );
  const rowOf = (email: string) => lines.find((l) => l.includes(`,${email},`))!.split(",");
  const annCsv = rowOf(ann.email);
  const bobCsv = rowOf(bob.email);
  expect(annCsv.slice(2, 8)).toEqual(["1", "", "yes", "2", annCsv[6]!, "no"]);
  expect(new Date(annCsv[6]!).getTime()).toBeLessThan(Date.now() - 60 * 60_000);
  expect(annCsv.slice(8)).toEqual(["", "no", "1", "", "no"]);
  expect(bobCsv.slice(3, 8)).toEqual(["", "yes", "1", bobCsv[6]!, "yes"]);
  expect(bobCsv[6]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  expect(bobCsv.slice(8)).toEqual(["", "no", "0", "", ""]);
  expect(lines).toHaveLength(3);

  // A student of the course gets no gradebook.
  const studentContext = await browser.newContext();
  const studentPage = await studentContext.newPage();
  await signIn(studentPage, ann);
  const refused = await studentPage.request.get(`/teach/courses/${course.id}/gradebook.csv`);
  expect(refused.status()).toBe(403);
  expect(await refused.text()).toBe("Only teachers can do this.");
  await studentContext.close();

  // A problem's statistics, from its column header.
  await matrix
    .getByRole("columnheader", { name: new RegExp(p1.title) })
    .getByRole("link")
    .click();
  await expect(page.getByRole("heading", { name: `Statistics: ${p1.title}` })).toBeVisible();
  const tiles = page.getByTestId("problem-stats");
  await expect(tiles).toContainText("Submissions3");
  await expect(tiles).toContainText("Students tried2");
  await expect(tiles).toContainText("Solved2");
  await expect(page.getByLabel("Course")).toHaveValue(course.id);
  for (const chart of ["verdict-chart", "attempts-chart", "language-chart", "resource-charts-python", "resource-charts-cpp"]) {
    await expect(page.getByTestId(chart).locator("svg.recharts-surface").first()).toBeVisible();
  }
  await expect(page.getByTestId("verdict-chart")).toContainText("Accepted: 2");
  await expect(page.getByTestId("verdict-chart")).toContainText("Wrong Answer: 1");
  await expect(page.getByTestId("language-table").getByRole("row")).toHaveCount(3);
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    for (const width of [1280, 768]) {
      await page.setViewportSize({ width, height: 800 });
      await screenshot(page, testInfo, `stats-${colorScheme}-${width}`);
    }
  }
});
