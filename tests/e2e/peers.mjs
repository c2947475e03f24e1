// Real peers for end-to-end tests, all on 127.0.0.1 and stopped by the test that started them:
//   startHttpbin()    httpbin (PyPI) under gunicorn from .venv
//   startNoCors()     a server that answers 401 with no CORS headers at all

import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import fs from 'node:fs';
import { spawn } from 'node:child_process';
import { ROOT, failedRequest, openPage } from './helpers.mjs';

export async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Poll `url` until it answers below 500; give up after `timeoutMs` or once `gone()` is set. */
async function waitFor(url, timeoutMs = 20_000, gone = () => null) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    if (gone()) throw new Error(`${gone()} before ${url} answered`);
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms: ${last?.message}`);
}

/** Process groups of the gunicorns this process started and has not stopped yet. */
const groups = new Set();
// If this test process ends without stopping them (an uncaught error, process.exit() after a
// signal: see pageSuite), their groups must not outlive it: gunicorn runs detached, in its own
// group, where nothing else reaches it. (Only a SIGKILL of this process escapes this.)
process.on('exit', () => {
  for (const pgid of groups) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {}
  }
});

/** Send `signal` to a whole process group; false once the group is gone. */
function killGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch (e) {
    if (e.code === 'ESRCH') return false;
    throw e;
  }
}

/**
 * Stop a gunicorn and all its workers: SIGTERM to its process group, SIGKILL after 3 s, and
 * resolve only once no process of the group is left.
 */
async function stopGroup(child) {
  const pgid = child.pid;
  const deadline = Date.now() + 3000;
  killGroup(pgid, 'SIGTERM');
  // The master exits after its workers; a worker orphaned by a killed master still counts.
  while (killGroup(pgid, 0)) {
    if (Date.now() > deadline) killGroup(pgid, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 50));
  }
  groups.delete(pgid);
}

export async function startHttpbin() {
  const gunicorn = path.join(ROOT, '.venv', 'bin', 'gunicorn');
  if (!fs.existsSync(gunicorn)) throw new Error(`${gunicorn} is missing: run \`make setup\` first`);
  const port = await freePort();
  // Its own process group (detached), so that stopping it stops the workers it forks too.
  const child = spawn(gunicorn, ['-b', `127.0.0.1:${port}`, '-w', '2', '--timeout', '30', 'httpbin:app'], {
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  groups.add(child.pid);
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  // A gunicorn that dies at start (a bad app, a taken port) fails now, not after the wait.
  let exited = null;
  child.once('exit', (code, signal) => (exited = `gunicorn exited (${signal ?? `code ${code}`})`));
  const origin = `http://127.0.0.1:${port}`;
  try {
    await waitFor(`${origin}/get`, 20_000, () => exited);
  } catch (e) {
    await stopGroup(child);
    throw new Error(`${e.message}\n${stderr}`);
  }
  return { origin, close: () => stopGroup(child) };
}

/** An API that demands a token and sends no CORS headers: the browser hides its 401. */
export async function startNoCors() {
  const server = http.createServer((req, res) => {
    res.writeHead(401, { 'WWW-Authenticate': 'Bearer realm="no-cors"', 'Content-Type': 'application/json' });
    res.end('{"error":"unauthorized"}');
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }) };
}

/**
 * Answers every method with the method it received, as JSON, and lets a page send any method
 * (the preflight allows what it asks for): httpbin allows only the common ones.
 */
export async function startMethodEcho() {
  const server = http.createServer((req, res) => {
    const cors = { 'Access-Control-Allow-Origin': req.headers.origin ?? '*' };
    if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) {
      const allow = { 'Access-Control-Allow-Methods': req.headers['access-control-request-method'], 'Access-Control-Allow-Headers': 'content-type' };
      res.writeHead(204, { ...cors, ...allow });
      return res.end();
    }
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { ...cors, 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ method: req.method }));
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }) };
}

/**
 * Test-only proxy in front of `target` that adds `Access-Control-Expose-Headers:
 * WWW-Authenticate`, which httpbin does not send: without it no page can read a Digest
 * challenge. Everything else passes through unchanged (httpbin answers CORS preflights itself).
 */
export async function startExposingProxy(target) {
  const upstream = new URL(target);
  const server = http.createServer((req, res) => {
    const forward = http.request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
      (up) => {
        const headers = { ...up.headers, 'access-control-expose-headers': 'WWW-Authenticate' };
        res.writeHead(up.statusCode, up.statusMessage, headers);
        up.pipe(res);
      },
    );
    forward.on('error', (e) => {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(String(e));
    });
    req.pipe(forward);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }) };
}

