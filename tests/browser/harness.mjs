// Browser test harness: launches Debian's chromium through playwright-core with a fresh profile,
// opens dist/it2-tracker.html through file://, and watches for console errors and any network
// request. Test files (tests/browser/*.test.mjs) export `tests`, a list of
// { name, run: async (t) => {…} }; `t` is a TestContext (below). See tests/browser/README.md.
// runTestFiles() (at the end) is the loop both runners share: tests/browser/run.mjs (Chromium,
// Playwright) and tests/firefox/run.mjs (Firefox over WebDriver BiDi, puppeteer-core).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import zlib from 'node:zlib';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const PAGE_PATH = process.env.IT2_PAGE || path.join(ROOT, 'dist', 'it2-tracker.html');
export const PAGE_URL = pathToFileURL(PAGE_PATH).href;
export const ARTIFACTS = path.join(ROOT, 'build', 'artifacts');
export const CHROMIUM = process.env.IT2_CHROMIUM || '/usr/bin/chromium';
// Chromium names downloads in the locale's charset: under the C/POSIX locale of a bare machine
// (env -i, a minimal chroot) a Chinese file name such as 綦江区石壕小学-进度-….html becomes
// "download". A user's desktop has a UTF-8 locale; the tests give Chromium one when none is set.
const LOCALE = process.env.LC_ALL || process.env.LC_CTYPE || process.env.LANG || '';
const CHROMIUM_ENV = /utf-?8/i.test(LOCALE) ? process.env : { ...process.env, LC_ALL: 'C.UTF-8' };
export const CLI = path.join(ROOT, 'build', 'native', 'it2');

