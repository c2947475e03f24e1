// `make bench`: every performance figure of why401 from one headless-Chromium run, beside the
// peers people compare it with (jose and jwt-decode from npm, in a plain page of the same
// browser), as ratios.
//
//   shipped size      what a first visit downloads, gzip -9 (what GitHub Pages serves) and brotli 11
//   navigation        from navigation start to a usable Token box, loopback server
//   keystroke         one keystroke in the Token box holding a 1.6 KB RS256 access token: from the
//                     input event to a message-channel task (after every microtask) plus a
//                     forced layout; median and p95
//   1 MB paste        how long a real 1 MB paste (Ctrl+V) blocks the main thread: from the paste
//                     event to the end of its task and microtasks, plus a forced layout
//                     (beside both: the same in a bare textarea with no app, the browser's floor)
//   decode            per 1.6 KB token: why401's decoder in wasm (header, payload, signature bytes) vs
//                     jose decodeJwt (payload only), jose decodeProtectedHeader + decodeJwt, jwt-decode
//   verify            RS256: why401's parse + strict plan + WebCrypto verify + verdict, in wasm,
//                     vs jose jwtVerify with an imported key (both WebCrypto)
//
// why401's decode and verify are timed inside the wasm by src/bench.rs, which exists only in
// the bench build (cargo feature `bench`, built by the Makefile into target/bench-dist/).

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as jose from 'jose';
import { measure, table } from './size.mjs';
import { serveDist, launch, openPage, DIST, ROOT } from '../tests/e2e/helpers.mjs';

const BENCH_DIST = path.join(ROOT, 'target', 'bench-dist');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];
const ms = (x) => `${x.toFixed(1)} ms`;
const us = (x) => `${x.toFixed(1)} µs`;
const rows = [];
const row = (figure, why401, peer, ratio, target) => rows.push({ figure, why401, peer, ratio, target });

// --- The 1.6 KB RS256 access token: claims, scope, roles, azp (signed here by jose). ---------
const { publicKey, privateKey } = await jose.generateKeyPair('RS256', { extractable: true });
const jwk = { ...(await jose.exportJWK(publicKey)), kid: 'bench-key', alg: 'RS256', use: 'sig' };
const now = Math.floor(Date.now() / 1000);
const token = await new jose.SignJWT({
  scope: 'openid profile email orders:read orders:write invoices:read invoices:write customers:read reports:export admin:audit',
  roles: ['orders.reader', 'orders.writer', 'invoices.reader', 'billing.admin', 'support.agent', 'reports.viewer'],
  azp: 'why401-bench-spa',
  client_id: 'why401-bench-spa',
  tid: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  oid: '00000000-0000-0000-66f3-3332eca7ea81',
  preferred_username: 'alice@example.com',
  name: 'Alice Example',
  email: 'alice@example.com',
  email_verified: true,
  groups: ['a1b2c3d4-0000-4000-8000-000000000001', 'a1b2c3d4-0000-4000-8000-000000000002', 'a1b2c3d4-0000-4000-8000-000000000003'],
  amr: ['pwd', 'mfa'],
  acr: 'urn:mace:incommon:iap:silver',
  sid: 'e4c1f8b0-5d2a-4c8e-9b1f-3a6d7e8f9a0b',
  auth_time: now - 300,
})
  .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid: 'bench-key' })
  .setIssuer('https://login.example.com/tenant/v2.0')
  .setSubject('alice')
  .setAudience('https://api.example.com')
  .setIssuedAt(now - 60)
  .setNotBefore(now - 60)
  .setExpirationTime(now + 3600)
  .setJti('9f0c2f7e-1d2a-4b8e-8c1f-6a5d4e3f2a1b')
  .sign(privateKey);

// A 1 MB token: the same header, a payload with a 760 KB claim.
const bigToken = [
  Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'at+jwt', kid: 'bench-key' })).toString('base64url'),
  Buffer.from(JSON.stringify({ sub: 'bench', exp: now + 600, blob: 'x'.repeat(760_000) })).toString('base64url'),
  'c2ln',
].join('.');