/**
 * oauth2-mock-server (npm) in-process: a real issuer with an RS256 key, JWKS, /authorize (it
 * checks the PKCE verifier against the challenge), /token, /introspect and /revoke. Pass
 * the port of a stopped one to simulate a key rotation: same issuer URL, a fresh key.
 */
export async function startOAuth2({ port, basicOnly = false, authorizeError, forgeState = false } = {}) {
  const { OAuth2Server } = await import('oauth2-mock-server');
  const server = new OAuth2Server();
  await server.issuer.keys.generate('RS256');
  // The mock authenticates no client; `basicOnly` makes its token endpoint refuse any client
  // that does not authenticate with client_secret_basic, as many servers are configured to.
  if (basicOnly) {
    server.service.on('beforeResponse', (response, req) => {
      if (!String(req.headers.authorization ?? '').startsWith('Basic ')) {
        response.statusCode = 401;
        response.body = { error: 'invalid_client', error_description: 'Client authentication failed: this client must use client_secret_basic' };
      }
    });
  }
  // As a real server does (the mock does not), a code's token carries the scope the sign-in
  // asked for, not "dummy".
  const codeScopes = new Map();
  server.service.on('beforeAuthorizeRedirect', (redirect, req) => {
    const scope = new URL(req.url, 'http://mock').searchParams.get('scope');
    const code = redirect.url.searchParams.get('code');
    if (code && scope) codeScopes.set(code, scope);
  });
  server.service.on('beforeTokenSigning', (token, req) => {
    if (req.body?.grant_type === 'authorization_code' && codeScopes.has(req.body.code)) token.payload.scope = codeScopes.get(req.body.code);
  });
  // `authorizeError` ({ error, description }): the sign-in ends with that error instead of a
  // code, as when the user refuses consent (RFC 6749 §4.1.2.1).
  if (authorizeError) {
    server.service.on('beforeAuthorizeRedirect', (redirect) => {
      redirect.url.searchParams.delete('code');
      redirect.url.searchParams.set('error', authorizeError.error);
      redirect.url.searchParams.set('error_description', authorizeError.description);
    });
  }
  // `forgeState`: the answer comes back with another state, as a forged or stale one would.
  if (forgeState) server.service.on('beforeAuthorizeRedirect', (redirect) => redirect.url.searchParams.set('state', 'forged-by-the-test'));
  const chosen = port ?? (await freePort());
  await server.start(chosen, '127.0.0.1');
  return {
    port: chosen,
    issuer: server.issuer.url,
    /** A signed JWT; `transform(header, payload)` may change any claim before signing. */
    token: (transform) => server.issuer.buildToken({ scopesOrTransform: transform }),
    jwks: () => server.issuer.keys.toJSON(),
    /** The issuer's signing key with its private members, as a JWK. */
    privateJwk: () => server.issuer.keys.toJSON(true)[0],
    close: () => server.stop(),
  };
}

/**
 * A test-only protected API in front of the mock issuer's keys, answering the way RFC 6750 and
 * RFC 7616 say: no or wrong credentials → 401 with a challenge; a bad or expired token → 401
 * invalid_token; a missing scope → 403 insufficient_scope; /digest always answers a Digest
 * response with stale=true (a nonce that expired meanwhile). It sends the CORS headers a page
 * needs, including Access-Control-Expose-Headers: WWW-Authenticate.
 */
