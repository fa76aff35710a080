// Firefox test harness: launches Debian's firefox-esr through puppeteer-core over WebDriver BiDi
// (no geckodriver: Debian ships none, and puppeteer speaks BiDi to Firefox directly), opens
// dist/it2-tracker.html through file://, and watches for console errors, uncaught exceptions and
// any network request, like tests/browser/harness.mjs does for Chromium. Test files
// (tests/firefox/*.test.mjs) export `tests`, a list of { name, run: async (t) => {…} }; `t` is a
// BidiTestContext (below). `node tests/firefox/run.mjs --chromium` runs the same tests in
// Debian's chromium through the same API, to tell a Firefox difference from a broken test.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, PAGE_URL, ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, assert, imageStats } from '../browser/harness.mjs';

export const FIREFOX = process.env.IT2_FIREFOX || '/usr/bin/firefox-esr';

// Headless Firefox on a machine without a usable GPU refuses WebGL ("AllowWebgl2:false …",
// "tryNativeGL … FEATURE_FAILURE_WEBGL_EXHAUSTED_DRIVERS"). These two force Mesa's software
// renderer (llvmpipe, Debian's libgl1-mesa-dri) through EGL, as Chromium's tests force SwiftShader.
export const FIREFOX_SOFTWARE_GL_ENV = { MOZ_WEBGL_FORCE_EGL: '1' };
export const FIREFOX_SOFTWARE_GL_PREFS = { 'webgl.force-enabled': true };

const VIEWPORT = { width: 1366, height: 768 };

export async function loadPuppeteer() {
  try {
    return (await import('puppeteer-core')).default;
  } catch (error) {
    throw new Error(`puppeteer-core is not installed (${error.message}): run 'npm ci' in ${ROOT} (run-tests.sh does it).`);
  }
}

// data: and blob: URLs never leave the browser; the page file itself is what the test opened.
function isThePageItself(url) {
  return url === PAGE_URL || url.startsWith(PAGE_URL + '#') || url.startsWith(PAGE_URL + '?') ||
    url.startsWith('data:') || url.startsWith('blob:');
}

export class BidiTestContext {
  // engine: 'firefox' (WebDriver BiDi) or 'chromium' (the same tests in Chromium, for comparison).
  constructor(puppeteer, name, engine = 'firefox') {
    this.puppeteer = puppeteer;
    this.name = name;
    this.engine = engine;
    this.problems = [];
    this.allowedConsole = [];
    this.allowedRequests = [];
    this.browsers = [];
    this.folders = [];
    this.notes = [];
    this.requests = [];  // every request URL any watched page made, the allowed ones included
  }

  allowConsoleError(pattern) { this.allowedConsole.push(pattern); }
  allowRequest(pattern) { this.allowedRequests.push(pattern); }
  note(text) { this.notes.push(text); }

  // A fresh temporary folder, deleted when the test ends.
  tempFolder() {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), `it2-${this.engine}-`));
    this.folders.push(folder);
    return folder;
  }

  // A fresh profile folder, kept until the test ends: launch() twice with it to restart the browser.
  newProfile() { return this.tempFolder(); }

  // Starts the browser on `profile` (a new one if omitted); webgl: false turns WebGL off.
  async launch({ profile = this.newProfile(), webgl = true } = {}) {
    const options = this.engine === 'firefox'
      ? {
        browser: 'firefox',
        executablePath: FIREFOX,
        extraPrefsFirefox: webgl ? FIREFOX_SOFTWARE_GL_PREFS : { 'webgl.disabled': true },
        env: { ...process.env, ...FIREFOX_SOFTWARE_GL_ENV },
      }
      : { browser: 'chrome', executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, ...(webgl ? [] : ['--disable-webgl', '--disable-webgl2'])] };
    const browser = await this.puppeteer.launch({
      ...options, headless: true, userDataDir: profile, defaultViewport: VIEWPORT,
    });
    this.browsers.push(browser);
    return browser;
  }

  // Fails the test on a console error, an uncaught exception or a request other than the page
  // itself. Seen here: Firefox's BiDi network events report http(s) and data: requests but not
  // file:// loads; Chromium's also report requests its CSP then blocks.
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

  // Opens `url` (the page by default) in `browser` (a new one, fresh profile, if omitted) and
  // waits for it2.ready unless waitReady is false.
  async openPage({ browser = null, url = PAGE_URL, waitReady = true, viewport = VIEWPORT } = {}) {
    const b = browser || (await this.launch());
    const open = await b.pages();
    const page = open.length > 0 && open[0].url() === 'about:blank' ? open[0] : await b.newPage();
    await page.setViewport(viewport);
    this.watch(page);
    await page.goto(url, { waitUntil: 'load' });
    if (waitReady) await this.waitReady(page);
    return page;
  }

  async waitReady(page, timeoutMs = 60000) {
    await page.waitForFunction(() => window.it2 && window.it2Page && window.it2Page.started,
      { timeout: timeoutMs, polling: 50 });
    await page.evaluate(() => window.it2.ready);
  }

  async waitFor(page, predicate, arg, timeoutMs = 60000) {
    await page.waitForFunction(predicate, { timeout: timeoutMs, polling: 50 }, arg);
  }

  async state(page) {
    return JSON.parse(await page.evaluate(() => window.it2.state()));
  }

  // Waits until `count` more frames were drawn.
  async waitFrames(page, count = 3, timeoutMs = 30000) {
    const start = (await this.state(page)).frames;
    await this.waitFor(page, (target) => JSON.parse(window.it2.state()).frames >= target, start + count, timeoutMs);
  }

  // Saves build/artifacts/<engine>-<name>.png.
  async screenshot(page, name) {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const file = path.join(ARTIFACTS, `${this.engine}-${name}.png`);
    const buffer = Buffer.from(await page.screenshot({ path: file }));
    return { file, buffer, stats: imageStats(buffer) };
  }

  async close() {
    for (const browser of this.browsers) await browser.close().catch(() => {});
    for (const folder of this.folders) fs.rmSync(folder, { recursive: true, force: true });
  }
}

export { assert };
