// Nothing lost, ever (issue 10), one test per reproduction: a broken copy of a good file, two
// files with the same name, workspace files inside a load, the save racing a clear, browser
// storage that is missing, a stored policy the page cannot use, a file too big for memory, and
// an abort of the wasm module. Each reload is in the same browser profile.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { assert, ROOT, PAGE_URL } from './harness.mjs';
import {
  dataOf, flushAndReload, generatedFiles, loadFiles, openReloadablePage, summary, truncated, waitRestored, workspaceBytes,
} from './lib/stored-files.mjs';

const AS_OF = '2026-06-30';
const DEMO_DIR = path.join(ROOT, 'data', 'demo');
const demo = (name) => ({ name, bytes: fs.readFileSync(path.join(DEMO_DIR, name)) });

async function notice(t, page) {
  await t.waitFrames(page, 2);
  return (await t.state(page)).notice;
}

const schoolIds = (s) => s.schools.map((school) => school.id).sort();
const fileNames = (s) => s.files.map((file) => file.file).sort();

export const tests = [
  {
    name: 'reproduction 1: a broken copy named like a good file changes nothing, before or after a reload',
    async run(t) {
      const page = await openReloadablePage(t);
      const good = demo('500110-0001-2024-1.json');
      const [loaded] = await loadFiles(page, [{ name: 'good.json', bytes: good.bytes }]);
      assert.equal(loaded.status, 'loaded');
      await page.evaluate(() => window.it2.flush());
      const before = await summary(page, AS_OF);
      const [broken] = await loadFiles(page, [{ name: 'good.json', bytes: truncated(good.bytes) }]);
      assert.equal(broken.status, 'rejected');
      assert.match(await notice(t, page), /已载入的数据没有改变/);
      assert.deepEqual(dataOf(await summary(page, AS_OF)), dataOf(before), 'the broken copy changes no number');

      await flushAndReload(t, page);
      const after = await summary(page, AS_OF);
      assert.deepEqual(dataOf(after), dataOf(before), 'after a reload the good file\'s school is still there');
      assert.ok(after.schools.some((school) => school.id === '500110-0001'));
      assert.deepEqual(after.files.map((f) => f.status).sort(), ['loaded', 'rejected'], 'both files are listed, as before');
    },
  },
  {
    name: 'reproduction 2: two schools\' files with the same name both survive a reload, told apart by "(2)"',
    async run(t) {
      const page = await openReloadablePage(t);
      // Two picks, each of a file called 学校数据.json, from two schools.
      const first = await loadFiles(page, [{ name: '学校数据.json', bytes: demo('500110-0001-2024-1.json').bytes }]);
      const second = await loadFiles(page, [{ name: '学校数据.json', bytes: demo('500110-0002-2024-1.json').bytes }]);
      const before = await summary(page, AS_OF);
      assert.deepEqual(schoolIds(before), ['500110-0001', '500110-0002']);

      await flushAndReload(t, page);
      const after = await summary(page, AS_OF);
      assert.deepEqual(schoolIds(after), ['500110-0001', '500110-0002'], 'both schools survive the reload');
      assert.equal(first[0].file, '学校数据.json');
      assert.equal(second[0].file, '学校数据 (2).json', 'the second is listed under a name of its own');
      assert.deepEqual(fileNames(after), ['学校数据 (2).json', '学校数据.json']);
      assert.deepEqual(after, before, 'the page says the same after the reload');

      // Removing one removes that one only, and stays removed.
      assert.equal(await page.evaluate(() => window.it2.remove('学校数据.json')), true);
      await flushAndReload(t, page);
      assert.deepEqual(schoolIds(await summary(page, AS_OF)), ['500110-0002']);
    },
  },
  {
    name: 'reproduction 3: workspace files inside a load are opened in place; a district called it2-workspace is a batch',
    async run(t) {
      const page = await openReloadablePage(t);
      const a = demo('500110-0001-2024-1.json');
      const b = demo('500110-0002-2024-1.json');
      const c = demo('500110-0003-2024-1.json');
      const d = demo('500110-0004-2024-1.json');
      const inner = workspaceBytes([d]);
      const outer = workspaceBytes([b, { name: 'inner-workspace.json', bytes: inner }]);
      const results = await loadFiles(page, [a, { name: 'saved-workspace.json', bytes: outer }, c]);
      assert.deepEqual(results.map((r) => r.status), ['loaded', 'workspace', 'loaded']);
      const expected = ['500110-0001', '500110-0002', '500110-0003', '500110-0004'];
      assert.deepEqual(schoolIds(await summary(page, AS_OF)), expected, 'nothing before, inside or after the workspaces is dropped');
      assert.match(await notice(t, page), /已打开工作区 saved-workspace\.json/);
      await flushAndReload(t, page);
      assert.deepEqual(schoolIds(await summary(page, AS_OF)), expected, 'and all of it is stored');

      // A batch file whose district name is "it2-workspace" (in its first bytes) is a batch file.
      const batch = JSON.parse(demo('500110-0005-2024-1.json').bytes.toString('utf8'));
      const tricky = { ...batch, district: { code: '500110', name: 'it2-workspace' } };
      const bytes = Buffer.from(JSON.stringify(tricky));
      assert.ok(bytes.subarray(0, 512).includes('it2-workspace'));
      const [result] = await loadFiles(page, [{ name: 'tricky.json', bytes }]);
      assert.equal(result.status, 'loaded', JSON.stringify(result));
      assert.ok(schoolIds(await summary(page, AS_OF)).includes('500110-0005'));
    },
  },
  {
    name: 'reproduction 5: a save racing a remove and a clear neither fails nor loses the storage',
    async run(t) {
      const page = await openReloadablePage(t);
      await loadFiles(page, [{ name: 'a.json', bytes: demo('500110-0001-2024-1.json').bytes }]);
      assert.ok((await page.evaluate(() => window.it2.flush())).ok);
      await loadFiles(page, [{ name: 'b.json', bytes: demo('500110-0002-2024-1.json').bytes }]);
      const raced = await page.evaluate(async () => {
        window.it2.remove('a.json');
        const flushing = window.it2.flush();
        await new Promise((resolve) => setTimeout(resolve, 0));
        window.it2.clear();
        return { flushed: await flushing, storage: window.it2.storage() };
      });
      assert.ok(raced.flushed.ok, `the raced save: ${JSON.stringify(raced.flushed)}`);
      assert.equal(raced.storage.available, true, `storage: ${JSON.stringify(raced.storage)}`);
      assert.doesNotMatch(await notice(t, page), /浏览器不能保存数据/, 'no false "cannot keep data" notice');
      const flushed = await flushAndReload(t, page);
      assert.equal(flushed.files, 0);
      assert.equal((await t.state(page)).loaded.files, 0, 'cleared stays cleared');
      assert.equal((await page.evaluate(() => window.it2.storage())).available, true);
    },
  },
  {
    name: 'without IndexedDB, flush() says it did not save',
    async run(t) {
      const context = await t.newContext();
      await context.addInitScript(() => {
        Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
      });
      const page = await t.openPage({ context });
      await waitRestored(page);
      await loadFiles(page, [demo('500110-0001-2024-1.json')]);
      const flushed = await page.evaluate(() => window.it2.flush());
      assert.equal(flushed.ok, false, JSON.stringify(flushed));
      assert.match(flushed.error, /IndexedDB/);
      assert.equal((await page.evaluate(() => window.it2.storage())).available, false);
    },
  },
  {
    name: 'a stored policy of an unknown version is set aside with a notice, not dropped',
    async run(t) {
      const page = await openReloadablePage(t);
      const policy = JSON.parse(fs.readFileSync(path.join(ROOT, 'data', 'policy.json'), 'utf8'));
      policy.version = 99;
      policy.hours.total_min = 70;
      const stored = JSON.stringify({ format: 'it2-settings', settings: { language: 'en' }, policy });
      await page.evaluate((text) => localStorage.setItem('it2-settings', text), stored);
      await page.reload({ waitUntil: 'load' });
      await t.waitReady(page);
      await waitRestored(page);
      const state = await t.state(page);
      assert.equal(state.lang, 'en', 'the settings beside the policy still apply');
      assert.match(state.notice, /set aside/, `notice: ${state.notice}`);
      const aside = await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('it2-settings-set-aside-'))
        .map((key) => localStorage.getItem(key)));
      assert.deepEqual(aside, [stored], 'the stored text is kept, word for word, under another key');
    },
  },
  {
    name: 'a file too big for the memory left is refused with a message; the rest of its load is not loaded; never an abort',
    async run(t) {
      const page = await openReloadablePage(t);
      // The real ceiling: a 300 MB file is refused before it is copied into wasm memory.
      const big = await page.evaluate(() => {
        const bytes = new Uint8Array(300 * 1000 * 1000).fill(0x20);
        bytes.set(new TextEncoder().encode('{"format":"it2-batch","version":1,"school":{"id":"x"},"batch":{"id":"y"},"teachers":[]'));
        bytes[bytes.length - 1] = 0x7d;  // }
        return window.it2.load('300MB.json', bytes);
      });
      assert.equal(big.status, 'too_large', JSON.stringify(big));
      assert.match(await notice(t, page), /这批文件太大，浏览器内存不够：已载入 0 个文件，其余未载入/);

      // A lower ceiling (test hook) shows a batch stopping at the file that does not fit.
      const live = await page.evaluate(() => window.it2.memory().live);
      const small = demo('500110-0001-2024-1.json');
      // Room for a file 20 times the small one (it2_room_for: 8x its size + a 64 MB reserve), not for one 60 times it.
      const ceiling = live + 64 * 1024 * 1024 + 8 * small.bytes.length * 20;
      await page.evaluate((bytes) => window.it2._setMemoryCeilingForTest(bytes), ceiling);
      const large = { name: 'large.json', bytes: Buffer.alloc(small.bytes.length * 60, 0x20) };
      const results = await loadFiles(page, [small, large, demo('500110-0002-2024-1.json')]);
      assert.deepEqual(results.map((r) => r.status), ['loaded', 'too_large'], 'the load stops at the file that does not fit');
      assert.match(await notice(t, page), /这批文件太大，浏览器内存不够：已载入 1 个文件，其余未载入（从 large\.json 起）/);
      await page.evaluate(() => window.it2._setMemoryCeilingForTest(0));
      await flushAndReload(t, page);
      assert.deepEqual(schoolIds(await summary(page, AS_OF)), ['500110-0001'], 'what was loaded is kept; the refused file is not stored');
    },
  },
  {
    name: 'an abort says so (not WebGL), offers a reload, saves nothing after it, and the stored files come back',
    async run(t) {
      t.allowConsoleError(/abort|Aborted|RuntimeError|unreachable/i);
      const page = await openReloadablePage(t);
      const files = generatedFiles(['--schools', '3', '--teachers-per-school', '5', '--batches', '1', '--seed', '4']);
      await loadFiles(page, files);
      assert.ok((await page.evaluate(() => window.it2.flush())).ok);
      const before = await summary(page, AS_OF);
      // A clear whose save is still pending when the module aborts must never reach storage.
      const after = await page.evaluate(async () => {
        window.it2.clear();
        // Two frames: C++ has noticed the change and asked for a save (due in 400 ms).
        await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
        try { window.it2._abortForTest(); } catch { /* the abort surfaces here as well */ }
        const flushed = await window.it2.flush();
        await new Promise((resolve) => setTimeout(resolve, 800));  // past the save delay
        const status = document.getElementById('it2-status');
        return { flushed, text: status.innerText, shown: getComputedStyle(status).display !== 'none', reload: !!document.getElementById('it2-reload') };
      });
      assert.ok(after.shown, 'the message is shown');
      assert.match(after.text, /页面出错了，数据仍保存在浏览器中，请刷新/);
      assert.match(after.text, /reload the page/i);
      assert.doesNotMatch(after.text, /WebGL/, 'an abort is not blamed on the graphics');
      assert.ok(after.reload, 'a reload button is offered');
      assert.equal(after.flushed.ok, false, 'flush() after an abort saves nothing');
      await t.screenshot(page, 'storage-abort-1366x768');

      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('#it2-reload')]);
      await t.waitReady(page);
      await waitRestored(page);
      assert.deepEqual(await summary(page, AS_OF), before, 'the stored files are back, the clear before the abort was never saved');
    },
  },
  {
    name: 'files stored by the first version (one record per name) are carried over, in their order',
    async run(t) {
      const context = await t.newContext();
      // A blank file:// page shares the page's storage: it writes what version 1 left behind.
      const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'it2-v1-'));
      const blank = path.join(folder, 'blank.html');
      fs.writeFileSync(blank, '<!doctype html><title>v1</title>');
      const page = await context.newPage();
      await page.goto(pathToFileURL(blank).href);
      const records = [demo('500110-0002-2024-1.json'), demo('500110-0001-2024-1.json')]
        .map((file, i) => ({ name: file.name, seq: 10 + i, base64: file.bytes.toString('base64') }));
      await page.evaluate(async (list) => {
        const db = await new Promise((resolve, reject) => {
          const open = indexedDB.open('it2-tracker', 1);
          open.onupgradeneeded = () => {
            open.result.createObjectStore('files', { keyPath: 'name' });
            open.result.createObjectStore('aside');
          };
          open.onsuccess = () => resolve(open.result);
          open.onerror = () => reject(open.error);
        });
        const transaction = db.transaction('files', 'readwrite');
        for (const record of list) {
          const bytes = Uint8Array.from(atob(record.base64), (c) => c.charCodeAt(0));
          transaction.objectStore('files').put({ name: record.name, seq: record.seq, bytes });
        }
        await new Promise((resolve) => { transaction.oncomplete = resolve; });
        db.close();
      }, records);
      t.watch(page);
      await page.goto(PAGE_URL, { waitUntil: 'load' });
      await t.waitReady(page);
      await waitRestored(page);
      const listed = (await page.evaluate(() => window.it2._persistState())).files.map((file) => file.name);
      assert.deepEqual(listed, records.map((record) => record.name), 'both files, in their old load order');
      const flushed = await flushAndReload(t, page);
      assert.equal(flushed.files, 2);
      assert.deepEqual((await page.evaluate(() => window.it2._persistState())).files.map((file) => file.name), listed);
      fs.rmSync(folder, { recursive: true, force: true });
    },
  },
];
