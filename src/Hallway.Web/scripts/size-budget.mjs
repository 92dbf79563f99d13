// Reports the gzipped size of what the browser loads first (the entry script, its modulepreloads
// and the stylesheets index.html names) and fails the build when that JavaScript exceeds the
// budget. Run after `vite build`; node's zlib does the gzip, so no dependency is needed.
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const BudgetKb = 150;
const out = new URL("../../Hallway.Server/wwwroot/", import.meta.url).pathname;
const html = readFileSync(join(out, "index.html"), "utf8");

// Every script and preload the page starts with; lazily imported chunks are not initial.
const attr = (tag, name) => new RegExp(`${name}="([^"]+)"`).exec(tag)?.[1];
const tags = html.match(/<(script|link)\b[^>]*>/g) ?? [];
const js = new Set();
const css = new Set();
for (const tag of tags) {
  if (tag.startsWith("<script") && attr(tag, "src")) js.add(attr(tag, "src"));
  if (tag.startsWith("<link") && attr(tag, "rel") === "modulepreload") js.add(attr(tag, "href"));
  if (tag.startsWith("<link") && attr(tag, "rel") === "stylesheet") css.add(attr(tag, "href"));
}

const gzipped = (files) => [...files].reduce((sum, f) => sum + gzipSync(readFileSync(join(out, f.replace(/^\//, ""))), { level: 9 }).length, 0);
// Kilobytes of 1000 bytes, as Vite reports them, so the two numbers agree.
const kb = (bytes) => (bytes / 1000).toFixed(1);
const jsBytes = gzipped(js);
const cssBytes = gzipped(css);

console.log(`web client size: initial JS ${kb(jsBytes)} kB gzipped (${js.size} file(s), budget ${BudgetKb} kB), CSS ${kb(cssBytes)} kB gzipped`);
if (js.size === 0) {
  console.error("web client size: index.html names no script; the budget cannot be checked");
  process.exit(1);
}
if (jsBytes > BudgetKb * 1000) {
  console.error(`web client size: initial JS is ${kb(jsBytes)} kB gzipped, over the ${BudgetKb} kB budget`);
  // MSBuild skips the web client build while index.html is newer than the sources; without it
  // the next build runs (and checks) again instead of passing with the over-budget bundle.
  rmSync(join(out, "index.html"));
  process.exit(1);
}