export async function startOrdersApi(oauth) {
  const crypto = await import('node:crypto');
  const needs = { GET: 'orders:read', POST: 'orders:write', DELETE: 'orders:write' };
  const server = http.createServer((req, res) => {
    const cors = {
      'Access-Control-Allow-Origin': req.headers.origin ?? '*',
      'Access-Control-Expose-Headers': 'WWW-Authenticate',
    };
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { ...cors, 'Access-Control-Allow-Headers': 'authorization, content-type', 'Access-Control-Allow-Methods': 'GET, POST, DELETE' });
      return res.end();
    }
    const deny = (status, challenge, body = '') => {
      res.writeHead(status, { ...cors, 'WWW-Authenticate': challenge, 'Content-Type': 'application/json' });
      res.end(body);
    };
    const auth = req.headers.authorization ?? '';
    // RFC 9728: the resource's metadata, and a route whose 401 points at it.
    const origin = `http://127.0.0.1:${server.address().port}`;
    if (req.url === '/.well-known/oauth-protected-resource') {
      res.writeHead(200, { ...cors, 'Content-Type': 'application/json' });
      return res.end(JSON.stringify({ resource: origin, authorization_servers: [oauth.issuer] }));
    }
    if (req.url.startsWith('/v2/') && !auth) {
      return deny(401, `Bearer resource_metadata="${origin}/.well-known/oauth-protected-resource"`);
    }
    if (req.url.startsWith('/digest')) {
      const stale = auth.startsWith('Digest ') ? 'true' : 'false';
      return deny(401, `Digest realm="orders", qop="auth", algorithm=MD5, nonce="${crypto.randomBytes(8).toString('hex')}", opaque="o", stale=${stale}`);
    }
    if (!auth) return deny(401, 'Bearer realm="orders"');
    if (!/^Bearer /i.test(auth)) return deny(401, 'Bearer realm="orders"');
    const [h, p, s] = auth.slice(7).trim().split('.');
    let header, payload;
    try {
      header = JSON.parse(Buffer.from(h, 'base64url'));
      payload = JSON.parse(Buffer.from(p, 'base64url'));
    } catch {
      return deny(401, 'Bearer realm="orders", error="invalid_token", error_description="The token is malformed"');
    }
    const jwk = oauth.jwks().find((k) => k.kid === header.kid);
    const key = jwk && crypto.createPublicKey({ key: jwk, format: 'jwk' });
    if (!key || !crypto.verify('RSA-SHA256', Buffer.from(`${h}.${p}`), key, Buffer.from(s ?? '', 'base64url'))) {
      return deny(401, 'Bearer realm="orders", error="invalid_token", error_description="The signature is invalid"');
    }
    if (payload.exp <= Date.now() / 1000) {
      return deny(401, 'Bearer realm="orders", error="invalid_token", error_description="The access token expired"');
    }
    const scopes = String(payload.scope ?? '').split(' ');
    const needed = needs[req.method] ?? 'orders:write';
    if (!scopes.includes(needed)) {
      return deny(403, `Bearer realm="orders", error="insufficient_scope", scope="${needed}"`);
    }
    res.writeHead(200, { ...cors, 'Content-Type': 'application/json' });
    res.end('{"orders":[]}');
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }) };
}

/**
 * The mock issuer, the orders API that trusts it, and a page that expects the API's 401 at
 * `path`, each started through `peers` (a closer()). The page's context is added last so that
 * it closes first: its connections would hold the peers open.
 */
export async function issuerAndOrders(peers, browser, { path: apiPath = '/v1/orders', height = 1000 } = {}) {
  const oauth = await peers.add(startOAuth2());
  const api = await peers.add(startOrdersApi(oauth));
  const orders = `${api.origin}${apiPath}`;
  const opened = await openPage(browser, { height, expect: [failedRequest('GET', orders, 401)] });
  await peers.add(opened.context);
  return { oauth, orders, ...opened };
}

/**
 * The CORS a page needs from a test peer: a preflight answered (true: the caller is done), and
 * `json(status, body)` that answers with the page's origin allowed.
 */
