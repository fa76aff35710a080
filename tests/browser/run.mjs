// Runs every tests/browser/*.test.mjs (or those whose file name contains one of the arguments)
// in headless Chromium, one test at a time, each with a fresh browser profile. Prints PASS/FAIL
// per test and ends with "browser: N passed, M failed"; exits non-zero on any failure.
//   node tests/browser/run.mjs [FILTER…]
import path from 'node:path';
import { ROOT, TestContext, loadPlaywright, runTestFiles } from './harness.mjs';

let playwright = null;
await runTestFiles({
  prefix: 'browser',
  folder: path.join(ROOT, 'tests', 'browser'),
  filters: process.argv.slice(2),
  async newContext(label) {
    playwright ||= await loadPlaywright();
    return new TestContext(playwright, label);
  },
});
