// Privacy you can check: a whole session touching every feature (token, keys from the issuer,
// the composer's Send, Get a token from an Issuer with discovery, introspection, Sign a token,
// a share link, the theme) and every request the page made is recorded. Each must go to the
// page's own origin, to a URL the user typed, or to one that a button the user pressed
// discovered from a document it fetched (a jwks_uri, a token or introspection endpoint).
// Nothing else, and no token in any URL.

import assert from 'node:assert/strict';
import { closer, failedRequest, openPage, pageSuite, sendRequest, test, waitVisible } from './helpers.mjs';
import { startOAuth2, startOrdersApi } from './peers.mjs';

const suite = pageSuite();

test('every request of a full session goes where the user sent it, and nowhere else', async () => {
  const peers = closer();
  try {
    const oauth = await peers.add(startOAuth2());
    const api = await peers.add(startOrdersApi(oauth));
    const orders = `${api.origin}/v1/orders`;
    // What the issuer's metadata names: the only URLs a button may discover.
    const metadata = await (await fetch(`${oauth.issuer}/.well-known/openid-configuration`)).json();
    const { context, page, watch } = await openPage(suite.browser, { height: 1000, expect: [failedRequest('GET', orders, 403)] });
    await peers.add(context);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: suite.srv.origin });
    const requests = [];
    page.on('request', (r) => requests.push(`${r.method()} ${r.url()}`));

    await page.goto(suite.srv.url('/why401/'));
    await waitVisible(page.getByLabel('Token', { exact: true }), watch);
    const token = await oauth.token((h, p) => { p.scope = 'orders:none'; });
    await page.getByLabel('Token', { exact: true }).fill(token);
    // Keys: discovery from the token's iss, then the jwks_uri it names.
    await page.getByRole('button', { name: "Fetch the issuer's keys" }).click();
    await page.waitForFunction(() => /verified/i.test(document.querySelector('[aria-label="Signature result"]')?.textContent ?? ''));
    // The composer: the URL typed, sent.
    await page.getByLabel('URL', { exact: true }).fill(orders);
    await page.getByLabel('Auth', { exact: true }).selectOption('bearer');
    assert.equal(await sendRequest(page), '403 Forbidden');
    // Get a token: the Issuer typed, discovery, client credentials, introspection.
    await page.getByText('Get a token', { exact: true }).click();
    await page.getByLabel('Issuer', { exact: true }).fill(oauth.issuer);
    await page.getByRole('button', { name: 'Find the token URL' }).click();
    await page.waitForFunction(() => document.querySelector('#introspection-url')?.value !== '');
    await page.getByLabel('Grant type').selectOption('client_credentials');
    await page.getByLabel('Client ID', { exact: true }).fill('why401-test');
    await page.getByRole('button', { name: 'Get token' }).click();
    await page.waitForFunction(() => document.querySelector('[aria-label="Token result"]')?.textContent.startsWith('Token received'));
    await page.getByRole('button', { name: 'Introspect' }).click();
    await page.getByLabel('Token check result').waitFor();
    // Features that send nothing: Sign a token, a share link, the theme, a pasted response.
    await page.getByText('Sign a token', { exact: true }).click();
    await page.getByLabel('Header to sign').fill('{"alg":"HS256"}');
    await page.getByLabel('Payload to sign').fill('{"sub":"x"}');
    await page.getByLabel('Signing key', { exact: true }).fill('a-secret-of-thirty-two-bytes-min!');
    await page.getByRole('button', { name: 'Sign', exact: true }).click();
    await page.getByLabel('Signed token').waitFor();
    await page.getByRole('button', { name: 'Copy share link' }).click();
    await page.waitForFunction(() => /^Link copied/.test(document.querySelector('[aria-label="About the share link"]')?.textContent ?? ''));
    await page.getByLabel('Theme').selectOption('dark');
    await page.getByLabel('Raw response').fill('HTTP/1.1 401 Unauthorized\n\n');

    const typed = [orders];
    const discovered = [
      `${oauth.issuer}/.well-known/openid-configuration`,
      `${oauth.issuer}/.well-known/oauth-authorization-server`,
      metadata.jwks_uri,
      metadata.token_endpoint,
      metadata.introspection_endpoint,
    ];
    const own = `${suite.srv.origin}/`;
    const elsewhere = requests.filter((r) => {
      const url = r.slice(r.indexOf(' ') + 1);
      return !url.startsWith(own) && !url.startsWith('data:') && ![...typed, ...discovered].includes(url);
    });
    assert.deepEqual(elsewhere, [], requests.join('\n'));
    // The session did reach each kind of destination, so an empty list above means something.
    for (const url of [orders, metadata.jwks_uri, metadata.token_endpoint, metadata.introspection_endpoint]) {
      assert.ok(requests.some((r) => r.endsWith(` ${url}`)), `${url} was not requested:\n${requests.join('\n')}`);
    }
    assert.ok(!requests.some((r) => r.includes(token.slice(0, 40))), 'no token in any URL');
  } finally {
    await peers.close();
  }
});
