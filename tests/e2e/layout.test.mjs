// Layout and comfort: on a wide screen the answer (summary, verdict, findings) sits beside the inputs and
// stays in view while they scroll; on a phone everything is one column, the answer right after
// the Token box. Sections with nothing in them stay short. The Theme select overrides the
// system scheme; reduced motion is respected.

import assert from 'node:assert/strict';
import { openPage, pageSuite, screenshot, test, waitVisible } from './helpers.mjs';

const suite = pageSuite();

const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);
const expired = () => `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: 'alice', exp: now() - 600 })}.c2ln`;

async function withToken(width) {
  const { context, page, watch } = await openPage(suite.browser, { width, height: 800 });
  await page.goto(suite.srv.url('/why401/'));
  await waitVisible(page.getByLabel('Token', { exact: true }), watch);
  await page.getByLabel('Token', { exact: true }).fill(expired());
  await page.locator('.verdict').filter({ hasText: 'expired' }).waitFor();
  return { context, page };
}

/** The element's box in the viewport, and the viewport's height. */
const placed = (locator) => locator.evaluate((el) => ({ ...el.getBoundingClientRect().toJSON(), vh: innerHeight }));

test('at 1280 px the verdict stays in view while the inputs scroll', async () => {
  const { context, page } = await withToken(1280);
  try {
    const token = await placed(page.locator('.token-input'));
    const verdict = await placed(page.locator('.verdict'));
    assert.ok(verdict.left > token.right, `beside the inputs: ${JSON.stringify({ token, verdict })}`);
    // Far down the inputs: the Request log is the last card.
    await page.locator('.page-footer').scrollIntoViewIfNeeded();
    const scrolled = await page.evaluate(() => scrollY);
    assert.ok(scrolled > 1000, `the page scrolled (${scrolled} px)`);
    const after = await placed(page.locator('.verdict'));
    assert.ok(after.top >= 0 && after.bottom <= after.vh, `the verdict is in the viewport: ${JSON.stringify(after)}`);
    await screenshot(page, 'layout-1280-scrolled');
  } finally {
    await context.close();
  }
});

test('sections that hold nothing yet stay compact, and grow when something is given', async () => {
  const { context, page, watch } = await openPage(suite.browser, { width: 1280, height: 800 });
  try {
    await page.goto(suite.srv.url('/why401/'));
    await waitVisible(page.getByLabel('Token', { exact: true }), watch);
    const height = async (locator) => (await placed(locator)).height;
    const exportCard = page.locator('section.export');
    const empty = {
      export: await height(exportCard),
      curl: await height(page.getByLabel('curl command')),
      raw: await height(page.getByLabel('Raw response')),
    };
    // No URL: one line instead of an empty snippet; nothing to report: no Copy report buttons;
    // the boxes usually left empty are about three lines tall.
    assert.equal(await page.getByLabel('Exported code').isVisible(), false);
    assert.ok(empty.export < 140, `Export with no URL: ${empty.export} px`);
    assert.equal(await page.getByRole('button', { name: 'Copy report as Markdown' }).isVisible(), false);
    assert.match(await page.locator('.verdict').getAttribute('class'), /\bempty\b/);
    for (const box of ['curl', 'raw']) assert.ok(empty[box] < 90, `${box} box empty: ${empty[box]} px`);

    await page.getByLabel('URL', { exact: true }).fill('https://api.example.com/v1/orders');
    assert.match(await page.getByLabel('Exported code').textContent(), /api\.example\.com\/v1\/orders/);
    assert.ok((await height(exportCard)) > empty.export + 100);
    await page.getByLabel('Raw response').fill(['HTTP/1.1 401 Unauthorized', 'WWW-Authenticate: Bearer error="invalid_token"', 'Content-Type: application/json', 'Date: Sat, 05 Dec 2026 04:00:00 GMT', '', '{"error":"invalid_token"}'].join('\n'));
    assert.ok((await height(page.getByLabel('Raw response'))) > empty.raw + 40, 'the box grew with the paste');
    assert.equal(await page.getByRole('button', { name: 'Copy report as Markdown' }).isVisible(), true);
    assert.doesNotMatch(await page.locator('.verdict').getAttribute('class'), /\bempty\b/);
  } finally {
    await context.close();
  }
});

test('at 375 px one column: the answer right after the Token box', async () => {
  const { context, page } = await withToken(375);
  try {
    const token = await placed(page.locator('.token-input'));
    const answer = await placed(page.locator('.answer'));
    const composer = await placed(page.locator('.composer'));
    assert.equal(Math.round(answer.left), Math.round(token.left), 'same column');
    assert.ok(answer.top >= token.bottom && answer.bottom <= composer.top, JSON.stringify({ token, answer, composer }));
    // Nothing is wider than the phone.
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth));
  } finally {
    await context.close();
  }
});

test('the Theme select overrides the system scheme, both ways, and System follows it again', async () => {
  for (const [system, choice, expected] of [['light', 'dark', 'rgb(15, 18, 22)'], ['dark', 'light', 'rgb(246, 247, 249)']]) {
    const { context, page, watch } = await openPage(suite.browser, { colorScheme: system });
    try {
      await page.goto(suite.srv.url('/why401/'));
      await waitVisible(page.getByLabel('Token', { exact: true }), watch);
      const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      const before = await background();
      await page.getByLabel('Theme').selectOption(choice);
      assert.equal(await background(), expected, `${choice} over a ${system} system`);
      await page.getByLabel('Theme').selectOption('system');
      assert.equal(await background(), before);
      // Nothing is stored for it.
      assert.equal(await page.evaluate(() => localStorage.length + sessionStorage.length), 0);
    } finally {
      await context.close();
    }
  }
});

test('reduced motion: no fade on the controls when the system asks for no motion', async () => {
  for (const reducedMotion of ['no-preference', 'reduce']) {
    const { context, page, watch } = await openPage(suite.browser);
    try {
      await page.emulateMedia({ reducedMotion });
      await page.goto(suite.srv.url('/why401/'));
      await waitVisible(page.getByLabel('Token', { exact: true }), watch);
      const durations = await page.evaluate(() => [...document.querySelectorAll('button, select, summary')].map((el) => getComputedStyle(el).transitionDuration));
      assert.ok(durations.length > 5);
      const moving = durations.filter((d) => d.split(',').some((x) => parseFloat(x) > 0));
      if (reducedMotion === 'reduce') assert.deepEqual(moving, []);
      else assert.equal(moving.length, durations.length, 'every control fades when motion is welcome');
    } finally {
      await context.close();
    }
  }
});
