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
