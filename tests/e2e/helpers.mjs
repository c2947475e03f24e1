// Shared end-to-end test harness for why401 (node:test + playwright-core, no other deps).
//
//   serveDist()        static server for dist/ on 127.0.0.1:<ephemeral>, at "/" AND "/why401/"
//   launch()           headless Chromium from Debian (/usr/bin/chromium), never a downloaded one
//   watchPage(page)    collects console errors, page errors and CSP violations
//   screenshot(p, n)   saves tests/e2e/screenshots/<n>.png
//   pageSuite()        serveDist() + launch() around one test file

import { before, after } from 'node:test';
import http from 'node:http';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(HERE, '..', '..');
export const DIST = process.env.WHY401_DIST ? path.resolve(process.env.WHY401_DIST) : path.join(ROOT, 'dist');
export const SCREENSHOTS = path.join(HERE, 'screenshots');

/** Path prefixes dist/ is served under: the root, and a GitHub-Pages-like project sub-path. */
export const PREFIXES = ['/', '/why401/'];

export const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/**
 * Serve `dir` (default dist/) on 127.0.0.1 with an ephemeral port under every prefix in
 * PREFIXES. Directory URLs serve index.html; "/why401" redirects to "/why401/" like GitHub
 * Pages does. Returns { server, origin, url(prefix), close() }.
 */
export async function serveDist(dir = DIST) {
  const root = path.resolve(dir);
  if (!fs.existsSync(path.join(root, 'index.html'))) {
    throw new Error(`${root}/index.html does not exist: run 'make build' first`);
  }
  // Longest prefix first so "/why401/x" is not matched by "/".
  const prefixes = [...PREFIXES].sort((a, b) => b.length - a.length);

  const server = http.createServer(async (req, res) => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { Allow: 'GET, HEAD' }).end();
        return;
      }
      const { pathname } = new URL(req.url, 'http://localhost');
      for (const p of prefixes) {
        if (p !== '/' && pathname === p.slice(0, -1)) {
          res.writeHead(301, { Location: p }).end();
          return;
        }
      }
      const prefix = prefixes.find((p) => pathname.startsWith(p));
      let rel = decodeURIComponent(pathname.slice(prefix.length));
      if (rel === '' || rel.endsWith('/')) rel += 'index.html';
      const file = path.resolve(root, rel);
      if (file !== root && !file.startsWith(root + path.sep)) {
        res.writeHead(403).end();
        return;
      }
      let stat;
      try {
        stat = await fsp.stat(file);
      } catch {
        stat = null;
      }
      if (!stat || !stat.isFile()) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`404 ${pathname}\n`);
        return;
      }
      res.writeHead(200, {
        'Content-Type': MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Content-Length': stat.size,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      });
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      fs.createReadStream(file).pipe(res);
    } catch (err) {
      res.writeHead(500).end(String(err));
    }
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  const origin = `http://127.0.0.1:${port}`;
  return {
    server,
    origin,
    url: (prefix = '/') => origin + prefix,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Launch Debian's Chromium headless through playwright-core. */
export function launch(options = {}) {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
    ...Object.fromEntries(Object.entries(options).filter(([k]) => k !== 'args')),
  });
}

/** Save a full-page PNG to tests/e2e/screenshots/<name>.png and return its path. */
export async function screenshot(page, name) {
  await fsp.mkdir(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name.replace(/[^A-Za-z0-9._-]+/g, '_')}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * Watch a page for problems. Call BEFORE page.goto(). Returns an object whose arrays fill
 * up as the page runs:
 *   consoleErrors  console.error messages (and uncaught exceptions, as "pageerror: …")
 *   cspViolations  securitypolicyviolation events seen in the page, plus console messages
 *                  about Content Security Policy (Chromium logs refusals there too)
 *   failedRequests requests to the page's own origin that failed or got HTTP >= 400
 * and a `problems()` method giving all of them as one list of strings (empty = clean).
 */
export async function watchPage(page) {
  const seen = { consoleErrors: [], cspViolations: [], failedRequests: [] };

  // Report every CSP violation to Node through a binding. An init script runs before any
  // page script, in every frame and on every navigation.
  await page.exposeBinding('__why401CspViolation', (_source, v) => {
    seen.cspViolations.push(
      `securitypolicyviolation: ${v.effectiveDirective} blocked ${v.blockedURI || '(inline)'}` +
        (v.sourceFile ? ` at ${v.sourceFile}:${v.lineNumber}` : '') +
        (v.sample ? ` sample=${JSON.stringify(v.sample)}` : ''),
    );
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__why401CspViolation({
        effectiveDirective: e.effectiveDirective,
        blockedURI: e.blockedURI,
        sourceFile: e.sourceFile,
        lineNumber: e.lineNumber,
        sample: e.sample,
      });
    });
  });

  page.on('console', (msg) => {
    const text = msg.text();
    if (/Content[- ]Security[- ]Policy/i.test(text)) {
      seen.cspViolations.push(`console ${msg.type()}: ${text}`);
    } else if (msg.type() === 'error') {
      const loc = msg.location();
      seen.consoleErrors.push(`console.error: ${text}${loc?.url ? ` (${loc.url}:${loc.lineNumber})` : ''}`);
    }
  });
  page.on('pageerror', (err) => seen.consoleErrors.push(`pageerror: ${err.message}`));
  page.on('requestfailed', (req) =>
    seen.failedRequests.push(`${req.method()} ${req.url()}: ${req.failure()?.errorText}`),
  );
  page.on('response', (res) => {
    if (res.status() >= 400) seen.failedRequests.push(`${res.request().method()} ${res.url()}: HTTP ${res.status()}`);
  });

  seen.problems = () => [...seen.cspViolations, ...seen.consoleErrors, ...seen.failedRequests];
  return seen;
}

/** New context + page with the given viewport width and color scheme, already watched. */
export async function openPage(browser, { width = 1280, height = 800, colorScheme = 'light' } = {}) {
  const context = await browser.newContext({
    viewport: { width, height },
    colorScheme,
    // Never reach the internet from tests.
    serviceWorkers: 'block',
  });
  const page = await context.newPage();
  const watch = await watchPage(page);
  return { context, page, watch };
}

/**
 * Wait until `locator` is visible. On timeout, throw an error that lists what the page
 * reported (CSP violations, console errors, failed requests) -- usually the real cause when
 * the app never boots -- instead of a bare locator timeout.
 */
export async function waitVisible(locator, watch, timeout = 15_000) {
  try {
    await locator.waitFor({ state: 'visible', timeout });
  } catch (err) {
    const problems = watch?.problems() ?? [];
    const detail = problems.length ? `\npage reported:\n  ${problems.join('\n  ')}` : '\n(page reported no errors)';
    throw new Error(`${err.message.split('\n')[0]}${detail}`, { cause: err });
  }
}

/**
 * For one test file: dist/ served on 127.0.0.1 and one Chromium, started before its tests and
 * stopped after them. `suite.srv` and `suite.browser` are set once `before` has run.
 */
export function pageSuite() {
  const suite = {};
  before(async () => {
    suite.srv = await serveDist();
    suite.browser = await launch();
  });
  after(async () => {
    await suite.browser?.close();
    await suite.srv?.close();
  });
  return suite;
}
