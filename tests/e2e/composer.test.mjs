// The request composer end to end: real requests from the page in headless Chromium to real
// peers on 127.0.0.1 (httpbin; a server without CORS headers; a closed port).

import assert from 'node:assert/strict';
import { escapeRe, failedRequest, markOutcome, newOutcome, openPage, pageSuite, screenshot, sendRequest, test, waitVisible } from './helpers.mjs';
import { startHttpbin, startNoCors, startExposingProxy, startMethodEcho, freePort } from './peers.mjs';

// httpbin, a server without CORS headers, and a proxy that lets the page read httpbin's
// WWW-Authenticate: started one after the other, all stopped if one fails.
const suite = pageSuite(async (add) => {
  const httpbin = await add(startHttpbin());
  const nocors = await add(startNoCors());
  const proxy = await add(startExposingProxy(httpbin.origin));
  const methods = await add(startMethodEcho());
  return { httpbin, nocors, proxy, methods };
});

async function open(options = {}) {
  const opened = await openPage(suite.browser, { height: 1000, ...options });
  await opened.page.goto(suite.srv.url('/'));
  await waitVisible(opened.page.getByLabel('URL', { exact: true }), opened.watch);
  return opened;
}

async function responseJson(page) {
  return JSON.parse(await page.getByLabel('Response body').textContent());
}

async function responseCodes(page) {
  return page.getByRole('list', { name: 'Response findings' }).locator('.finding-code').allTextContents();
}

test('Bearer: 200 with the inspector\'s token, 401 without, hidden WWW-Authenticate named', async () => {
  const { context, page } = await open({ expect: [failedRequest('GET', `${suite.httpbin.origin}/bearer`, 401)] });
  try {
    await page.getByLabel('Token', { exact: true }).fill('Authorization: Bearer abc.def.ghi');
    await page.getByLabel('URL', { exact: true }).fill(`${suite.httpbin.origin}/bearer`);
    await page.getByLabel('Auth', { exact: true }).selectOption('bearer');
    assert.equal(await page.getByLabel('Auth header sent').textContent(), 'Authorization: Bearer abc.def.ghi');
    assert.equal(await sendRequest(page), '200 OK');
    assert.deepEqual(await responseJson(page), { authenticated: true, token: 'abc.def.ghi' });
    await screenshot(page, 'composer-bearer-200');

    await page.getByLabel('Auth', { exact: true }).selectOption('none');
    assert.equal(await sendRequest(page), '401 UNAUTHORIZED');
    assert.deepEqual(await responseCodes(page), ['www_authenticate_hidden']);
    await screenshot(page, 'composer-bearer-401');
    const log = await page.getByRole('list', { name: 'Request log' }).getByRole('listitem').allTextContents();
    assert.equal(log.length, 2);
    assert.match(log[0], /GET http:\/\/127\.0\.0\.1:\d+\/bearer → 401 UNAUTHORIZED/);
  } finally {
    await context.close();
  }
});

test('Basic: right and wrong password', async () => {
  const { context, page } = await open({ expect: [failedRequest('GET', `${suite.httpbin.origin}/basic-auth/u/p%C3%A4ss`, 401)] });
  try {
    await page.getByLabel('URL', { exact: true }).fill(`${suite.httpbin.origin}/basic-auth/u/p%C3%A4ss`);
    await page.getByLabel('Auth', { exact: true }).selectOption('basic');
    await page.getByLabel('Username', { exact: true }).fill('u');
    await page.getByLabel('Password', { exact: true }).fill('päss');
    assert.equal(await page.getByLabel('Auth header sent').textContent(), `Authorization: Basic ${Buffer.from('u:päss').toString('base64')}`);
    assert.match(await page.locator('.warning-note').textContent(), /Latin-1/);
    // httpbin compares against the UTF-8 text, as RFC 7617 asks.
    assert.equal(await sendRequest(page), '200 OK');
    await page.getByLabel('Password', { exact: true }).fill('wrong');
    assert.equal(await sendRequest(page), '401 UNAUTHORIZED');
  } finally {
    await context.close();
  }
});

