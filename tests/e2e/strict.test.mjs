// The strict verdict through the page: a sample of Project Wycheproof's JOSE vectors pasted as
// a user would (token and key), and a token that names its own key in x5c. The whole suite runs
// in the wasm tests (tests/web_wycheproof.rs); here the Signature card's words are checked.

import assert from 'node:assert/strict';
import { openPage, pageSuite, screenshot, test, waitVisible, ROOT } from './helpers.mjs';
import fs from 'node:fs';
import path from 'node:path';

const suite = pageSuite();
const fixture = (...p) => fs.readFileSync(path.join(ROOT, 'tests', 'fixtures', ...p), 'utf8');

/** The vector and its group's key (the public half where there is one), by file and tcId. */
function vector(file, tcId) {
  const doc = JSON.parse(fixture('wycheproof', file));
  for (const group of doc.testGroups) {
    const t = group.tests.find((x) => x.tcId === tcId);
    if (t) return { jws: t.jws, key: JSON.stringify(group.public ?? group.private), comment: t.comment };
  }
  throw new Error(`no tcId ${tcId} in ${file}`);
}

async function result(page) {
  await page.waitForFunction(() => {
    const text = document.querySelector('[aria-label="Signature result"]')?.textContent ?? '';
    return text !== 'Checking…' && text !== '';
  });
  return (await page.getByLabel('Signature result').textContent()).trim();
}

async function found(page) {
  return page.getByRole('list', { name: 'What the signature check found' }).locator('.finding-code').allTextContents();
}

const CASES = [
  { file: 'json_web_signature_test.json', tcId: 357, verdict: /^Signature verified with HMAC secret/, codes: [] },
  {
    file: 'json_web_signature_test.json',
    tcId: 360,
    verdict: /^The signature matches the token as this page read it, after removing 4 whitespace characters inside the token .*A server given the token as pasted refuses it/,
    codes: [],
  },
  {
    file: 'json_web_signature_test.json',
    tcId: 332,
    verdict: /^The signature matches, but a strict server rejects this token: the token's algorithm does not fit the key/,
    codes: ['alg_key_mismatch'],
  },
  {
    file: 'json_web_key_test.json',
    tcId: 7,
    verdict: /^The signature matches, but a strict server rejects this token: the RSA key must not be used/,
    codes: ['rsa_key_weak'],
  },
];

for (const c of CASES) {
  test(`Wycheproof ${c.file.replace('_test.json', '')} tcId ${c.tcId} through the page`, async () => {
    const { context, page, watch } = await openPage(suite.browser);
    try {
      await page.goto(suite.srv.url('/'));
      await waitVisible(page.getByLabel('Token', { exact: true }), watch);
      const v = vector(c.file, c.tcId);
      await page.getByLabel('Token', { exact: true }).fill(v.jws);
      await page.getByLabel('Key', { exact: true }).fill(v.key);
      assert.match(await result(page), c.verdict, v.comment);
      const codes = await found(page);
      for (const code of c.codes) assert.ok(codes.includes(code), `${code} in ${codes}`);
      if (c.tcId === 332) await screenshot(page, 'signature-strict-refused');
    } finally {
      await context.close();
    }
  });
}

test('a token that names its own key in x5c: its chain is shown, and verifying with it proves nothing', async () => {
  const { context, page, watch } = await openPage(suite.browser, { colorScheme: 'dark' });
  try {
    await page.goto(suite.srv.url('/'));
    await waitVisible(page.getByLabel('Token', { exact: true }), watch);
    await page.getByLabel('Token', { exact: true }).fill(fixture('keys', 'x5c_rs256.jwt').trim());
    const named = page.getByRole('group', { name: 'Keys named by the token' });
    await waitVisible(named, watch);
    assert.match(await named.textContent(), /x5c\[0\]: CN=why401 x5c test, O=why401, issued by CN=why401 x5c test, O=why401; valid until 2035-01-01 00:00:00 UTC\./);
    // Nothing is used until asked: no key yet, so nothing is checked.
    assert.match(await result(page), /^Not checked/);
    assert.ok((await found(page)).includes('token_carries_key'));
    await page.getByRole('button', { name: "Use the token's x5c certificate" }).click();
    assert.match(await page.getByLabel('Key', { exact: true }).inputValue(), /^-----BEGIN CERTIFICATE-----/);
    assert.match(await result(page), /^The signature matches the key the token names in its own x5c header .*which proves nothing/);
    await screenshot(page, 'signature-x5c-self-named-dark');
  } finally {
    await context.close();
  }
});
