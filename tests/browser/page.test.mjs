// The offline page itself (issue 2): starts from file:// with no request and no console error,
// draws a non-blank interface with every character renderable, fills and follows the window,
// honours devicePixelRatio, stays offline under its Content-Security-Policy, and says something
// readable instead of going blank when it cannot start.
import fs from 'node:fs';
import { assert, PAGE_PATH } from './harness.mjs';

// A canvas that shows an interface has many colours and real contrast; a blank one has ~1.
function assertNotBlank(stats, what) {
  assert.ok(stats.variance > 50 && stats.distinctColours > 16,
    `${what} looks blank: luma variance ${stats.variance.toFixed(1)}, ${stats.distinctColours} colours`);
}

async function canvasGeometry(page) {
  return page.evaluate(() => {
    const canvas = document.getElementById('canvas');
    const box = canvas.getBoundingClientRect();
    return {
      cssWidth: box.width, cssHeight: box.height, width: canvas.width, height: canvas.height,
      innerWidth: window.innerWidth, innerHeight: window.innerHeight, dpr: window.devicePixelRatio,
    };
  });
}

export const tests = [
  {
    name: 'starts from file:// offline, draws the interface, no missing glyph',
    async run(t) {
      const page = await t.openPage({ viewport: { width: 1366, height: 768 } });
      await t.waitFrames(page, 5);
      const state = await t.state(page);
      for (const key of ['view', 'frames', 'missingGlyphs']) assert.ok(key in state, `it2.state() lacks "${key}"`);
      assert.equal(typeof state.view, 'string');
      assert.ok(state.frames >= 5, `frames = ${state.frames}`);
      assert.equal(state.missingGlyphs, 0, 'characters in the UI strings that no font can draw');
      const firstFrameMs = await page.evaluate(() => window.it2.firstFrameMs());
      assert.ok(firstFrameMs > 0, 'first frame time recorded');
      const timings = await page.evaluate(() => window.it2.timings());
      t.note(`first frame ${firstFrameMs.toFixed(0)} ms after navigation start (page script ${timings.pageScript.toFixed(0)}, ` +
        `assets inflated ${timings.assetsDecoded.toFixed(0)}, wasm ready ${timings.wasmInstantiated.toFixed(0)}); ` +
        `page ${(fs.statSync(PAGE_PATH).size / 1e6).toFixed(2)} MB`);
      assert.equal(await page.evaluate(() => getComputedStyle(document.getElementById('it2-status')).display), 'none',
        'the loading message is gone after the first frame');
      const shot = await t.screenshot(page, 'page-1366x768');
      assertNotBlank(shot.stats, 'the page at 1366x768');
    },
  },
  {
    name: 'fills the window, follows resizes and honours devicePixelRatio',
    async run(t) {
      const page = await t.openPage({ viewport: { width: 1000, height: 700 }, deviceScaleFactor: 2 });
      await t.waitFrames(page, 3);
      let geometry = await canvasGeometry(page);
      assert.equal(geometry.dpr, 2);
      assert.deepEqual([geometry.cssWidth, geometry.cssHeight], [1000, 700], 'canvas fills the window (CSS pixels)');
      assert.deepEqual([geometry.width, geometry.height], [2000, 1400], 'backing store = CSS size x devicePixelRatio');
      const shot = await t.screenshot(page, 'page-1000x700@2x');
      assertNotBlank(shot.stats, 'the page at devicePixelRatio 2');
      assert.equal(shot.stats.width, 2000, 'screenshot has device pixels');

      await page.setViewportSize({ width: 640, height: 900 });
      await page.waitForFunction(() => document.getElementById('canvas').width === 1280, null, { timeout: 60000 });
      await t.waitFrames(page, 3);
      geometry = await canvasGeometry(page);
      assert.deepEqual([geometry.cssWidth, geometry.cssHeight, geometry.width, geometry.height], [640, 900, 1280, 1800],
        'canvas follows the resize');
      assertNotBlank((await t.screenshot(page, 'page-640x900@2x')).stats, 'the page after a resize');
      assert.equal((await t.state(page)).missingGlyphs, 0);
    },
  },
  {
    name: 'Content-Security-Policy forbids every connection and external resource',
    async run(t) {
      const page = await t.openPage();
      const csp = await page.evaluate(() =>
        document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') || '');
      for (const directive of ["default-src 'none'", "connect-src 'none'", "font-src 'none'", "form-action 'none'"]) {
        assert.ok(csp.includes(directive), `CSP lacks ${directive}: ${csp}`);
      }
      assert.ok(!/https?:|\*/.test(csp), `CSP must name no host: ${csp}`);
      // The browser itself must refuse: these produce CSP console errors, expected here only.
      t.allowConsoleError(/Content Security Policy|Refused to/i);
      t.allowRequest(/^http:\/\/127\.0\.0\.1:9\//);
      const outcome = await page.evaluate(async () => {
        const results = {};
        try { await fetch('http://127.0.0.1:9/probe'); results.fetch = 'connected'; } catch { results.fetch = 'blocked'; }
        results.image = await new Promise((resolve) => {
          const image = new Image();
          image.onload = () => resolve('loaded');
          image.onerror = () => resolve('blocked');
          image.src = 'http://127.0.0.1:9/probe.png';
        });
        return results;
      });
      assert.deepEqual(outcome, { fetch: 'blocked', image: 'blocked' });
      // No element of the page points outside the file.
      const external = await page.evaluate(() => [...document.querySelectorAll('[src],[href]')]
        .map((element) => element.getAttribute('src') || element.getAttribute('href'))
        .filter((value) => !/^(data:|#|$)/.test(value)));
      assert.deepEqual(external, []);
    },
  },
  {
    // web/page.js answers ImGui's questions about the scissor box and blending itself, so that a
    // frame does not wait for the GPU process (rememberDrawState). Every answer it gives while
    // ImGui draws, in several views and with a tooltip, must be what the context itself holds.
    name: 'the draw state the page keeps for ImGui is the WebGL context\'s own, frame after frame',
    async run(t) {
      const page = await t.openPage({ viewport: { width: 1366, height: 768 } });
      await page.evaluate(() => window.it2.loadDemo());
      const school = JSON.parse(await page.evaluate(() => window.it2.summary(''))).schools[0].id;
      const kept = await page.evaluate(() => {
        const gl = document.getElementById('canvas').getContext('webgl2');  // the page's context, as SDL gets it
        const pageAnswer = gl.getParameter;
        if (pageAnswer === WebGL2RenderingContext.prototype.getParameter) return false;
        window.__drawState = { asked: 0, names: new Set(), differ: [] };
        gl.getParameter = function (name) {
          const answer = pageAnswer.call(this, name);
          const own = WebGL2RenderingContext.prototype.getParameter.call(this, name);
          window.__drawState.asked++;
          window.__drawState.names.add(name);
          if (String(answer) !== String(own)) window.__drawState.differ.push(`0x${name.toString(16)}: page ${answer}, context ${own}`);
          return answer;
        };
        return true;
      });
      assert.ok(kept, 'the page answers for the draw state it keeps');
      for (const [view, arg] of [['school', school], ['problems', ''], ['district', '']]) {
        assert.ok(await page.evaluate(([name, value]) => window.it2.view(name, value), [view, arg]), `view ${view}`);
        await t.waitFrames(page, 4);
      }
      await page.mouse.move(200, 60);  // a tooltip: another window, other clip rectangles
      await t.waitFrames(page, 4);
      const checked = await page.evaluate(() => ({ ...window.__drawState, names: window.__drawState.names.size }));
      assert.ok(checked.asked >= 7 * 16, `ImGui asked ${checked.asked} times`);
      assert.ok(checked.names >= 7, `about ${checked.names} kinds of state`);
      assert.deepEqual(checked.differ.slice(0, 5), [], `${checked.differ.length} of ${checked.asked} answers differ`);
      t.note(`${checked.asked} answers checked against the context (${checked.names} kinds of state)`);
    },
  },
  {
    name: 'the embedded demo district loads with one call',
    async run(t) {
      const page = await t.openPage();
      const names = await page.evaluate(() => window.it2.demoFiles());
      if (names.length === 0) {
        t.note('no data/demo/*.json embedded in this build: nothing to load');
        return;
      }
      const results = await page.evaluate(() => window.it2.loadDemo());
      assert.equal(results.length, names.length, 'one result per embedded demo file');
      for (const result of results) {
        // The demo carries a few broken files on purpose (for the data-problems view).
        assert.ok(['loaded', 'partial', 'rejected', 'replaced', 'policy'].includes(result.status),
          `demo file ${result.file}: unknown status ${result.status}`);
      }
      const loaded = results.filter((result) => result.status === 'loaded').length;
      assert.ok(loaded >= names.length / 2, `only ${loaded} of ${names.length} demo files loaded cleanly`);
      const summary = JSON.parse(await page.evaluate(() => window.it2.summary('')));
      assert.ok(summary && summary.district && summary.district.teachers >= 1000,
        `the demo district has at least 1,000 teachers (summary says ${summary?.district?.teachers})`);
      await t.waitFrames(page, 5);
      const state = await t.state(page);
      assert.equal(state.missingGlyphs, 0, 'characters in the demo data that no font can draw');
      assertNotBlank((await t.screenshot(page, 'page-demo-1366x768')).stats, 'the page with the demo loaded');
    },
  },
  {
    name: 'without WebGL 2 the page explains itself instead of staying blank',
    async run(t) {
      const context = await t.newContext();
      await context.addInitScript(() => { delete window.WebGL2RenderingContext; });
      t.allowConsoleError(/.*/);  // the module's own complaints are expected here
      const page = await t.openPage({ context, waitReady: false });
      await page.waitForFunction(() => document.getElementById('it2-status').classList.contains('it2-error'), null,
        { timeout: 60000 });
      const text = await page.evaluate(() => document.getElementById('it2-status').innerText);
      assert.match(text, /浏览器/);
      assert.match(text, /browser/i);
      await t.screenshot(page, 'page-no-webgl2');
    },
  },
  {
    name: 'when the WebGL 2 context cannot be created the page says so',
    async run(t) {
      const context = await t.newContext();
      await context.addInitScript(() => {
        const original = HTMLCanvasElement.prototype.getContext;
        HTMLCanvasElement.prototype.getContext = function (type, ...rest) {
          return type === 'webgl2' || type === 'webgl' ? null : original.call(this, type, ...rest);
        };
      });
      t.allowConsoleError(/.*/);
      const page = await t.openPage({ context, waitReady: false });
      await page.waitForFunction(() => document.getElementById('it2-status').classList.contains('it2-error'), null,
        { timeout: 60000 });
      const text = await page.evaluate(() => document.getElementById('it2-status').innerText);
      assert.match(text, /WebGL/);
      const rejected = await page.evaluate(() => window.it2.ready.then(() => 'resolved', () => 'rejected'));
      assert.equal(rejected, 'rejected', 'it2.ready rejects when the page cannot start');
    },
  },
];