test('POST JSON and form bodies are echoed back exactly', async () => {
  const { context, page } = await open();
  try {
    await page.getByLabel('URL', { exact: true }).fill(`${suite.httpbin.origin}/anything?q=caf%C3%A9+au+lait`);
    assert.equal(await page.getByLabel('Parameter value').first().inputValue(), 'café au lait');
    await page.getByLabel('Body type').selectOption('json');
    assert.equal(await page.getByLabel('Method').inputValue(), 'POST');
    const body = { name: 'O\'Brien "quoted"', text: 'line1\nline2', emoji: 'é ü 日本' };
    await page.getByLabel('Body', { exact: true }).fill('{"broken": }');
    assert.match(await page.locator('#body-error').textContent(), /JSON error at line 1 col 12/);
    await page.getByLabel('Body', { exact: true }).fill(JSON.stringify(body, null, 2));
    assert.equal(await page.locator('#body-error').isHidden(), true);
    await page.getByRole('button', { name: 'Add header' }).click();
    await page.getByLabel('Header name').fill('X-Trace');
    await page.getByLabel('Header value').fill('a "b" $c');
    assert.equal(await sendRequest(page), '200 OK');
    let echo = await responseJson(page);
    assert.equal(echo.method, 'POST');
    assert.deepEqual(echo.json, body);
    assert.deepEqual(echo.args, { q: 'café au lait' });
    assert.equal(echo.headers['X-Trace'], 'a "b" $c');
    assert.equal(echo.headers['Content-Type'], 'application/json');

    await page.getByLabel('Body type').selectOption('form');
    await page.getByRole('button', { name: 'Add field' }).click();
    await page.getByLabel('Field name').fill('a b');
    await page.getByLabel('Field value').fill('c&d=e+ü');
    assert.equal(await sendRequest(page), '200 OK');
    echo = await responseJson(page);
    assert.deepEqual(echo.form, { 'a b': 'c&d=e+ü' });
    assert.equal(echo.headers['Content-Type'], 'application/x-www-form-urlencoded');
    await screenshot(page, 'composer-post-form');
  } finally {
    await context.close();
  }
});

test('httpbin /status/401, a long body cut until asked, and a cross-origin /redirect-to that drops Authorization', async () => {
  const { context, page } = await open({
    expect: [
      failedRequest('GET', `${suite.httpbin.origin}/status/401`, 401),
      // Where the cross-origin redirect lands, without the Authorization header.
      failedRequest('GET', `${suite.httpbin.origin.replace('127.0.0.1', 'localhost')}/bearer`, 401),
    ],
  });
  try {
    // A well-formed access token valid for an hour, so only the redirect can explain a 401.
    const part = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const token = `${part({ alg: 'RS256', typ: 'at+jwt' })}.${part({ sub: 'u1', scope: 'read', exp: Math.floor(Date.now() / 1000) + 3600 })}.${Buffer.alloc(256, 1).toString('base64url')}`;
    await page.getByLabel('Token', { exact: true }).fill(token);
    await page.getByLabel('Auth', { exact: true }).selectOption('bearer');
    await page.getByLabel('URL', { exact: true }).fill(`${suite.httpbin.origin}/status/401`);
    assert.equal(await sendRequest(page), '401 UNAUTHORIZED');
    assert.match(await page.getByLabel('Status').textContent(), /\d+ ms · 0 bytes/);

    // 30 000 bytes of text: shown cut, then whole on request.
    await page.getByLabel('URL', { exact: true }).fill(`${suite.httpbin.origin}/range/30000`);
    assert.equal(await sendRequest(page), '200 OK');
    const body = page.getByLabel('Response body');
    assert.match(await body.textContent(), /… \(10000 more characters\)$/);
    await page.getByRole('button', { name: 'Show the whole body' }).click();
    assert.equal((await body.textContent()).length, 30000);

    // Same origin: the browser keeps Authorization across the redirect.
    const to = (origin) => `${suite.httpbin.origin}/redirect-to?url=${encodeURIComponent(`${origin}/bearer`)}`;
    await page.getByLabel('URL', { exact: true }).fill(to(suite.httpbin.origin));
    assert.equal(await sendRequest(page), '200 OK');
    assert.match(await page.getByLabel('Status').textContent(), /redirected to http:\/\/127\.0\.0\.1:\d+\/bearer/);
    // Another origin (localhost is not 127.0.0.1 to a browser): fetch drops it, and that is named.
    await page.getByLabel('URL', { exact: true }).fill(to(suite.httpbin.origin.replace('127.0.0.1', 'localhost')));
    assert.equal(await sendRequest(page), '401 UNAUTHORIZED');
    const top = await page.getByRole('list', { name: 'Findings' }).locator('.finding-code').first().textContent();
    assert.equal(top, 'redirect_dropped_authorization');
    assert.match(await page.locator('section.findings .verdict').textContent(), /dropped the Authorization header/);
    await screenshot(page, 'composer-redirect-dropped-auth');
  } finally {
    await context.close();
  }
});

