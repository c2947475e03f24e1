// Signature verification end to end: a token from a real issuer (oauth2-mock-server on
// 127.0.0.1) is verified against the JWKS the page discovers from its iss; after the issuer
// rotates its key, the page says the kid is no longer published.

import assert from 'node:assert/strict';
import { closer, escapeRe, failedRequest, openPage, pageSuite, screenshot, sendRequest, test, waitVisible, ROOT } from './helpers.mjs';
import fs from 'node:fs';
import path from 'node:path';

const fx = (name) => fs.readFileSync(path.join(ROOT, 'tests', 'fixtures', 'keys', name), 'utf8').trim();
import { issuerAndOrders, startOAuth2, startNoCors } from './peers.mjs';

const suite = pageSuite();

async function result(page) {
  const status = page.getByLabel('Signature result');
  await page.waitForFunction(() => document.querySelector('[aria-label="Signature result"]')?.textContent !== 'Checking…');
  return (await status.textContent()).trim();
}

test('discovers the issuer\'s JWKS from iss, verifies, then reports kid_not_in_jwks after rotation', async () => {
  let oauth;
  let context;
  try {
    oauth = await startOAuth2();
    const opened = await openPage(suite.browser, { height: 1000 });
    context = opened.context;
    const { page, watch } = opened;
    await page.goto(suite.srv.url('/'));
    await waitVisible(page.getByLabel('Token', { exact: true }), watch);
    const token = await oauth.token((h, p) => { p.scope = 'orders:read'; });
    await page.getByLabel('Token', { exact: true }).fill(token);
    assert.match(await result(page), /^Not checked: paste a key/);

    await page.getByRole('button', { name: "Fetch the issuer's keys" }).click();
    await page.getByText(/Keys fetched from/).waitFor();
    assert.match(await result(page), /^Signature verified with RSA 2048-bit/);
    assert.match(await page.getByLabel('Key', { exact: true }).inputValue(), /"keys"/);
    const log = await page.getByRole('list', { name: 'Request log' }).getByRole('listitem').allTextContents();
    assert.ok(log.some((l) => l.includes('/.well-known/openid-configuration')), log.join('\n'));
    await screenshot(page, 'signature-verified');

    // One flipped character in the signature: invalid, and the content stays visible.
    const flipped = token.slice(0, -3) + (token.at(-3) === 'A' ? 'B' : 'A') + token.slice(-2);
    await page.getByLabel('Token', { exact: true }).fill(flipped);
    assert.match(await result(page), /^Signature invalid/);
    assert.ok((await page.getByRole('list', { name: 'What the signature check found' }).locator('.finding-code').allTextContents()).includes('signature_invalid'));
    assert.match(await page.getByLabel('Decoded payload').textContent(), /orders:read/);

    // The issuer rotates its key: same URL, new kid.
    const { port } = oauth;
    const old = oauth;
    oauth = null;
    await old.close();
    oauth = await startOAuth2({ port });
    await page.getByLabel('Token', { exact: true }).fill(token);
    await page.getByRole('button', { name: "Fetch the issuer's keys" }).click();
    await page.getByText(/Keys fetched from/).waitFor();
    const codes = await page.getByRole('list', { name: 'What the signature check found' }).locator('.finding-code').allTextContents();
    assert.ok(codes.includes('kid_not_in_jwks'), codes.join(' '));
    assert.ok((await page.getByRole('list', { name: 'Findings' }).locator('.finding-code').allTextContents()).includes('kid_not_in_jwks'), 'in the report too');
    await screenshot(page, 'signature-kid-rotated');
  } finally {
    // The page first: its keep-alive connections would hold the issuer's server open.
    await context?.close();
    await oauth?.close();
  }
});

test('an HS256 secret verifies; a public key for an HS256 token is named as algorithm confusion', async () => {
  const { context, page, watch } = await openPage(suite.browser, { width: 375, colorScheme: 'dark' });
  try {
    await page.goto(suite.srv.url('/'));
    await waitVisible(page.getByLabel('Token', { exact: true }), watch);
    // RFC 7515 A.1 with its oct key, given as base64url.
    await page.getByLabel('Token', { exact: true }).fill('eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk');
    await page.getByLabel('Key', { exact: true }).fill('AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow');
    await page.getByLabel('Secret encoding').selectOption('base64url');
    assert.match(await result(page), /^Signature verified/);
    await page.getByText('Sign a token', { exact: true }).click();
    await screenshot(page, 'signature-hs256-dark-375');
    await page.getByLabel('Secret encoding').selectOption('utf8');
    assert.match(await result(page), /^Signature invalid/);
    // An RSA public key for an HS256 token: the algorithm-confusion risk is named, not tried.
    await page.getByLabel('Key', { exact: true }).fill(fx('rsa2048_spki.pem'));
    assert.match(await result(page), /^Not checked/);
    const codes = await page.getByRole('list', { name: 'What the signature check found' }).locator('.finding-code').allTextContents();
    assert.deepEqual(codes, ['hs_with_public_key']);
    assert.ok((await page.getByRole('list', { name: 'Findings', exact: true }).locator('.finding-code').allTextContents()).includes('hs_with_public_key'));
  } finally {
    await context.close();
  }
});

