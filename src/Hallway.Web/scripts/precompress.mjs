// Writes NAME.br (Brotli, quality 11) and NAME.gz (gzip, level 9) beside every compressible file
// in wwwroot/assets, for the server to send by the request's Accept-Encoding
// (src/Hallway.Server/Hosting/PrecompressedAssets.cs). Run after `vite build`.
//
// Why at build time: the server runs on a small school PC (two cores) and thirty phones join at
// once when a class starts; compressing per request would spend that CPU on the same bytes thirty
// times, and only at fast (worse) settings. Done once here, the slowest, smallest settings cost
// nothing at run time. node's own zlib does both, so no dependency is needed.
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { extname, join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const assets = new URL("../../Hallway.Server/wwwroot/assets/", import.meta.url).pathname;

// Types that compress. Images (png, jpg, webp, avif, gif) and woff/woff2 fonts are compressed
// already: another layer only costs the browser time.
const Text = new Set([".js", ".mjs", ".css", ".svg", ".json", ".webmanifest", ".html", ".txt", ".map", ".xml", ".ttf", ".otf"]);
const Binary = new Set([".wasm"]);

const files = readdirSync(assets).filter((name) => statSync(join(assets, name)).isFile());
let written = 0;
let before = 0;
let after = 0;
for (const name of files) {
  const ext = extname(name).toLowerCase();
  if (!Text.has(ext) && !Binary.has(ext)) continue;

  const path = join(assets, name);
  const original = readFileSync(path);
  const variants = {
    br: brotliCompressSync(original, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: original.length,
        [constants.BROTLI_PARAM_MODE]: Text.has(ext) ? constants.BROTLI_MODE_TEXT : constants.BROTLI_MODE_GENERIC,
      },
    }),
    gz: gzipSync(original, { level: 9 }),
  };
  for (const [suffix, bytes] of Object.entries(variants)) {
    // A variant no smaller than the file would only add a header and a decode step.
    if (bytes.length >= original.length) continue;
    writeFileSync(`${path}.${suffix}`, bytes);
    written++;
  }
  before += original.length;
  after += Math.min(original.length, variants.br.length);
}

// Kilobytes of 1000 bytes, as Vite and size-budget.mjs report them.
const kb = (bytes) => (bytes / 1000).toFixed(1);
console.log(`precompressed: ${written} file(s) written in assets/, ${kb(before)} kB of text is ${kb(after)} kB as Brotli`);
