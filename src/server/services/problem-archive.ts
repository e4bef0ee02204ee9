/**
 * Zip archives of problem packages, made safe before anything touches the disk: a cap on
 * the archive and on the bytes actually inflated (zip bombs lie about sizes), on the
 * number of entries, no absolute or `..` paths, and no symlink entries. Entries are
 * written as plain files only, so nothing extracted can point outside the package.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Unzip, UnzipInflate } from "fflate";
import { AppError } from "../errors";

export interface ArchiveLimits {
  archiveBytes: number;
  extractedBytes: number;
  entries: number;
}

export const ARCHIVE_LIMITS: Readonly<ArchiveLimits> = {
  archiveBytes: 64 * 1024 * 1024,
  extractedBytes: 256 * 1024 * 1024,
  entries: 5000,
};

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

const refuse = (message: string) => new AppError("BAD_REQUEST", message, { fieldErrors: { archive: [message] } });

/** Names of entries that are symlinks (Unix mode in the central directory's external attributes). */
function symlinkEntries(zip: Uint8Array): string[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  // End of central directory: the last 22+ bytes (a comment of up to 64 KiB may follow it).
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65_535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw refuse("This file is not a zip archive.");
  const count = view.getUint16(eocd + 10, true);
  let offset = view.getUint32(eocd + 16, true);
  const links: string[] = [];
  for (let n = 0; n < count; n++) {
    if (offset + 46 > zip.length || view.getUint32(offset, true) !== 0x02014b50)
      throw refuse("The zip archive is damaged (central directory).");
    const madeBy = view.getUint16(offset + 4, true) >> 8;
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    const mode = view.getUint32(offset + 38, true) >>> 16;
    const name = new TextDecoder().decode(zip.subarray(offset + 46, offset + 46 + nameLength));
    if (madeBy === 3 && (mode & S_IFMT) === S_IFLNK) links.push(name);
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return links;
}

/** A safe relative path for an entry, or an error naming it. */
function safeEntryPath(name: string): string {
  if (name.includes("\\") || name.includes("\0")) throw refuse(`${name}: file names with backslashes or NUL are not allowed.`);
  if (name.startsWith("/") || /^[A-Za-z]:/.test(name)) throw refuse(`${name}: absolute paths are not allowed.`);
  if (name.split("/").some((part) => part === "..")) throw refuse(`${name}: paths leaving the package ("..") are not allowed.`);
  const normal = path.posix.normalize(name);
  if (normal.startsWith("../") || normal === "..") throw refuse(`${name}: paths leaving the package are not allowed.`);
  return normal;
}

/** Inflates `zip` in memory with hard caps; returns the files (directories skipped). */
export function readZipEntries(zip: Uint8Array, limits: ArchiveLimits = ARCHIVE_LIMITS): Map<string, Uint8Array> {
  if (zip.length > limits.archiveBytes) throw refuse(`The archive is larger than ${limits.archiveBytes / 1024 / 1024} MiB.`);
  const links = symlinkEntries(zip);
  if (links.length > 0) throw refuse(`${links[0]}: symbolic links are not allowed in a package.`);
  const files = new Map<string, Uint8Array>();
  let total = 0;
  let entries = 0;
  let failure: AppError | null = null;
  const unzip = new Unzip((file) => {
    if (failure) return;
    entries++;
    if (entries > limits.entries) {
      failure = refuse(`The archive holds more than ${limits.entries} files.`);
      return;
    }
    if (file.name.endsWith("/")) return;
    let entryPath: string;
    try {
      entryPath = safeEntryPath(file.name);
    } catch (error) {
      failure = error as AppError;
      return;
    }
    if (file.compression !== 0 && file.compression !== 8) {
      failure = refuse(`${file.name}: compression method ${file.compression} is not supported (use deflate).`);
      return;
    }
    const chunks: Uint8Array[] = [];
    file.ondata = (error, chunk, final) => {
      if (failure) return;
      if (error) {
        failure = refuse(`${file.name}: ${error.message}`);
        return;
      }
      total += chunk.length;
      if (total > limits.extractedBytes) {
        failure = refuse(`The archive unpacks to more than ${limits.extractedBytes / 1024 / 1024} MiB.`);
        file.terminate();
        return;
      }
      chunks.push(chunk);
      if (final) files.set(entryPath, Buffer.concat(chunks));
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  // Pushed in slices so a bomb is stopped after at most one slice of inflation past the cap.
  const SLICE = 64 * 1024;
  try {
    for (let i = 0; i < zip.length && !failure; i += SLICE) unzip.push(zip.subarray(i, i + SLICE), i + SLICE >= zip.length);
  } catch (error) {
    if (!failure) throw refuse(`The zip archive is damaged: ${(error as Error).message}`);
  }
  if (failure) throw failure;
  if (files.size === 0) throw refuse("The archive holds no files.");
  return files;
}

/** One file of a package folder uploaded from the browser: its path below the chosen folder's parent. */
export interface FolderFile {
  path: string;
  data: Uint8Array;
}

/**
 * The files of a folder upload as the same entry map a zip gives, under the same caps
 * (file count, total bytes) and path rules (relative, no "..", no backslashes).
 */
export function folderEntries(files: FolderFile[], limits: ArchiveLimits = ARCHIVE_LIMITS): Map<string, Uint8Array> {
  if (files.length === 0) throw refuse("The folder holds no files.");
  if (files.length > limits.entries) throw refuse(`The folder holds more than ${limits.entries} files.`);
  const entries = new Map<string, Uint8Array>();
  let total = 0;
  for (const file of files) {
    const entryPath = safeEntryPath(file.path);
    if (entryPath === "." || entryPath.endsWith("/")) throw refuse(`${file.path}: not a file name.`);
    if (entries.has(entryPath)) throw refuse(`${file.path}: the same file twice.`);
    total += file.data.length;
    if (total > limits.extractedBytes) throw refuse(`The folder holds more than ${limits.extractedBytes / 1024 / 1024} MiB.`);
    entries.set(entryPath, file.data);
  }
  return entries;
}

/**
 * Writes a package's files (from a zip or a folder upload) into a fresh temporary folder
 * and returns the package folder: the single top-level folder, or the files at the root
 * placed in a folder named `fallbackSlug`. Call `cleanup` when done.
 */
export async function writePackageEntries(files: Map<string, Uint8Array>, fallbackSlug: string) {
  const tops = new Set([...files.keys()].map((name) => (name.includes("/") ? name.split("/")[0]! : "")));
  const dir = await mkdtemp(path.join(os.tmpdir(), "coderunner-import-"));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  try {
    const single = tops.size === 1 && !tops.has("") ? [...tops][0]! : null;
    const base = single ? dir : path.join(dir, fallbackSlug);
    for (const [name, data] of files) {
      const target = path.join(base, name);
      if (!target.startsWith(dir + path.sep)) throw refuse(`${name}: path leaves the package.`);
      try {
        await mkdir(path.dirname(target), { recursive: true });
        await writeFile(target, data, { flag: "wx" });
      } catch {
        throw refuse(`${name}: clashes with another file or folder of the same name.`);
      }
    }
    return { packageDir: single ? path.join(dir, single) : base, cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}
