// Prints the figures that matter for why401's performance: shipped size, time to a usable
// page, and how long decoding + rendering takes for tokens from 1 KB to 1 MB.
// Run with `make bench` (builds dist/ first). Numbers are medians of several runs.

import { measure, table } from './size.mjs';
import { serveDist, launch, openPage, DIST } from '../tests/e2e/helpers.mjs';

const RUNS = 5;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const b64url = (s) => Buffer.from(s).toString('base64url');

console.log('shipped files (bytes)');
console.log(table(measure(DIST)));

const srv = await serveDist();
const browser = await launch();
try {
  const loads = [];
  for (let i = 0; i < RUNS; i++) {
    const { context, page } = await openPage(browser, {});
    const t0 = Date.now();
    await page.goto(srv.url('/'));
    await page.getByLabel('Token', { exact: true }).waitFor();
    loads.push(Date.now() - t0);
    await context.close();
  }
  console.log(`\npage load to usable Token box: ${median(loads)} ms (median of ${RUNS}, loopback server)`);

  console.log('\ndecode + render after a paste (main thread busy until the next frame)');
  const { context, page } = await openPage(browser, {});
  await page.goto(srv.url('/'));
  const box = page.getByLabel('Token', { exact: true });
  await box.waitFor();
  for (const size of [1_000, 10_000, 100_000, 1_000_000]) {
    const exp = Math.floor(Date.now() / 1000) + 600;
    const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'at+jwt' }));
    const filler = 'x'.repeat(Math.max(0, Math.floor(size * 0.75) - 60));
    const token = `${header}.${b64url(JSON.stringify({ sub: 'bench', exp, blob: filler }))}.c2ln`;
    const times = [];
    for (let i = 0; i < RUNS; i++) {
      await box.fill('');
      times.push(
        await box.evaluate(async (el, text) => {
          const t0 = performance.now();
          el.value = text;
          el.dispatchEvent(new Event('input', { bubbles: true }));
          await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
          return performance.now() - t0;
        }, token),
      );
    }
    console.log(`  ${String(token.length).padStart(9)} bytes: ${median(times).toFixed(1).padStart(7)} ms`);
  }
  const keystrokes = [];
  for (let i = 0; i < RUNS; i++) {
    keystrokes.push(
      await page.getByLabel('Clock skew leeway (seconds)').evaluate(async (el, v) => {
        const t0 = performance.now();
        el.value = String(v);
        el.dispatchEvent(new Event('input', { bubbles: true }));
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        return performance.now() - t0;
      }, i + 1),
    );
  }
  console.log(`\nkeystroke elsewhere with a 1 MB token loaded: ${median(keystrokes).toFixed(1)} ms`);
  await context.close();
} finally {
  await browser.close();
  await srv.close();
}
