// The 401 explainer end to end: a token, a request and a pasted raw response (as curl, DevTools
// or Python print it) give a one-line verdict and ranked findings; the report copies masked.

import assert from 'node:assert/strict';
import { closer, failedRequest, openPage, pageSuite, screenshot, sendRequest, test, waitVisible } from './helpers.mjs';
import { startOAuth2, startOrdersApi } from './peers.mjs';

const suite = pageSuite();

const b64url = (s) => Buffer.from(s).toString('base64url');
// A signature of the length the algorithm gives (HS256 32 bytes, ES256 64, RSA 2048-bit 256),
// so only what a test is about is reported, not a cut signature.
const SIG_LEN = { HS256: 32, HS384: 48, HS512: 64, ES256: 64, ES384: 96, ES512: 132, EdDSA: 64 };
const sig = (alg) => b64url(Buffer.alloc(SIG_LEN[alg] ?? 256, 0x5a));
const jwt = (header, payload) => `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}.${sig(header.alg)}`;
const now = () => Math.floor(Date.now() / 1000);

async function open(options = {}) {
  const opened = await openPage(suite.browser, { height: 1000, ...options });
  await opened.page.goto(suite.srv.url('/'));
  await waitVisible(opened.page.getByLabel('Raw response'), opened.watch);
  return opened;
}

async function topCodes(page, n = 1) {
  return (await page.getByRole('list', { name: 'Findings' }).locator('.finding-code').allTextContents()).slice(0, n);
}

async function verdict(page) {
  return (await page.locator('section.findings .verdict').textContent()).trim();
}