function corsJson(req, res) {
  const cors = { 'Access-Control-Allow-Origin': req.headers.origin ?? '*' };
  const json = (status, body) => {
    res.writeHead(status, { ...cors, 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    res.end(JSON.stringify(body));
  };
  if (req.method === 'OPTIONS') {
    res.writeHead(204, { ...cors, 'Access-Control-Allow-Headers': 'authorization, content-type', 'Access-Control-Allow-Methods': 'POST' });
    res.end();
    return { preflight: true, cors, json };
  }
  return { preflight: false, cors, json };
}

/**
 * A test-only introspection (RFC 7662) and revocation (RFC 7009) endpoint for the mock issuer's
 * tokens (the mock's own answer `active: true` to anything and read no body): the client must
 * authenticate with client_secret_basic (`client` / `secret`), a token is active while its
 * signature checks out, it has not expired and it was not revoked here. CORS as a page needs.
 */
export async function startTokenAdmin(oauth, { client = 'why401-test', secret = 's3cret' } = {}) {
  const crypto = await import('node:crypto');
  const revoked = new Set();
  const server = http.createServer((req, res) => {
    const { preflight, cors, json } = corsJson(req, res);
    if (preflight) return;
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const expected = `Basic ${Buffer.from(`${client}:${secret}`).toString('base64')}`;
      if (req.headers.authorization !== expected) {
        return json(401, { error: 'invalid_client', error_description: 'Client authentication failed' });
      }
      const form = new URLSearchParams(body);
      const token = form.get('token') ?? '';
      if (req.url === '/revoke') {
        revoked.add(token);
        res.writeHead(200, cors);
        return res.end();
      }
      const [h, p, s] = token.split('.');
      let header, payload;
      try {
        header = JSON.parse(Buffer.from(h, 'base64url'));
        payload = JSON.parse(Buffer.from(p, 'base64url'));
      } catch {
        return json(200, { active: false });
      }
      const jwk = oauth.jwks().find((k) => k.kid === header.kid);
      const key = jwk && crypto.createPublicKey({ key: jwk, format: 'jwk' });
      const signed = key && crypto.verify('RSA-SHA256', Buffer.from(`${h}.${p}`), key, Buffer.from(s ?? '', 'base64url'));
      const active = Boolean(signed) && payload.exp > Date.now() / 1000 && !revoked.has(token);
      json(200, active ? { active, scope: payload.scope, client_id: client, sub: payload.sub, exp: payload.exp } : { active });
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }) };
}

/**
 * A test-only device authorization server (RFC 8628; the mock has no device grant): POST
 * /device_authorization gives a code (interval 1 s), POST /token answers
 * authorization_pending until `approve()`, slow_down on poll number `slowDownOnPoll` and to any
 * poll sooner than the interval (which each slow_down raises by 5 s, §3.5), and expired_token
 * once `expireAfterMs` has passed. `polls` records each poll's time. Tokens are the issuer's.
 */
export async function startDeviceServer(oauth, { slowDownOnPoll = 0, expireAfterMs = 60_000 } = {}) {
  let approved = false;
  const polls = [];
  let issued = null;
  let interval = 1;
  const server = http.createServer((req, res) => {
    const { preflight, json } = corsJson(req, res);
    if (preflight) return;
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', async () => {
      const form = new URLSearchParams(body);
      const origin = `http://127.0.0.1:${server.address().port}`;
      if (req.url === '/device_authorization') {
        if (!form.get('client_id')) return json(401, { error: 'invalid_client' });
        issued = { code: `dc-${Date.now()}`, at: Date.now() };
        return json(200, {
          device_code: issued.code,
          user_code: 'WDJB-MJHT',
          verification_uri: `${origin}/device`,
          verification_uri_complete: `${origin}/device?user_code=WDJB-MJHT`,
          expires_in: 60,
          interval,
        });
      }
      if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:device_code') return json(400, { error: 'unsupported_grant_type' });
      if (!issued || form.get('device_code') !== issued.code) return json(400, { error: 'invalid_grant' });
      const now = Date.now();
      const last = polls.at(-1);
      polls.push(now);
      if (now - issued.at > expireAfterMs) return json(400, { error: 'expired_token' });
      if (polls.length === slowDownOnPoll || (last && now - last < interval * 1000 - 150)) {
        interval += 5;
        return json(400, { error: 'slow_down' });
      }
      if (!approved) return json(400, { error: 'authorization_pending' });
      json(200, { access_token: await oauth.token(), token_type: 'Bearer', expires_in: 3600, refresh_token: 'device-refresh-token' });
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    polls,
    approve: () => (approved = true),
    close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }),
  };
}

/**
 * A test-only front for another server (the mock issuer): every request is passed through,
 * except that `refuse(req, body)` may answer instead (a { status, body } to send as JSON), and
 * with `cors: false` no CORS header ever reaches the browser (preflights get a bare 204), as a
 * token endpoint that was never set up for browsers behaves.
 */
export async function startGate(target, { refuse = () => null, cors = true } = {}) {
  const upstream = new URL(target);
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (d) => chunks.push(d));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const allow = cors ? { 'Access-Control-Allow-Origin': req.headers.origin ?? '*' } : {};
      if (req.method === 'OPTIONS' && !cors) {
        res.writeHead(204);
        return res.end();
      }
      const refusal = refuse(req, body.toString());
      if (refusal) {
        res.writeHead(refusal.status, { ...allow, 'Content-Type': 'application/json' });
        return res.end(JSON.stringify(refusal.body));
      }
      const forward = http.request(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
        (up) => {
          const headers = Object.fromEntries(Object.entries(up.headers).filter(([n]) => cors || !n.startsWith('access-control-')));
          res.writeHead(up.statusCode, up.statusMessage, headers);
          up.pipe(res);
        },
      );
      forward.on('error', (e) => {
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(String(e));
      });
      forward.end(body);
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }) };
}

/** Okta's rule (its words): a token request carrying an Origin must be PKCE authorization code. */
export function oktaOriginRule(req, body) {
  const form = new URLSearchParams(body);
  const pkce = form.get('grant_type') === 'authorization_code' && form.get('code_verifier');
  if (req.method !== 'POST' || !req.url.startsWith('/token') || !req.headers.origin || pkce) return null;
  return { status: 401, body: { error: 'invalid_client', error_description: 'Browser requests to the token endpoint must use Proof Key for Code Exchange.' } };
}