test('a server without CORS headers is reported as CORS, not as 401', async () => {
  const url = `${suite.nocors.origin}/api/orders`;
  const { context, page } = await open({
    expect: [
      // The request: its preflight gets no CORS headers, so fetch fails and Chromium says why.
      new RegExp(`^console\\.error: Access to fetch at '${escapeRe(url)}' from origin 'http://127\\.0\\.0\\.1:\\d+' has been blocked by CORS policy: Response to preflight request doesn't pass access control check`),
      failedRequest('GET', url, 'net::ERR_FAILED'),
      // The no-cors probe: the server's 401 reaches the browser (opaque to the page), and
      // the page drops the unread body.
      failedRequest('GET', url, 401),
      failedRequest('GET', url, 'net::ERR_ABORTED'),
    ],
  });
  try {
    await page.getByLabel('Token', { exact: true }).fill('abc.def.ghi');
    await page.getByLabel('URL', { exact: true }).fill(url);
    await page.getByLabel('Auth', { exact: true }).selectOption('bearer');
    assert.equal(await sendRequest(page), 'No HTTP response');
    assert.deepEqual(await responseCodes(page), ['cors_blocked']);
    const card = await page.getByRole('list', { name: 'Response findings' }).textContent();
    assert.match(card, /Access-Control-Allow-Headers: authorization/);
    assert.match(card, /preflight/);
    const log = await page.getByRole('list', { name: 'Request log' }).getByRole('listitem').allTextContents();
    assert.match(log[0], /no-cors probe: the server answered \(opaque\)/, log.join('\n'));
    await screenshot(page, 'composer-cors-blocked');
  } finally {
    await context.close();
  }
});

test('an unreachable host and a URL with credentials are told apart', async () => {
  const url = `http://127.0.0.1:${await freePort()}/x`;
  // The request and its no-cors probe.
  const { context, page } = await open({ expect: [failedRequest('GET', url, 'net::ERR_CONNECTION_REFUSED')] });
  try {
    await page.getByLabel('URL', { exact: true }).fill(url);
    assert.equal(await sendRequest(page), 'No HTTP response');
    assert.deepEqual(await responseCodes(page), ['network_unreachable']);
    const logged = async () => page.getByRole('list', { name: 'Request log' }).getByRole('listitem').allTextContents();
    const sent = await logged();
    assert.equal(sent.length, 2, sent.join('\n'));
    assert.match(sent[0], /GET http:\/\/127\.0\.0\.1:\d+\/x → no-cors probe: no answer either/, 'the probe is logged too');
    await page.getByLabel('URL', { exact: true }).fill(`${suite.httpbin.origin.replace('http://', 'http://user:pw@')}/get`);
    assert.equal(await sendRequest(page), 'Not sent');
    assert.deepEqual(await responseCodes(page), ['credentials_in_url']);
    assert.equal((await logged()).length, 2, 'a request not sent is not logged');
  } finally {
    await context.close();
  }
});

