import { cp, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { strToU8, zipSync } from "fflate";
import { afterAll, describe, expect, it } from "vitest";
import { createUser, uniqueSuffix } from "../../../test/factories";
import { db } from "../db";
import { AppError } from "../errors";
import { ARCHIVE_LIMITS, folderEntries, readZipEntries } from "./problem-archive";
import { exportProblemArchive, importProblemArchive, importProblemFolder, importProblemFromDirectory } from "./problem-import-service";

const PROBLEMS = path.resolve(import.meta.dirname, "../../../problems");
const scratch: string[] = [];
afterAll(() => Promise.all(scratch.map((d) => rm(d, { recursive: true, force: true }))));

/** A copy of a package under problems/ with a unique slug, optionally edited. */
async function copyPackage(name: string, edit?: (dir: string) => Promise<void>) {
  const parent = await mkdtemp(path.join(os.tmpdir(), "import-test-"));
  scratch.push(parent);
  const dir = path.join(parent, `${name}-${uniqueSuffix()}`);
  await cp(path.join(PROBLEMS, name), dir, { recursive: true });
  await edit?.(dir);
  return dir;
}

async function expectRefusal(promise: Promise<unknown>, message: string | RegExp) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).message).toMatch(message);
}

const minimal = (slug: string, extra: Record<string, Uint8Array> = {}) =>
  zipSync({
    [`${slug}/problem.yaml`]: strToU8("name: Tiny\n"),
    [`${slug}/statement/problem.md`]: strToU8("# Tiny\nEcho.\n"),
    [`${slug}/data/sample/1.in`]: strToU8("1\n"),
    [`${slug}/data/sample/1.ans`]: strToU8("1\n"),
    [`${slug}/data/secret/1.in`]: strToU8("2\n"),
    [`${slug}/data/secret/1.ans`]: strToU8("2\n"),
    ...extra,
  });

/** Rewrites the central-directory entry of `name` as a Unix symlink. */
function markSymlink(zip: Uint8Array, name: string): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  for (let i = 0; i < out.length - 46; i++) {
    if (view.getUint32(i, true) !== 0x02014b50) continue;
    const nameLength = view.getUint16(i + 28, true);
    if (new TextDecoder().decode(out.subarray(i + 46, i + 46 + nameLength)) === name) {
      view.setUint16(i + 4, (3 << 8) | 20, true);
      view.setUint32(i + 38, (0o120777 << 16) >>> 0, true);
    }
  }
  return out;
}

