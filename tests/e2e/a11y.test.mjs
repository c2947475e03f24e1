// Accessibility: axe-core (npm) in the page, in every main state, light and dark, desktop and
// phone: no serious or critical violation. Keyboard: every control is reachable with Tab and
// shows a visible focus ring.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, failedRequest, openPage, pageSuite, test, waitVisible } from './helpers.mjs';
import { freePort } from './peers.mjs';

const suite = pageSuite();
const AXE = fs.readFileSync(path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);
const TOKEN = `${b64({ alg: 'RS256', typ: 'JWT', kid: 'k1' })}.${b64({ sub: 'alice', aud: 'api', scope: 'orders:read', exp: now() - 60 })}.c2ln`;
const RESPONSE = 'HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer error="invalid_token", error_description="The access token expired"\n\n';

/** axe's violations of impact serious or critical, one line each. */
async function serious(page) {
  // Evaluated through the DevTools protocol, so the page's CSP (no eval, no inline script) holds.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  const r = await page.evaluate(() => axe.run(document, { resultTypes: ['violations'] }));
  return r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
}

for (const [width, colorScheme] of [[1280, 'light'], [1280, 'dark'], [375, 'light'], [375, 'dark']]) {
  test(`axe at ${width} px ${colorScheme}: empty, diagnosed, every section open, a failed token request`, async () => {
    // A port nothing listens on (freed just now).
    const unreachable = `http://127.0.0.1:${await freePort()}/token`;
    const { context, page, watch } = await openPage(suite.browser, {
      width,
      colorScheme,
      expect: [failedRequest('POST', unreachable, 'net::ERR_CONNECTION_REFUSED'), failedRequest('GET', unreachable, 'net::ERR_CONNECTION_REFUSED')],
    });
    try {
      await page.goto(suite.srv.url('/why401/'));
      await waitVisible(page.getByLabel('Token', { exact: true }), watch);
      assert.deepEqual(await serious(page), [], 'empty page');
      await page.getByLabel('Token', { exact: true }).fill(TOKEN);
      await page.getByLabel('Raw response').fill(RESPONSE);
      await page.getByLabel('URL', { exact: true }).fill('https://api.example.com/v1/orders');
      await page.getByLabel('Auth', { exact: true }).selectOption('bearer');
      await page.getByRole('list', { name: 'Findings' }).locator('.finding-code').first().waitFor();
      assert.deepEqual(await serious(page), [], 'token, request and response diagnosed');
      await page.getByText('Sign a token', { exact: true }).click();
      await page.getByText('Get a token', { exact: true }).click();
      await page.getByLabel('Grant type').selectOption('client_credentials');
      await page.getByLabel('Token URL', { exact: true }).fill(unreachable);
      await page.getByLabel('Client ID', { exact: true }).fill('app');
      await page.getByRole('button', { name: 'Get token' }).click();
      await page.getByLabel('Token result').waitFor();
      assert.deepEqual(await serious(page), [], 'every section open, a token request that failed');
    } finally {
      await context.close();
    }
  });
}

test('the axe check can fail: an input without a label is reported', async () => {
  const { context, page, watch } = await openPage(suite.browser);
  try {
    await page.goto(suite.srv.url('/why401/'));
    await waitVisible(page.getByLabel('Token', { exact: true }), watch);
    await page.evaluate(() => document.querySelector('main').append(Object.assign(document.createElement('input'), { id: 'unlabelled' })));
    assert.deepEqual(await serious(page), ['critical label: #unlabelled']);
  } finally {
    await context.close();
  }
});

test('the keyboard reaches the controls in order, each with a visible focus ring', async () => {
  const { context, page, watch } = await openPage(suite.browser);
  try {
    await page.goto(suite.srv.url('/why401/'));
    await waitVisible(page.getByLabel('Token', { exact: true }), watch);
    // Every control a Tab can reach, in document order: the walk must meet each of them, the
    // very element, in that order.
    const tabbable = await page.evaluate(() => {
      window.__e2eTabbable = [...document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]')].filter(
        (el) => !el.disabled && el.tabIndex >= 0 && el.checkVisibility(),
      );
      return window.__e2eTabbable.map((el) => el.id || el.getAttribute('aria-label') || el.textContent.trim().slice(0, 30));
    });
    assert.ok(tabbable.length > 15, `controls to reach: ${tabbable.join(' | ')}`);
    assert.ok(tabbable.includes('token'), tabbable.join(' | '));
    for (let i = 0; i < tabbable.length; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const el = document.activeElement;
        const style = getComputedStyle(el);
        const ring = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
        return { at: window.__e2eTabbable.indexOf(el), tag: el.tagName, label: el.getAttribute('aria-label') ?? el.labels?.[0]?.textContent ?? el.textContent.trim().slice(0, 30), ring: ring || style.boxShadow !== 'none' };
      });
      assert.equal(focused.at, i, `Tab ${i + 1} reached ${focused.tag} "${focused.label}", not ${tabbable[i]}: every control once, in reading order`);
      assert.ok(focused.ring, `no visible focus on ${focused.tag} "${focused.label}"`);
    }
  } finally {
    await context.close();
  }
});