test('Cancel stops a slow request; Ctrl+Enter sends', async () => {
  const url = `${suite.httpbin.origin}/delay/5`;
  const { context, page } = await open({ expect: [failedRequest('GET', url, 'net::ERR_ABORTED')] });
  try {
    await page.getByLabel('URL', { exact: true }).fill(url);
    await markOutcome(page);
    await page.getByLabel('URL', { exact: true }).press('Control+Enter');
    // In flight: the page says it is waiting and Send is off until an answer or Cancel.
    await page.getByText('Waiting for the server…').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Sending…' }).isDisabled(), true);
    await page.getByRole('button', { name: 'Cancel' }).click();
    // httpbin would answer 200 after 5 s: 'Cancelled' is the abort, not a late answer.
    assert.equal(await newOutcome(page), 'Cancelled');
    assert.equal(await page.getByRole('button', { name: 'Send', exact: true }).isEnabled(), true);
    const log = await page.getByRole('list', { name: 'Request log' }).getByRole('listitem').allTextContents();
    assert.equal(log.length, 1, log.join('\n'));
    assert.match(log[0], /GET http:\/\/127\.0\.0\.1:\d+\/delay\/5 → cancelled$/);
  } finally {
    await context.close();
  }
});

for (const algorithm of ['MD5', 'SHA-256']) {
  test(`Digest ${algorithm}: the challenge is answered once; a wrong password stays 401`, async () => {
    const url = `${suite.proxy.origin}/digest-auth/auth/u/p4ss/${algorithm}`;
    // The challenge of each Send, and the answer with the wrong password.
    const { context, page } = await open({ expect: [failedRequest('GET', url, 401)] });
    try {
      await page.getByLabel('URL', { exact: true }).fill(url);
      await page.getByLabel('Auth', { exact: true }).selectOption('digest');
      await page.getByLabel('Username', { exact: true }).fill('u');
      // httpbin checks the uri against the decoded path, so the path stays ASCII.
      await page.getByLabel('Password', { exact: true }).fill('p4ss');
      assert.equal(await sendRequest(page), '200 OK');
      assert.deepEqual(await responseJson(page), { authenticated: true, user: 'u' });
      const log = await page.getByRole('list', { name: 'Request log' }).getByRole('listitem').allTextContents();
      assert.equal(log.length, 2, log.join('\n'));
      assert.match(log[1], /401 UNAUTHORIZED \(Digest challenge: answering it\)/);
      await page.getByLabel('Password', { exact: true }).fill('wrong');
      assert.equal(await sendRequest(page), '401 UNAUTHORIZED');
      await screenshot(page, `composer-digest-${algorithm}`);
    } finally {
      await context.close();
    }
  });
}

test('Digest against a server that hides WWW-Authenticate says what the server must expose', async () => {
  const url = `${suite.httpbin.origin}/digest-auth/auth/u/p/MD5`;
  const { context, page } = await open({ expect: [failedRequest('GET', url, 401)] });
  try {
    await page.getByLabel('URL', { exact: true }).fill(url);
    await page.getByLabel('Auth', { exact: true }).selectOption('digest');
    await page.getByLabel('Username', { exact: true }).fill('u');
    await page.getByLabel('Password', { exact: true }).fill('p');
    assert.equal(await sendRequest(page), '401 UNAUTHORIZED');
    assert.match(await page.locator('section.response .warning-note').textContent(), /Access-Control-Expose-Headers: WWW-Authenticate/);
  } finally {
    await context.close();
  }
});