describe("import: good packages", () => {
  it("imports every package under problems/ with its tests and reference solutions", async () => {
    const teacher = await createUser(db, { role: "TEACHER" });
    const names = (await readdir(PROBLEMS, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      const dir = await copyPackage(name);
      const result = await importProblemFromDirectory(db, teacher, dir);
      const row = await db.problem.findUniqueOrThrow({
        where: { slug: result.slug },
        include: { tests: true, references: true },
      });
      expect(row).toMatchObject({ authorId: teacher.id, visibility: "HIDDEN" });
      expect(row.tests.length).toBe(result.tests);
      expect(row.tests.some((t) => t.isSample)).toBe(true);
      expect(row.references.length).toBe(result.references);
      expect(row.references.some((r) => r.expectedVerdict === "AC")).toBe(true);
    }
  });

  it("an export imports back as the same problem", async () => {
    const teacher = await createUser(db, { role: "TEACHER" });
    const original = await importProblemFromDirectory(db, teacher, await copyPackage("circle-area"));
    const pick = (slug: string) =>
      db.problem.findUniqueOrThrow({
        where: { slug },
        select: {
          title: true,
          statement: true,
          timeLimitMs: true,
          memoryLimitMb: true,
          checkerKind: true,
          checkerOptions: true,
          scoringMode: true,
          tests: { orderBy: { position: "asc" }, select: { input: true, expectedOutput: true, isSample: true, points: true } },
          references: { orderBy: { name: "asc" }, select: { language: true, source: true, expectedVerdict: true } },
        },
      });
    const before = await pick(original.slug);
    const { zip } = await exportProblemArchive(db, teacher, original.slug);
    await expectRefusal(importProblemArchive(db, teacher, zip), "already exists");
    const again = await importProblemArchive(db, teacher, zip, { replace: true });
    expect(again.slug).toBe(original.slug);
    expect(await pick(original.slug)).toEqual(before);
    const other = await createUser(db, { role: "TEACHER" });
    await expectRefusal(importProblemArchive(db, other, zip, { replace: true }), "Only the problem's author");
    expect(before.tests.length).toBe(original.tests);
  });
});

describe("import: broken packages say which file is wrong", () => {
  const teacher = () => createUser(db, { role: "TEACHER" });

  it("no time limit in problem.yaml: imported with the default and a warning to derive it", async () => {
    const dir = await copyPackage("circle-area", (d) => writeFile(path.join(d, "problem.yaml"), "name: No limit\n"));
    const result = await importProblemFromDirectory(db, await teacher(), dir);
    expect(result.timeLimitMs).toBe(1000);
    expect(result.warnings.join("\n")).toMatch(/sets no time limit/);
  });

  it("an .in without .ans", async () => {
    const dir = await copyPackage("circle-area", (d) => writeFile(path.join(d, "data/secret/99-lonely.in"), "1\n"));
    await expectRefusal(importProblemFromDirectory(db, await teacher(), dir), /99-lonely/);
  });

  it("limits out of range", async () => {
    const dir = await copyPackage("circle-area", (d) => writeFile(path.join(d, "problem.yaml"), "name: X\nlimits:\n  time_limit: 999\n"));
    await expectRefusal(importProblemFromDirectory(db, await teacher(), dir), /problem\.yaml: time limit must be/);
  });

  it("broken YAML", async () => {
    const dir = await copyPackage("circle-area", (d) => writeFile(path.join(d, "problem.yaml"), "name: [unclosed\n"));
    await expectRefusal(importProblemFromDirectory(db, await teacher(), dir), /problem\.yaml/);
  });

  it("an unsupported problem type (interactive)", async () => {
    const dir = await copyPackage("circle-area", (d) =>
      writeFile(path.join(d, "problem.yaml"), "name: X\nvalidation: custom interactive\n"),
    );
    await expectRefusal(importProblemFromDirectory(db, await teacher(), dir), /interactive/);
    const multi = await copyPackage("circle-area", (d) => writeFile(path.join(d, "problem.yaml"), "name: X\ntype: multi-pass\n"));
    await expectRefusal(importProblemFromDirectory(db, await teacher(), multi), /multi-pass/);
  });

  it("a student cannot import", async () => {
    const student = await createUser(db);
    await expectRefusal(importProblemArchive(db, student, minimal("tiny")), "Only teachers");
  });
});

describe("import: crafted archives", () => {
  it("a small good zip imports; files at the root take the archive's name", async () => {
    const t = await createUser(db, { role: "TEACHER" });
    const slug = `tiny-${uniqueSuffix()}`;
    expect((await importProblemArchive(db, t, minimal(slug))).slug).toBe(slug);
    const flat = zipSync({
      "problem.yaml": strToU8("name: Flat\n"),
      "statement/problem.md": strToU8("Flat.\n"),
      "data/sample/1.in": strToU8("1\n"),
      "data/sample/1.ans": strToU8("1\n"),
      "data/secret/1.in": strToU8("1\n"),
      "data/secret/1.ans": strToU8("1\n"),
    });
    const flatSlug = `flat-${uniqueSuffix()}`;
    expect((await importProblemArchive(db, t, flat, { fileName: `${flatSlug}.zip` })).slug).toBe(flatSlug);
  });

  it("path traversal and absolute paths are refused", () => {
    expect(() => readZipEntries(zipSync({ "p/../../evil.txt": strToU8("x") }))).toThrow(/leaving the package/);
    expect(() => readZipEntries(zipSync({ "/etc/evil": strToU8("x") }))).toThrow(/absolute/);
  });

  it("a symlink entry is refused", () => {
    const zip = markSymlink(minimal("tiny", { "tiny/data/secret/2.in": strToU8("/etc/passwd") }), "tiny/data/secret/2.in");
    expect(() => readZipEntries(zip)).toThrow(/symbolic links/);
  });

  it("a zip bomb stops at the cap on inflated bytes", () => {
    const bomb = zipSync({ "b/data/secret/1.in": new Uint8Array(64 * 1024 * 1024) }, { level: 9 });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(() => readZipEntries(bomb, { ...ARCHIVE_LIMITS, extractedBytes: 8 * 1024 * 1024 })).toThrow(/unpacks to more than 8 MiB/);
  });

  it("an archive over the size cap, too many entries, or not a zip at all", () => {
    expect(() => readZipEntries(new Uint8Array(2048), { ...ARCHIVE_LIMITS, archiveBytes: 1024 })).toThrow(/larger than/);
    const many = zipSync(Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`p/${i}.in`, strToU8("1")])));
    expect(() => readZipEntries(many, { ...ARCHIVE_LIMITS, entries: 10 })).toThrow(/more than 10 files/);
    expect(() => readZipEntries(strToU8("this is not a zip file at all, just text"))).toThrow(/not a zip/);
  });
});