// `it2 summarize --json --as-of AS_OF ARGS…` as printed (exit 1, "problems found", is fine).
export function cliSummaryText(asOf, args) {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: build it with 'cmake --preset native && cmake --build build/native'`);
  const result = spawnSync(CLI, ['summarize', '--json', '--as-of', asOf, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  assert.ok(result.status === 0 || result.status === 1, `it2 summarize failed (${result.status}): ${result.stderr}`);
  return result.stdout;
}

// The same, parsed.
export function cliSummary(asOf, args) {
  return JSON.parse(cliSummaryText(asOf, args));
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-default-apps',
  '--disable-extensions',
];

export { assert };

export async function loadPlaywright() {
  try {
    return await import('playwright-core');
  } catch (error) {
    throw new Error(`playwright-core is not installed (${error.message}): run 'npm ci' in ${ROOT} (run-tests.sh does it).`);
  }
}

// Minimal PNG decoder (8-bit RGB/RGBA, not interlaced: what Chromium's screenshots are).
export function decodePng(buffer) {
  const signature = '89504e470d0a1a0a';
  if (buffer.subarray(0, 8).toString('hex') !== signature) throw new Error('not a PNG');
  let offset = 8;
  let width = 0, height = 0, colorType = 0, bitDepth = 0, interlace = 0;
  const idat = [];
  while (offset < buffer.length) {
    const length = buffer.readUInt32BE(offset);
    const type = buffer.toString('ascii', offset + 4, offset + 8);
    const data = buffer.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      bitDepth = data[8];
      colorType = data[9];
      interlace = data[12];
    } else if (type === 'IDAT') {
      idat.push(data);
    } else if (type === 'IEND') {
      break;
    }
    offset += 12 + length;
  }
  if (bitDepth !== 8 || (colorType !== 2 && colorType !== 6) || interlace !== 0) {
    throw new Error(`unsupported PNG (bit depth ${bitDepth}, colour type ${colorType}, interlace ${interlace})`);
  }
  const channels = colorType === 6 ? 4 : 3;
  const stride = width * channels;
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const pixels = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const out = pixels.subarray(y * stride, (y + 1) * stride);
    const previous = y > 0 ? pixels.subarray((y - 1) * stride, y * stride) : null;
    for (let x = 0; x < stride; x++) {
      const left = x >= channels ? out[x - channels] : 0;
      const up = previous ? previous[x] : 0;
      const upLeft = previous && x >= channels ? previous[x - channels] : 0;
      let value = line[x];
      if (filter === 1) value += left;
      else if (filter === 2) value += up;
      else if (filter === 3) value += (left + up) >> 1;
      else if (filter === 4) {
        const p = left + up - upLeft;
        const pa = Math.abs(p - left), pb = Math.abs(p - up), pc = Math.abs(p - upLeft);
        value += pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      }
      out[x] = value & 0xff;
    }
  }
  return { width, height, channels, pixels };
}

// Luma statistics of a PNG: a blank (single-colour) canvas has variance ~0.
export function imageStats(pngBuffer) {
  const { width, height, channels, pixels } = decodePng(pngBuffer);
  let sum = 0, sumSquares = 0;
  const colours = new Set();
  const count = width * height;
  for (let i = 0; i < count; i++) {
    const r = pixels[i * channels], g = pixels[i * channels + 1], b = pixels[i * channels + 2];
    const luma = 0.299 * r + 0.587 * g + 0.114 * b;
    sum += luma;
    sumSquares += luma * luma;
    if (colours.size < 4096) colours.add((r << 16) | (g << 8) | b);
  }
  const mean = sum / count;
  return { width, height, mean, variance: sumSquares / count - mean * mean, distinctColours: colours.size };
}

// data: and blob: URLs never leave the browser; the page file itself is what the test opened.
function isThePageItself(url) {
  return url === PAGE_URL || url.startsWith(PAGE_URL + '#') || url.startsWith(PAGE_URL + '?') ||
    url.startsWith('data:') || url.startsWith('blob:');
}

// Everything a test gets. Pages opened through it are watched: a console error, an uncaught
// exception or any request other than the page file itself fails the test, unless the test
// declared it expected (t.allowConsoleError(regex), t.allowRequest(regex)).
export class TestContext {
  constructor(playwright, name) {
    this.playwright = playwright;
    this.name = name;
    this.problems = [];
    this.allowedConsole = [];
    this.allowedRequests = [];
    this.contexts = [];
    this.profiles = [];
    this.notes = [];
    this.requests = [];  // every request URL a watched page made, the allowed ones included
  }

  allowConsoleError(pattern) { this.allowedConsole.push(pattern); }
  allowRequest(pattern) { this.allowedRequests.push(pattern); }
  note(text) { this.notes.push(text); }

  // A fresh browser profile (its own --user-data-dir); options go to launchPersistentContext
  // (viewport, deviceScaleFactor, …). Reuse the returned context to reopen the page in the same profile.
  async newContext(options = {}) {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'it2-chromium-'));
    this.profiles.push(profile);
    const context = await this.playwright.chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      env: CHROMIUM_ENV,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1366, height: 768 },
      acceptDownloads: true,
      ...options,
    });
    this.contexts.push(context);
    return context;
  }

  // Fails the test on a console error, an uncaught exception or a request other than the page
  // itself; records every request URL in this.requests. (Playwright and puppeteer pages send
  // the same events: tests/firefox/harness.mjs uses this too.)
  watch(page) {
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const text = message.text();
      if (!this.allowedConsole.some((pattern) => pattern.test(text))) this.problems.push(`console error: ${text}`);
    });
    page.on('pageerror', (error) => {
      const text = String(error && error.stack ? error.stack : error);
      if (!this.allowedConsole.some((pattern) => pattern.test(text))) this.problems.push(`uncaught exception: ${text}`);
    });
    page.on('request', (request) => {
      const url = request.url();
      this.requests.push(url);
      if (isThePageItself(url)) return;
      if (!this.allowedRequests.some((pattern) => pattern.test(url))) this.problems.push(`network request: ${url}`);
    });
    return page;
  }

  // Opens the page (a new profile unless `context` is given) and waits for it2.ready.
  async openPage({ context = null, waitReady = true, url = PAGE_URL, ...options } = {}) {
    const ctx = context || (await this.newContext(options));
    const page = ctx.pages()[0] && ctx.pages()[0].url() === 'about:blank' ? ctx.pages()[0] : await ctx.newPage();
    this.watch(page);
    await page.goto(url, { waitUntil: 'load' });
    if (waitReady) await this.waitReady(page);
    return page;
  }

  async waitReady(page, timeoutMs = 60000) {
    await page.waitForFunction(() => window.it2 && window.it2Page && window.it2Page.started, null,
      { timeout: timeoutMs, polling: 50 });
    await page.evaluate(() => window.it2.ready);
  }

  async state(page) {
    return JSON.parse(await page.evaluate(() => window.it2.state()));
  }

  // Clicks the middle of a widget the page reported in it2.state().rects, then lets it settle.
  async clickRect(page, name) {
    const state = await this.state(page);
    const rect = state.rects[name];
    assert.ok(rect, `no rect "${name}" in it2.state() (have: ${Object.keys(state.rects).join(', ')})`);
    await page.mouse.click(rect[0] + rect[2] / 2, rect[1] + rect[3] / 2);
    await this.waitFrames(page, 3);
  }

  // Waits until `count` more frames were drawn (ImGui needs a few frames to settle layout).
  async waitFrames(page, count = 3, timeoutMs = 60000) {
    const start = (await this.state(page)).frames;
    await page.waitForFunction((target) => JSON.parse(window.it2.state()).frames >= target, start + count,
      { timeout: timeoutMs, polling: 20 });
  }

  // it2.state() once `accept(state)` holds, or after `timeoutMs`: for what lands after an
  // asynchronous browser step, such as a paste (the browser reads the clipboard first).
  stateWhen(page, accept, timeoutMs = 60000) {
    return readUntil(() => this.state(page), accept, () => this.waitFrames(page, 1), timeoutMs);
  }

  // Reads the system clipboard until `accept(text)` holds or `timeoutMs` passes; returns the last
  // text read. A copy lands a frame or two after its click or key. (page.waitForFunction cannot
  // wait for this: an async predicate returns a promise, which it takes as a truthy answer.)
  clipboardWhen(page, accept, timeoutMs = 60000) {
    return readUntil(() => page.evaluate(() => navigator.clipboard.readText()), accept,
      () => new Promise((resolve) => setTimeout(resolve, 50)), timeoutMs);
  }

  async screenshot(page, name) {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const file = path.join(ARTIFACTS, `${name}.png`);
    const buffer = await page.screenshot({ path: file });
    return { file, buffer, stats: imageStats(buffer) };
  }

  async close() {
    for (const context of this.contexts) await context.close().catch(() => {});
    for (const profile of this.profiles) fs.rmSync(profile, { recursive: true, force: true });
  }
}

// The value of `read()` once `accept` holds for it, or the last one read after `timeoutMs`;
// `pause()` between reads.
async function readUntil(read, accept, pause, timeoutMs) {
  const start = Date.now();
  for (;;) {
    const value = await read();
    if (accept(value) || Date.now() - start > timeoutMs) return value;
    await pause();
  }
}

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// Runs every FOLDER/*.test.mjs whose file name contains one of `filters` (all if none), one test
// at a time, each with its own context from newContext(label) (which must have problems, notes
// and close()). Prints PASS/FAIL per test and ends with "PREFIX: N passed, M failed"; exits
// non-zero on any failure.
export async function runTestFiles({ prefix, folder, filters = [], newContext }) {
  const timeoutMs = Number(process.env.IT2_TEST_TIMEOUT_MS || 180000);
  let passed = 0;
  let failed = 0;
  // A promise that a test started and had not awaited when it rejected (a waitForEvent whose
  // await never came because the step before it hung or threw, say) is unhandled. Node would end
  // the whole run there and hide every later test's result; instead it fails the test running at
  // the time, with the rejection printed (tests/harness/run.sh checks this).
  const strays = [];
  process.on('unhandledRejection', (reason) => strays.push(String(reason && reason.stack ? reason.stack : reason)));
  const finish = () => {
    console.log(`${prefix}: ${passed} passed, ${failed} failed`);
    process.exit(failed === 0 ? 0 : 1);
  };
  try {
    if (!fs.existsSync(PAGE_PATH)) {
      console.log(`FAIL setup: ${PAGE_PATH} does not exist: build it with ./build-wasm.sh`);
      failed++;
      finish();
    }
    const files = fs.readdirSync(folder)
      .filter((name) => name.endsWith('.test.mjs'))
      .filter((name) => filters.length === 0 || filters.some((filter) => name.includes(filter)))
      .sort();
    for (const file of files) {
      let tests;
      try {
        ({ tests } = await import(pathToFileURL(path.join(folder, file)).href));
        if (!Array.isArray(tests)) throw new Error('it must export `tests`, a list of { name, run }');
      } catch (error) {
        console.log(`FAIL ${file}: cannot load: ${error.message}`);
        failed++;
        continue;
      }
      for (const test of tests) {
        const label = `${file.replace(/\.test\.mjs$/, '')}: ${test.name}`;
        const t = await newContext(label);
        const started = Date.now();
        let error = null;
        try {
          await withTimeout(test.run(t), test.timeoutMs || timeoutMs, label);
        } catch (caught) {
          error = caught;
        }
        await t.close();
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        if (!error && t.problems.length === 0 && strays.length === 0) {
          passed++;
          console.log(`PASS ${label} (${seconds} s)`);
        } else {
          failed++;
          console.log(`FAIL ${label} (${seconds} s)`);
          if (error) console.log(`     ${String(error && error.stack ? error.stack : error).split('\n').slice(0, 6).join('\n     ')}`);
          for (const problem of t.problems.slice(0, 10)) console.log(`     ${problem}`);
          for (const stray of strays.splice(0)) {
            console.log(`     unhandled rejection (a promise this test or an earlier one left behind): ${stray.split('\n').slice(0, 6).join('\n     ')}`);
          }
        }
        for (const note of t.notes) console.log(`     note: ${note}`);
      }
    }
  } catch (error) {
    console.log(`FAIL harness: ${error.stack || error}`);
    failed++;
  }
  finish();
}
