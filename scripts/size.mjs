// What a first visit downloads from dist/, measured the same way everywhere: raw, gzip -9
// (what GitHub Pages serves) and brotli 11. Node's zlib does both, so the figures need no
// CLI tool and are the same on every machine for the same files.
//
//   node scripts/size.mjs [dist]    prints the table (`make size`)
//   import { measure } from …       for the budget test and `make bench`

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

/**
 * What a first visit downloads, in the order printed: the wasm, the JS (loader and service
 * worker), the CSS, the page, the manifest and the icon. The budget counts all of it.
 * (404.html and .nojekyll exist only in the Pages build and are not part of a visit.)
 */
export const BUDGETED = ['.wasm', '.js', '.css', '.html', '.webmanifest', '.svg'];
const SHOWN = BUDGETED;
const NOT_A_VISIT = new Set(['404.html']);

export function compressed(data) {
  return {
    raw: data.length,
    gzip: zlib.gzipSync(data, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(data, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length },
    }).length,
  };
}

/** Every file of a first visit with its sizes, and their total. */
export function measure(dist) {
  if (!fs.existsSync(path.join(dist, 'index.html'))) throw new Error(`${dist}/index.html is missing: run 'make build' first`);
  const files = [];
  for (const ext of SHOWN) {
    for (const name of fs.readdirSync(dist).filter((n) => n.endsWith(ext) && !NOT_A_VISIT.has(n)).sort()) {
      files.push({ name, ext, ...compressed(fs.readFileSync(path.join(dist, name))) });
    }
  }
  const counted = files.filter((f) => BUDGETED.includes(f.ext));
  const sum = (k) => counted.reduce((n, f) => n + f[k], 0);
  return { files, total: { raw: sum('raw'), gzip: sum('gzip'), brotli: sum('brotli') } };
}

export function table({ files, total }) {
  const row = (name, s) => `${name.padEnd(40)} ${String(s.raw).padStart(10)} ${String(s.gzip).padStart(9)} ${String(s.brotli).padStart(9)}`;
  return [
    `${'file'.padEnd(40)} ${'raw'.padStart(10)} ${'gzip -9'.padStart(9)} ${'brotli 11'.padStart(9)}`,
    ...files.map((f) => row(f.name, f)),
    row('first visit (the budget counts brotli)', total),
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const here = path.dirname(fileURLToPath(import.meta.url));
  console.log(table(measure(path.resolve(process.argv[2] ?? path.join(here, '..', 'dist')))));
}
