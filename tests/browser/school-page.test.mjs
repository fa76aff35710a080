// A principal's own page (导出本校页面, issue 13 item 3): the page rebuilds its own HTML byte for
// byte; the school view's button downloads a page with only that school's data, which opens from
// file:// straight onto that school, gives `it2 summarize --json` of that school's files, holds no
// other school's name and stores nothing; `it2 school-page` writes the same kind of page; and a
// principal who opens both pages in one browser sees each with its own data.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { assert, ROOT, CLI, PAGE_PATH, cliSummaryText } from './harness.mjs';

const DEMO = path.join(ROOT, 'data', 'demo');
const SCHOOL = '500110-0014';  // 綦江区石壕小学: three batches
const AS_OF = '2026-11-30';

// Every demo file that parses, with its school.
function demoSchools() {
  const files = [];
  for (const name of fs.readdirSync(DEMO).filter((n) => n.endsWith('.json')).sort()) {
    try {
      const data = JSON.parse(fs.readFileSync(path.join(DEMO, name), 'utf8'));
      if (data && data.school && typeof data.school.id === 'string') files.push({ name, id: data.school.id, school: data.school.name });
    } catch { /* a broken demo file (on purpose): no school to speak of */ }
  }
  return files;
}

// The data blocks of a page: {id: decoded bytes}.
function dataBlocks(html) {
  const blocks = {};
  const pattern = /<script type="application\/octet-stream" id="([^"]+)" data-encoding="([^"]+)">([^<]*)<\/script>/g;
  for (const [, id, encoding, text] of html.matchAll(pattern)) {
    const bytes = Buffer.from(text.replace(/\s+/g, ''), 'base64');
    blocks[id] = encoding === 'gzip+base64' ? zlib.gunzipSync(bytes) : bytes;
  }
  return blocks;
}

const isAscii = (text) => /^[\0-\x7f]*$/.test(text);
// The <title> of a page as the browser reads it (the page writes it with character references).
const titleOf = (html) => html.match(/<title>([^<]*)<\/title>/)[1]
  .replace(/&#x([0-9a-f]+);/g, (_, hex) => String.fromCodePoint(parseInt(hex, 16)));

// The school block: its header and its workspace's files (names and text).
function schoolData(html) {
  const block = dataBlocks(html)['it2-school'];
  assert.ok(block, 'the page carries an it2-school block');
  const newline = block.indexOf(10);
  const header = JSON.parse(block.subarray(0, newline).toString('utf8'));
  const workspace = JSON.parse(block.subarray(newline + 1).toString('utf8'));
  assert.equal(workspace.format, 'it2-workspace');
  const files = workspace.files.map((f) => ({ name: f.name, text: Buffer.from(f.data, 'base64').toString('utf8') }));
  return { header, workspace, files };
}

// No other school's name anywhere: in the HTML, the data blocks, the files inside the workspace.
// Names the program itself carries (an example in the help, in the wasm) are not data: a name
// is looked for only if the main page, with its demo block left out, does not hold it.
function assertOnlySchool(t, html, what) {
  const schools = demoSchools();
  const mine = schools.find((f) => f.id === SCHOOL).school;
  const mainPage = fs.readFileSync(PAGE_PATH, 'utf8');
  const mainBlocks = dataBlocks(mainPage);
  const program = [mainPage.replace(/<script type="application\/octet-stream" id="it2-demo"[^>]*>[^<]*<\/script>/, ''),
    ...Object.entries(mainBlocks).filter(([id]) => id !== 'it2-demo').map(([, bytes]) => bytes.toString('latin1') + bytes.toString('utf8'))];
  const names = [...new Set(schools.filter((f) => f.id !== SCHOOL).map((f) => f.school))].filter((n) => !mine.includes(n));
  const others = names.filter((name) => !program.some((text) => text.includes(name)));
  if (others.length < names.length) t.note(`${what}: ${names.length - others.length} demo school names are in the program itself, not looked for`);
  assert.ok(others.length >= 10, `other demo schools to look for: ${others.length}`);
  const { files } = schoolData(html);
  const blocks = dataBlocks(html);
  assert.ok(!('it2-demo' in blocks), `${what}: the demo district is left out`);
  const texts = [html, ...Object.values(blocks).map((b) => b.toString('utf8')), ...files.map((f) => f.text)];
  for (const name of others) {
    assert.ok(!texts.some((text) => text.includes(name)), `${what} holds another school's name: ${name}`);
  }
  for (const file of files) assert.equal(JSON.parse(file.text).school.id, SCHOOL, `${what}: ${file.name} is this school's`);
}

// Opens `file` in a fresh profile (or `context`) and waits for the school it opens onto.
async function openSchoolPage(t, file, context = null) {
  const url = pathToFileURL(file).href;
  t.allowRequest(new RegExp(`^${url.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`));
  const page = await t.openPage({ url, context, viewport: { width: 1366, height: 768 } });
  await page.waitForFunction((id) => {
    const state = JSON.parse(window.it2.state());
    return state.view === 'school' && state.scope.id === id;
  }, SCHOOL, { timeout: 60000, polling: 50 });
  await t.waitFrames(page, 5);
  return page;
}

// The page = `it2 summarize --json --as-of DATE` of the school's files, byte for byte.
async function assertSummaryIsCli(page, html, what) {
  const { files, header } = schoolData(html);
  const expected = demoSchools().filter((f) => f.id === SCHOOL).map((f) => f.name);
  assert.deepEqual(files.map((f) => f.name).sort(), expected, `${what}: every file of the school, and only those`);
  const pageText = `${await page.evaluate(() => window.it2.summary())}\n`;
  assert.equal(pageText, cliSummaryText(header.date, files.map((f) => path.join(DEMO, f.name))), `${what}: it2.summary() = it2 summarize --json`);
  assert.equal(JSON.parse(pageText).schools.length, 1, `${what}: one school`);
}

export const tests = [
  {
    name: 'the page rebuilds its own HTML byte for byte (what 导出本校页面 starts from)',
    async run(t) {
      const page = await t.openPage();
      const rebuilt = await page.evaluate(() => window.it2.pageHtml());
      const file = fs.readFileSync(PAGE_PATH, 'utf8');
      assert.equal(rebuilt.length, file.length, 'same length');
      assert.ok(rebuilt === file, 'same text');
      // Written in ASCII (scripts/bundle-page.py), yet the browser reads the Chinese title.
      assert.ok(isAscii(file), 'the page is ASCII only');
      assert.equal(await page.title(), '提升工程2.0 进度看板 · IT2 Tracker');
    },
  },
  {
    name: '导出本校页面: downloaded from the school view, opens from file:// onto that school, = the CLI summary, nothing else inside, stores nothing',
    timeoutMs: 240000,
    async run(t) {
      const page = await t.openPage({ viewport: { width: 1366, height: 768 } });
      await page.evaluate(() => window.it2Files.loadDemo());
      await page.evaluate((id) => window.it2.view('school', id), SCHOOL);
      await t.waitFrames(page, 5);
      const asOf = (await t.state(page)).asOf;
      const download = page.waitForEvent('download', { timeout: 60000 });
      await t.clickRect(page, 'schoolPage');
      const saved = await download;
      assert.equal(saved.suggestedFilename(), `綦江区石壕小学-进度-${asOf}.html`);
      const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'it2-school-page-'));
      const file = path.join(folder, saved.suggestedFilename());
      await saved.saveAs(file);
      const html = fs.readFileSync(file, 'utf8');
      const hook = await page.evaluate((id) => window.it2.schoolPage(id), SCHOOL);
      assert.equal(hook.name, saved.suggestedFilename());
      assert.ok(hook.html === html, 'it2.schoolPage() gives the downloaded bytes');
      assert.equal(titleOf(html), `綦江区石壕小学-进度-${asOf}`);
      assert.ok(isAscii(html), 'the school page is ASCII only, as the page it came from');
      assertOnlySchool(t, html, 'the downloaded page');

      const principal = await openSchoolPage(t, file);
      const opened = await t.state(principal);
      assert.equal(opened.asOf, asOf, 'the page opens with the data date');
      await assertSummaryIsCli(principal, html, 'the downloaded page');
      assert.ok(opened.rects.ownSchool, 'the top bar says whose data it holds');
      assert.equal(opened.missingGlyphs, 0);
      await t.screenshot(principal, 'school-page-downloaded');
      const storage = await principal.evaluate(async () => ({
        storage: window.it2.storage(),
        flush: await window.it2.flush(),
        databases: (await indexedDB.databases()).map((d) => d.name),
        localStorage: localStorage.length,
      }));
      assert.equal(storage.storage.schoolPage, true);
      assert.equal(storage.storage.stored, 0);
      assert.equal(storage.flush.ok, false, 'a school page saves nothing');
      assert.deepEqual(storage.databases, [], 'no IndexedDB database');
      assert.equal(storage.localStorage, 0, 'nothing in localStorage');
      fs.rmSync(folder, { recursive: true, force: true });
    },
  },
  {
    name: 'it2 school-page: the page from the command line opens onto the school with the CLI summary; errors say what to do',
    timeoutMs: 240000,
    async run(t) {
      const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'it2-school-page-'));
      const run = (...args) => spawnSync(CLI, ['school-page', ...args], { encoding: 'utf8' });
      const made = run('--school', SCHOOL, '--as-of', AS_OF, '--page', PAGE_PATH, '-o', folder, DEMO);
      assert.equal(made.status, 0, made.stderr);
      const file = path.join(folder, `綦江区石壕小学-进度-${AS_OF}.html`);
      assert.ok(fs.existsSync(file), `${file} written (${made.stderr.trim()})`);
      const html = fs.readFileSync(file, 'utf8');
      assertOnlySchool(t, html, 'the CLI page');

      const page = await openSchoolPage(t, file);
      assert.equal(schoolData(html).header.date, AS_OF);
      assert.equal((await t.state(page)).asOf, AS_OF, 'the page opens with the date given');
      await assertSummaryIsCli(page, html, 'the CLI page');
      await t.screenshot(page, 'school-page-cli');
      // A school page exported again from a school page is the same school's page.
      const again = await page.evaluate((id) => window.it2.schoolPage(id), SCHOOL);
      assertOnlySchool(t, again.html, 'a page exported from the school page');
      assert.equal(titleOf(again.html), titleOf(html));
      assert.ok(isAscii(again.html), 'a page exported from the school page is ASCII only');

      const unknown = run('--school', 'no-such-school', '--page', PAGE_PATH, '-o', folder, DEMO);
      assert.equal(unknown.status, 2);
      assert.match(unknown.stderr, /no file holds school no-such-school; the schools found: 500110-0001/);
      const noPage = run('--school', SCHOOL, '--page', path.join(folder, 'missing.html'), '-o', folder, DEMO);
      assert.equal(noPage.status, 2);
      assert.match(noPage.stderr, /cannot read the page .*missing\.html.*build-wasm\.sh/);
      const notPage = run('--school', SCHOOL, '--page', path.join(DEMO, '500110-0014-2024-1.json'), '-o', folder, DEMO);
      assert.equal(notPage.status, 2);
      assert.match(notPage.stderr, /not an IT2 Tracker page/);
      fs.rmSync(folder, { recursive: true, force: true });
    },
  },
  {
    name: 'one browser, both pages: the school page shows its school only and leaves the main workspace as it was',
    timeoutMs: 240000,
    async run(t) {
      const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'it2-school-page-'));
      const made = spawnSync(CLI, ['school-page', '--school', SCHOOL, '--as-of', AS_OF, '--page', PAGE_PATH, '-o',
        path.join(folder, 'school.html'), DEMO], { encoding: 'utf8' });
      assert.equal(made.status, 0, made.stderr);
      const context = await t.newContext();
      // The trainer's workspace: two files of other schools, saved in this browser.
      const main = await t.openPage({ context });
      const others = demoSchools().filter((f) => f.id !== SCHOOL).slice(0, 2);
      await main.evaluate((files) => window.it2.loadFiles(files), others.map((f) => ({ name: f.name, data: fs.readFileSync(path.join(DEMO, f.name), 'utf8') })));
      assert.equal((await main.evaluate(() => window.it2.flush())).ok, true);
      await main.close();

      const school = await openSchoolPage(t, path.join(folder, 'school.html'), context);
      const summary = JSON.parse(await school.evaluate(() => window.it2.summary()));
      assert.deepEqual(summary.schools.map((s) => s.id), [SCHOOL], 'the school page shows its own school, not the stored workspace');
      await school.close();

      const again = await t.openPage({ context });
      await again.waitForFunction(() => window.it2.storage().restored, null, { timeout: 60000 });
      const restored = JSON.parse(await again.evaluate(() => window.it2.summary()));
      assert.deepEqual(restored.files.map((f) => f.file), others.map((f) => f.name), 'the main page restores its own two files, nothing more');
      assert.equal((await again.evaluate(() => window.it2.storage())).stored, 2);
      fs.rmSync(folder, { recursive: true, force: true });
    },
  },
];
