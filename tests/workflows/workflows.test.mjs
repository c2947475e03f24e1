// The GitHub workflows: valid for GitHub (action-validator, from npm, checks each against
// GitHub's workflow schema, and rejects a broken copy, so the check can fail), running what
// this repository tests, and the Pages build run here as the workflow runs it: its dist/
// served as GitHub Pages serves it under /why401/, where any missing path, at any depth,
// lands on the app.
//
// Run with `make test-workflows` (after a build: the Pages build reuses its cache).

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ROOT, failedRequest, openPage, pageSuite, test, waitVisible } from '../e2e/helpers.mjs';

const run = promisify(execFile);
const WORKFLOWS = path.join(ROOT, '.github', 'workflows');
const VALIDATOR = path.join(ROOT, 'node_modules', '.bin', 'action-validator');
const read = (name) => fs.readFileSync(path.join(WORKFLOWS, name), 'utf8');

const suite = pageSuite();

test('both workflows pass the workflow schema, and a broken one does not', async () => {
  for (const name of ['pages.yml', 'ci.yml']) {
    await run(VALIDATOR, [path.join(WORKFLOWS, name)]).catch((e) => assert.fail(`${name}: ${e.stdout}${e.stderr}`));
  }
  const broken = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'why401-wf-')), 'broken.yml');
  fs.writeFileSync(broken, read('ci.yml').replace('    timeout-minutes: 90\n', '    timeout-minutes: 90\n    runs_on: typo\n'));
  const refused = await run(VALIDATOR, [broken]).then(() => null, (e) => e);
  assert.ok(refused, 'a workflow with an unknown job key is refused');
  assert.match(`${refused.stdout}${refused.stderr}`, /Additional property 'runs_on' is not allowed/);
});

test('the workflows run the commands this repository tests', () => {
  const pages = read('pages.yml');
  assert.match(pages, /^ {8}run: bash scripts\/pages-build\.sh "\$\{\{ steps\.pages\.outputs\.base_path \}\}"$/m);
  for (const action of ['actions/configure-pages@', 'actions/upload-pages-artifact@', 'actions/deploy-pages@']) {
    assert.ok(pages.includes(`uses: ${action}`), action);
  }
  assert.match(pages, /^ {2}pages: write$/m);
  assert.match(pages, /^ {2}id-token: write$/m);
  const ci = read('ci.yml');
  assert.match(ci, /^ {8}run: bash \.ci\/run$/m);
  assert.match(ci, /^ {2}pull_request:$/m);
  // Both on the Debian base scripts/setup.sh is written for.
  for (const text of [pages, ci]) assert.match(text, /container: rust:[\d.]+-bookworm/);
  assert.match(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8'), /Source:\s+GitHub\s+Actions/);
});

test('the Pages build, served as GitHub Pages serves it under /why401/: a deep missing path lands on the app', { timeout: 1_200_000 }, async () => {
  await run('bash', [path.join(ROOT, 'scripts', 'pages-build.sh'), '/why401'], { cwd: ROOT, maxBuffer: 64 << 20, timeout: 1_200_000 });
  const dist = path.join(ROOT, 'dist');
  assert.ok(fs.existsSync(path.join(dist, '.nojekyll')));
  const page404 = fs.readFileSync(path.join(dist, '404.html'), 'utf8');
  assert.match(page404, /<meta http-equiv="refresh" content="0; url=\/why401\/">/);
  const missing = suite.srv.url('/why401/some/deep/missing/path');
  const { context, page, watch } = await openPage(suite.browser, { expect: [failedRequest('GET', missing, 404)] });
  try {
    await page.goto(missing);
    await page.waitForURL(suite.srv.url('/why401/'));
    await waitVisible(page.getByLabel('Token', { exact: true }), watch);
  } finally {
    await context.close();
  }
  // A bad base path is refused before anything is built.
  const refused = await run('bash', [path.join(ROOT, 'scripts', 'pages-build.sh'), 'why401']).then(() => null, (e) => e);
  assert.equal(refused?.code, 2);
  assert.match(refused.stderr, /BASE_PATH must be empty or start with \//);
});
