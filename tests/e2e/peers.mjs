// Real peers for end-to-end tests, all on 127.0.0.1 and stopped by the test that started them:
//   startHttpbin()    httpbin (PyPI) under gunicorn from .venv
//   startNoCors()     a server that answers 401 with no CORS headers at all

import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import fs from 'node:fs';
import { spawn } from 'node:child_process';
import { ROOT } from './helpers.mjs';

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

async function waitFor(url, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
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

export async function startHttpbin() {
  const gunicorn = path.join(ROOT, '.venv', 'bin', 'gunicorn');
  if (!fs.existsSync(gunicorn)) throw new Error(`${gunicorn} is missing: run \`make setup\` first`);
  const port = await freePort();
  const child = spawn(gunicorn, ['-b', `127.0.0.1:${port}`, '-w', '2', '--timeout', '30', 'httpbin:app'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const origin = `http://127.0.0.1:${port}`;
  try {
    await waitFor(`${origin}/get`);
  } catch (e) {
    child.kill('SIGKILL');
    throw new Error(`${e.message}\n${stderr}`);
  }
  return {
    origin,
    close: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 3000).unref();
      }),
  };
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
 * oauth2-mock-server (npm) in-process: a real issuer with an RS256 key, JWKS and /token. Pass
 * the port of a stopped one to simulate a key rotation: same issuer URL, a fresh key.
 */
export async function startOAuth2({ port } = {}) {
  const { OAuth2Server } = await import('oauth2-mock-server');
  const server = new OAuth2Server();
  await server.issuer.keys.generate('RS256');
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
