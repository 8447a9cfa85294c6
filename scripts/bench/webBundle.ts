/**
 * Initial JavaScript of the staff app: the scripts and module preloads that the built index.html
 * loads before any page, gzipped (the budget is 250 KB). Builds the app first when dist/web is missing.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const dir = "dist/web";
if (!existsSync(join(dir, "index.html"))) execFileSync("npx", ["vite", "build"], { stdio: "ignore" });
const html = readFileSync(join(dir, "index.html"), "utf8");
const initial = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
const gz = (f: string) => gzipSync(readFileSync(join(dir, f))).length;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const initialBytes = initial.reduce((s, f) => s + gz(f), 0);
const all = readdirSync(join(dir, "assets")).filter((f) => f.endsWith(".js"));
const lazyBytes = all.filter((f) => !initial.includes(`assets/${f}`)).reduce((s, f) => s + gz(`assets/${f}`), 0);
console.log(
  `initial JS (gzip): ${kb(initialBytes)} in ${initial.length} files (budget 250 KB): ${initial.map((f) => `${f.replace("assets/", "")} ${kb(gz(f))}`).join(", ")}`,
);
console.log(`lazy chunks (gzip): ${kb(lazyBytes)} in ${all.length - initial.length} files`);
