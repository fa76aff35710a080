// The README's browser claims, in Firefox (issue 10, item 8): the page opens from file:// and
// draws; the demo district loads; files chosen through the 打开文件 button's file chooser, and
// files set on the page's <input type=file>, load and give the same summary as
// `it2 summarize --json`; the workspace survives a reload and a browser restart in the same
// profile; no request leaves the page; without WebGL the page explains itself. The same checks
// as tests/browser/page.test.mjs and files.test.mjs make in Chromium.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, CLI, PAGE_URL, cliSummary } from '../browser/harness.mjs';
import { assert } from './harness.mjs';

const DEMO_DIR = path.join(ROOT, 'data', 'demo');
const AS_OF = '2026-06-30';  // pinned: rates and risks depend on the date
// The demo district as data/demo/README.md describes it (the page and the CLI must both say so).
const DEMO_SCHOOLS = 20;
const DEMO_TEACHERS = 1100;

const demoPaths = () => fs.readdirSync(DEMO_DIR).filter((name) => name.endsWith('.json')).sort()
  .map((name) => path.join(DEMO_DIR, name));

// A canvas that shows an interface has many colours and real contrast; a blank one has ~1.
function assertNotBlank(stats, what) {
  assert.ok(stats.variance > 50 && stats.distinctColours > 16,
    `${what} looks blank: luma variance ${stats.variance.toFixed(1)}, ${stats.distinctColours} colours`);
}

async function summaryOf(page) {
  return JSON.parse(await page.evaluate((asOf) => window.it2.summary(asOf), AS_OF));
}

// Picks `paths` in the page's hidden multi-file <input type=file> (what 打开文件 opens), as a
// user does, and waits until the page holds `expectedFiles` files.
async function pickFiles(t, page, paths, expectedFiles) {
  const input = await page.$('#it2-open-files');
  assert.ok(input, 'the page has its file input #it2-open-files');
  await input.uploadFile(...paths);
  await t.waitFor(page, (n) => JSON.parse(window.it2.state()).loaded.files === n, expectedFiles);
}

// After a reload or a restart: waits until the stored workspace was read back.
async function waitRestored(t, page) {
  await t.waitReady(page);
  await t.waitFor(page, () => window.it2.storage().restored);
  await t.waitFrames(page, 3);
}

