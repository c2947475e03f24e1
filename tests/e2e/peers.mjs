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
