// Files in and out (issue 5): the file and folder pickers, a synthetic drop, the demo button, a
// rejected file that changes nothing, everything found again after a reload in the same profile,
// a damaged stored workspace set aside, the CSV export (BOM, formula guard, download), the
// printable report (escaping, opened under the page's CSP, no script runs), a GBK CSV, and
// it2.summary() byte-identical to `it2 summarize --json` for the demo district, generated data
// with errors, and a policy file with a warning (both drive core::Tracker).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assert, ROOT, CLI, cliSummaryText } from './harness.mjs';

const DEMO_DIR = path.join(ROOT, 'data', 'demo');
const AS_OF = '2026-06-30';

function demoFiles() {
  return fs.readdirSync(DEMO_DIR).filter((name) => name.endsWith('.json')).sort()
    .map((name) => ({ name, path: path.join(DEMO_DIR, name) }));
}

function listJson(folder) {
  const out = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(json|csv)$/i.test(entry.name)) out.push(full);
    }
  };
  walk(folder);
  return out;
}

// [{name, base64}] for page.evaluate (bytes travel exactly, broken files included).
function forPage(files) {
  return files.map((file) => ({ name: file.name, base64: fs.readFileSync(file.path).toString('base64') }));
}

// Loads [{name, base64}] through it2.loadFiles (in slices with progress, as the picker does).
async function loadInPage(page, files) {
  return page.evaluate(async (list) => {
    const decode = (text) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
    return window.it2.loadFiles(list.map((file) => ({ name: file.name, bytes: decode(file.base64) })));
  }, files);
}

async function waitFor(page, predicate, arg, timeout = 20000) {
  await page.waitForFunction(predicate, arg, { timeout, polling: 30 });
}

// A demo file with a school and teachers whose names try formula and HTML injection.
function hostileBatch() {
  const text = fs.readFileSync(path.join(DEMO_DIR, '500110-0001-2024-1.json'), 'utf8');
  const data = JSON.parse(text);
  data.school.name = '=HYPERLINK("http://x","校")';
  data.teachers[0].name = '<img src=x onerror=alert(1)>';
  data.teachers[1].name = '=1+1';
  data.teachers[2].name = '@SUM(A1)';
  return JSON.stringify(data);
}

