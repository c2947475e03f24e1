// Share links: the page's inputs go into the link's #fragment, compressed, never its query;
// the token and every secret are left out unless "Include the token and secrets" is ticked;
// opening the link puts the inputs back and says what was left out.

import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { openPage, pageSuite, test, waitVisible } from './helpers.mjs';

const suite = pageSuite();

const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
const TOKEN = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: 'alice', exp: 4102444800 })}.c2lnbmF0dXJlLXNpZ25hdHVyZQ`;
const SECRETS = ['hunter2pw', 'key-123456', 'q-777777', 'client-s3cret', TOKEN, 'c2lnbmF0dXJl'];
const COMMAND = "curl -u alice:hunter2pw -H 'X-Api-Key: key-123456' 'https://api.example.com/v1/orders?api_key=q-777777&limit=5'";
const RESPONSE = 'HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Basic realm="orders"\n\nbad key key-123456';

async function compose(page, watch) {
  await page.goto(suite.srv.url('/why401/'));
  await waitVisible(page.getByLabel('Token', { exact: true }), watch);
  await page.getByLabel('Token', { exact: true }).fill(TOKEN);
  await page.getByLabel('curl command').fill(COMMAND);
  await page.getByRole('button', { name: 'Import' }).click();
  await page.getByLabel('Raw response').fill(RESPONSE);
  await page.getByText('Get a token', { exact: true }).click();
  await page.getByLabel('Client secret', { exact: true }).fill('client-s3cret');
  await page.getByLabel('Client ID', { exact: true }).fill('orders-app');
}

async function copyLink(context, page) {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: suite.srv.origin });
  await page.getByRole('button', { name: 'Copy share link' }).click();
  await page.waitForFunction(() => /^Link copied/.test(document.querySelector('[aria-label="About the share link"]')?.textContent ?? ''));
  return page.evaluate(() => navigator.clipboard.readText());
}

/** The JSON a link carries, decoded as the page does: base64url, then deflate-raw. */
const carried = (link) => zlib.inflateRawSync(Buffer.from(link.split('#share=')[1], 'base64url')).toString('utf8');

test('a share link carries no secret by default, and opening it restores the rest and says what was left out', async () => {
  const { context, page, watch } = await openPage(suite.browser, { height: 1000 });
  try {
    await compose(page, watch);
    const link = await copyLink(context, page);
    assert.ok(link.startsWith(`${suite.srv.url('/why401/')}#share=`), link);
    assert.ok(!link.includes('?'), 'nothing in the query: a fragment never reaches a server');
    const json = carried(link);
    for (const secret of SECRETS) {
      assert.ok(!link.includes(secret) && !json.includes(secret), `${secret.slice(0, 12)}… is in the link`);
    }
    assert.match(json, /limit=5/);
    assert.match(await page.getByLabel('About the share link').textContent(), /Left out: the token, the Basic password, the value of header X-Api-Key, the value of query parameter api_key, the client secret\./);
    // Opened elsewhere: the request and the response are back, the secrets are not, and the page says so.
    const other = await openPage(suite.browser, { height: 1000 });
    try {
      await other.page.goto(link);
      await other.page.getByLabel('Opened from a link').waitFor();
      assert.match(await other.page.getByLabel('Opened from a link').textContent(), /^Opened from a share link\. Left out by its author: the token, the Basic password/);
      assert.equal(await other.page.getByLabel('URL', { exact: true }).inputValue(), 'https://api.example.com/v1/orders?api_key=&limit=5');
      assert.equal(await other.page.getByLabel('Token', { exact: true }).inputValue(), '');
      assert.equal(await other.page.getByLabel('Raw response').inputValue(), RESPONSE.replace('bad key key-123456', 'bad key ***'));
      assert.equal(other.page.url(), suite.srv.url('/why401/'), 'the fragment is taken out once read');
      assert.equal(await other.page.evaluate(() => localStorage.length + sessionStorage.length), 0);
    } finally {
      await other.context.close();
    }
  } finally {
    await context.close();
  }
});

test('with "Include the token and secrets" ticked, after a warning, the link restores everything', async () => {
  const { context, page, watch } = await openPage(suite.browser, { height: 1000 });
  try {
    await compose(page, watch);
    await page.getByLabel('Include the token and secrets').check();
    assert.match(await page.getByRole('note').filter({ hasText: 'carry your token' }).textContent(), /anyone who gets it/);
    const link = await copyLink(context, page);
    assert.match(await page.getByLabel('About the share link').textContent(), /the token and secrets included: anyone who has it can use them/);
    assert.ok(carried(link).includes(TOKEN));
    const other = await openPage(suite.browser);
    try {
      await other.page.goto(link);
      await other.page.getByLabel('Opened from a link').waitFor();
      assert.equal(await other.page.getByLabel('Token', { exact: true }).inputValue(), TOKEN);
      assert.equal(await other.page.getByLabel('URL', { exact: true }).inputValue(), 'https://api.example.com/v1/orders?api_key=q-777777&limit=5');
    } finally {
      await other.context.close();
    }
    // A link cut short is said to be unreadable, and the page starts empty.
    const cut = await openPage(suite.browser);
    try {
      await cut.page.goto(link.slice(0, link.length - 40));
      await cut.page.getByLabel('Opened from a link').waitFor();
      assert.match(await cut.page.getByLabel('Opened from a link').textContent(), /^This share link cannot be opened: /);
      assert.equal(await cut.page.getByLabel('Token', { exact: true }).inputValue(), '');
    } finally {
      await cut.context.close();
    }
  } finally {
    await context.close();
  }
});