test('Import curl fills the composer (bash and cmd quoting); unknown flags are listed', async () => {
  const { context, page } = await open();
  try {
    // A signature of the right length for HS256, so only the request's own bug is diagnosed.
    const token = `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjdXJsIn0.${Buffer.alloc(32, 7).toString('base64url')}`;
    await page.getByLabel('curl command').fill(
      `curl '${suite.httpbin.origin}/anything?x=1' \\\n  -H 'accept: application/json' \\\n  -H 'authorization: Bearer ${token}' \\\n  --data-raw '{"a":"it'\\''s"}' \\\n  --compressed --frobnicate`,
    );
    await page.getByRole('button', { name: 'Import' }).click();
    assert.equal(await page.getByLabel('URL', { exact: true }).inputValue(), `${suite.httpbin.origin}/anything?x=1`);
    assert.equal(await page.getByLabel('Method').inputValue(), 'POST');
    assert.equal(await page.getByLabel('Token', { exact: true }).inputValue(), token);
    assert.equal(await page.getByLabel('Auth', { exact: true }).inputValue(), 'bearer');
    assert.match(await page.locator('.curl-import .warning-note').textContent(), /--frobnicate/);
    assert.equal(await sendRequest(page), '200 OK');
    const echo = await responseJson(page);
    // What curl itself sends for --data-raw without a Content-Type: the JSON labelled as a
    // form, byte for byte. The page reproduces the bug instead of fixing it.
    assert.equal(echo.headers['Content-Type'], 'application/x-www-form-urlencoded');
    assert.equal(echo.json, null);
    assert.deepEqual(echo.form, { '{"a":"it\'s"}': '' });
    assert.equal(echo.headers.Authorization, `Bearer ${token}`);
    // …and says so: the label is the bug.
    const codes = await page.getByRole('list', { name: 'Findings' }).locator('.finding-code').allTextContents();
    assert.equal(codes[0], 'json_sent_as_form', codes.join(' '));
    assert.deepEqual(echo.args, { x: '1' });
    await screenshot(page, 'composer-curl-import');

    await page.getByLabel('curl command').fill(`curl ^"${suite.httpbin.origin}/headers^" -H ^"x-demo: a b^"`);
    await page.getByRole('button', { name: 'Import' }).click();
    assert.equal(await page.getByLabel('Method').inputValue(), 'GET');
    assert.equal(await page.getByLabel('Header value').first().inputValue(), 'a b');

    await page.getByLabel('curl command').fill(`curl 'https://x/unclosed`);
    await page.getByRole('button', { name: 'Import' }).click();
    assert.match(await page.locator('.curl-import [role=alert]').textContent(), /never closed/);
  } finally {
    await context.close();
  }
});

test('Imported bytes go out as curl sends them; what Send cannot reproduce is listed with its code', async () => {
  const { context, page } = await open();
  try {
    // A form body curl sends as typed (quotes, @, %20, +, brackets) and a URL with a bare
    // parameter: no byte re-encoded, no '=' added.
    await page.getByLabel('curl command').fill(
      `curl '${suite.httpbin.origin}/anything?pretty&x=%20' -d 'foo="bar"&msg=@raw&sp=%20+&item[]=1'`,
    );
    await page.getByRole('button', { name: 'Import' }).click();
    assert.equal(await page.getByLabel('URL', { exact: true }).inputValue(), `${suite.httpbin.origin}/anything?pretty&x=%20`);
    assert.equal(await sendRequest(page), '200 OK');
    let echo = await responseJson(page);
    assert.equal(echo.url, `${suite.httpbin.origin}/anything?pretty&x=%20`);
    assert.equal(echo.headers['Content-Type'], 'application/x-www-form-urlencoded');
    assert.deepEqual(echo.form, { foo: '"bar"', msg: '@raw', sp: '  ', 'item[]': '1' });

    // Raw text with no Content-Type row goes without one (curl -H 'Content-Type:').
    await page.getByLabel('curl command').fill(`curl '${suite.httpbin.origin}/anything' -H 'Content-Type:' --data-raw 'plain text'`);
    await page.getByRole('button', { name: 'Import' }).click();
    assert.equal(await sendRequest(page), '200 OK');
    echo = await responseJson(page);
    assert.equal(echo.data, 'plain text');
    assert.equal(echo.headers['Content-Type'], undefined, JSON.stringify(echo.headers));

    // A body on GET: kept in the request and in the curl export, listed as what Send leaves out.
    await page.getByLabel('curl command').fill(`curl -X GET '${suite.httpbin.origin}/anything' -d q=1 -H 'X-A: 1' -H 'X-A: 2'`);
    await page.getByRole('button', { name: 'Import' }).click();
    const send = page.getByRole('list', { name: 'What Send cannot reproduce' });
    await send.waitFor();
    assert.deepEqual(await send.locator('.difference-code').allTextContents(), ['body_on_get_dropped', 'headers_joined']);
    assert.match(await send.textContent(), /curl, Python requests, HTTPie and Raw HTTP send it exactly/);
    assert.equal(await sendRequest(page), '200 OK');
    echo = await responseJson(page);
    assert.equal(echo.method, 'GET');
    assert.equal(echo.data, '', 'the browser sent no body');
    assert.equal(echo.headers['X-A'], '1, 2');
    await page.getByRole('tab', { name: 'curl' }).click();
    const code = page.getByLabel('Exported code');
    assert.match(await code.textContent(), /curl -X GET .*\n.*-H 'X-A: 1' \\\n  -H 'X-A: 2'[\s\S]*--data-raw q=1/);
    assert.equal(await page.getByRole('list', { name: 'What this export cannot reproduce' }).count(), 0, 'curl sends all of it');
    await page.getByRole('tab', { name: 'Python requests' }).click();
    assert.deepEqual(
      await page.getByRole('list', { name: 'What this export cannot reproduce' }).locator('.difference-code').allTextContents(),
      ['headers_joined'],
    );
    await screenshot(page, 'composer-differences');
  } finally {
    await context.close();
  }
});

