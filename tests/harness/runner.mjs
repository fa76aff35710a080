// Runs tests/harness/cases/*FILTER* through the browser tests' runner (runTestFiles) with
// contexts that open no browser, for tests/harness/run.sh.
import path from 'node:path';
import { ROOT, runTestFiles } from '../browser/harness.mjs';

await runTestFiles({
  prefix: 'cases',
  folder: path.join(ROOT, 'tests', 'harness', 'cases'),
  filters: process.argv.slice(2),
  async newContext() {
    return { problems: [], notes: [], async close() {} };
  },
});