export const tests = [
  {
    name: 'file picker (button and setInputFiles), folder picker and the demo button load files',
    async run(t) {
      const page = await t.openPage({ viewport: { width: 1366, height: 768 } });
      await t.waitFrames(page, 3);
      // The 打开文件 button opens the browser's file chooser (C++ → page → <input type=file>).
      const chooserPromise = page.waitForEvent('filechooser', { timeout: 60000 });
      await t.clickRect(page, 'openFiles');
      const chooser = await chooserPromise;
      assert.ok(chooser.isMultiple(), 'the picker takes several files');
      const two = demoFiles().slice(0, 2);
      await chooser.setFiles(two.map((file) => file.path));
      await waitFor(page, () => JSON.parse(window.it2.state()).loaded.files === 2);
      let state = await t.state(page);
      assert.match(state.notice, /已载入 2 个文件/, `notice after two files: ${state.notice}`);

      // The folder picker: every .json/.csv inside, recursively (a .txt is skipped).
      const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'it2-folder-'));
      fs.mkdirSync(path.join(folder, 'sub'));
      const picked = demoFiles().slice(2, 5);
      fs.copyFileSync(picked[0].path, path.join(folder, picked[0].name));
      fs.copyFileSync(picked[1].path, path.join(folder, 'sub', picked[1].name));
      fs.copyFileSync(picked[2].path, path.join(folder, 'sub', picked[2].name));
      fs.writeFileSync(path.join(folder, 'notes.txt'), 'not data');
      await page.setInputFiles('#it2-open-folder', folder);
      await waitFor(page, () => JSON.parse(window.it2.state()).loaded.files >= 5);
      await t.waitFrames(page, 3);
      state = await t.state(page);
      assert.equal(state.loaded.files, 5, 'two picked files + three from the folder (the .txt skipped)');
      fs.rmSync(folder, { recursive: true, force: true });

      // setInputFiles on the multi-file input, then the demo district in one click.
      await page.setInputFiles('#it2-open-files', [demoFiles()[6].path]);
      await waitFor(page, () => JSON.parse(window.it2.state()).loaded.files === 6);
      await page.evaluate(() => window.it2.clear());
      await page.evaluate(() => window.it2Page.requestDemoLoad());  // what 示例区县 does
      const demoCount = demoFiles().length;
      await waitFor(page, (n) => JSON.parse(window.it2.state()).loaded.files === n, demoCount);
      await t.waitFrames(page, 4);
      state = await t.state(page);
      assert.ok(state.loaded.schools > 5, `demo schools: ${state.loaded.schools}`);
      assert.match(state.notice, new RegExp(`已载入 ${demoCount} 个文件`));
      await t.screenshot(page, 'files-demo-1366x768');
    },
  },
  {
    name: 'many files load in slices that end at their time-budget check, behind a progress overlay',
    timeoutMs: 300000,
    async run(t) {
      const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'it2-many-'));
      execFileSync(CLI, ['generate', '--schools', '60', '--teachers-per-school', '80', '--batches', '3', '--out', folder]);
      const count = listJson(folder).length;
      const megabytes = listJson(folder).reduce((sum, file) => sum + fs.statSync(file).size, 0) / 1e6;
      const page = await t.openPage({ viewport: { width: 1366, height: 768 } });
      await page.evaluate(() => {
        window.__progressTexts = [];
        const overlay = document.getElementById('it2-progress');
        new MutationObserver(() => {
          if (overlay.classList.contains('it2-visible')) window.__progressTexts.push(overlay.textContent);
        }).observe(overlay, { attributes: true, childList: true, subtree: true, characterData: true });
      });
      await page.setInputFiles('#it2-open-folder', folder);
      await waitFor(page, () => window.__progressTexts.length > 0 && !document.getElementById('it2-progress').classList.contains('it2-visible'), null, 240000);
      const batch = await page.evaluate(() => window.it2Files.lastBatch());
      const texts = await page.evaluate(() => window.__progressTexts);
      assert.equal(batch.files, count);
      // What the code controls, not how fast this machine is (the timing is bench/'s business):
      // the work is split, every file is in exactly one slice, and a slice ends at the first
      // budget check past SLICE_MS (40 ms), i.e. it was still within budget at the check before.
      assert.ok(batch.slices >= 2, `loaded in ${batch.slices} slices`);
      assert.equal(batch.sliceLog.length, batch.slices);
      assert.equal(batch.sliceLog.reduce((sum, slice) => sum + slice.files, 0), count, 'every file in one slice');
      assert.equal(batch.sliceLog.at(-1).endedBy, 'last');
      for (const [i, slice] of batch.sliceLog.entries()) {
        assert.ok(['budget', 'read', 'last'].includes(slice.endedBy), `slice ${i}: ${JSON.stringify(slice)}`);
        assert.ok(slice.files >= 1, `slice ${i} loaded a file`);
        assert.ok(slice.ageAtPreviousCheck <= 40, `slice ${i} went on past its budget: ${JSON.stringify(slice)}`);
      }
      assert.ok(texts.some((text) => new RegExp(`正在载入 \\d+/${count}`).test(text)), `progress: ${texts.slice(0, 3).join(' | ')}`);
      await t.waitFrames(page, 3, 60000);
      assert.equal((await t.state(page)).loaded.files, count);
      t.note(`${count} files, ${megabytes.toFixed(1)} MB: ${batch.slices} slices, longest ${batch.maxSliceMs.toFixed(0)} ms, ` +
        `${(batch.totalMs / 1000).toFixed(1)} s in all (software GL frames between slices)`);
      fs.rmSync(folder, { recursive: true, force: true });
    },
  },
  {
    name: 'a synthetic drop of files loads them; a rejected file between two good ones changes nothing',
    async run(t) {
      const page = await t.openPage({ viewport: { width: 1366, height: 768 } });
      const [first, second] = demoFiles().slice(0, 2).map((file) => ({ name: file.name, text: fs.readFileSync(file.path, 'utf8') }));
      // The drop: a DataTransfer with three files dispatched on the canvas.
      await page.evaluate(([a, b]) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([a.text], a.name, { type: 'application/json' }));
        transfer.items.add(new File(['{"format":"it2-batch", broken'], 'broken.json', { type: 'application/json' }));
        transfer.items.add(new File([b.text], b.name, { type: 'application/json' }));
        const canvas = document.getElementById('canvas');
        canvas.dispatchEvent(new DragEvent('dragenter', { bubbles: true, cancelable: true, dataTransfer: transfer }));
        canvas.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: transfer }));
      }, [first, second]);
      await waitFor(page, () => JSON.parse(window.it2.state()).loaded.files === 3);
      await t.waitFrames(page, 4);
      const withRejected = JSON.parse(await page.evaluate((d) => window.it2.summary(d), AS_OF));
      const state = await t.state(page);
      assert.match(state.notice, /1 个被拒绝/, `notice: ${state.notice}`);
      assert.equal(await page.evaluate(() => getComputedStyle(document.getElementById('it2-drop-hint')).display), 'none',
        'the drop hint is gone after the drop');

      await page.evaluate(() => window.it2.clear());
      const results = await page.evaluate(([a, b]) => [window.it2.load(a.name, a.text), window.it2.load(b.name, b.text)], [first, second]);
      assert.deepEqual(results.map((r) => r.status), ['loaded', 'loaded']);
      const goodOnly = JSON.parse(await page.evaluate((d) => window.it2.summary(d), AS_OF));
      for (const key of ['district', 'schools', 'teachers']) {
        assert.deepEqual(withRejected[key], goodOnly[key], `"${key}" is the same with the rejected file between the good ones`);
      }
      const rejected = await page.evaluate(() => window.it2.load('again-broken.json', '{"format":"it2-batch", broken'));
      assert.equal(rejected.status, 'rejected');
      assert.ok(rejected.problems >= 1);
      const after = JSON.parse(await page.evaluate((d) => window.it2.summary(d), AS_OF));
      assert.deepEqual(after.teachers, goodOnly.teachers, 'a rejected file never changes the data');
    },
  },
  {
    name: 'files, policy and language are found again after a reload; remove and clear ask first',
    timeoutMs: 240000,
    async run(t) {
      const context = await t.newContext({ viewport: { width: 1366, height: 768 } });
      let page = await t.openPage({ context });
      const files = forPage(demoFiles().slice(0, 8));
      await loadInPage(page, files);
      const defaultPolicySummary = await page.evaluate((d) => window.it2.summary(d), AS_OF);
      const policy = JSON.parse(fs.readFileSync(path.join(ROOT, 'data', 'policy.json'), 'utf8'));
      policy.hours.total_min = 62;
      policy.at_risk_days = 45;
      const policyResult = await page.evaluate((text) => window.it2.load('strict-policy.json', text), JSON.stringify(policy));
      assert.equal(policyResult.status, 'policy');
      await t.waitFrames(page, 2);
      assert.match((await t.state(page)).notice, /已采用规则文件 strict-policy\.json/);
      await t.clickRect(page, 'langEn');
      const flushed = await page.evaluate(() => window.it2.flush());
      assert.ok(flushed.ok, `saved to browser storage: ${JSON.stringify(flushed)}`);
      assert.equal(flushed.files, 8);
      const before = await page.evaluate((d) => window.it2.summary(d), AS_OF);
      assert.notEqual(before, defaultPolicySummary, 'the loaded policy changes the results');

      await page.reload({ waitUntil: 'load' });
      await t.waitReady(page);
      await waitFor(page, () => window.it2.storage().restored);
      await t.waitFrames(page, 4);
      let state = await t.state(page);
      assert.equal(state.lang, 'en', 'the language survives the reload');
      assert.equal(state.loaded.files, 8, 'the files survive the reload');
      assert.equal(await page.evaluate((d) => window.it2.summary(d), AS_OF), before, 'same files, same policy: same summary');

      // Remove one file through 文件管理 and its confirmation; Cancel first changes nothing.
      await t.clickRect(page, 'manageFiles');
      await t.screenshot(page, 'files-window-1366x768');
      await t.clickRect(page, 'firstRemove');
      await page.keyboard.press('Escape');
      await t.waitFrames(page, 3);
      assert.equal((await t.state(page)).loaded.files, 8, 'Escape in the confirmation keeps the file');
      await t.clickRect(page, 'firstRemove');
      await t.screenshot(page, 'files-confirm-1366x768');
      await t.clickRect(page, 'confirmYes');
      state = await t.state(page);
      assert.equal(state.loaded.files, 7, 'the confirmed file is removed');
      assert.match(state.notice, /Removed/);
      await page.evaluate(() => window.it2.flush());
      await page.reload({ waitUntil: 'load' });
      await t.waitReady(page);
      await waitFor(page, () => window.it2.storage().restored);
      await t.waitFrames(page, 3);
      assert.equal((await t.state(page)).loaded.files, 7, 'the removal is remembered');

      // Clear everything, after its confirmation.
      await t.clickRect(page, 'manageFiles');
      await t.clickRect(page, 'clearAll');
      await t.clickRect(page, 'confirmYes');
      assert.equal((await t.state(page)).loaded.files, 0);
      await page.evaluate(() => window.it2.flush());
      await page.reload({ waitUntil: 'load' });
      await t.waitReady(page);
      await waitFor(page, () => window.it2.storage().restored);
      state = await t.state(page);
      assert.equal(state.loaded.files, 0, 'cleared stays cleared');
      assert.equal(state.lang, 'en');
    },
  },
  {
    name: 'a damaged stored workspace is reported and set aside, never a blank page',
    async run(t) {
      const context = await t.newContext({ viewport: { width: 1366, height: 768 } });
      const page = await t.openPage({ context });
      await loadInPage(page, forPage(demoFiles().slice(0, 2)));
      await page.evaluate(() => window.it2.flush());
      await page.evaluate(async () => {
        localStorage.setItem('it2-settings', '{"format":"it2-settings", damaged');
        const db = await new Promise((resolve, reject) => {
          const open = indexedDB.open('it2-tracker');
          open.onsuccess = () => resolve(open.result);
          open.onerror = () => reject(open.error);
        });
        const transaction = db.transaction('loaded', 'readwrite');
        transaction.objectStore('loaded').put({ key: 999, name: 'damaged.json', bytes: 42 });
        await new Promise((resolve) => { transaction.oncomplete = resolve; });
        db.close();
      });
      await page.reload({ waitUntil: 'load' });
      await t.waitReady(page);
      await waitFor(page, () => window.it2.storage().restored);
      await t.waitFrames(page, 4);
      const state = await t.state(page);
      assert.equal(state.loaded.files, 2, 'the good stored files are still loaded');
      assert.match(state.notice, /已损坏/, `notice: ${state.notice}`);
      const aside = await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('it2-settings-set-aside-')));
      assert.equal(aside.length, 1, 'the damaged settings are kept under another key');
      const shot = await t.screenshot(page, 'files-set-aside-1366x768');
      assert.ok(shot.stats.variance > 50, 'not a blank page');
    },
  },
  {
    name: 'without browser storage the page says so once; 保存工作区, 打开工作区 and 导出本校 carry the work',
    async run(t) {
      const context = await t.newContext({ viewport: { width: 1366, height: 768 } });
      await context.addInitScript(() => {
        Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
      });
      const page = await t.openPage({ context });
      await waitFor(page, () => window.it2.storage().restored);
      await t.waitFrames(page, 2);
      let state = await t.state(page);
      assert.match(state.notice, /浏览器不能保存数据/, `notice: ${state.notice}`);
      assert.match(state.notice, /保存工作区/);
      assert.equal((await page.evaluate(() => window.it2.storage())).available, false);

      const files = demoFiles().filter((file) => /^500110-000[12]-/.test(file.name));
      const loadResults = await loadInPage(page, forPage(files));
      const policy = JSON.parse(fs.readFileSync(path.join(ROOT, 'data', 'policy.json'), 'utf8'));
      policy.hours.total_min = 58;
      await page.evaluate((text) => window.it2.load('policy-58.json', text), JSON.stringify(policy));
      await t.waitFrames(page, 3);
      const before = await page.evaluate((d) => window.it2.summary(d), AS_OF);

      await t.clickRect(page, 'manageFiles');
      const savePromise = page.waitForEvent('download', { timeout: 60000 });
      await t.clickRect(page, 'saveWorkspace');
      const saved = await savePromise;
      const workspacePath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'it2-ws-')), saved.suggestedFilename());
      await saved.saveAs(workspacePath);
      const workspace = JSON.parse(fs.readFileSync(workspacePath, 'utf8'));
      assert.equal(workspace.format, 'it2-workspace');
      assert.equal(workspace.files.length, files.length);

      // 导出本校: the current school's files only.
      await page.evaluate(() => window.it2.view('school', '500110-0001'));
      await t.waitFrames(page, 3);
      await t.clickRect(page, 'manageFiles');
      const schoolPromise = page.waitForEvent('download', { timeout: 60000 });
      await t.clickRect(page, 'exportSchool');
      const schoolFile = JSON.parse(fs.readFileSync(await (await schoolPromise).path(), 'utf8'));
      assert.equal(schoolFile.format, 'it2-workspace');
      const schoolNames = schoolFile.files.map((file) => file.name);
      assert.ok(schoolNames.length > 0 && schoolNames.every((name) => name.startsWith('500110-0001-')), `导出本校: ${schoolNames}`);
      const usable = loadResults.filter((r) => r.status !== 'rejected' && r.file.startsWith('500110-0001-')).map((r) => r.file);
      assert.deepEqual(schoolNames.sort(), usable.sort(), '导出本校 holds the school\'s usable files (rejected ones left out)');

      // Cleared, then 打开工作区 through the file picker restores files and policy.
      await page.evaluate(() => window.it2.clear());
      await page.setInputFiles('#it2-open-files', workspacePath);
      await waitFor(page, (n) => JSON.parse(window.it2.state()).loaded.files === n, files.length);
      await t.waitFrames(page, 3);
      state = await t.state(page);
      assert.match(state.notice, /已打开工作区/, `notice: ${state.notice}`);
      assert.equal(await page.evaluate((d) => window.it2.summary(d), AS_OF), before, 'the workspace file restores files and policy');
      fs.rmSync(path.dirname(workspacePath), { recursive: true, force: true });
    },
  },
  {
    name: 'CSV export: BOM, formula guard, the table as shown, downloaded by 导出; 下载模板',
    async run(t) {
      const page = await t.openPage({ viewport: { width: 1366, height: 768 } });
      await page.evaluate((text) => window.it2.load('hostile.json', text), hostileBatch());
      await page.evaluate(() => window.it2.view('school', '500110-0001'));
      await t.waitFrames(page, 3);
      const csv = await page.evaluate(() => window.it2.exportCsv('teachers'));
      assert.equal(csv.charCodeAt(0), 0xfeff, 'UTF-8 byte-order mark first');
      const lines = csv.slice(1).split('\r\n').filter(Boolean);
      assert.equal(lines.length, 1 + 19, 'header + the 19 teachers shown');
      assert.ok(csv.includes("'=1+1"), 'a name starting with = is neutralised');
      assert.ok(csv.includes("'@SUM(A1)"), 'a name starting with @ is neutralised');
      assert.ok(csv.includes(`"'=HYPERLINK(""http://x"",""校"")"`), 'the school name is quoted and neutralised');
      for (const line of lines) assert.ok(!/^[=+\-@\t\r]/.test(line) && !/,[=+\-@]/.test(line), `unguarded cell in: ${line}`);
      assert.equal(await page.evaluate(() => window.it2.exportCsv('nonsense')), null);

      // Filters apply: the teacher search narrows the exported rows exactly as the table shows them.
      await t.clickRect(page, 'teacherSearch');
      await page.keyboard.insertText('=1+1');
      await t.waitFrames(page, 4);
      const searched = (await page.evaluate(() => window.it2.exportCsv('teachers'))).slice(1).split('\r\n').filter(Boolean);
      assert.equal(searched.length, 2, `header + the one teacher the search shows: ${searched.join(' | ')}`);
      assert.ok(searched[1].includes("'=1+1"));
      assert.equal((await t.state(page)).rows, 1, 'the table shows that one row too');
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Backspace');
      await t.waitFrames(page, 4);

      // The 导出 button downloads the current view's table.
      const downloadPromise = page.waitForEvent('download', { timeout: 60000 });
      await t.clickRect(page, 'exportCsv');
      const download = await downloadPromise;
      assert.match(download.suggestedFilename(), /^it2-teachers-.*\.csv$/);
      const bytes = fs.readFileSync(await download.path());
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'the downloaded file starts with the BOM');
      assert.equal(bytes.toString('utf8').replace(/^\uFEFF/, ''), csv.slice(1), 'the download is the exported text');

      // 下载模板 from 文件管理.
      await t.clickRect(page, 'manageFiles');
      const templatePromise = page.waitForEvent('download', { timeout: 60000 });
      await t.clickRect(page, 'downloadTemplate');
      const template = await templatePromise;
      assert.equal(fs.readFileSync(await template.path(), 'utf8'), fs.readFileSync(path.join(ROOT, 'data', 'templates', 'it2-template.csv'), 'utf8'));
    },
  },
  {
    name: 'the printable report escapes user data and opens in a new tab under the CSP without running anything',
    async run(t) {
      const page = await t.openPage({ viewport: { width: 1366, height: 768 } });
      let dialogs = 0;
      page.on('dialog', (dialog) => { dialogs++; dialog.dismiss().catch(() => {}); });
      await page.evaluate((text) => window.it2.load('hostile.json', text), hostileBatch());
      const html = await page.evaluate(() => window.it2.reportHtml('500110-0001'));
      assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'), 'the name is escaped');
      assert.ok(!html.includes('<img src=x'), 'no raw tag from user data');
      assert.ok(!/<script/i.test(html), 'the report carries no script');
      const district = await page.evaluate(() => window.it2.reportHtml('district'));
      assert.ok(district.includes('=HYPERLINK(&quot;http://x&quot;'), 'the district report has the school, escaped');
      assert.equal(await page.evaluate(() => window.it2.reportHtml('no-such-school')), null);

      await page.evaluate(() => window.it2.view('school', '500110-0001'));
      await t.waitFrames(page, 3);
      const popupPromise = page.waitForEvent('popup', { timeout: 60000 });
      await t.clickRect(page, 'printReport');
      const popup = await popupPromise;
      popup.on('dialog', (dialog) => { dialogs++; dialog.dismiss().catch(() => {}); });
      await popup.waitForLoadState('load');
      assert.match(popup.url(), /^blob:/);
      const report = await popup.evaluate(() => ({
        text: document.body.innerText,
        images: document.images.length,
        collapse: getComputedStyle(document.querySelector('table')).borderCollapse,
        svgs: document.querySelectorAll('svg').length,
      }));
      assert.ok(report.text.includes('<img src=x onerror=alert(1)>'), 'the teacher name shows as text');
      assert.equal(report.images, 0, 'no <img> element came from the data');
      assert.equal(report.collapse, 'collapse', 'the report\'s own style applies under the CSP');
      await popup.waitForTimeout(300);
      assert.equal(dialogs, 0, 'no alert fired');
      await popup.screenshot({ path: path.join(ROOT, 'build', 'artifacts', 'files-report-popup.png'), fullPage: false });
      await popup.close();
    },
  },
  {
    name: 'a GBK (GB18030) CSV from Excel is read like a UTF-8 one',
    async run(t) {
      const page = await t.openPage({ viewport: { width: 1366, height: 768 } });
      const utf8 = fs.readFileSync(path.join(ROOT, 'data', 'templates', 'it2-template.csv'), 'utf8').replace(/^\uFEFF/, '');
      const gbk = execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030'], { input: utf8 });
      assert.notEqual(gbk.toString('hex'), Buffer.from(utf8).toString('hex'), 'the fixture really is GBK-encoded');
      const fromGbk = await page.evaluate((base64) => {
        const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
        return { result: window.it2.load('excel-gbk.csv', bytes), summary: window.it2.summary('2026-06-30') };
      }, gbk.toString('base64'));
      assert.notEqual(fromGbk.result.status, 'rejected', JSON.stringify(fromGbk.result));
      const teachers = JSON.parse(fromGbk.summary).teachers;
      assert.ok(teachers.length >= 2);
      assert.ok(teachers.some((teacher) => teacher.name === '彭瑶'), `names decoded: ${teachers.map((x) => x.name).join(',')}`);
      await page.evaluate(() => window.it2.clear());
      const fromUtf8 = await page.evaluate((text) => {
        window.it2.load('excel-gbk.csv', text);
        return window.it2.summary('2026-06-30');
      }, utf8);
      assert.deepEqual(JSON.parse(fromUtf8).teachers, teachers, 'GBK and UTF-8 give the same teachers');
    },
  },
  {
    name: 'it2.summary() is `it2 summarize --json` byte for byte: demo, generated data with errors, a policy file',
    timeoutMs: 240000,
    async run(t) {
      const page = await t.openPage({ viewport: { width: 1366, height: 768 } });
      // The page's text plus the newline the command line ends with: nothing parsed, every byte compared.
      const pageText = async () => `${await page.evaluate((d) => window.it2.summary(d), AS_OF)}\n`;
      const demo = demoFiles();
      await loadInPage(page, forPage(demo));
      assert.equal(await pageText(), cliSummaryText(AS_OF, demo.map((file) => file.path)), 'demo district: page = command line');

      // A policy file among the files, accepted with a warning: its problem is in both summaries.
      const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'it2-generated-'));
      const policy = { name: 'rules-with-warning.json', path: path.join(folder, 'rules-with-warning.json') };
      fs.writeFileSync(policy.path, JSON.stringify({ format: 'it2-policy', version: 1, points: { min_passed: 'three' }, at_risk_days: 60 }));
      await page.evaluate(() => window.it2.clear());
      await loadInPage(page, forPage([...demo, policy]));
      const withPolicy = await pageText();
      assert.ok(withPolicy.includes('rules-with-warning.json'), 'the policy file\'s warning is in it2.summary()');
      assert.equal(withPolicy, cliSummaryText(AS_OF, [...demo, policy].map((file) => file.path)), 'demo + policy file: page = command line');
      fs.rmSync(policy.path);

      execFileSync(CLI, ['generate', '--schools', '4', '--teachers-per-school', '12', '--batches', '2', '--seed', '7',
        '--with-errors', '--out', folder]);
      const generated = listJson(folder).map((file) => ({ name: path.basename(file), path: file }));
      assert.ok(generated.length >= 4, `generated ${generated.length} files`);
      await page.evaluate(() => window.it2.clear());
      // it2.clear() unloads files and their problems; the policy in force stays: back to the defaults.
      await loadInPage(page, forPage([{ name: 'defaults.json', path: path.join(ROOT, 'data', 'policy.json') }]));
      await page.evaluate(() => window.it2.clear());
      await loadInPage(page, forPage(generated));
      const cliGenerated = cliSummaryText(AS_OF, [folder]);
      assert.ok(JSON.parse(cliGenerated).problems.length > 0, 'the generated data has problems');
      assert.equal(await pageText(), cliGenerated, 'generated data with errors: page = command line');
      fs.rmSync(folder, { recursive: true, force: true });
    },
  },
  {
    name: 'phone layout: the file menu and 文件管理 fit a 390x844 screen',
    async run(t) {
      const page = await t.openPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
      await loadInPage(page, forPage(demoFiles().slice(0, 3)));
      await t.waitFrames(page, 3);
      await t.clickRect(page, 'fileMenu');
      await t.screenshot(page, 'files-menu-390x844');
      // 文件管理 is the menu's first item, just under the button.
      const menu = (await t.state(page)).rects.fileMenu;
      await page.mouse.click(menu[0] + 30, menu[1] + menu[3] + 14);
      await t.waitFrames(page, 4);
      const state = await t.state(page);
      assert.ok(state.rects.filesWindow, 'the menu opens 文件管理');
      const window = state.rects.filesWindow;
      assert.ok(window[0] >= 0 && window[0] + window[2] <= 390 + 1, `文件管理 fits the phone's width: ${window}`);
      await t.screenshot(page, 'files-window-390x844');
    },
  },
];