// --- Shipped size. ----------------------------------------------------------------------------
const size = measure(DIST);
console.log('what a first visit downloads (bytes)');
console.log(table(size));
console.log('loaded on first use: nothing (one wasm; see the README on splitting)\n');
row('first visit, brotli 11 (gzip -9)', `${(size.total.brotli / 1000).toFixed(1)} KB (${(size.total.gzip / 1000).toFixed(1)} KB)`, '', '', '<= 150 KB');

// --- The peers' page: jose and jwt-decode as ES modules, no CSP, nothing else. ---------------
const peersDir = fs.mkdtempSync(path.join(os.tmpdir(), 'why401-bench-peers-'));
fs.cpSync(path.join(ROOT, 'node_modules', 'jose', 'dist', 'webapi'), path.join(peersDir, 'jose'), { recursive: true });
fs.cpSync(path.join(ROOT, 'node_modules', 'jwt-decode', 'build', 'esm'), path.join(peersDir, 'jwt-decode'), { recursive: true });
fs.writeFileSync(
  path.join(peersDir, 'index.html'),
  `<!doctype html><meta charset="utf-8"><title>peers</title><script type="module">
import * as jose from './jose/index.js';
import { jwtDecode } from './jwt-decode/index.js';
window.peers = { jose, jwtDecode };
</script>`,
);

/**
 * In-page timers, installed before any script of the app's page and of the bare textarea's page,
 * so both are measured by the same code. One input is timed from setting the value to a
 * message-channel task that runs after every microtask it queued, plus a forced layout.
 */
function installTimers() {
  const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const afterMicrotasks = () =>
    new Promise((resolve) => {
      const ch = new MessageChannel();
      ch.port1.onmessage = resolve;
      ch.port2.postMessage(0);
    });
  const input = async (el, value, inputType) => {
    const t0 = performance.now();
    el.value = value;
    el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType }));
    await afterMicrotasks();
    void document.body.getBoundingClientRect().height;
    return performance.now() - t0;
  };
  window.__timers = {
    /** 60 keystrokes on `text` (a character typed at the end, then taken away), 10 to warm up. */
    async keystrokes(el, text) {
      const out = [];
      for (let i = 0; i < 60; i++) {
        await frame();
        out.push(await input(el, i % 2 === 0 ? `${text}x` : text, 'insertText'));
      }
      return out.slice(10);
    },
    /**
     * Times the next paste: from the paste event (caught first, at the window) to a
     * message-channel task posted then, which runs once the paste's task is over (the page's
     * handler or the browser inserting the text, the input event, every microtask), plus a
     * forced layout; and the longest animation frame from then until `settle` ms later.
     */
    armPaste(settle) {
      window.__pasted = new Promise((resolve) => {
        addEventListener(
          'paste',
          () => {
            const t0 = performance.now();
            const frames = [];
            const obs = new PerformanceObserver((list) => frames.push(...list.getEntries().map((e) => e.duration)));
            obs.observe({ type: 'long-animation-frame' });
            const ch = new MessageChannel();
            ch.port1.onmessage = () => {
              void document.body.getBoundingClientRect().height;
              const blocked = performance.now() - t0;
              setTimeout(() => (obs.disconnect(), resolve({ blocked, frame: Math.max(0, ...frames) })), settle);
            };
            ch.port2.postMessage(0);
          },
          { once: true, capture: true },
        );
      });
    },
  };
}

/**
 * Five real pastes (Ctrl+V, a trusted event, as a person makes them) of `text` into `box`,
 * each into a cleared box in a settled page.
 */
async function realPastes(page, box, clear, text) {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  const out = { blocked: [], frames: [] };
  for (let i = 0; i < 5; i++) {
    await clear();
    await box.focus();
    await page.waitForTimeout(300);
    await page.evaluate(() => window.__timers.armPaste(1500));
    await page.keyboard.press('Control+V');
    const { blocked, frame } = await page.evaluate(() => window.__pasted);
    out.blocked.push(blocked);
    out.frames.push(frame);
  }
  return out;
}