export const tests = [
  {
    name: 'opens from file://, draws its first frames with WebGL 2, no fatal message, no missing glyph',
    async run(t) {
      const page = await t.openPage();
      await t.waitFrames(page, 5);
      const state = await t.state(page);
      assert.ok(state.frames >= 5, `frames = ${state.frames}`);
      assert.equal(state.missingGlyphs, 0, 'characters in the UI strings that no font can draw');
      const status = await page.evaluate(() => {
        const element = document.getElementById('it2-status');
        return { display: getComputedStyle(element).display, error: element.classList.contains('it2-error') };
      });
      assert.deepEqual(status, { display: 'none', error: false }, 'the loading message is gone and no error shows');
      const gl = await page.evaluate(() => {
        const context = document.getElementById('canvas').getContext('webgl2');  // the page's own context
        return context ? { renderer: context.getParameter(context.RENDERER), version: context.getParameter(context.VERSION) } : null;
      });
      assert.ok(gl, 'the page drew with a WebGL 2 context');
      t.note(`${await page.browser().version()}; ${gl.version}, renderer "${gl.renderer}"; ` +
        `first frame ${(await page.evaluate(() => window.it2.firstFrameMs())).toFixed(0)} ms after navigation start`);
      const shot = await t.screenshot(page, 'page-1366x768');
      assertNotBlank(shot.stats, 'the page at 1366x768');
    },
  },
  {
    name: 'the demo district (示例区县) loads: 20 schools, 1,100 teachers, the same summary as the CLI',
    async run(t) {
      const page = await t.openPage();
      const count = (await page.evaluate(() => window.it2.demoFiles())).length;
      assert.equal(count, demoPaths().length, 'every data/demo/*.json is embedded in the page');
      await page.evaluate(() => window.it2Page.requestDemoLoad());  // what the 示例区县 button does
      await t.waitFor(page, (n) => JSON.parse(window.it2.state()).loaded.files === n, count);
      await t.waitFrames(page, 4);
      const summary = await summaryOf(page);
      assert.equal(summary.district.schools, DEMO_SCHOOLS, 'schools in the demo district');
      assert.equal(summary.district.teachers, DEMO_TEACHERS, 'teachers in the demo district');
      assert.deepEqual(summary, cliSummary(AS_OF, demoPaths()), 'demo district: page in Firefox = command line');
      const state = await t.state(page);
      assert.equal(state.missingGlyphs, 0, 'characters in the demo data that no font can draw');
      assert.match(state.notice, new RegExp(`已载入 ${count} 个文件`), `notice: ${state.notice}`);
      assertNotBlank((await t.screenshot(page, 'demo-1366x768')).stats, 'the page with the demo loaded');
    },
  },
  {
    name: 'the 打开文件 button opens the file chooser; the chosen files load and it2.summary() equals `it2 summarize --json`',
    async run(t) {
      const folder = t.tempFolder();
      execFileSync(CLI, ['generate', '--schools', '4', '--teachers-per-school', '12', '--batches', '2', '--seed', '7',
        '--with-errors', '--out', folder], { stdio: 'pipe' });
      const files = fs.readdirSync(folder, { recursive: true }).map((name) => path.join(folder, name))
        .filter((file) => /\.(json|csv)$/i.test(file)).sort();
      assert.ok(files.length >= 4, `generated ${files.length} files`);
      const page = await t.openPage();
      await t.waitFrames(page, 3);
      // A real click on the button: the page must open the chooser within Firefox's user-activation window.
      const chooserPromise = page.waitForFileChooser({ timeout: 60000 });
      await t.clickRect(page, 'openFiles');
      const chooser = await chooserPromise;
      assert.ok(chooser.isMultiple(), 'the chooser takes several files');
      await chooser.accept(files);
      await t.waitFor(page, (n) => JSON.parse(window.it2.state()).loaded.files === n, files.length);
      const cli = cliSummary(AS_OF, [folder]);
      assert.ok(cli.problems.length > 0, 'the generated data has problems (and so tests their reporting too)');
      assert.deepEqual(await summaryOf(page), cli, 'generated data with errors: page in Firefox = command line');
    },
  },
  {
    name: 'files and policy survive a reload and a browser restart in the same profile',
    async run(t) {
      const profile = t.newProfile();
      let browser = await t.launch({ profile });
      let page = await t.openPage({ browser });
      const files = demoPaths().slice(0, 8);
      await pickFiles(t, page, files, files.length);
      const policy = JSON.parse(fs.readFileSync(path.join(ROOT, 'data', 'policy.json'), 'utf8'));
      policy.hours.total_min = 62;
      const policyResult = await page.evaluate((text) => window.it2.load('strict-policy.json', text), JSON.stringify(policy));
      assert.equal(policyResult.status, 'policy');
      const flushed = await page.evaluate(() => window.it2.flush());
      assert.ok(flushed.ok, `saved to browser storage (IndexedDB): ${JSON.stringify(flushed)}`);
      assert.equal(flushed.files, files.length);
      const before = await summaryOf(page);
      const policyFile = path.join(t.tempFolder(), 'strict-policy.json');
      fs.writeFileSync(policyFile, JSON.stringify(policy));
      assert.deepEqual(before, cliSummary(AS_OF, ['--policy', policyFile, ...files]), 'the policy applies as in the CLI');

      await page.reload({ waitUntil: 'load' });
      await waitRestored(t, page);
      assert.equal((await t.state(page)).loaded.files, files.length, 'the files survive a reload');
      assert.deepEqual(await summaryOf(page), before, 'same files, same policy after a reload: same summary');

      // Quit Firefox and start it again on the same profile folder, as a user closing the window.
      await browser.close();
      browser = await t.launch({ profile });
      page = await t.openPage({ browser, waitReady: false });
      await waitRestored(t, page);
      assert.equal((await t.state(page)).loaded.files, files.length, 'the files survive a browser restart');
      assert.deepEqual(await summaryOf(page), before, 'same files, same policy after a restart: same summary');
    },
  },
  {
    name: 'no request leaves the page: its CSP blocks connections; neither a local server nor the network watch sees one',
    async run(t) {
      // A server on this machine counts what reaches it: the browser-independent half of the check.
      const hits = [];
      const server = http.createServer((request, response) => {
        hits.push(request.url);
        response.statusCode = 204;
        response.end();
      });
      await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
      const origin = `http://127.0.0.1:${server.address().port}`;
      try {
        const browser = await t.launch();
        // Control: a file:// page without the CSP does reach the server, and the watch reports it.
        const controlFile = path.join(t.tempFolder(), 'control.html');
        fs.writeFileSync(controlFile, `<!doctype html><link rel="icon" href="data:,"><img src="${origin}/control.png">`);
        t.allowRequest(new RegExp(`^${origin}/control|/control\\.html$`));
        const control = await t.openPage({ browser, url: pathToFileURL(controlFile).href, waitReady: false });
        assert.deepEqual(hits, ['/control.png'], 'the control page reached the server');
        assert.ok(t.requests.includes(`${origin}/control.png`), `the network watch saw the control (saw: ${t.requests.join(', ')})`);
        await control.close();

        const page = await t.openPage({ browser });
        const csp = await page.evaluate(() =>
          document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') || '');
        assert.ok(csp.includes("connect-src 'none'") && csp.includes("default-src 'none'"), `CSP: ${csp}`);
        await page.evaluate(() => window.it2.loadDemo());
        await t.waitFrames(page, 3);
        // The page tries to reach the server; the CSP must stop both before they leave the browser.
        // (Chromium's watch reports such a blocked attempt, Firefox's does not: the server decides.)
        t.allowConsoleError(/Content[- ]Security[- ]Policy|CSP|Refused to/i);
        t.allowRequest(new RegExp(`^${origin}/from-page`));
        const outcome = await page.evaluate(async (base) => {
          const results = {};
          try { await fetch(`${base}/from-page`); results.fetch = 'connected'; } catch { results.fetch = 'blocked'; }
          results.image = await new Promise((resolve) => {
            const image = new Image();
            image.onload = () => resolve('loaded');
            image.onerror = () => resolve('blocked');
            image.src = `${base}/from-page.png`;
          });
          return results;
        }, origin);
        assert.deepEqual(outcome, { fetch: 'blocked', image: 'blocked' });
        assert.deepEqual(hits, ['/control.png'], 'nothing from the page reached the server');
        // Any other request (the demo load, the drawing) fails the test through the watch.
        t.note(`requests the watch saw: ${t.requests.map((url) => url.replace(PAGE_URL, 'the page')).join(', ')}`);
      } finally {
        server.close();
      }
    },
  },
  {
    name: 'with WebGL turned off the page says so in Chinese and English instead of staying blank',
    async run(t) {
      t.allowConsoleError(/.*/);  // the module's own complaints are expected here
      const browser = await t.launch({ webgl: false });
      const page = await t.openPage({ browser, waitReady: false });
      await t.waitFor(page, () => document.getElementById('it2-status').classList.contains('it2-error'));
      const text = await page.evaluate(() => document.getElementById('it2-status').innerText);
      assert.match(text, /浏览器/);
      assert.match(text, /WebGL/);
      const rejected = await page.evaluate(() => window.it2.ready.then(() => 'resolved', () => 'rejected'));
      assert.equal(rejected, 'rejected', 'it2.ready rejects when the page cannot start');
      await t.screenshot(page, 'no-webgl');
    },
  },
];
