// Shared end-to-end test harness for why401 (node:test + playwright-core, no other deps).
//
//   serveDist()        static server for dist/ on 127.0.0.1:<ephemeral>, at "/" AND "/why401/"
//   launch()           headless Chromium from Debian (/usr/bin/chromium), never a downloaded one
//   watchPage(page)    collects console errors, page errors, CSP violations, failed requests
//   openPage(b, opts)  a watched page in a new context, checked by the guard when its test ends
//   screenshot(p, n)   saves tests/e2e/screenshots/<n>.png
//   sendRequest(page)  presses Send and waits for the answer to that press (markOutcome/newOutcome)
//   closer()           closes what was started, in reverse order, whatever fails
//   pageSuite(peers?)  serveDist() + launch() (+ peers) around one test file, and the guard
//   test(name, fn)     node:test's test() with a per-test timeout (TEST_TIMEOUT_MS)

import { test as nodeTest, before, after, beforeEach, afterEach } from 'node:test';
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
  '.webmanifest': 'application/manifest+json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/**
 * Serve `dir` (default dist/) on 127.0.0.1 with an ephemeral port under every prefix in
 * PREFIXES. Directory URLs serve index.html; "/why401" redirects to "/why401/" and a missing
 * path gets dist/404.html (when the Pages build wrote one) like GitHub Pages does. Returns
 * { server, origin, url(prefix), close() }.
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
        // As GitHub Pages does: the site's 404.html, when the build has one, for any missing path.
        const page404 = await fsp.readFile(path.join(root, '404.html')).catch(() => null);
        if (page404) {
          res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(page404);
        } else {
          res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`404 ${pathname}\n`);
        }
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
 * Watch a page for problems. Call BEFORE page.goto(). Every problem is one line:
 *   CSP      "securitypolicyviolation: …" (the event, seen in the page) and "console <type>: …"
 *            for console messages about Content Security Policy (Chromium logs refusals there)
 *   console  "console.error: <text> (<url>:<line>)", and "pageerror: <message>" for uncaught
 *            exceptions
 *   network  "<METHOD> <url>: HTTP <status>" for every response >= 400 and "<METHOD> <url>:
 *            <net::ERR_…>" for every request that failed, whatever its origin: the page's own
 *            files and every request the page sends to a peer alike.
 * Chromium echoes a failed load as a console error located at the resource's URL ("Failed to
 * load resource: the server responded with a status of 401 (UNAUTHORIZED)", "Failed to load
 * resource: net::ERR_FAILED"). An echo whose URL and status (or net:: error) are those of a
 * network line is folded into that line; any other echo stays a console error.
 *
 * `expect` (RegExps) declares the problems the test causes on purpose; `watch.expect(re…)` adds
 * more later. `check()` gives { unexpected, unseen }: the lines no declaration matches and the
 * declarations no line matches. The guard that pageSuite() installs fails a test when either is
 * non-empty, so only what a test declares is allowed, and a declaration cannot go stale.
 */
export async function watchPage(page, { expect = [] } = {}) {
  const csp = [];
  const errors = []; // { text, url, line }
  const network = []; // { method, url, status, error }
  const declared = [...expect];

  // Report every CSP violation to Node through a binding. An init script runs before any
  // page script, in every frame and on every navigation.
  await page.exposeBinding('__why401CspViolation', (_source, v) => {
    csp.push(
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
      csp.push(`console ${msg.type()}: ${text}`);
    } else if (msg.type() === 'error') {
      const loc = msg.location();
      errors.push({ text, url: loc?.url ?? '', line: loc?.lineNumber });
    }
  });
  page.on('pageerror', (err) => errors.push({ text: `pageerror: ${err.message}` }));
  page.on('requestfailed', (req) =>
    network.push({ method: req.method(), url: req.url(), status: null, error: req.failure()?.errorText ?? 'failed' }),
  );
  page.on('response', (res) => {
    if (res.status() >= 400) network.push({ method: res.request().method(), url: res.url(), status: res.status(), error: null });
  });

  const isEcho = (e) => {
    const status = /^Failed to load resource: the server responded with a status of (\d+)/.exec(e.text)?.[1];
    const error = /^Failed to load resource: (net::ERR_[A-Z_]+)/.exec(e.text)?.[1];
    return network.some((n) => n.url === e.url && ((status && n.status === Number(status)) || (error && n.error === error)));
  };
  const networkLines = () => network.map((n) => `${n.method} ${n.url}: ${n.status === null ? n.error : `HTTP ${n.status}`}`);
  const consoleLines = () =>
    errors
      .filter((e) => !e.url || !isEcho(e))
      .map((e) => (e.text.startsWith('pageerror: ') ? e.text : `console.error: ${e.text}${e.url ? ` (${e.url}:${e.line})` : ''}`));

  return {
    get cspViolations() {
      return [...csp];
    },
    get consoleErrors() {
      return consoleLines();
    },
    get failedRequests() {
      return networkLines();
    },
    /** Declare more problems the test causes on purpose. */
    expect(...patterns) {
      declared.push(...patterns);
    },
    /** Every problem, as one list of lines (empty = clean). */
    problems() {
      return [...csp, ...consoleLines(), ...networkLines()];
    },
    /** Lines no declaration allows, and declarations no line matched. */
    check() {
      const lines = this.problems();
      return {
        unexpected: lines.filter((l) => !declared.some((re) => re.test(l))),
        unseen: declared.filter((re) => !lines.some((l) => re.test(l))),
      };
    },
  };
}