if (!fs.existsSync(path.join(BENCH_DIST, 'index.html'))) throw new Error(`${BENCH_DIST} is missing: run 'make bench'`);
const app = await serveDist(DIST);
const benchApp = await serveDist(BENCH_DIST);
const peersSrv = await serveDist(peersDir);
const browser = await launch();
try {
  // --- Navigation to a usable Token box: when the textarea is in the DOM, from navigation start.
  const loads = [];
  for (let i = 0; i < 9; i++) {
    const { context, page } = await openPage(browser, {});
    await page.addInitScript(() => {
      new MutationObserver((_, obs) => {
        if (document.getElementById('token')) {
          window.__usable = performance.now();
          obs.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(app.url('/'));
    await page.waitForFunction(() => window.__usable !== undefined);
    loads.push(await page.evaluate(() => window.__usable));
    await context.close();
  }
  row('navigation to a usable Token box', `${ms(median(loads))} (median of ${loads.length})`, '', '', '<= 150 ms');

  // --- Keystrokes and a 1 MB paste: in the Token box, and in a bare textarea with no app (the
  // browser's floor), timed by the same in-page code (installTimers).
  const { context: ac, page: appPage } = await openPage(browser, {});
  await appPage.addInitScript(installTimers);
  await appPage.goto(app.url('/'));
  const box = appPage.getByLabel('Token', { exact: true });
  await box.waitFor();
  await box.fill(token);
  await appPage.locator('.verdict').waitFor();
  const keys = await box.evaluate((el, text) => window.__timers.keystrokes(el, text), token);
  const clearButton = appPage.getByRole('button', { name: 'Clear' });
  const pastes = await realPastes(appPage, box, () => clearButton.click(), bigToken);
  await ac.close();

  const { context: pc, page: peers } = await openPage(browser, {});
  await peers.addInitScript(installTimers);
  await peers.goto(peersSrv.url('/'));
  await peers.waitForFunction(() => window.peers !== undefined);
  const bareKeys = await peers.evaluate(async (text) => {
    const el = Object.assign(document.createElement('textarea'), { rows: 6, id: 'bare' });
    el.style.cssText = 'width: 600px; word-break: break-all';
    document.body.append(el);
    return window.__timers.keystrokes(el, text);
  }, token);
  const bareBox = peers.locator('#bare');
  const barePastes = await realPastes(peers, bareBox, () => bareBox.evaluate((el) => (el.value = '')), bigToken);
  const bare = { keys: bareKeys, pastes: barePastes };
  row(
    'one keystroke in the Token box, median / p95',
    `${ms(median(keys))} / ${ms(p95(keys))}`,
    `bare textarea ${ms(median(bare.keys))} / ${ms(p95(bare.keys))}`,
    '',
    '<= 1 / 2 ms',
  );
  row(
    `1 MB token pasted (${(bigToken.length / 1e6).toFixed(2)} MB): main thread blocked`,
    // Long Animation Frames are reported only past 50 ms.
    `${ms(median(pastes.blocked))} (${median(pastes.frames) ? `longest frame ${ms(median(pastes.frames))}` : 'no frame over 50 ms'})`,
    `bare textarea ${ms(median(bare.pastes.blocked))}`,
    '',
    '<= 50 ms',
  );

  // --- Decoding and verification: why401 in wasm, the peers in JS, same browser. -------------
  const { context: bc, page: bench } = await openPage(browser, {});
  await bench.goto(benchApp.url('/'));
  await bench.waitForFunction(() => typeof window.wasmBindings?.bench_decode === 'function');

  const DECODES = 20_000;
  // Each figure is the median of five timed rounds, after a warm-up round.
  const ours = await bench.evaluate(([t, n]) => {
    window.wasmBindings.bench_decode(t, n / 10);
    const rounds = Array.from({ length: 5 }, () => window.wasmBindings.bench_decode(t, n));
    return rounds.sort((a, b) => a - b)[2];
  }, [token, DECODES]);
  const theirs = await peers.evaluate(([t, n]) => {
    const round = (f) => {
      const t0 = performance.now();
      let kept = 0;
      for (let i = 0; i < n; i++) kept += Object.keys(f()).length;
      if (!kept) throw new Error('nothing decoded');
      return ((performance.now() - t0) * 1000) / n;
    };
    const time = (f) => {
      for (let i = 0; i < n / 10; i++) f(); // warm-up
      return Array.from({ length: 5 }, () => round(f)).sort((a, b) => a - b)[2];
    };
    const { jose, jwtDecode } = window.peers;
    return {
      jose: time(() => jose.decodeJwt(t)),
      // What a page that shows a token needs from jose: the header too (why401 decodes both,
      // and the signature's bytes).
      joseBoth: time(() => [jose.decodeProtectedHeader(t), jose.decodeJwt(t)]),
      jwtDecode: time(() => jwtDecode(t)),
    };
  }, [token, DECODES]);
  row(`decode a ${(token.length / 1000).toFixed(1)} KB token`, us(ours), `jose decodeJwt ${us(theirs.jose)}`, `${(ours / theirs.jose).toFixed(2)}x jose`, '<= 1.0x jose');
  row('', '', `jose header + payload ${us(theirs.joseBoth)}`, `${(ours / theirs.joseBoth).toFixed(2)}x`, '');
  row('', '', `jwt-decode ${us(theirs.jwtDecode)}`, `${(ours / theirs.jwtDecode).toFixed(2)}x jwt-decode`, '');

  const VERIFIES = 400;
  const key = JSON.stringify({ keys: [jwk] });
  const oursVerify = await bench.evaluate(async ([t, k, n]) => {
    // A whole round to warm up: wasm and JS reach their optimising tiers only after a few
    // hundred calls, and a short warm-up left the first timed rounds two to five times slower.
    await window.wasmBindings.bench_verify(t, k, n);
    const rounds = [];
    for (let i = 0; i < 5; i++) rounds.push(await window.wasmBindings.bench_verify(t, k, n));
    return rounds.sort((a, b) => a - b)[2];
  }, [token, key, VERIFIES]);
  const joseVerify = await peers.evaluate(async ([t, k, n]) => {
    const { jose } = window.peers;
    const cryptoKey = await jose.importJWK(k, 'RS256');
    for (let i = 0; i < n; i++) await jose.jwtVerify(t, cryptoKey);
    const rounds = [];
    for (let r = 0; r < 5; r++) {
      const t0 = performance.now();
      for (let i = 0; i < n; i++) await jose.jwtVerify(t, cryptoKey);
      rounds.push(((performance.now() - t0) * 1000) / n);
    }
    return rounds.sort((a, b) => a - b)[2];
  }, [token, jwk, VERIFIES]);
  row('verify RS256 (WebCrypto)', us(oursVerify), `jose ${us(joseVerify)}`, `${(oursVerify / joseVerify).toFixed(2)}x jose`, '<= 1.1x jose');
  // Where why401's time goes: each part in its own loop (the page's clock ticks in 100 µs).
  const [planUs, cryptoUs] = await bench.evaluate(async ([t, k, n]) => {
    await window.wasmBindings.bench_verify_parts(t, k, n);
    const rounds = [];
    for (let i = 0; i < 5; i++) rounds.push(await window.wasmBindings.bench_verify_parts(t, k, n));
    return [0, 1].map((p) => rounds.map((r) => r[p]).sort((a, b) => a - b)[2]);
  }, [token, key, VERIFIES]);
  row('', `parse ${us(ours)}, strict plan ${us(planUs)},`, '', '', '');
  row('', `WebCrypto call ${us(cryptoUs)}`, '', '', '');
  await pc.close();
  await bc.close();
} finally {
  await browser.close();
  await app.close();
  await benchApp.close();
  await peersSrv.close();
  fs.rmSync(peersDir, { recursive: true, force: true });
}

const version = (await import('node:child_process')).execFileSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8' }).trim();
console.log(`\n${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores, ${version}`);
const cols = ['figure', 'why401', 'peer', 'ratio', 'target'];
const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => r[c].length)));
console.log(cols.map((c, i) => c.padEnd(width[i])).join(' | '));
console.log(width.map((w) => '-'.repeat(w)).join('-|-'));
for (const r of rows) console.log(cols.map((c, i) => r[c].padEnd(width[i])).join(' | '));
