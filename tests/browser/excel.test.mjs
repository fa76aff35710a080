// Excel in and out on the page (issue 13 item 4): a dropped .xlsx and a dropped .xls load like a
// CSV and give exactly `it2 summarize --json` of the same file; 导出 Excel downloads a workbook that
// Debian's openpyxl reads with the four sheets. The workbooks are made here from `it2 generate`
// data by tests/excel/workbooks.py (openpyxl and xlwt), nothing binary is committed.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assert, ROOT, CLI, cliSummaryText } from './harness.mjs';

const AS_OF = '2026-11-30';
const PYTHON = '/usr/bin/python3';  // Debian's python3-openpyxl / python3-xlwt live there

function makeWorkbooks() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'it2-excel-'));
  execFileSync(CLI, ['generate', '--schools', '3', '--teachers-per-school', '20', '--batches', '2', '--seed', '21',
    '--out', path.join(dir, 'gen')], { stdio: 'ignore' });
  execFileSync(PYTHON, [path.join(ROOT, 'tests', 'excel', 'workbooks.py'), 'make', path.join(dir, 'gen'), path.join(dir, 'in')],
    { stdio: 'ignore' });
  return path.join(dir, 'in');
}

async function drop(page, name, file) {
  await page.evaluate(([fileName, base64]) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const transfer = new DataTransfer();
    transfer.items.add(new File([bytes], fileName));
    const canvas = document.getElementById('canvas');
    canvas.dispatchEvent(new DragEvent('dragenter', { bubbles: true, cancelable: true, dataTransfer: transfer }));
    canvas.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: transfer }));
  }, [name, fs.readFileSync(file).toString('base64')]);
  await page.waitForFunction(() => JSON.parse(window.it2.state()).loaded.files > 0, null, { timeout: 30000, polling: 50 });
}

export const tests = [
  {
    name: 'a dropped .xlsx and a dropped .xls load like a CSV and equal it2 summarize; 导出 Excel downloads the workbook',
    timeoutMs: 180000,
    async run(t) {
      const dir = makeWorkbooks();
      const page = await t.openPage({ viewport: { width: 1366, height: 768 } });
      await t.waitFrames(page, 3);
      for (const name of ['platform.xlsx', 'platform.xls']) {
        await page.evaluate(() => window.it2.clear());
        await drop(page, name, path.join(dir, name));
        await t.waitFrames(page, 4);
        const inPage = await page.evaluate((d) => window.it2.summary(d), AS_OF);
        const parsed = JSON.parse(inPage);
        assert.equal(parsed.teachers.length, 60, `${name}: the 60 generated teachers are in the page`);
        assert.equal(parsed.problems.length, 0, `${name}: no problems: ${JSON.stringify(parsed.problems).slice(0, 300)}`);
        assert.equal(inPage, cliSummaryText(AS_OF, [path.join(dir, name)]).trimEnd(), `${name}: the page equals it2 summarize --json`);
      }
      await t.screenshot(page, 'excel-xls-dropped-1366x768');

      const downloadPromise = page.waitForEvent('download', { timeout: 60000 });
      await t.clickRect(page, 'exportXlsx');
      const download = await downloadPromise;
      assert.match(download.suggestedFilename(), /^it2-\d{4}-\d{2}-\d{2}\.xlsx$/);
      const saved = path.join(dir, 'downloaded.xlsx');
      fs.copyFileSync(await download.path(), saved);
      const read = JSON.parse(execFileSync(PYTHON, ['-c', `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
print(json.dumps({"sheets": wb.sheetnames, "teachers": wb["教师"].max_row - 1,
                  "rate_format": wb["学校"]["F2"].number_format, "frozen": wb["教师"].freeze_panes}))
`, saved], { encoding: 'utf8' }));
      assert.deepEqual(read.sheets, ['说明', '学校', '教师', '问题']);
      assert.equal(read.teachers, 60);
      assert.match(read.rate_format, /%/);
      assert.equal(read.frozen, 'A2');

      // The demo at the test's date: 导出 Excel's 学校 sheet equals the district table's CSV export
      // (导出 on 区县总览), forecast columns included: one column list (export.h) for both.
      await page.evaluate(() => window.it2.loadDemo());
      await t.waitFrames(page, 3);
      await page.evaluate(() => window.it2.view('district'));
      await t.waitFrames(page, 3);
      const csv = await page.evaluate(() => window.it2.exportCsv('schools'));
      assert.match(csv.split('\r\n')[0], /近7天合格,预计完成,预计未达标$/, 'the CSV has the forecast columns');
      fs.writeFileSync(path.join(dir, 'schools.csv'), csv);
      const demoDownload = page.waitForEvent('download', { timeout: 60000 });
      await t.clickRect(page, 'exportXlsx');
      fs.copyFileSync(await (await demoDownload).path(), path.join(dir, 'demo.xlsx'));
      execFileSync(PYTHON, [path.join(ROOT, 'tests', 'excel', 'workbooks.py'), 'schools', path.join(dir, 'demo.xlsx'),
        path.join(dir, 'schools.csv')], { stdio: 'inherit' });
    },
  },
];
