// Runs every tests/firefox/*.test.mjs (or those whose file name contains one of the arguments)
// in Debian's headless firefox-esr over WebDriver BiDi (puppeteer-core), one test at a time, each
// in a fresh profile. Ends with "firefox: N passed, M failed"; exits non-zero on any failure.
//   node tests/firefox/run.mjs [--chromium] [FILTER…]
// --chromium runs the same tests in Debian's chromium instead (to tell a Firefox difference
// from a broken test); ./run-tests.sh runs the Firefox ones only.
import path from 'node:path';
import { ROOT, runTestFiles } from '../browser/harness.mjs';
import { BidiTestContext, loadPuppeteer } from './harness.mjs';

const args = process.argv.slice(2);
const engine = args.includes('--chromium') ? 'chromium' : 'firefox';
let puppeteer = null;
await runTestFiles({
  prefix: engine,
  folder: path.join(ROOT, 'tests', 'firefox'),
  filters: args.filter((arg) => arg !== '--chromium'),
  async newContext(label) {
    puppeteer ||= await loadPuppeteer();
    return new BidiTestContext(puppeteer, label, engine);
  },
});