// (name, token, raw response as pasted, expected top finding, verdict pattern). The verdict is
// "Most likely: " + the top finding's headline or title; the patterns take the vendor's name
// either way round because the page lower-cases a leading plain word ("slack", "google").
const CASES = [
  {
    name: 'expired token, RFC 6750 invalid_token',
    token: () => jwt({ alg: 'RS256', typ: 'at+jwt' }, { iss: 'https://idp.example.com/', aud: 'https://api.example.com', scope: 'read', exp: now() - 7205 }),
    raw: 'HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer realm="example", error="invalid_token", error_description="The access token expired"\r\nContent-Length: 0\r\n',
    // The expired exp is the root cause; the server's invalid_token confirms it.
    top: 'token_expired',
    also: ['invalid_token'],
    verdict: /^Most likely: .*expired 2 h/,
  },
  {
    name: 'insufficient scope names the missing one (curl -v)',
    token: () => jwt({ alg: 'RS256', typ: 'at+jwt' }, { iss: 'https://idp.example.com/', aud: 'https://api.example.com', scope: 'orders:read', exp: now() + 600 }),
    raw: '* Connected to api.example.com (203.0.113.7) port 443\n> DELETE /v1/orders/7 HTTP/1.1\n> Host: api.example.com\n> Authorization: Bearer eyJ...\n>\n< HTTP/1.1 403 Forbidden\n< WWW-Authenticate: Bearer error="insufficient_scope", scope="orders:write"\n< Content-Length: 0\n<\n',
    top: 'insufficient_scope',
    verdict: /orders:write/,
  },
  {
    name: 'Python print of a Slack 200 invalid_auth',
    token: () => 'xoxb-1111-2222-abcdefabcdef',
    raw: `200 {'Content-Type': 'application/json; charset=utf-8', 'X-Slack-Req-Id': 'abc'} {"ok":false,"error":"invalid_auth"}`,
    top: 'slack_invalid_auth',
    // A 200 that is a failure: the vendor's own error and the status that hides it.
    verdict: /^Most likely: [Ss]lack does not accept the token \(invalid_auth\), though the HTTP status is 200\.$/,
  },
  {
    name: 'AWS API Gateway missing authentication token',
    token: () => '',
    raw: 'HTTP/2 403\nx-amzn-errortype: MissingAuthenticationTokenException\ncontent-type: application/json\n\n{"message":"Missing Authentication Token"}',
    top: 'aws_missing_authentication_token',
    verdict: /^Most likely: AWS API Gateway found no route or no authentication \(Missing Authentication Token\)\.$/,
  },
  {
    name: 'GitHub SAML SSO',
    token: () => 'ghp_R2a9kXvT0bq8LmN4sW7yZ1cD3eF5gH6jK8pQ',
    raw: 'HTTP/2 403\nx-github-sso: required; url=https://github.com/orgs/acme/sso?authorization_request=AbC\ncontent-type: application/json\n\n{"message":"Resource protected by organization SAML enforcement. You must grant your Personal Access token access to this organization."}',
    top: 'github_saml_sso_required',
    verdict: /^Most likely: GitHub: the token is not authorized for this organization's SAML single sign-on\. The server says: "Resource protected by organization SAML enforcement\. You must grant your Personal Access token access to this organization\."$/,
  },
  {
    name: 'Entra token endpoint: client secret ID instead of value',
    token: () => '',
    raw: 'HTTP/1.1 401 Unauthorized\nContent-Type: application/json\n\n{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID","error_codes":[7000215]}',
    top: 'entra_invalid_client_secret',
    verdict: /^Most likely: [Mm]icrosoft Entra: the client secret is wrong \(AADSTS7000215\)\. The server says: "AADSTS7000215: Invalid client secret provided\. Ensure the secret being sent in the request is the client secret value, not the client secret ID"\.$/,
  },
  {
    name: 'Google 403 ACCESS_TOKEN_SCOPE_INSUFFICIENT (Python print)',
    token: () => 'ya29.a0AfB_byC1d2E3f4G5h6',
    raw: `403 {'Content-Type': 'application/json; charset=UTF-8', 'Vary': 'Origin'} {"error":{"code":403,"message":"Request had insufficient authentication scopes.","status":"PERMISSION_DENIED","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"ACCESS_TOKEN_SCOPE_INSUFFICIENT","domain":"googleapis.com"}]}}`,
    top: 'google_scope_insufficient',
    verdict: /^Most likely: [Gg]oogle: the access token lacks a scope this API needs\. The server says: "Request had insufficient authentication scopes\."$/,
  },
  {
    name: 'Google 401 UNAUTHENTICATED',
    token: () => 'ya29.a0AfB_byC1d2E3f4G5h6',
    raw: 'HTTP/2 401\ncontent-type: application/json; charset=UTF-8\nwww-authenticate: Bearer realm="https://accounts.google.com/", error="invalid_token"\n\n{"error":{"code":401,"message":"Request had invalid authentication credentials.","status":"UNAUTHENTICATED"}}',
    top: 'google_unauthenticated',
    verdict: /^Most likely: [Gg]oogle rejected the credentials \(UNAUTHENTICATED\)\. The server says: "Request had invalid authentication credentials\."$/,
  },
  {
    name: 'GitHub X-Accepted-OAuth-Scopes names the missing scope',
    token: () => 'gho_16C7e42F292c6912E7710c838347Ae178B4a',
    raw: 'HTTP/2 403\nx-oauth-scopes: repo, user\nx-accepted-oauth-scopes: admin:org\ncontent-type: application/json\n\n{"message":"Must have admin rights to organization."}',
    top: 'github_scopes_missing',
    verdict: /admin:org/,
  },
  {
    name: 'Stripe: a test object with a live key',
    token: () => 'sk_live_51H8abcdefghijklmnop',
    raw: 'HTTP/1.1 404 Not Found\nContent-Type: application/json\nRequest-Id: req_1\n\n{"error":{"code":"resource_missing","message":"No such customer: \'cus_Q1w2E3r4\'; a similar object exists in test mode, but a live mode key was used to make this request.","type":"invalid_request_error"}}',
    top: 'stripe_test_live_mismatch',
    verdict: /^Most likely: [Ss]tripe: the object exists in the other mode \(test vs live\) than the key's\. The server says: "No such customer: 'cus_Q1w2E3r4'; a similar object exists in test mode, but a live mode key was used to make this request\."$/,
  },
  {
    name: 'RFC 6749 §5.2 invalid_grant from a token endpoint',
    token: () => '',
    raw: 'HTTP/1.1 400 Bad Request\nContent-Type: application/json\nCache-Control: no-store\n\n{"error":"invalid_grant","error_description":"Token is not active"}',
    top: 'oauth_invalid_grant',
    verdict: /^Most likely: the authorization code or refresh token was refused \(invalid_grant\)\. The server says: "Token is not active"\.$/,
  },
  // From the response gallery (tests/gallery/responses.txt): the server's own words, read.
  {
    name: 'OpenAI invalid_api_key (gallery)',
    token: () => '',
    raw: 'HTTP/1.1 401 Unauthorized\nContent-Type: application/json; charset=utf-8\n\n{"error":{"message":"Incorrect API key provided: sk-4sJHr****w8ZP. You can find your API key at https://platform.openai.com/account/api-keys.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}',
    top: 'api_key_rejected',
    shot: 'diagnosis-openai-key',
    verdict: /^Most likely: OpenAI refused the API key \("Incorrect API key provided: sk-4sJHr\*\*\*\*w8ZP\./,
  },
  {
    name: 'Spring resource server: Jwt expired (gallery)',
    token: () => '',
    raw: 'HTTP/1.1 401 \nWWW-Authenticate: Bearer error="invalid_token", error_description="An error occurred while attempting to decode the Jwt: Jwt expired at 2025-12-30T08:05:11Z", error_uri="https://tools.ietf.org/html/rfc6750#section-3.1"\nContent-Length: 0\n\n',
    top: 'token_expired',
    verdict: /^Most likely: the server says the token expired \("An error occurred while attempting to decode the Jwt: Jwt expired at 2025-12-30T08:05:11Z"\); get a new one or refresh\.$/,
    also: ['invalid_token'],
  },
  {
    name: 'Basic credentials refused with the Basic challenge (gallery)',
    token: () => 'Basic YWRtaW46d3JvbmdwYXNz',
    raw: 'HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Basic realm="Restricted"\nContent-Type: text/html\n\n<html><head><title>401 Unauthorized</title></head><body><h1>Unauthorized</h1></body></html>',
    top: 'basic_credentials_rejected',
    verdict: /^Most likely: the server rejected these credentials \(user "admin"\): the user name or the password is wrong\.$/,
  },
  {
    name: 'Google API key limited to other websites (gallery)',
    token: () => '',
    raw: 'HTTP/2 403\ncontent-type: application/json; charset=UTF-8\n\n{"error":{"code":403,"message":"Requests from referer https://youcount.github.io/ are blocked.","status":"PERMISSION_DENIED","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_HTTP_REFERRER_BLOCKED","domain":"googleapis.com","metadata":{"service":"youtube.googleapis.com"}}]}}',
    top: 'api_key_not_entitled',
    shot: 'diagnosis-google-key-referrer',
    verdict: /^Most likely: Google knows the API key, but it allows only other websites \(HTTP referrers\)\. The server says: "Requests from referer https:\/\/youcount\.github\.io\/ are blocked\."$/,
  },
  {
    name: 'Auth0 redirect back: Service not found (gallery)',
    token: () => '',
    raw: 'HTTP/1.1 302 Found\nLocation: http://localhost:8080/?error=access_denied&error_description=Service%20not%20found%3A%20https%3A%2F%2Fauth0-jwt-authorizer&state=Mm5F\nContent-Length: 0\n\n',
    top: 'auth0_service_not_found',
    verdict: /^Most likely: Auth0 has no API whose identifier is the audience 'https:\/\/auth0-jwt-authorizer' \("Service not found"\)\.$/,
  },
];

for (const c of CASES) {
  test(`pasted response: ${c.name}`, async () => {
    const { context, page } = await open();
    try {
      await page.getByLabel('Token', { exact: true }).fill(c.token());
      await page.getByLabel('Raw response').fill(c.raw);
      assert.match(await page.locator('section.raw-response [role=status]').textContent(), /^Read: \d{3}/);
      assert.deepEqual(await topCodes(page), [c.top], `top finding; all: ${await page.getByRole('list', { name: 'Findings' }).locator('.finding-code').allTextContents()}`);
      assert.match(await verdict(page), c.verdict);
      const all = await page.getByRole('list', { name: 'Findings' }).locator('.finding-code').allTextContents();
      for (const code of c.also ?? []) assert.ok(all.includes(code), `${code} in ${all}`);
      if (c.shot) await screenshot(page, c.shot);
    } finally {
      await context.close();
    }
  });
}

test('an unreadable paste says where, and the page keeps working', async () => {
  const { context, page } = await open();
  try {
    await page.getByLabel('Raw response').fill('HTTP/1.1 401 Unauthorized\nWWW Authenticate Bearer');
    assert.match(await page.locator('section.raw-response [role=alert]').textContent(), /line 2/);
    await page.getByLabel('Token', { exact: true }).fill(jwt({ alg: 'HS256', typ: 'at+jwt' }, { exp: now() - 60 }));
    assert.deepEqual(await topCodes(page), ['token_expired']);
  } finally {
    await context.close();
  }
});

test('combined causes rank the expiry first; the report copies with secrets masked', async () => {
  const { context, page } = await open({ width: 1280 });
  try {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: suite.srv.origin });
    const token = jwt({ alg: 'RS256', typ: 'at+jwt' }, { iss: 'https://idp.example.com/', aud: 'https://api.example.com', scope: 'orders:read', exp: now() - 3600 });
    await page.getByLabel('Token', { exact: true }).fill(token);
    await page.getByLabel('URL', { exact: true }).fill('https://api.example.com/v1/orders');
    await page.getByLabel('Auth', { exact: true }).selectOption('bearer');
    await page.getByLabel('Raw response').fill('HTTP/1.1 403 Forbidden\nWWW-Authenticate: Bearer error="insufficient_scope", scope="orders:write"\n');
    const codes = await page.getByRole('list', { name: 'Findings' }).locator('.finding-code').allTextContents();
    assert.ok(codes.indexOf('token_expired') !== -1 && codes.indexOf('insufficient_scope') !== -1, codes.join(' '));
    assert.ok(codes.indexOf('token_expired') < codes.indexOf('insufficient_scope'), `expiry ranks first: ${codes.join(' ')}`);
    // The evidence is highlighted where it sits: the exp row of the claims table.
    const flagged = await page.getByRole('table', { name: 'Claims' }).locator('tr.flagged th').allTextContents();
    assert.deepEqual(flagged, ['exp']);
    // Nothing pasted shows redirects or ~/.netrc, so they are left as checks for the script.
    const checks = await page.getByRole('list', { name: 'Checks for your script' }).getByRole('listitem').allTextContents();
    assert.ok(checks.some((c) => c.includes('~/.netrc')), `~/.netrc among the checks: ${JSON.stringify(checks)}`);
    assert.ok(checks.some((c) => c.includes('Redirects can drop the Authorization header')), `redirects among the checks: ${JSON.stringify(checks)}`);
    await screenshot(page, 'diagnosis-combined');

    await page.getByRole('button', { name: 'Copy report as Markdown' }).click();
    await page.getByText('Copied as Markdown').waitFor();
    const md = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(md, /token_expired/);
    assert.ok(!md.includes(token), 'the token never appears whole in the report');
    assert.ok(!md.includes(token.split('.')[1]), 'not even its payload');
    await page.getByRole('button', { name: 'Copy report as JSON' }).click();
    await page.getByText('Copied as JSON').waitFor();
    const json = JSON.parse(await page.evaluate(() => navigator.clipboard.readText()));
    assert.equal(json.findings[0].code, codes[0]);
    assert.ok(!JSON.stringify(json).includes(token));
  } finally {
    await context.close();
  }
});

