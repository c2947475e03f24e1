// Smoke test: the built page boots under "/" and under "/why401/" with its strict CSP,
// shows the Token textarea, logs no errors, and looks sane in light/dark at 375, 768, 1280
// and 1920 px (no sideways scrolling; the screenshots are for looking at).
//
// Run with `make test-e2e` (builds dist/ first) or `node --test tests/e2e/` after `make build`.

import assert from 'node:assert/strict';
import { openPage, pageSuite, screenshot, test, waitVisible, PREFIXES } from './helpers.mjs';

const suite = pageSuite();

const WIDTHS = [375, 768, 1280, 1920];
const SCHEMES = ['light', 'dark'];

for (const prefix of PREFIXES) {
  const tag = prefix === '/' ? 'root' : prefix.replaceAll('/', '');

  test(`boots at ${prefix} with no console errors and no CSP violations`, async () => {
    const { context, page, watch } = await openPage(suite.browser, { width: 1280 });
    try {
      const response = await page.goto(suite.srv.url(prefix));
      assert.equal(response?.status(), 200, `GET ${prefix}`);
      const token = page.getByLabel('Token', { exact: true });
      await waitVisible(token, watch);
      assert.equal(await token.evaluate((el) => el.tagName), 'TEXTAREA', 'Token is a textarea');
      // No console errors, CSP violations or failed requests: the guard checks that when the
      // test ends, after the first effects after mount have run.
    } finally {
      await context.close();
    }
  });

  for (const colorScheme of SCHEMES) {
    for (const width of WIDTHS) {
      test(`screenshot ${prefix} ${colorScheme} ${width}px`, async () => {
        const { context, page, watch } = await openPage(suite.browser, { width, height: 900, colorScheme });
        try {
          await page.goto(suite.srv.url(prefix));
          await waitVisible(page.getByLabel('Token', { exact: true }), watch);
          const scheme = await page.evaluate(() =>
            matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light',
          );
          assert.equal(scheme, colorScheme, 'emulated color scheme');
          const overflow = await page.evaluate(
            () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
          );
          await screenshot(page, `smoke-${tag}-${colorScheme}-${width}`);
          assert.ok(overflow <= 0, `no horizontal scrolling at ${width}px (overflow ${overflow}px)`);
        } finally {
          await context.close();
        }
      });
    }
  }
}
