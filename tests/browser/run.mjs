// Runs every tests/browser/*.test.mjs (or those whose file name contains one of the arguments)
// one test at a time, each with a fresh browser profile. Prints PASS/FAIL per test and ends with
// "browser: N passed, M failed"; exits non-zero on any failure.
//   node tests/browser/run.mjs [FILTER…]
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, PAGE_PATH, TestContext, loadPlaywright } from './harness.mjs';

const TEST_TIMEOUT_MS = Number(process.env.IT2_TEST_TIMEOUT_MS || 180000);
const filters = process.argv.slice(2);
const folder = path.join(ROOT, 'tests', 'browser');
const files = fs.readdirSync(folder)
  .filter((name) => name.endsWith('.test.mjs'))
  .filter((name) => filters.length === 0 || filters.some((filter) => name.includes(filter)))
  .sort();

let passed = 0;
let failed = 0;

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function main() {
  if (!fs.existsSync(PAGE_PATH)) {
    console.log(`FAIL setup: ${PAGE_PATH} does not exist: build it with ./build-wasm.sh`);
    console.log('browser: 0 passed, 1 failed');
    process.exit(1);
  }
  const playwright = await loadPlaywright();
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
      const t = new TestContext(playwright, label);
      const started = Date.now();
      let error = null;
      try {
        await withTimeout(test.run(t), test.timeoutMs || TEST_TIMEOUT_MS, label);
      } catch (caught) {
        error = caught;
      }
      await t.close();
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      if (!error && t.problems.length === 0) {
        passed++;
        console.log(`PASS ${label} (${seconds} s)`);
      } else {
        failed++;
        console.log(`FAIL ${label} (${seconds} s)`);
        if (error) console.log(`     ${String(error && error.stack ? error.stack : error).split('\n').slice(0, 6).join('\n     ')}`);
        for (const problem of t.problems.slice(0, 10)) console.log(`     ${problem}`);
      }
      for (const note of t.notes) console.log(`     note: ${note}`);
    }
  }
  console.log(`browser: ${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

main().catch((error) => {
  console.log(`FAIL harness: ${error.stack || error}`);
  console.log(`browser: ${passed} passed, ${failed + 1} failed`);
  process.exit(1);
});
