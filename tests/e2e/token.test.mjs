// Get a token, end to end: the page signs in with the authorization code grant and PKCE
// through its own address (under /why401/, every input intact afterwards), asks a real token
// endpoint (oauth2-mock-server on 127.0.0.1) for a token with client credentials, refreshes it
// (the refresh token rotates), introspects and revokes it, runs the device grant, and tells
// why a token request fails: client authentication refused, Okta's rule for browsers, a token
// endpoint that sends no CORS headers. Test-only peers (peers.mjs) play what the mock lacks.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { ROOT, closer, escapeRe, failedRequest, openPage, pageSuite, screenshot, sendRequest, test, waitVisible } from './helpers.mjs';
import { issuerAndOrders, oktaOriginRule, startDeviceServer, startGate, startOAuth2, startTokenAdmin } from './peers.mjs';

const suite = pageSuite();

async function tokenResult(page) {
  const result = page.getByLabel('Token result');
  await result.waitFor();
  return (await result.textContent()).trim();
}

async function openSection(page, watch, prefix = '/') {
  await page.goto(suite.srv.url(prefix));
  await waitVisible(page.getByLabel('Token', { exact: true }), watch);
  await page.getByText('Get a token', { exact: true }).click();
  await waitVisible(page.getByLabel('Token URL', { exact: true }), watch);
}

/** The page at `prefix` sends `orders` a token that expired an hour ago, and gets its 401. */
async function expiredCall(page, watch, oauth, orders, prefix) {
  await page.goto(suite.srv.url(prefix));
  await waitVisible(page.getByLabel('Token', { exact: true }), watch);
  const hourAgo = Math.floor(Date.now() / 1000) - 3600;
  await page.getByLabel('Token', { exact: true }).fill(await oauth.token((h, p) => { p.scope = 'orders:read'; p.iat = hourAgo - 3600; p.exp = hourAgo; }));
  await page.getByLabel('URL', { exact: true }).fill(orders);
  await page.getByLabel('Auth', { exact: true }).selectOption('bearer');
  assert.equal(await sendRequest(page), '401 Unauthorized');
}

/** A confidential client with client credentials: not the section's default (a public client signing in). */
async function clientCredentials(page, auth = 'client_secret_basic') {
  await page.getByLabel('Grant type').selectOption('client_credentials');
  await page.getByLabel('Client authentication').selectOption(auth);
}

