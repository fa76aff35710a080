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
import { ROOT, PAGE_URL, ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, TestContext, assert, imageStats } from '../browser/harness.mjs';

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

// Shares TestContext's bookkeeping, watch() (the same events in puppeteer), state() and
// clickRect(); starts browsers and waits the puppeteer way.
export class BidiTestContext extends TestContext {
  // engine: 'firefox' (WebDriver BiDi) or 'chromium' (the same tests in Chromium, for comparison).
  constructor(puppeteer, name, engine = 'firefox') {
    super(null, name);
    this.puppeteer = puppeteer;
    this.engine = engine;
    this.browsers = [];
    this.folders = [];
  }

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
        // The window's size, not puppeteer's viewport emulation: Firefox ESR 140 (Debian
        // bookworm without its security suite) lacks BiDi's emulation.setScreenOrientationOverride.
        args: [`--window-size=${VIEWPORT.width},${VIEWPORT.height}`],
      }
      : { browser: 'chrome', executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, ...(webgl ? [] : ['--disable-webgl', '--disable-webgl2'])] };
    const browser = await this.puppeteer.launch({
      ...options, headless: true, userDataDir: profile, defaultViewport: this.engine === 'firefox' ? null : VIEWPORT,
    });
    this.browsers.push(browser);
    return browser;
  }

  // Opens `url` (the page by default) in `browser` (a new one, fresh profile, if omitted) and
  // waits for it2.ready unless waitReady is false.
  async openPage({ browser = null, url = PAGE_URL, waitReady = true } = {}) {
    const b = browser || (await this.launch());
    const open = await b.pages();
    const page = open.length > 0 && open[0].url() === 'about:blank' ? open[0] : await b.newPage();
    if (this.engine !== 'firefox') await page.setViewport(VIEWPORT);
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

  // Waits until `count` more frames were drawn.
  async waitFrames(page, count = 3, timeoutMs = 60000) {
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