/** `s` as a RegExp source that matches it literally. */
export const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * A declaration for `expect`: exactly this request got HTTP `outcome` (a number) or failed with
 * `outcome` ('net::ERR_…'), as watchPage writes it. One declaration allows every repeat of it.
 */
export function failedRequest(method, url, outcome) {
  const what = typeof outcome === 'number' ? `HTTP ${outcome}` : outcome;
  return new RegExp(`^${escapeRe(method)} ${escapeRe(url)}: ${escapeRe(what)}$`);
}

// The page guard. pageSuite() installs it in each test file: every page opened with openPage()
// during a test is checked when the test ends, whether the test passed or not.
const guard = { installed: false, pages: null, closers: null };

/**
 * New context + page with the given viewport width and color scheme, already watched and, in a
 * test, registered with the guard. `expect` declares the problems this page is meant to cause
 * (see watchPage); `serviceWorkers: 'allow'` lets the page register its worker. Returns
 * { context, page, watch }.
 */
export async function openPage(browser, { width = 1280, height = 800, colorScheme = 'light', expect = [], serviceWorkers = 'block' } = {}) {
  if (process.env.NODE_TEST_CONTEXT && !(guard.installed && guard.pages)) {
    throw new Error('openPage() in a test file must be called inside a test of a file that calls pageSuite(): the guard checks every page it opens');
  }
  const context = await browser.newContext({
    viewport: { width, height },
    colorScheme,
    // Blocked unless a test is about the worker (tests/e2e/offline.test.mjs): everywhere else
    // each of the app's files comes from the server the test started, as the test expects.
    serviceWorkers,
  });
  const page = await context.newPage();
  const watch = await watchPage(page, { expect });
  guard.pages?.push({ context, watch, label: `page ${guard.pages.length + 1} (${width}x${height} ${colorScheme})` });
  return { context, page, watch };
}