test('a curl -v trace with Basic where the request set Bearer: the header was replaced (~/.netrc)', async () => {
  const { context, page } = await open();
  try {
    await page.getByLabel('Token', { exact: true }).fill(jwt({ alg: 'RS256', typ: 'at+jwt' }, { aud: 'https://api.example.com', scope: 'orders:read', exp: now() + 600 }));
    await page.getByLabel('URL', { exact: true }).fill('https://api.example.com/v1/orders');
    await page.getByLabel('Auth', { exact: true }).selectOption('bearer');
    await page.getByLabel('Raw response').fill('> GET /v1/orders HTTP/1.1\n> Host: api.example.com\n> Authorization: Basic dXNlcjpwYXNz\n>\n< HTTP/1.1 401 Unauthorized\n< WWW-Authenticate: Bearer realm="orders"\n<\n');
    assert.deepEqual(await topCodes(page), ['authorization_replaced']);
    assert.match(await verdict(page), /Bearer header was replaced by a Basic one/);
    // ~/.netrc is no longer a check: the trace settles it. Redirects still are (none traced).
    const checks = await page.getByRole('list', { name: 'Checks for your script' }).getByRole('listitem').allTextContents();
    assert.ok(checks.some((c) => c.includes('Redirects can drop the Authorization header')), `redirects among the checks: ${JSON.stringify(checks)}`);
    assert.ok(!checks.some((c) => c.includes('~/.netrc')), `~/.netrc no longer among the checks: ${JSON.stringify(checks)}`);
  } finally {
    await context.close();
  }
});

