// Offline use and updates. The service worker (assets/sw.js, written into dist/ with the build's
// file list by scripts/precache.py) keeps the app's files, so after one visit under /why401/ the
// page works with its server stopped and the browser offline; the cache holds those files and
// nothing else. A new deployment installs beside the running one and is offered with "Reload":
// the page in use is never swapped under the user. The manifest and icon make it installable.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closer, openPage, pageSuite, serveDist, test, waitVisible, DIST, ROOT } from './helpers.mjs';

const suite = pageSuite();
const PREFIX = '/why401/';
const fx = (name) => fs.readFileSync(path.join(ROOT, 'tests', 'fixtures', 'keys', name), 'utf8').trim();

/** The files of a build the worker must keep: all of them but itself and the Pages extras. */
function appFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(path.relative(dir, p).split(path.sep).join('/'));
    }
  };
  walk(dir);
  return out.filter((f) => !['sw.js', '404.html', '.nojekyll'].includes(f)).sort();
}

const workerVersion = (dir) => /const VERSION = '([0-9a-f]+)'/.exec(fs.readFileSync(path.join(dir, 'sw.js'), 'utf8'))[1];

/** Every Cache Storage cache of the page, as { name: [url…] }. */
const caches = (page) =>
  page.evaluate(async () => {
    const out = {};
    for (const name of await globalThis.caches.keys()) {
      out[name] = (await (await globalThis.caches.open(name)).keys()).map((r) => r.url).sort();
    }
    return out;
  });

/** A page that may register the worker, opened at `url` and controlled by the worker. */
async function openControlled(url) {
  const opened = await openPage(suite.browser, { serviceWorkers: 'allow' });
  await opened.page.goto(url);
  await waitVisible(opened.page.getByLabel('Token', { exact: true }), opened.watch);
  // Controlled once the worker has installed (every file fetched) and claimed the page.
  await opened.page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
  return opened;
}

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'why401-offline-'));

test('after one visit the page works with its server stopped: decode, diagnose, verify with a pasted key', async () => {
  const peers = closer();
  try {
    const srv = await peers.add(serveDist(DIST));
    const { context, page } = await openControlled(srv.url(PREFIX));

    // The cache is this build's file list, exactly, under the page's sub-path.
    const expected = appFiles(DIST).map((f) => srv.url(PREFIX) + f);
    assert.deepEqual(await caches(page), { [`why401-${workerVersion(DIST)}`]: expected.sort() });

    // Installable: the manifest parses and Chromium names no installability error.
    const cdp = await context.newCDPSession(page);
    const manifest = await cdp.send('Page.getAppManifest');
    assert.deepEqual(manifest.errors, [], JSON.stringify(manifest.errors));
    assert.equal(manifest.url, srv.url(PREFIX) + 'manifest.webmanifest');
    // Test contexts are incognito, where Chromium installs nothing; that is the only error allowed.
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    const errors = installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito');
    assert.deepEqual(errors, [], JSON.stringify(installabilityErrors));

    // The network is gone: the server stopped, and the browser told it is offline.
    await srv.close();
    await context.setOffline(true);
    await page.reload();
    const token = page.getByLabel('Token', { exact: true });
    await waitVisible(token);

    await token.fill(fx('rfc7515_a2.jwt'));
    assert.match(await page.getByLabel('Decoded payload').textContent(), /"iss":\s*"joe"/);
    await page.getByLabel('Key', { exact: true }).fill(fx('rfc7515_a2_rsa.jwk.json'));
    await page.waitForFunction(() => document.querySelector('[aria-label="Signature result"]')?.textContent !== 'Checking…');
    assert.match(await page.getByLabel('Signature result').textContent(), /^Signature verified/);

    await page.getByLabel('Raw response').fill('HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer error="invalid_token"\n');
    const codes = await page.getByRole('list', { name: 'Findings', exact: true }).locator('.finding-code').allTextContents();
    assert.ok(codes.includes('token_expired'), codes.join(' '));

    // What the user typed went nowhere near the cache: it still holds the app's files only.
    assert.deepEqual(await caches(page), { [`why401-${workerVersion(DIST)}`]: expected });
  } finally {
    await peers.close();
  }
});

test('a new deployment is offered with Reload, and used only once Reload is pressed', async () => {
  const peers = closer();
  const dir = tmp();
  try {
    const site = path.join(dir, 'site');
    fs.cpSync(DIST, site, { recursive: true });
    const srv = await peers.add(serveDist(site));
    const { page } = await openControlled(srv.url(PREFIX));
    const firstVersion = workerVersion(site);
    const deployment = () => page.evaluate(() => document.querySelector('meta[name="why401-test-deployment"]')?.content ?? 'first');
    const reload = page.getByRole('button', { name: 'Reload', exact: true });
    const notice = page.getByRole('status').getByText('A new version of why401 is available');
    assert.equal(await reload.count(), 0, 'no notice while nothing new is deployed');

    // The second deployment: this build with its page changed, and the build's worker step run
    // again on it, as `make build` does after csp.py.
    const second = path.join(dir, 'second');
    fs.cpSync(DIST, second, { recursive: true });
    const html = path.join(second, 'index.html');
    fs.writeFileSync(html, fs.readFileSync(html, 'utf8').replace('<head>', '<head>\n<meta name="why401-test-deployment" content="second" />'));
    execFileSync('python3', [path.join(ROOT, 'scripts', 'precache.py'), second], { stdio: 'pipe' });
    assert.notEqual(workerVersion(second), firstVersion, 'a changed page is a new worker');
    fs.cpSync(second, site, { recursive: true });

    // The next visit checks the worker, installs the new one beside the old, and says so.
    await page.reload();
    await notice.waitFor({ timeout: 30_000 });
    assert.equal(await deployment(), 'first', 'the page in use stays the one it was');

    // Later: the notice goes, the page keeps what was typed and stays the first deployment.
    await page.getByLabel('Token', { exact: true }).fill('abc.def');
    await page.getByRole('button', { name: 'Later', exact: true }).click();
    assert.equal(await reload.count(), 0);
    assert.equal(await page.getByLabel('Token', { exact: true }).inputValue(), 'abc.def');
    assert.equal(await deployment(), 'first');

    // Opened again, the waiting version is offered again; Reload switches to it.
    await page.reload();
    await notice.waitFor({ timeout: 30_000 });
    await Promise.all([page.waitForEvent('load'), reload.click()]);
    await waitVisible(page.getByLabel('Token', { exact: true }));
    assert.equal(await deployment(), 'second');
    assert.equal(await reload.count(), 0);
    // The first deployment's files are gone; only the second's are kept.
    assert.deepEqual(Object.keys(await caches(page)), [`why401-${workerVersion(second)}`]);
  } finally {
    await peers.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