test('What the imported command does beyond any request is said under Import and again before Send', async () => {
  const { context, page } = await open();
  try {
    await page.getByLabel('curl command').fill(`curl -k --cert client.pem -d @body.json '${suite.httpbin.origin}/post'`);
    await page.getByRole('button', { name: 'Import' }).click();
    const imported = await page.getByRole('list', { name: 'What the page cannot reproduce' }).locator('.finding-code').allTextContents();
    const send = page.getByRole('list', { name: 'What Send cannot reproduce' });
    await send.waitFor();
    const before = await send.locator('.difference-code').allTextContents();
    for (const code of ['tls_check_skipped', 'client_certificate_not_sent', 'file_content_unseen']) {
      assert.ok(imported.includes(code), `${code} under Import: ${imported}`);
      assert.ok(before.includes(code), `${code} before Send: ${before}`);
    }
    // No export holds the file, the -k or the certificate either: each says so under its code.
    for (const tab of ['curl', 'Python requests', 'Raw HTTP']) {
      await page.getByRole('tab', { name: tab }).click();
      const listed = await page.getByRole('list', { name: 'What this export cannot reproduce' }).locator('.difference-code').allTextContents();
      for (const code of ['tls_check_skipped', 'client_certificate_not_sent', 'file_content_unseen']) {
        assert.ok(listed.includes(code), `${code} under the ${tab} export: ${listed}`);
      }
    }
    // Another command replaces them.
    await page.getByLabel('curl command').fill(`curl '${suite.httpbin.origin}/get'`);
    await page.getByRole('button', { name: 'Import' }).click();
    await send.waitFor({ state: 'detached' });
  } finally {
    await context.close();
  }
});

test('A shell variable in the command: unset it is listed, given a value Send uses it, the exports keep it', async () => {
  const { context, page } = await open();
  try {
    await page.getByLabel('curl command').fill(`curl -H "Authorization: Bearer $API_TOKEN" '${suite.httpbin.origin}/bearer'`);
    await page.getByRole('button', { name: 'Import' }).click();
    const send = page.getByRole('list', { name: 'What Send cannot reproduce' });
    await send.waitFor();
    assert.deepEqual(await send.locator('.difference-code').allTextContents(), ['variable_unresolved']);
    // Unset, the shell sends an empty token; the page sends the text itself, and says so
    // (httpbin takes any token, so the echo shows what went out).
    const field = page.getByLabel('$API_TOKEN');
    assert.equal(await field.inputValue(), '');
    assert.equal(await sendRequest(page), '200 OK');
    assert.deepEqual(await responseJson(page), { authenticated: true, token: '${API_TOKEN}' });
    await field.fill('abc.def.ghi');
    await send.waitFor({ state: 'detached' });
    assert.equal(await sendRequest(page), '200 OK');
    assert.deepEqual(await responseJson(page), { authenticated: true, token: 'abc.def.ghi' });
    await page.getByRole('tab', { name: 'curl' }).click();
    const code = await page.getByLabel('Exported code').textContent();
    assert.match(code, /-H "Authorization: Bearer \$API_TOKEN"/);
    assert.ok(!code.includes('abc.def.ghi'), 'the value stays out of the export');
    await screenshot(page, 'composer-shell-variable');
  } finally {
    await context.close();
  }
});