describe("import: a package folder from the browser", () => {
  /** A folder as the browser sends it: each file with its path below the chosen folder's parent. */
  const folder = (slug: string, extra: Record<string, string> = {}) =>
    Object.entries({
      [`${slug}/problem.yaml`]: "name: Folder\nlimits:\n  time_limit: 2\n",
      [`${slug}/statement/problem.md`]: "Echo.\n",
      [`${slug}/data/sample/1.in`]: "1\n",
      [`${slug}/data/sample/1.ans`]: "1\n",
      [`${slug}/data/secret/group/1.in`]: "2\n",
      [`${slug}/data/secret/group/1.ans`]: "2\n",
      [`${slug}/submissions/accepted/echo.py`]: "print(input())\n",
      ...extra,
    }).map(([p, text]) => ({ path: p, data: strToU8(text) }));

  it("imports the files with their relative paths (sub-folders, references) as the folder's slug", async () => {
    const t = await createUser(db, { role: "TEACHER" });
    const slug = `folder-${uniqueSuffix()}`;
    const result = await importProblemFolder(db, t, folder(slug));
    expect(result).toMatchObject({ slug, title: "Folder", tests: 2, references: 1, timeLimitMs: 2000 });
    const row = await db.problem.findUniqueOrThrow({
      where: { slug },
      select: { authorId: true, tests: { orderBy: { position: "asc" }, select: { name: true, isSample: true } } },
    });
    expect(row.authorId).toBe(t.id);
    expect(row.tests).toEqual([
      { name: "sample/1", isSample: true },
      { name: "secret/group/1", isSample: false },
    ]);
  });

  it("refuses traversal, absolute paths, duplicates and oversized folders, like a zip", async () => {
    const t = await createUser(db, { role: "TEACHER" });
    const slug = `folder-${uniqueSuffix()}`;
    await expectRefusal(importProblemFolder(db, t, folder(slug, { [`${slug}/../../evil.txt`]: "x" })), /leaving the package/);
    await expectRefusal(importProblemFolder(db, t, [...folder(slug), { path: "/etc/evil", data: strToU8("x") }]), /absolute/);
    await expectRefusal(importProblemFolder(db, t, [...folder(slug), { path: "C:/evil", data: strToU8("x") }]), /absolute/);
    await expectRefusal(importProblemFolder(db, t, [...folder(slug), { path: `${slug}\\..\\x`, data: strToU8("x") }]), /backslashes/);
    const [first] = folder(slug);
    await expectRefusal(importProblemFolder(db, t, [...folder(slug), first!]), /the same file twice/);
    await expectRefusal(importProblemFolder(db, t, []), /no files/);
    expect(() => folderEntries(folder(slug), { ...ARCHIVE_LIMITS, extractedBytes: 16 })).toThrow(/more than/);
    expect(() => folderEntries(folder(slug), { ...ARCHIVE_LIMITS, entries: 3 })).toThrow(/more than 3 files/);
    expect(await db.problem.findUnique({ where: { slug } })).toBeNull();
  });

  it("a student cannot import a folder", async () => {
    const student = await createUser(db);
    await expectRefusal(importProblemFolder(db, student, folder(`folder-${uniqueSuffix()}`)), /Only teachers/);
  });
});