function installGuard() {
  if (guard.installed) return;
  guard.installed = true;
  beforeEach(() => {
    guard.pages = [];
    guard.closers = [];
  });
  afterEach(async (t) => {
    const pages = guard.pages ?? [];
    const closers = guard.closers ?? [];
    guard.pages = guard.closers = null;
    // Close what the test left open: every event is in, and no renderer outlives its test.
    await Promise.all(pages.map((p) => p.context.close().catch(() => {})));
    // And the peers it started, in case it never reached its finally (a test that timed out).
    for (const c of closers) await c.close().catch(() => {});
    const report = [];
    for (const { label, watch } of pages) {
      const { unexpected, unseen } = watch.check();
      if (unexpected.length) report.push(`${label}: not declared:\n    ${unexpected.join('\n    ')}`);
      if (unseen.length) report.push(`${label}: declared but never seen:\n    ${unseen.join('\n    ')}`);
    }
    if (report.length) {
      const message = `page guard for "${t.name}":\n  ${report.join('\n  ')}`;
      // When the test already failed node:test reports that failure only: keep this one visible.
      for (const line of message.split('\n')) t.diagnostic(line);
      throw new Error(message);
    }
  }, { timeout: TEST_TIMEOUT_MS });
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
 * Remember which press of Send the Response card shows now (its data-attempt), so that
 * newOutcome() can tell the next answer from it. Call before whatever sends.
 */
export async function markOutcome(page) {
  await page.evaluate(() => {
    window.__e2eOldAttempt = Number(document.querySelector('section.response')?.dataset.attempt ?? 0);
  });
}

/**
 * Wait until the Response card shows the answer to a later press than markOutcome() saw and
 * nothing is in flight; return its status text ("401 UNAUTHORIZED", "No HTTP response",
 * "Cancelled"…). Two answers that read the same are still told apart by the press number.
 */
export async function newOutcome(page) {
  await page.waitForFunction(() => {
    const card = document.querySelector('section.response');
    return (
      card &&
      Number(card.dataset.attempt) > (window.__e2eOldAttempt ?? 0) &&
      card.querySelector('.status-line') &&
      !card.textContent.includes('Waiting for the server')
    );
  });
  return (await page.locator('section.response .status-line .status').first().textContent()).trim();
}

/** Press Send and return the status text of the answer to THIS press (see newOutcome). */
export async function sendRequest(page) {
  await markOutcome(page);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  return newOutcome(page);
}

/**
 * What a test or a file started, closed in reverse order. `add(started)` awaits a start and
 * keeps what it gave (anything with close()); `close()` closes every one even when some fail,
 * then rethrows the first failure. Start things through add() inside the try whose finally
 * calls close(): whatever started is stopped, whatever fails. A closer made during a test is
 * also closed by the guard when the test ends, should the test never reach its finally.
 */
export function closer() {
  const items = [];
  const it = {
    async add(starting) {
      const item = await starting;
      items.push(item);
      return item;
    },
    async close() {
      const failures = [];
      while (items.length) {
        try {
          await items.pop().close();
        } catch (e) {
          failures.push(e);
        }
      }
      if (failures.length) throw failures[0];
    },
  };
  guard.closers?.push(it);
  return it;
}

/**
 * Each test's time limit (WHY401_E2E_TEST_TIMEOUT_MS, 120 s by default: this machine is slow
 * and shared). Node 20 applies `node --test --test-timeout` to a whole FILE, in the runner, and
 * not to the tests inside it; so each test and hook gets its own limit here, and the Makefile's
 * --test-timeout is only the per-file backstop.
 */
export const TEST_TIMEOUT_MS = Number(process.env.WHY401_E2E_TEST_TIMEOUT_MS ?? 120_000);

/** node:test's test(), with TEST_TIMEOUT_MS unless `options` sets another timeout. */
export function test(name, options, fn) {
  if (typeof options === 'function') [fn, options] = [options, {}];
  return nodeTest(name, { timeout: TEST_TIMEOUT_MS, ...options }, fn);
}

/**
 * On SIGINT, SIGTERM or SIGHUP (Ctrl+C, or the runner ending a file that ran past
 * --test-timeout) stop what the file started and exit. Without this the process outlived the
 * signal: Playwright's own handler only closes the browser, and the page server kept it alive.
 */
function exitOnSignal(started) {
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
    process.once(signal, () => {
      setTimeout(() => process.exit(code), 5000).unref();
      started
        .close()
        .catch(() => {})
        .finally(() => process.exit(code));
    });
  }
}

/**
 * For one test file: dist/ served on 127.0.0.1, one Chromium and the guard (see openPage).
 * `startPeers(add)`, when given, starts the file's peers through `add` (see closer()) and
 * returns them as an object merged into the suite. Everything is started in turn in `before`
 * and stopped in `after`; if anything fails to start, what did start is stopped at once and
 * the error is rethrown, so the file fails fast. `suite.srv`, `suite.browser` and the peers
 * are set once `before` has run.
 */
export function pageSuite(startPeers) {
  const suite = {};
  const started = closer();
  installGuard();
  exitOnSignal(started);
  before(async () => {
    try {
      suite.srv = await started.add(serveDist());
      suite.browser = await started.add(launch());
      if (startPeers) Object.assign(suite, await startPeers((s) => started.add(s)));
    } catch (e) {
      await started.close().catch(() => {});
      throw e;
    }
  }, { timeout: TEST_TIMEOUT_MS });
  after(() => started.close(), { timeout: TEST_TIMEOUT_MS });
  return suite;
}