test('screenshots of the verdict in light and dark', async () => {
  for (const colorScheme of ['light', 'dark']) {
    for (const width of [1280, 375]) {
      const { context, page } = await open({ width, colorScheme });
      try {
        await page.getByLabel('Token', { exact: true }).fill(CASES[0].token());
        await page.getByLabel('Raw response').fill(CASES[0].raw);
        // The verdict is there from the start ("Nothing to diagnose yet"): wait for this one.
        await page.locator('section.findings .verdict', { hasText: /^Most likely: the token expired 2 h/ }).waitFor();
        await screenshot(page, `diagnosis-verdict-${colorScheme}-${width}`);
      } finally {
        await context.close();
      }
    }
  }
});

test('real peers: a real signed token against a protected API gives the right top finding', async () => {
  const peers = closer();
  try {
    const oauth = await peers.add(startOAuth2());
    const api = await peers.add(startOrdersApi(oauth));
    const orders = `${api.origin}/v1/orders`;
    const digest = `${api.origin}/digest/orders`;
    const { context, page, watch } = await open();
    await peers.add(context); // closed first: its connections would hold the peers open
    const findings = page.getByRole('list', { name: 'Findings' });
    const send = () => sendRequest(page);
    const top = async () => (await topCodes(page))[0];
    const challenge = async () =>
      page.getByRole('table', { name: 'Response headers' }).getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'www-authenticate' }) }).locator('td').textContent();

    await page.getByLabel('URL', { exact: true }).fill(orders);
    // A valid token with the right scope: 200, nothing to report.
    await page.getByLabel('Token', { exact: true }).fill(await oauth.token((h, p) => { p.scope = 'orders:read orders:write'; }));
    await page.getByLabel('Auth', { exact: true }).selectOption('bearer');
    assert.equal(await send(), '200 OK');
    assert.equal(await page.getByLabel('Response body').textContent(), '{\n  "orders": []\n}');
    assert.match(await verdict(page), /^All good: the server answered 200/);
    // Every finding card has a severity, and none is an error.
    const severities = await findings.locator('.finding .severity').allTextContents();
    assert.equal(severities.length, await findings.locator('.finding').count(), 'one severity per finding');
    assert.ok(!severities.includes('error'), severities.join(' '));

    // Expired (signed by the issuer, exp an hour and a second ago, so the page's whole-second
    // clock cannot read it as 59 min 59 s). The Token box alone already says token_expired, so
    // what proves the API was asked is its answer: 401, the challenge it sent (exposed to the
    // page) and the invalid_token finding that quotes it.
    watch.expect(failedRequest('GET', orders, 401));
    await page.getByLabel('Token', { exact: true }).fill(await oauth.token((h, p) => { p.exp = Math.floor(Date.now() / 1000) - 3601; p.scope = 'orders:read'; }));
    assert.equal(await send(), '401 Unauthorized');
    assert.equal(await challenge(), 'Bearer realm="orders", error="invalid_token", error_description="The access token expired"');
    assert.equal(await top(), 'token_expired');
    assert.match(await verdict(page), /expired 1 h/);
    const invalid = findings.locator('.finding').filter({ has: page.locator('.finding-code', { hasText: /^invalid_token$/ }) });
    assert.match(await invalid.locator('.finding-evidence').textContent(), /^Evidence: 401 answered Bearer error="invalid_token", error_description="The access token expired"/);

    // Valid but without the scope DELETE needs: 403 insufficient_scope, the missing scope named
    // (only the API's challenge knows which scope DELETE needs).
    watch.expect(failedRequest('DELETE', orders, 403));
    await page.getByLabel('Token', { exact: true }).fill(await oauth.token((h, p) => { p.scope = 'orders:read'; }));
    await page.getByLabel('Method').selectOption('DELETE');
    assert.equal(await send(), '403 Forbidden');
    assert.equal(await top(), 'insufficient_scope');
    assert.match(await verdict(page), /^Most likely: the token lacks the scope orders:write/);

    // Basic where the API wants Bearer: wrong scheme, named from the API's challenge.
    await page.getByLabel('Method').selectOption('GET');
    await page.getByLabel('Auth', { exact: true }).selectOption('basic');
    await page.getByLabel('Username', { exact: true }).fill('jane');
    await page.getByLabel('Password', { exact: true }).fill('secret');
    assert.equal(await send(), '401 Unauthorized');
    assert.equal(await challenge(), 'Bearer realm="orders"');
    assert.equal(await top(), 'scheme_mismatch');
    assert.match(await verdict(page), /^Most likely: the server wants Bearer but the request used Basic/);

    // No credentials at all: the 401 and the scheme the API asked for.
    await page.getByLabel('Auth', { exact: true }).selectOption('none');
    await page.getByLabel('Token', { exact: true }).fill('');
    assert.equal(await send(), '401 Unauthorized');
    assert.equal(await top(), 'credentials_missing');
    assert.match(await verdict(page), /^Most likely: the request carried no credentials; send `Authorization: Bearer …`/);

    // Digest whose nonce went stale between the challenge and the answer: the page answered the
    // API's challenge once, and the API's second challenge says stale=true.
    watch.expect(failedRequest('GET', digest, 401));
    await page.getByLabel('URL', { exact: true }).fill(digest);
    await page.getByLabel('Auth', { exact: true }).selectOption('digest');
    await page.getByLabel('Username', { exact: true }).fill('jane');
    await page.getByLabel('Password', { exact: true }).fill('secret');
    assert.equal(await send(), '401 Unauthorized');
    assert.match(await challenge(), /^Digest realm="orders", .*stale=true$/);
    const log = await page.getByRole('list', { name: 'Request log' }).getByRole('listitem').allTextContents();
    assert.match(log[1], /GET http:\/\/127\.0\.0\.1:\d+\/digest\/orders → 401 Unauthorized \(Digest challenge: answering it\)$/, log.join('\n'));
    assert.equal(await top(), 'digest_stale');
    await screenshot(page, 'diagnosis-real-peers-digest-stale');
  } finally {
    await peers.close();
  }
});