test('Export shows curl, Python, HTTPie, fetch and raw HTTP, with secrets as environment variables', async () => {
  const { context, page } = await open();
  try {
    await page.getByLabel('Token', { exact: true }).fill('s3cr3t-token');
    await page.getByLabel('URL', { exact: true }).fill(`${suite.httpbin.origin}/bearer`);
    await page.getByLabel('Auth', { exact: true }).selectOption('bearer');
    const code = page.getByLabel('Exported code');
    assert.match(await code.textContent(), /\$TOKEN/);
    assert.doesNotMatch(await code.textContent(), /s3cr3t-token/);
    await page.getByRole('tab', { name: 'Python requests' }).click();
    assert.match(await code.textContent(), /import requests/);
    assert.match(await code.textContent(), /os\.environ\["TOKEN"\]/);
    await page.getByRole('tab', { name: 'HTTPie' }).click();
    assert.match(await code.textContent(), /^http /m);
    await page.getByRole('tab', { name: 'JavaScript fetch' }).click();
    assert.match(await code.textContent(), /await fetch\(/);
    await page.getByRole('tab', { name: 'Raw HTTP' }).click();
    assert.match(await code.textContent(), /^GET \/bearer HTTP\/1\.1\r?\nHost: /);
    assert.match(await code.textContent(), /Authorization: Bearer \$\{TOKEN\}/);
    await page.getByLabel('Use environment variables for secrets').uncheck();
    assert.match(await code.textContent(), /s3cr3t-token/);
    await screenshot(page, 'composer-export');
  } finally {
    await context.close();
  }
});

test('A method the command gives as typed is sent so (PROPFIND); one fetch rewrites (post) is listed; choosing another clears it', async () => {
  const { context, page } = await open();
  try {
    const method = page.getByLabel('Method', { exact: true });
    await page.getByLabel('curl command').fill(`curl -X PROPFIND '${suite.methods.origin}/dav/'`);
    await page.getByRole('button', { name: 'Import' }).click();
    await page.waitForFunction(() => document.querySelector('#method')?.value === 'PROPFIND');
    assert.equal(await sendRequest(page), '200 OK');
    assert.deepEqual(await responseJson(page), { method: 'PROPFIND' });
    await page.getByRole('tab', { name: 'Python requests' }).click();
    assert.match(await page.getByLabel('Exported code').textContent(), /requests\.request\(\n    "PROPFIND",/);

    // fetch writes post in capitals: said before Send, with who sends it as typed.
    await page.getByLabel('curl command').fill(`curl -X post -d a=1 '${suite.methods.origin}/lower'`);
    await page.getByRole('button', { name: 'Import' }).click();
    const send = page.getByRole('list', { name: 'What Send cannot reproduce' });
    await send.waitFor();
    assert.deepEqual(await send.locator('.difference-code').allTextContents(), ['method_not_reproduced']);
    assert.match(await send.textContent(), /The method post goes out as POST: fetch writes it in capitals\. curl.*Raw HTTP send it exactly/);
    assert.equal(await sendRequest(page), '200 OK');
    assert.deepEqual(await responseJson(page), { method: 'POST' });

    // Choosing a method in the composer replaces the command's.
    await method.selectOption('PUT');
    await send.waitFor({ state: 'detached' });
    assert.equal(await method.locator('option').count(), 7, 'the typed method is no longer offered');
    assert.equal(await sendRequest(page), '200 OK');
    assert.deepEqual(await responseJson(page), { method: 'PUT' });
  } finally {
    await context.close();
  }
});
