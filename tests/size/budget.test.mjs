// The size budget: what a first visit downloads (the wasm, JS, CSS, HTML, manifest and icon of
// dist/, service worker included, brotli 11) must stay within tests/size/budget.json.
// Deterministic: the same files always give the same figure.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { measure, table, compressed } from '../../scripts/size.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const DIST = process.env.WHY401_DIST ? path.resolve(process.env.WHY401_DIST) : path.join(HERE, '..', '..', 'dist');
const BUDGET = JSON.parse(fs.readFileSync(path.join(HERE, 'budget.json'), 'utf8'));

test('what a first visit downloads stays within the brotli budget', () => {
  const sizes = measure(DIST);
  console.log(table(sizes));
  for (const ext of ['.wasm', '.js', '.css', '.html', '.webmanifest', '.svg']) {
    assert.ok(sizes.files.some((f) => f.ext === ext), `dist/ has no ${ext} file: the budget would count nothing`);
  }
  const { brotli } = sizes.total;
  assert.ok(
    brotli <= BUDGET.brotli_bytes,
    `${brotli} B brotli is over the budget of ${BUDGET.brotli_bytes} B by ${brotli - BUDGET.brotli_bytes} B. ` +
      'Find the bytes (twiggy top on the release wasm) or raise the budget in its own commit saying what they buy.',
  );
});

test('the measure is deterministic and counts compressed bytes', () => {
  const data = Buffer.from('why401 '.repeat(1000));
  assert.deepEqual(compressed(data), compressed(Buffer.from(data)));
  const { raw, gzip, brotli } = compressed(data);
  assert.equal(raw, 7000);
  assert.ok(brotli < gzip && gzip < raw / 10, `${raw} ${gzip} ${brotli}`);
});