test('client credentials, then refresh with rotation: each token goes into the Token box', async () => {
  const oauth = await startOAuth2();
  const { context, page, watch } = await openPage(suite.browser);
  try {
    await openSection(page, watch);
    await page.getByLabel('Token URL', { exact: true }).fill(`${oauth.issuer}/token`);
    await page.getByLabel('Client ID', { exact: true }).fill('why401-test');
    await page.getByLabel('Client secret', { exact: true }).fill('s3cret+/:%');
    await page.getByLabel('Scope', { exact: true }).fill('orders:read');
    await clientCredentials(page);
    // The exact request is shown before anything is sent, the secret as a variable.
    const shown = await page.getByLabel('Token request').textContent();
    assert.match(shown, /^POST \/token HTTP\/1\.1/);
    assert.match(shown, /grant_type=client_credentials&scope=orders:read/);
    assert.doesNotMatch(shown, /s3cret/);
    await page.getByRole('button', { name: 'Get token' }).click();
    assert.match(await tokenResult(page), /^Token received: it is in the Token box, valid for 1 h, scope "orders:read"\./);
    const first = await page.getByLabel('Token', { exact: true }).inputValue();
    assert.match(first, /^eyJ/);
    // The composer had no credentials: it now sends the token, and says so.
    assert.match(await tokenResult(page), /The request had no credentials: its Auth is now Bearer/);
    assert.equal(await page.getByLabel('Auth', { exact: true }).inputValue(), 'bearer');
    assert.match(await page.getByLabel('Token expiry').textContent(), /^The token expires at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC \(in (59 min|1 h)/);
    // Refresh: the mock answers with a new refresh token, which replaces the old.
    await page.getByLabel('Grant type').selectOption('refresh_token');
    await page.getByLabel('Refresh token').fill('the-old-refresh-token');
    await page.getByRole('button', { name: 'Get token' }).click();
    await page.waitForFunction(() => /rotated/.test(document.querySelector('[aria-label="Token result"]')?.textContent ?? ''));
    assert.match(await tokenResult(page), /The server rotated the refresh token: the new one replaced the old in Refresh token\./);
    assert.notEqual(await page.getByLabel('Refresh token').inputValue(), 'the-old-refresh-token');
    assert.notEqual(await page.getByLabel('Token', { exact: true }).inputValue(), first);
    const log = await page.getByLabel('Request log').textContent();
    assert.equal((log.match(/POST http:\/\/(127\.0\.0\.1|localhost):\d+\/token → 200/g) ?? []).length, 2, log);
    await screenshot(page, 'get-token-refreshed');
  } finally {
    await context.close();
    await oauth.close();
  }
});

test('a token endpoint that refuses client_secret_post is diagnosed with its own words', async () => {
  const oauth = await startOAuth2({ basicOnly: true });
  const oauthToken = `${oauth.issuer}/token`;
  const { context, page, watch } = await openPage(suite.browser, { expect: [failedRequest('POST', oauthToken, 401)] });
  try {
    await openSection(page, watch);
    await page.getByLabel('Token URL', { exact: true }).fill(`${oauth.issuer}/token`);
    await page.getByLabel('Client ID', { exact: true }).fill('why401-test');
    await page.getByLabel('Client secret', { exact: true }).fill('s3cret');
    await clientCredentials(page, 'client_secret_post');
    await page.getByRole('button', { name: 'Get token' }).click();
    assert.match(await tokenResult(page), /^Most likely: the token endpoint could not authenticate the client/);
    const codes = await page.getByRole('list', { name: 'Why the token request failed' }).locator('.finding-code').allTextContents();
    assert.equal(codes[0], 'oauth_invalid_client', `${codes}`);
    // Read with the request that caused it: the page says which method was sent and what to try.
    const why = await page.getByRole('list', { name: 'Why the token request failed' }).textContent();
    assert.match(why, /The request used client_secret_post \(client_secret in the form\)\./);
    assert.match(why, /If the client is registered for client_secret_basic/);
    assert.equal(await page.getByLabel('Token', { exact: true }).inputValue(), '', 'no token on a refusal');
    // The same client with client_secret_basic gets its token.
    await page.getByLabel('Client authentication').selectOption('client_secret_basic');
    await page.getByRole('button', { name: 'Get token' }).click();
    await page.waitForFunction(() => document.querySelector('[aria-label="Token result"]')?.textContent.startsWith('Token received'));
  } finally {
    await context.close();
    await oauth.close();
  }
});

test('an expired token: Refresh and retry gets a new one, and the retried request succeeds', async () => {
  const peers = closer();
  try {
    const { oauth, orders, page, watch } = await issuerAndOrders(peers, suite.browser);
    await expiredCall(page, watch, oauth, orders, '/');
    assert.equal(await page.getByRole('list', { name: 'Findings' }).locator('.finding-code').first().textContent(), 'token_expired');
    // Offered, but it needs a grant to get the token with.
    const retry = page.getByRole('button', { name: 'Refresh and retry' });
    await retry.waitFor();
    assert.ok(await retry.isDisabled());
    await page.getByText('Get a token', { exact: true }).click();
    await page.getByLabel('Token URL', { exact: true }).fill(`${oauth.issuer}/token`);
    await page.getByLabel('Client ID', { exact: true }).fill('why401-test');
    await page.getByLabel('Client secret', { exact: true }).fill('s3cret');
    await page.getByLabel('Scope', { exact: true }).fill('orders:read');
    await clientCredentials(page);
    await retry.click();
    const attempts = page.getByRole('group', { name: 'Refresh and retry' });
    await attempts.waitFor();
    await page.waitForFunction(() => /After a new token/.test(document.querySelector('[aria-label="Refresh and retry"]')?.textContent ?? ''));
    const text = await attempts.textContent();
    assert.match(text, /Before401 Unauthorized.*token expired/);
    assert.match(text, /After a new token200 OK/);
    // The retried request is the page's own, and it went through.
    assert.match(await page.getByLabel('Request log').textContent(), new RegExp(`GET ${orders.replace(/[.]/g, '\\.')} → 200`));
    await screenshot(page, 'refresh-and-retry');
  } finally {
    await peers.close();
  }
});

test('the token URL found from an issuer, and from a 401 that points at the resource metadata', async () => {
  const peers = closer();
  try {
    const { oauth, orders, page, watch } = await issuerAndOrders(peers, suite.browser, { path: '/v2/orders', height: 800 });
    await openSection(page, watch);
    // From the issuer: OpenID Connect Discovery first.
    await page.getByLabel('Issuer', { exact: true }).fill(oauth.issuer);
    await page.getByRole('button', { name: 'Find the token URL' }).click();
    await page.waitForFunction(() => document.querySelector('#token-url')?.value !== '');
    assert.equal(await page.getByLabel('Token URL', { exact: true }).inputValue(), `${oauth.issuer}/token`);
    assert.equal(await page.getByLabel('Revocation URL').inputValue(), `${oauth.issuer}/revoke`);
    assert.match(await page.getByLabel('Discovery steps').textContent(), /\/\.well-known\/openid-configuration: token_endpoint http:\/\/localhost:\d+\/token, authorization_endpoint http:\/\/localhost:\d+\/authorize, introspection_endpoint http:\/\/localhost:\d+\/introspect, revocation_endpoint http:\/\/localhost:\d+\/revoke\./);
    // From the API's 401 (RFC 9728): resource metadata → authorization server → its metadata.
    await page.getByLabel('Token URL', { exact: true }).fill('');
    await page.getByLabel('URL', { exact: true }).fill(orders);
    assert.equal(await sendRequest(page), '401 Unauthorized');
    await page.getByRole('button', { name: "Follow the 401's resource_metadata" }).click();
    await page.waitForFunction(() => document.querySelector('#token-url')?.value !== '');
    const steps = await page.getByLabel('Discovery steps').locator('li').allTextContents();
    assert.match(steps[0], /oauth-protected-resource: the resource names the authorization server http:\/\/localhost:\d+\./);
    assert.match(steps[1], /token_endpoint http:\/\/localhost:\d+\/token, authorization_endpoint/);
    assert.equal(await page.getByLabel('Issuer', { exact: true }).inputValue(), oauth.issuer);
  } finally {
    await peers.close();
  }
});

test('a token endpoint known to refuse browsers is named before anything is sent', async () => {
  const { context, page, watch } = await openPage(suite.browser);
  try {
    await openSection(page, watch);
    await page.getByLabel('Token URL', { exact: true }).fill('https://dev-123.okta.com/oauth2/default/v1/token');
    await page.getByLabel('Client ID', { exact: true }).fill('0oa1');
    await page.getByLabel('Client secret', { exact: true }).fill('s3cret');
    const limit = page.getByRole('note', { name: 'Browser limit' });
    // Signing in (the default grant) works from a Trusted Origin; client credentials never do.
    await limit.waitFor();
    assert.match(await limit.textContent(), /^Okta: Okta redeems a PKCE authorization code from a browser only when this page's origin is a Trusted Origin/);
    await clientCredentials(page);
    assert.match(await limit.textContent(), /^Okta: Okta refuses token requests that carry an Origin header/);
    await page.getByLabel('Token URL', { exact: true }).fill('https://github.com/login/oauth/access_token');
    assert.match(await limit.textContent(), /^GitHub: GitHub's token endpoint sends no CORS headers/);
    await page.getByLabel('Token URL', { exact: true }).fill('https://idp.example.com/oauth/token');
    await limit.waitFor({ state: 'detached' });
    // Nothing left the page.
    assert.equal(await page.getByLabel('Request log').locator('li').count(), 0);
  } finally {
    await context.close();
  }
});

/** The values of the inputs that must survive a sign-in, by label. */
async function inputs(page) {
  const out = {};
  for (const label of ['Token', 'URL', 'Raw response', 'Issuer', 'Client ID', 'Client secret', 'Scope']) {
    out[label] = await page.getByLabel(label, { exact: true }).inputValue();
  }
  return out;
}

test('authorization code with PKCE through the page\'s own address under /why401/: every input is back, nothing stays stored', async () => {
  const peers = closer();
  try {
    const oauth = await peers.add(startOAuth2());
    const { context, page, watch } = await openPage(suite.browser, { height: 1000 });
    await peers.add(context);
    const tokenBodies = [];
    page.on('request', (r) => r.method() === 'POST' && r.url() === `${oauth.issuer}/token` && tokenBodies.push(r.postData()));
    await openSection(page, watch, '/why401/');
    // What the user had typed before signing in.
    const old = await oauth.token((h, p) => { p.exp = Math.floor(Date.now() / 1000) - 60; });
    await page.getByLabel('Token', { exact: true }).fill(old);
    await page.getByLabel('URL', { exact: true }).fill('http://127.0.0.1:9/v1/orders?limit=5&&x');
    await page.getByLabel('Raw response').fill('HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer error="invalid_token"\n\n');
    await page.getByLabel('Issuer', { exact: true }).fill(oauth.issuer);
    await page.getByRole('button', { name: 'Find the token URL' }).click();
    await page.waitForFunction(() => document.querySelector('#authorization-url')?.value !== '');
    assert.equal(await page.getByLabel('Authorization URL').inputValue(), `${oauth.issuer}/authorize`);
    await page.getByLabel('Client ID', { exact: true }).fill('why401-spa');
    await page.getByLabel('Client secret', { exact: true }).fill('p+ss/w:rd');
    await page.getByLabel('Client authentication').selectOption('client_secret_post');
    await page.getByLabel('Scope', { exact: true }).fill('openid orders:read');
    // The page itself, sub-path included, is the redirect URI; the request is shown exactly.
    const here = suite.srv.url('/why401/');
    assert.equal(await page.getByLabel('Redirect URI').inputValue(), here);
    // What is stored while the tab is away, and nothing more: held here by answering the
    // sign-in page with 204 (the browser then stays on the page).
    const authorize = `${oauth.issuer}/authorize?**`;
    const held = page.getByLabel('Authorization request').textContent();
    await page.route(authorize, (route) => route.fulfill({ status: 204 }));
    // A navigation answered 204 is reported as aborted: that is the hold.
    watch.expect(new RegExp(`^GET ${escapeRe(oauth.issuer)}/authorize\\?.*: net::ERR_ABORTED$`));
    await page.getByRole('button', { name: 'Get token' }).click();
    await page.waitForFunction(() => sessionStorage.length === 1);
    const stored = await page.evaluate(() => ({ keys: Object.keys(sessionStorage), local: localStorage.length, item: JSON.parse(sessionStorage.getItem('why401.sign-in')) }));
    assert.deepEqual(stored.keys, ['why401.sign-in']);
    assert.equal(stored.local, 0);
    assert.deepEqual(Object.keys(stored.item).sort(), ['page', 'redirect_uri', 'retry', 'state', 'verifier']);
    assert.deepEqual(Object.keys(stored.item.page).sort(), ['form', 'issuer', 'request', 'response', 'token', 'url_text']);
    assert.equal(stored.item.redirect_uri, here);
    assert.equal(stored.item.state, /state=([\w-]+)/.exec(await held)[1]);
    assert.equal(crypto.createHash('sha256').update(stored.item.verifier).digest('base64url'), /code_challenge=([\w-]+)/.exec(await held)[1]);
    assert.equal(stored.item.page.form.client_secret, 'p+ss/w:rd', 'the secret in use, as the README says');
    await page.unroute(authorize);
    await page.evaluate(() => sessionStorage.clear());
    // A new state and verifier for the real sign-in.
    const shown = await page.getByLabel('Authorization request').textContent();
    assert.notEqual(shown, await held);
    const expected = `GET ${oauth.issuer}/authorize?response_type=code&client_id=why401-spa&redirect_uri=${encodeURIComponent(here)}&scope=openid+orders%3Aread&state=`;
    assert.ok(shown.startsWith(expected), shown);
    assert.match(shown, /&state=[\w-]{43}&code_challenge=[\w-]{43}&code_challenge_method=S256$/);
    const challenge = /code_challenge=([\w-]+)/.exec(shown)[1];
    const state = /state=([\w-]+)/.exec(shown)[1];
    const before = await inputs(page);
    await page.getByRole('button', { name: 'Get token' }).click();
    // Away to /authorize, back with ?code=…&state=…, the code redeemed.
    assert.match(await tokenResult(page), /^Token received: it is in the Token box, valid for 1 h/);
    // The address bar holds no code and no state, and nothing is left in storage.
    assert.equal(page.url(), here);
    assert.equal(await page.evaluate(() => localStorage.length + sessionStorage.length), 0, 'nothing stored once back');
    // Every input is as it was, but the Token box, which holds the new token.
    const after = await inputs(page);
    const token = after.Token;
    assert.notEqual(token, old);
    assert.equal(JSON.parse(Buffer.from(token.split('.')[1], 'base64url')).sub, 'johndoe');
    assert.deepEqual({ ...after, Token: old }, before);
    assert.equal(await page.getByLabel('Client authentication').inputValue(), 'client_secret_post');
    // The token request repeated the redirect_uri and proved the challenge with its verifier.
    assert.equal(tokenBodies.length, 1, tokenBodies.join('\n'));
    const form = new URLSearchParams(tokenBodies[0]);
    assert.equal(form.get('grant_type'), 'authorization_code');
    assert.equal(form.get('redirect_uri'), here);
    assert.equal(crypto.createHash('sha256').update(form.get('code_verifier')).digest('base64url'), challenge);
    assert.equal(form.get('client_secret'), 'p+ss/w:rd');
    // The next sign-in gets a new state.
    assert.doesNotMatch(await page.getByLabel('Authorization request').textContent(), new RegExp(`state=${state}&`));
    await screenshot(page, 'signed-in');
  } finally {
    await peers.close();
  }
});

test('a sign-in that comes back with an error is explained, and an answer for no sign-in is not redeemed', async () => {
  const peers = closer();
  try {
    const oauth = await peers.add(startOAuth2({ authorizeError: { error: 'access_denied', description: 'The user denied access' } }));
    const { context, page, watch } = await openPage(suite.browser);
    await peers.add(context);
    await openSection(page, watch, '/why401/');
    await page.getByLabel('URL', { exact: true }).fill('http://127.0.0.1:9/v1/orders');
    await page.getByLabel('Authorization URL').fill(`${oauth.issuer}/authorize`);
    await page.getByLabel('Token URL', { exact: true }).fill(`${oauth.issuer}/token`);
    await page.getByLabel('Client ID', { exact: true }).fill('why401-spa');
    await page.getByRole('button', { name: 'Get token' }).click();
    assert.equal(
      await tokenResult(page),
      'Most likely: the authorization server sent back error access_denied: "The user denied access": the user or a policy refused the sign-in.',
    );
    const codes = await page.getByRole('list', { name: 'Why the token request failed' }).locator('.finding-code').allTextContents();
    assert.deepEqual(codes, ['oauth_authorization_error']);
    assert.equal(await page.getByLabel('URL', { exact: true }).inputValue(), 'http://127.0.0.1:9/v1/orders');
    assert.equal(page.url(), suite.srv.url('/why401/'));
    assert.equal(await page.evaluate(() => sessionStorage.length), 0);
    // An answer this tab did not ask for: nothing to redeem it with, said so, and the address cleaned.
    await page.goto(suite.srv.url('/why401/?code=stolen&state=forged'));
    assert.match(await tokenResult(page), /this tab has no sign-in in progress/);
    assert.equal(page.url(), suite.srv.url('/why401/'));
    assert.equal(await page.getByLabel('Token', { exact: true }).inputValue(), '');
  } finally {
    await peers.close();
  }
});

test('introspect a token, revoke it, and introspection then says it is no longer accepted', async () => {
  const peers = closer();
  try {
    const oauth = await peers.add(startOAuth2());
    const admin = await peers.add(startTokenAdmin(oauth));
    const { context, page, watch } = await openPage(suite.browser, { expect: [failedRequest('POST', `${admin.origin}/introspect`, 401)] });
    await peers.add(context);
    await openSection(page, watch);
    await page.getByLabel('Token URL', { exact: true }).fill(`${oauth.issuer}/token`);
    await page.getByLabel('Client ID', { exact: true }).fill('why401-test');
    await page.getByLabel('Client secret', { exact: true }).fill('s3cret');
    await page.getByLabel('Scope', { exact: true }).fill('orders:read');
    await clientCredentials(page);
    await page.getByRole('button', { name: 'Get token' }).click();
    await page.waitForFunction(() => document.querySelector('[aria-label="Token result"]')?.textContent.startsWith('Token received'));
    const introspect = page.getByRole('button', { name: 'Introspect' });
    assert.ok(await introspect.isDisabled());
    assert.match(await page.locator('.token-checks').textContent(), /Fill in the Introspection URL/);
    await page.getByLabel('Introspection URL').fill(`${admin.origin}/introspect`);
    await page.getByLabel('Revocation URL').fill(`${admin.origin}/revoke`);
    const result = page.getByLabel('Token check result');
    const said = async (text) => {
      await page.waitForFunction((t) => document.querySelector('[aria-label="Token check result"]')?.textContent.startsWith(t), text);
      return (await result.textContent()).trim();
    };
    await introspect.click();
    assert.match(await said('Active'), /^Active: scope orders:read, client why401-test, .*expires in 5\d min|^Active: scope orders:read, client why401-test, .*expires in 1 h/);
    await page.getByRole('button', { name: 'Revoke' }).click();
    assert.match(await said('Revoked'), /^Revoked: the server answered 200, so the access token \(Token box\) is no longer valid/);
    await introspect.click();
    assert.match(await said('Inactive'), /^Inactive: the server no longer accepts this token/);
    // The same call without the client's secret: refused, and diagnosed like a token request.
    await page.getByLabel('Client authentication').selectOption('none');
    await introspect.click();
    await said('Most likely');
    const codes = await page.getByRole('list', { name: 'Why the token check failed' }).locator('.finding-code').allTextContents();
    assert.equal(codes[0], 'oauth_invalid_client', `${codes}`);
    const log = await page.getByLabel('Request log').textContent();
    assert.equal((log.match(/\(introspection\)/g) ?? []).length, 3, log);
    assert.equal((log.match(/\(revocation\)/g) ?? []).length, 1, log);
  } finally {
    await peers.close();
  }
});

async function deviceSection(page, watch, device) {
  await openSection(page, watch);
  await page.getByLabel('Grant type').selectOption('urn:ietf:params:oauth:grant-type:device_code');
  await page.getByLabel('Device authorization URL').fill(`${device.origin}/device_authorization`);
  await page.getByLabel('Token URL', { exact: true }).fill(`${device.origin}/token`);
  await page.getByLabel('Client ID', { exact: true }).fill('why401-tv');
  await page.getByLabel('Scope', { exact: true }).fill('orders:read');
}

test('the device grant: the code to type, polling at the interval, slow_down obeyed, then the token', async () => {
  const peers = closer();
  try {
    const oauth = await peers.add(startOAuth2());
    const device = await peers.add(startDeviceServer(oauth, { slowDownOnPoll: 2 }));
    const deviceToken = `${device.origin}/token`;
    const { context, page, watch } = await openPage(suite.browser, { expect: [failedRequest('POST', deviceToken, 400)] });
    await peers.add(context);
    await deviceSection(page, watch, device);
    assert.match(await page.getByLabel('Device authorization request').textContent(), /^POST \/device_authorization HTTP\/1\.1\r\n[\s\S]*\r\n\r\nscope=orders:read&client_id=why401-tv$/);
    await page.getByRole('button', { name: 'Get token' }).click();
    const box = page.getByRole('group', { name: 'Device sign-in' });
    await box.waitFor();
    assert.equal(await page.getByLabel('User code').textContent(), 'WDJB-MJHT');
    assert.equal(await box.getByRole('link').first().getAttribute('href'), `${device.origin}/device`);
    // The second poll is told to slow down; the page then waits 1 + 5 s between polls.
    await page.waitForFunction(() => /slow_down/.test(document.querySelector('[aria-label="Device status"]')?.textContent ?? ''));
    assert.match(await page.getByLabel('Device status').textContent(), /it now asks every 6 s/);
    device.approve();
    assert.match(await tokenResult(page), /^Token received: it is in the Token box, valid for 1 h\./);
    await box.waitFor({ state: 'detached' });
    assert.match(await page.getByLabel('Token', { exact: true }).inputValue(), /^eyJ/);
    // Three polls: pending, slow_down, the token; never sooner than the interval asked.
    assert.equal(device.polls.length, 3, `${device.polls}`);
    assert.ok(device.polls[1] - device.polls[0] >= 850, `${device.polls}`);
    assert.ok(device.polls[2] - device.polls[1] >= 5850, `${device.polls}`);
    const log = await page.getByLabel('Request log').textContent();
    assert.equal((log.match(/\(device grant poll\)/g) ?? []).length, 3, log);
    await screenshot(page, 'device-grant');
  } finally {
    await peers.close();
  }
});

test('the device grant: a code that expires before the sign-in says so and stops polling', async () => {
  const peers = closer();
  try {
    const oauth = await peers.add(startOAuth2());
    const device = await peers.add(startDeviceServer(oauth, { expireAfterMs: 1500 }));
    const { context, page, watch } = await openPage(suite.browser, { expect: [failedRequest('POST', `${device.origin}/token`, 400)] });
    await peers.add(context);
    await deviceSection(page, watch, device);
    await page.getByRole('button', { name: 'Get token' }).click();
    await page.waitForFunction(() => document.querySelector('[aria-label="Token result"]'));
    assert.match(await tokenResult(page), /^The device code expired before the sign-in was finished \(expired_token\)/);
    assert.equal(await page.getByRole('group', { name: 'Device sign-in' }).count(), 0);
    // Stopped: Get token can be pressed again, and every poll the server saw is in the log.
    assert.ok(await page.getByRole('button', { name: 'Get token' }).isEnabled());
    assert.ok(device.polls.length >= 2, `${device.polls}`);
    const log = await page.getByLabel('Request log').textContent();
    assert.equal((log.match(/\(device grant poll\)/g) ?? []).length, device.polls.length, log);
  } finally {
    await peers.close();
  }
});

test('a token endpoint that refuses browsers unless PKCE, as Okta does: named, and the sign-in gets through', async () => {
  const peers = closer();
  try {
    const oauth = await peers.add(startOAuth2());
    const okta = await peers.add(startGate(oauth.issuer, { refuse: oktaOriginRule }));
    const { context, page, watch } = await openPage(suite.browser, { expect: [failedRequest('POST', `${okta.origin}/token`, 401)] });
    await peers.add(context);
    await openSection(page, watch, '/why401/');
    await page.getByLabel('Authorization URL').fill(`${okta.origin}/authorize`);
    await page.getByLabel('Token URL', { exact: true }).fill(`${okta.origin}/token`);
    await page.getByLabel('Client ID', { exact: true }).fill('0oa1example');
    await page.getByLabel('Client secret', { exact: true }).fill('s3cret');
    await clientCredentials(page);
    await page.getByRole('button', { name: 'Get token' }).click();
    assert.equal(
      await tokenResult(page),
      'Most likely: Okta refuses token requests from a browser unless they are the PKCE authorization code flow. The server says: "Browser requests to the token endpoint must use Proof Key for Code Exchange."',
    );
    const why = page.getByRole('list', { name: 'Why the token request failed' });
    assert.equal(await why.locator('.finding-code').first().textContent(), 'oauth_invalid_client');
    assert.match(await why.textContent(), /From a page, use the authorization code flow with PKCE/);
    // The PKCE authorization code flow, through the same endpoint, gets its token.
    await page.getByLabel('Grant type').selectOption('authorization_code');
    await page.getByLabel('Client authentication').selectOption('none');
    await page.getByRole('button', { name: 'Get token' }).click();
    await page.waitForFunction(() => document.querySelector('[aria-label="Token result"]')?.textContent.startsWith('Token received'));
  } finally {
    await peers.close();
  }
});

test('a token endpoint that sends no CORS headers is told apart from an OAuth error, and the exported curl gets the answer', async () => {
  const peers = closer();
  try {
    const oauth = await peers.add(startOAuth2());
    const closed = await peers.add(startGate(oauth.issuer, { cors: false }));
    const tokenUrl = `${closed.origin}/token`;
    const { context, page, watch } = await openPage(suite.browser, {
      expect: [
        new RegExp(`^console\\.error: Access to fetch at '${escapeRe(tokenUrl)}' from origin 'http://127\\.0\\.0\\.1:\\d+' has been blocked by CORS policy: Response to preflight request`),
        failedRequest('POST', tokenUrl, 'net::ERR_FAILED'),
        // The no-cors probe that tells CORS from an unreachable host: the mock has no GET /token.
        failedRequest('GET', tokenUrl, 404),
        failedRequest('GET', tokenUrl, 'net::ERR_ABORTED'),
      ],
    });
    await peers.add(context);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: suite.srv.origin });
    await openSection(page, watch);
    await page.getByLabel('Token URL', { exact: true }).fill(tokenUrl);
    await page.getByLabel('Client ID', { exact: true }).fill('why401-test');
    await page.getByLabel('Client secret', { exact: true }).fill('s3cret');
    await clientCredentials(page);
    await page.getByRole('button', { name: 'Get token' }).click();
    assert.match(await tokenResult(page), /^Most likely: .*CORS/);
    const codes = await page.getByRole('list', { name: 'Why the token request failed' }).locator('.finding-code').allTextContents();
    assert.equal(codes[0], 'cors_blocked', `${codes}`);
    assert.ok(!codes.some((c) => c.startsWith('oauth_')), `${codes}`);
    // From a terminal (no Origin, no CORS) the same request gets the server's real answer.
    await page.getByRole('button', { name: 'Copy as curl' }).click();
    const curl = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(curl, /^curl /);
    const vars = [...curl.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g)].map((m) => m[1]);
    assert.ok(vars.length > 0, curl);
    const env = { ...process.env, ...Object.fromEntries(vars.map((v) => [v, 's3cret'])) };
    // Asynchronously: the peers answering it run in this process. stdin closed: curl never prompts.
    const { stdout } = await promisify(execFile)('bash', ['-c', `${curl} < /dev/null`], { env, timeout: 20_000 });
    const answer = JSON.parse(stdout);
    assert.equal(answer.token_type, 'Bearer');
    assert.match(answer.access_token, /^eyJ/);
    // The same from the user's own kind of script: Python requests.
    await page.getByRole('button', { name: 'Copy as Python' }).click();
    const python = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(python, /requests\.post\(/);
    const pyVars = [...python.matchAll(/os\.environ\["([A-Za-z_][A-Za-z0-9_]*)"\]/g)].map((m) => m[1]);
    const pyEnv = { ...process.env, ...Object.fromEntries(pyVars.map((v) => [v, 's3cret'])) };
    const run = await promisify(execFile)(path.join(ROOT, '.venv', 'bin', 'python'), ['-c', python], { env: pyEnv, timeout: 20_000 });
    assert.match(run.stdout, /^200 .*"token_type":"Bearer"/s);
  } finally {
    await peers.close();
  }
});

test('private_key_jwt: the client assertion is signed with the key from Sign a token and checked by the token endpoint', async () => {
  const peers = closer();
  try {
    const oauth = await peers.add(startOAuth2());
    const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    const assertions = [];
    // The token endpoint accepts only an assertion signed by the client's registered key.
    const gate = await peers.add(startGate(oauth.issuer, {
      refuse: (req, body) => {
        if (req.method !== 'POST' || !req.url.startsWith('/token')) return null;
        const form = new URLSearchParams(body);
        const jwt = form.get('client_assertion') ?? '';
        const [h, p, sig] = jwt.split('.');
        const signed = sig && crypto.verify('RSA-SHA256', Buffer.from(`${h}.${p}`), publicKey, Buffer.from(sig, 'base64url'));
        assertions.push({ type: form.get('client_assertion_type'), header: h && JSON.parse(Buffer.from(h, 'base64url')), claims: p && JSON.parse(Buffer.from(p, 'base64url')) });
        return signed ? null : { status: 401, body: { error: 'invalid_client', error_description: 'client assertion signature is invalid' } };
      },
    }));
    const tokenUrl = `${gate.origin}/token`;
    const { context, page, watch } = await openPage(suite.browser, { height: 1000 });
    await peers.add(context);
    await openSection(page, watch);
    await page.getByText('Sign a token', { exact: true }).click();
    await page.getByLabel('Header to sign').fill('{"alg":"RS256","kid":"client-key-1"}');
    await page.getByLabel('Signing key', { exact: true }).fill(privateKey.export({ type: 'pkcs8', format: 'pem' }));
    await page.getByLabel('Token URL', { exact: true }).fill(tokenUrl);
    await page.getByLabel('Client ID', { exact: true }).fill('why401-service');
    await clientCredentials(page, 'private_key_jwt');
    // Shown before sending, the assertion as a variable.
    assert.match(await page.getByLabel('Token request').textContent(), /&client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer&client_assertion=\$\{CLIENT_ASSERTION\}$/);
    await page.getByRole('button', { name: 'Get token' }).click();
    assert.match(await tokenResult(page), /^Token received/);
    assert.equal(assertions.length, 1);
    const { type, header, claims } = assertions[0];
    assert.equal(type, 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
    assert.deepEqual(header, { alg: 'RS256', typ: 'JWT', kid: 'client-key-1' });
    assert.equal(claims.iss, 'why401-service');
    assert.equal(claims.sub, 'why401-service');
    assert.equal(claims.aud, tokenUrl);
    assert.equal(claims.exp - claims.iat, 300);
    assert.match(claims.jti, /^[\w-]{43}$/);
    // Signed with a key the server does not know: refused, and the finding says what was sent.
    watch.expect(failedRequest('POST', tokenUrl, 401));
    const other = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    await page.getByLabel('Signing key', { exact: true }).fill(other.export({ type: 'pkcs8', format: 'pem' }));
    await page.getByRole('button', { name: 'Get token' }).click();
    await page.waitForFunction(() => document.querySelector('[aria-label="Token result"]')?.textContent.startsWith('Most likely'));
    const why = await page.getByRole('list', { name: 'Why the token request failed' }).textContent();
    assert.match(why, /The request used a client assertion \(private_key_jwt\)\./);
    assert.notEqual(assertions[1].claims.jti, claims.jti, 'a new jti each time');
  } finally {
    await peers.close();
  }
});

test('Refresh and retry with the authorization code grant and no refresh token: signs in again, then retries', async () => {
  const peers = closer();
  try {
    const { oauth, orders, page, watch } = await issuerAndOrders(peers, suite.browser);
    await expiredCall(page, watch, oauth, orders, '/why401/');
    await page.getByText('Get a token', { exact: true }).click();
    await page.getByLabel('Authorization URL').fill(`${oauth.issuer}/authorize`);
    await page.getByLabel('Token URL', { exact: true }).fill(`${oauth.issuer}/token`);
    await page.getByLabel('Client ID', { exact: true }).fill('why401-spa');
    await page.getByLabel('Scope', { exact: true }).fill('orders:read');
    const retry = page.getByRole('button', { name: 'Refresh and retry' });
    assert.match(await page.locator('.refresh-retry').textContent(), /Signs in again/);
    await retry.click();
    // Away to sign in, back, the code redeemed, the request sent again with the new token.
    await page.waitForFunction(() => /After a new token/.test(document.querySelector('[aria-label="Refresh and retry"]')?.textContent ?? ''));
    const text = await page.getByRole('group', { name: 'Refresh and retry' }).textContent();
    assert.match(text, /Before401 Unauthorized.*token expired/);
    assert.match(text, /After a new token200 OK/);
    assert.equal(page.url(), suite.srv.url('/why401/'));
    assert.equal(await page.evaluate(() => sessionStorage.length), 0);
    assert.equal(await page.getByLabel('URL', { exact: true }).inputValue(), orders);
  } finally {
    await peers.close();
  }
});

test('a sign-in answer with another state is not redeemed: no token request, inputs back, nothing stored', async () => {
  const peers = closer();
  try {
    const oauth = await peers.add(startOAuth2({ forgeState: true }));
    const { context, page, watch } = await openPage(suite.browser);
    await peers.add(context);
    const posts = [];
    page.on('request', (r) => r.method() === 'POST' && posts.push(r.url()));
    await openSection(page, watch, '/why401/');
    await page.getByLabel('URL', { exact: true }).fill('http://127.0.0.1:9/v1/orders');
    await page.getByLabel('Authorization URL').fill(`${oauth.issuer}/authorize`);
    await page.getByLabel('Token URL', { exact: true }).fill(`${oauth.issuer}/token`);
    await page.getByLabel('Client ID', { exact: true }).fill('why401-spa');
    await page.getByRole('button', { name: 'Get token' }).click();
    assert.match(await tokenResult(page), /^The answer's state is not the one this page sent: it belongs to another sign-in/);
    assert.deepEqual(posts, [], 'the code was not sent anywhere');
    assert.equal(await page.getByLabel('URL', { exact: true }).inputValue(), 'http://127.0.0.1:9/v1/orders');
    assert.equal(page.url(), suite.srv.url('/why401/'));
    assert.equal(await page.evaluate(() => sessionStorage.length), 0);
  } finally {
    await peers.close();
  }
});