test('signs an edited copy with the issuer\'s private key: verified, told expired, and the API agrees', async () => {
  const peers = closer();
  try {
    const { oauth, orders, page, watch } = await issuerAndOrders(peers, suite.browser);
    await page.goto(suite.srv.url('/'));
    await waitVisible(page.getByLabel('Token', { exact: true }), watch);
    await page.getByLabel('Token', { exact: true }).fill(await oauth.token((h, p) => { p.scope = 'orders:read'; }));

    await page.getByText('Sign a token', { exact: true }).click();
    await page.getByRole('button', { name: 'Start from the token above' }).click();
    assert.match(await page.getByLabel('Payload to sign').inputValue(), /"scope": "orders:read"/);
    assert.match(await page.getByLabel('Header to sign').inputValue(), /"kid"/);
    await page.getByRole('button', { name: 'exp: 1 hour ago' }).click();
    // Nothing to sign with yet: the reason is given and Sign is off.
    assert.match(await page.getByRole('alert', { name: 'Cannot sign' }).textContent(), /RS256 needs a key/);
    assert.ok(await page.getByRole('button', { name: 'Sign', exact: true }).isDisabled());

    // A public key cannot sign; the issuer's private JWK can.
    await page.getByLabel('Signing key', { exact: true }).fill(JSON.stringify(oauth.jwks()[0]));
    assert.match(await page.getByRole('alert', { name: 'Cannot sign' }).textContent(), /no private half/);
    await page.getByLabel('Signing key', { exact: true }).fill(JSON.stringify(oauth.privateJwk()));
    await page.getByRole('button', { name: 'Sign', exact: true }).click();
    const signed = page.getByLabel('Signed token');
    await signed.waitFor();
    assert.equal((await signed.inputValue()).split('.').length, 3);
    await screenshot(page, 'sign-token');

    await page.getByRole('button', { name: 'Use as Token' }).click();
    assert.equal(await page.getByLabel('Token', { exact: true }).inputValue(), await signed.inputValue());
    assert.ok((await page.getByRole('list', { name: 'Findings' }).locator('.finding-code').allTextContents()).includes('token_expired'));
    await page.getByLabel('Key', { exact: true }).fill(JSON.stringify({ keys: oauth.jwks() }));
    assert.match(await result(page), /^Signature verified/);

    // The real API says the same: a genuine signature (it checks that first and would answer
    // "The signature is invalid"), an expired token.
    await page.getByLabel('URL', { exact: true }).fill(orders);
    await page.getByLabel('Auth', { exact: true }).selectOption('bearer');
    assert.equal(await sendRequest(page), '401 Unauthorized');
    const challenge = page.getByRole('table', { name: 'Response headers' }).getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'www-authenticate' }) });
    assert.equal(await challenge.locator('td').textContent(), 'Bearer realm="orders", error="invalid_token", error_description="The access token expired"');
    assert.equal((await page.getByRole('list', { name: 'Findings' }).locator('.finding-code').first().textContent()), 'token_expired');

    // Editing the payload afterwards marks the signed token as out of date.
    await page.getByLabel('Payload to sign').fill('{"sub": "changed"}');
    await page.getByText(/changed since this token was signed/).waitFor();
  } finally {
    await peers.close();
  }
});

test('a JWKS the browser may not read is named as CORS, with the paste fallback', async () => {
  const peers = closer();
  try {
    const nocors = await peers.add(startNoCors());
    const jwks = `${nocors.origin}/.well-known/jwks.json`;
    const { context, page, watch } = await openPage(suite.browser, {
      expect: [
        // The JWKS fetch: the server sends no CORS headers, so the browser hides its answer.
        new RegExp(`^console\\.error: Access to fetch at '${escapeRe(jwks)}' from origin 'http://127\\.0\\.0\\.1:\\d+' has been blocked by CORS policy`),
        failedRequest('GET', jwks, 'net::ERR_FAILED'),
        // The no-cors probe that tells CORS from an unreachable host: the server's 401 reaches
        // the browser (opaque to the page), and the page drops the unread body.
        failedRequest('GET', jwks, 401),
        failedRequest('GET', jwks, 'net::ERR_ABORTED'),
      ],
    });
    await peers.add(context); // closed first: its connections would hold the peer open
    await page.goto(suite.srv.url('/'));
    await waitVisible(page.getByLabel('Token', { exact: true }), watch);
    await page.getByLabel('Token', { exact: true }).fill(fx('rfc7515_a2.jwt'));
    await page.getByLabel('JWKS URL').fill(jwks);
    await page.getByRole('button', { name: 'Fetch JWKS' }).click();
    const findings = page.getByRole('list', { name: 'What the signature check found' });
    await findings.getByText('jwks_fetch_blocked_by_cors').waitFor();
    assert.match(await findings.textContent(), /paste the JSON into the Key field/);
    assert.match(await result(page), /^Not checked: paste a key/);
  } finally {
    await peers.close();
  }
});
