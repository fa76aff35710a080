// Browser storage over http:// (issue 5): the page served by a small node:http server (as from
// a school's intranet) keeps its files, their statuses and the settings in IndexedDB and
// localStorage of its http origin: found again after a reload and after the browser is closed and
// started again on the same profile, without any storage notice, CSP violation or extra request.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { assert, ROOT, PAGE_PATH, CHROMIUM, CHROMIUM_ARGS } from './harness.mjs';

const DEMO_DIR = path.join(ROOT, 'data', 'demo');
const AS_OF = '2026-06-30';
// One of each status: rejected (cut off), partial (record errors), replaced (by the .v2 after it), loaded.
const FILES = ['500110-0001-2026-1.draft.json', '500110-0002-2024-1.json', '500110-0002-2025-1.json',
  '500110-0002-2024-1.v2.json', '500110-0003-2024-1.json', '500110-0003-2025-1.json'];
const STORAGE_NOTICE = /浏览器不能保存数据|cannot keep data|已损坏|is damaged/;
const VIEWPORT = { width: 1366, height: 768 };

// Serves the page file (read once, so a rebuild of dist/ mid-test changes nothing) at
// /<its name>, plain: no CSP or other security headers, the page's own <meta> CSP has to do.
async function startServer() {
  const name = path.basename(PAGE_PATH);
  const body = fs.readFileSync(PAGE_PATH);
  const requests = [];
  const server = http.createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    if ((request.method === 'GET' || request.method === 'HEAD') && request.url === `/${encodeURIComponent(name)}`) {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': body.length, 'Cache-Control': 'no-store' });
      response.end(request.method === 'HEAD' ? undefined : body);
    } else {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      response.end('not found');
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/${encodeURIComponent(name)}`,
    requests,
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

// Collects CSP violations from the first script on in every page of the context.
async function recordCspViolations(context) {
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
}

// What has to survive: the files (names, in order), their statuses and the whole summary, the
// settings, and a healthy storage state.
async function snapshot(t, page) {
  const state = await t.state(page);
  return {
    origin: await page.evaluate(() => location.origin),
    files: (await page.evaluate(() => window.it2._persistState())).files.map((file) => file.name),
    statuses: JSON.parse(await page.evaluate((d) => window.it2.summary(d), AS_OF)).files,
    summary: await page.evaluate((d) => window.it2.summary(d), AS_OF),
    lang: state.lang,
    textScale: state.textScale,
    view: state.view,
    notice: state.notice,
    storage: await page.evaluate(() => window.it2.storage()),
    cspViolations: await page.evaluate(() => window.__cspViolations),
  };
}

async function openRestored(t, context, url) {
  const page = await t.openPage({ context, url });
  await page.waitForFunction(() => window.it2.storage().restored, null, { timeout: 60000, polling: 30 });
  await t.waitFrames(page, 4);
  return page;
}

function assertRestored(after, before, when) {
  assert.equal(after.origin, before.origin, `${when}: same http origin`);
  assert.deepEqual(after.files, before.files, `${when}: the same files, in the same order`);
  assert.deepEqual(after.statuses, before.statuses, `${when}: the same file statuses`);
  assert.equal(after.summary, before.summary, `${when}: the same summary`);
  assert.equal(after.lang, 'en', `${when}: the language is remembered`);
  assert.equal(after.textScale, before.textScale, `${when}: the text size is remembered`);
  assert.equal(after.view, before.view, `${when}: the view is remembered`);
  assert.ok(!STORAGE_NOTICE.test(after.notice), `${when}: a storage notice: ${after.notice}`);
  assert.deepEqual({ available: after.storage.available, error: after.storage.error, stored: after.storage.stored },
    { available: true, error: null, stored: FILES.length }, `${when}: storage state ${JSON.stringify(after.storage)}`);
  assert.deepEqual(after.cspViolations, [], `${when}: CSP violations`);
}

export const tests = [
  {
    name: 'over http://127.0.0.1 files, statuses, language and text size survive a reload and a browser restart',
    timeoutMs: 150000,
    async run(t) {
      const server = await startServer();
      try {
        const pageUrl = server.url;
        t.allowRequest(new RegExp(`^${pageUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
        const context = await t.newContext({ viewport: VIEWPORT });
        const profile = t.profiles.at(-1);
        await recordCspViolations(context);
        let page = await openRestored(t, context, pageUrl);
        let state = await t.state(page);
        assert.equal(await page.evaluate(() => location.protocol), 'http:');
        assert.ok(!STORAGE_NOTICE.test(state.notice), `a fresh profile over http: ${state.notice}`);
        assert.deepEqual(await page.evaluate(() => window.it2.storage()), { restored: true, available: true, stored: 0, error: null });
        assert.equal(state.loaded.files, 0, 'a fresh profile starts empty');

        const results = await page.evaluate(async (list) => {
          const decode = (text) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
          return window.it2.loadFiles(list.map((file) => ({ name: file.name, bytes: decode(file.base64) })));
        }, FILES.map((name) => ({ name, base64: fs.readFileSync(path.join(DEMO_DIR, name)).toString('base64') })));
        assert.deepEqual(results.map((result) => result.file), FILES);
        await t.clickRect(page, 'langEn');
        await t.clickRect(page, 'textLarger');
        await t.clickRect(page, 'textLarger');
        assert.ok(await page.evaluate(() => window.it2.view('problems')));
        await t.waitFrames(page, 3);
        const flushed = await page.evaluate(() => window.it2.flush());
        assert.deepEqual(flushed, { ok: true, files: FILES.length, error: null }, 'saved to the http origin\'s storage');

        const before = await snapshot(t, page);
        assert.equal(before.origin, new URL(pageUrl).origin);
        assert.deepEqual(before.files, FILES);
        assert.deepEqual(before.statuses.map((file) => file.status).sort(), ['loaded', 'loaded', 'loaded', 'partial', 'rejected', 'replaced'],
          `statuses: ${JSON.stringify(before.statuses)}`);
        assert.equal(before.lang, 'en');
        assert.ok(Math.abs(before.textScale - 1.2) < 1e-4, `text size after two clicks on the larger button: ${before.textScale}`);
        assert.equal(before.view, 'problems');
        assertRestored(before, before, 'before the reload');  // storage healthy, no CSP violation so far

        await page.reload({ waitUntil: 'load' });
        await t.waitReady(page);
        await page.waitForFunction(() => window.it2.storage().restored, null, { timeout: 60000, polling: 30 });
        await t.waitFrames(page, 4);
        assertRestored(await snapshot(t, page), before, 'after a reload');

        // Close the browser, start it again on the same profile directory.
        await context.close();
        const relaunched = await t.playwright.chromium.launchPersistentContext(profile, {
          executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: VIEWPORT,
        });
        t.contexts.push(relaunched);  // closed by the harness whatever happens
        await recordCspViolations(relaunched);
        page = await openRestored(t, relaunched, pageUrl);
        const afterRestart = await snapshot(t, page);
        assertRestored(afterRestart, before, 'after a browser restart');
        await t.screenshot(page, 'storage-http-restart-1366x768');

        // The server saw the page asked for three times and nothing else.
        assert.deepEqual(server.requests, Array(3).fill(`GET ${new URL(pageUrl).pathname}`), `requests: ${server.requests.join(', ')}`);

        // Served plainly over http, the page's own CSP still holds: connect-src 'none' blocks fetch.
        t.allowConsoleError(/Content Security Policy|connect-src/);
        const fetched = await page.evaluate(() => fetch(location.href).then(() => 'fetched', (error) => `blocked: ${error.name}`));
        assert.match(fetched, /^blocked/, 'fetch() is refused under connect-src \'none\'');
        assert.ok((await page.evaluate(() => window.__cspViolations)).some((line) => line.startsWith('connect-src')),
          'the refusal is a connect-src violation');
        assert.equal(server.requests.length, 3, 'the blocked fetch never reached the server');
        t.note(`${pageUrl}: ${FILES.length} files, lang ${afterRestart.lang}, text ${afterRestart.textScale.toFixed(2)}, view ${afterRestart.view}`);
      } finally {
        await server.close();
      }
    },
  },
];
