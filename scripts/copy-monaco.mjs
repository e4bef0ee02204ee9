/* global console, process */
// Monaco is served by the app itself (no CDN): copy monaco-editor's AMD build into
// public/monaco/vs, where the editor's loader is pointed (`/monaco/vs`). Not committed
// (public/monaco/ is gitignored); run by postinstall, prebuild and the e2e web server.
// Skips the copy when the stamp says this monaco-editor version is already there.
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const source = path.join(root, "node_modules", "monaco-editor", "min", "vs");
const target = path.join(root, "public", "monaco", "vs");
const stamp = path.join(root, "public", "monaco", ".version");

if (!existsSync(source)) {
  console.error(`[monaco] ${source} is missing: run npm install first`);
  process.exit(1);
}
const version = JSON.parse(readFileSync(path.join(root, "node_modules", "monaco-editor", "package.json"), "utf8")).version;
if (existsSync(stamp) && readFileSync(stamp, "utf8").trim() === version && existsSync(path.join(target, "loader.js"))) process.exit(0);
rmSync(target, { recursive: true, force: true });
cpSync(source, target, { recursive: true });
writeFileSync(stamp, `${version}\n`);
console.log(`[monaco] copied monaco-editor ${version} to public/monaco/vs`);
