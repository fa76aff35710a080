// Dropping folders (issue 5): Playwright cannot drag a real folder in, so the drop carries a
// stub DataTransfer whose items answer webkitGetAsEntry() with fake FileSystemEntry objects
// built from data/demo, and whose directory readers answer readEntries() 100 entries at a time
// the way Chromium does. Checks the drop hint, which files are taken (names as files.js gives
// them), that non-data files inside folders are skipped, and that the loaded result equals
// `it2 summarize --json` on the same files in the same order.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assert, ROOT, cliSummary } from './harness.mjs';

const DEMO_DIR = path.join(ROOT, 'data', 'demo');
const CSV_TEMPLATE = path.join(ROOT, 'data', 'templates', 'it2-template.csv');
const AS_OF = '2026-06-30';
const CHUNK = 100;  // Chromium's readEntries() answers at most 100 entries per call

const FOLDER = '区县数据';
const SUB = '第二批';
const LOOSE = '500110-0020-2026-1.json';
const IN_SUB = ['500110-0002-2024-1.v2.json', '500110-0019-2024-1.json', '500110-0019-2025-1.json'];
const FILLERS = 60;  // scans and photos next to the data: pushes data entries into the second chunk

function demoJson() {
  return fs.readdirSync(DEMO_DIR).filter((name) => name.endsWith('.json')).sort();
}

const fileNode = (name, source) => ({ kind: 'file', name, base64: fs.readFileSync(source).toString('base64') });
const textNode = (name, text) => ({ kind: 'file', name, base64: Buffer.from(text).toString('base64') });

// The dropped tree, children in the (unsorted) order the fake readers answer them:
//   500110-0020-2026-1.json                       a loose file
//   区县数据/ 60 fillers, README.txt, the other demo files (reverse order), 第二批/
//   区县数据/第二批/ notes.txt, 教师名单.CSV, three demo files
function droppedTree() {
  const rootData = demoJson().filter((name) => name !== LOOSE && !IN_SUB.includes(name)).reverse();
  const sub = {
    kind: 'dir',
    name: SUB,
    children: [
      textNode('notes.txt', '第二批的说明，不是数据'),
      fileNode('教师名单.CSV', CSV_TEMPLATE),
      ...IN_SUB.map((name) => fileNode(name, path.join(DEMO_DIR, name))),
    ],
  };
  const fillers = Array.from({ length: FILLERS }, (_, i) => textNode(`扫描件-${String(i + 1).padStart(3, '0')}.pdf`, `%PDF-1.4 scan ${i}`));
  const folder = {
    kind: 'dir',
    name: FOLDER,
    children: [...fillers, textNode('README.txt', 'Not data: a note for the person who collected these files.'),
      ...rootData.map((name) => fileNode(name, path.join(DEMO_DIR, name))), sub],
  };
  return { loose: fileNode(LOOSE, path.join(DEMO_DIR, LOOSE)), folder };
}

// What the page should load, in order: the loose file, then each folder's .json/.csv children
// sorted by name, sub-folders walked where they sort. Names are entry paths without the leading "/".
function expectedNames(tree) {
  const out = [tree.loose.name];
  const walk = (node, prefix) => {
    const children = [...node.children].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const child of children) {
      if (child.kind === 'dir') walk(child, `${prefix}${child.name}/`);
      else if (/\.(json|csv)$/i.test(child.name)) out.push(prefix + child.name);
    }
  };
  walk(tree.folder, `${FOLDER}/`);
  return out;
}

// The same tree on disk, for the command line; returns its folder.
function writeTree(tree) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'it2-drop-'));
  const write = (node, folder) => {
    if (node.kind === 'file') {
      fs.writeFileSync(path.join(folder, node.name), Buffer.from(node.base64, 'base64'));
      return;
    }
    fs.mkdirSync(path.join(folder, node.name));
    for (const child of node.children) write(child, path.join(folder, node.name));
  };
  write(tree.loose, root);
  write(tree.folder, root);
  return root;
}

// The command line names a file by its base name; the page by its path inside the drop (also
// where a problem's message names another file).
function withBaseNames(summary, names) {
  const base = (name) => name.split('/').pop();
  const longestFirst = [...names].sort((a, b) => b.length - a.length);
  const message = (text) => longestFirst.reduce((out, name) => out.split(name).join(base(name)), text);
  return {
    ...summary,
    files: summary.files.map((file) => ({ ...file, file: base(file.file) })),
    problems: summary.problems.map((problem) => ({ ...problem, file: base(problem.file), message: message(problem.message) })),
  };
}

// Installs window.__it2Drop in the page: fake entries for the tree and a way to fire drag events
// carrying a stub DataTransfer. Records readEntries() answers and file() reads per path.
// failOnCall: the top folder's readEntries() fails on that call (1-based), as when the browser
// loses access to a folder halfway.
async function installFakeDrop(page, tree, failOnCall = 0) {
  await page.evaluate(({ tree: spec, chunk, failOnCall }) => {
    const decode = (text) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
    const log = { readerAnswers: {}, fileReads: [] };
    const entryOf = (node, parentPath) => {
      const fullPath = `${parentPath}/${node.name}`;
      if (node.kind === 'file') {
        return {
          isFile: true, isDirectory: false, name: node.name, fullPath, filesystem: null,
          file(success) {
            log.fileReads.push(fullPath);
            setTimeout(() => success(new File([decode(node.base64)], node.name, { lastModified: 0 })), 0);
          },
        };
      }
      const children = node.children.map((child) => entryOf(child, fullPath));
      return {
        isFile: false, isDirectory: true, name: node.name, fullPath, filesystem: null,
        createReader() {
          let offset = 0;
          const answers = (log.readerAnswers[fullPath] = log.readerAnswers[fullPath] || []);
          return {
            readEntries(success, failure) {
              if (failOnCall > 0 && parentPath === '' && answers.length + 1 === failOnCall) {
                answers.push('error');
                setTimeout(() => failure(new DOMException('A requested file or directory could not be read', 'NotReadableError')), 0);
                return;
              }
              const answer = children.slice(offset, offset + chunk);
              offset += answer.length;
              answers.push(answer.length);
              setTimeout(() => success(answer), 0);
            },
          };
        },
      };
    };
    const looseEntry = entryOf(spec.loose, '');
    const folderEntry = entryOf(spec.folder, '');
    const looseFile = new File([decode(spec.loose.base64)], spec.loose.name, { type: 'application/json' });
    const fileItems = [
      { kind: 'file', type: 'application/json', webkitGetAsEntry: () => looseEntry, getAsFile: () => looseFile },
      { kind: 'file', type: '', webkitGetAsEntry: () => folderEntry, getAsFile: () => null },
      // A drag from a file manager also carries strings (the paths): they are not files.
      { kind: 'string', type: 'text/plain', webkitGetAsEntry: () => null, getAsFile: () => null, getAsString: (cb) => cb(spec.folder.name) },
    ];
    const transfer = (types, items) => ({ types, items, files: items === fileItems ? [looseFile] : [], dropEffect: 'none', effectAllowed: 'all' });
    window.__it2Drop = {
      log,
      // Fires `type` on the canvas with a stub DataTransfer; returns {notCancelled, dropEffect}.
      fire(type, kind) {
        const data = kind === 'files' ? transfer(['Files', 'text/plain'], fileItems) : transfer(['text/plain'], [fileItems[2]]);
        const event = new Event(type, { bubbles: true, cancelable: true });
        Object.defineProperty(event, 'dataTransfer', { value: data });
        const notCancelled = document.getElementById('canvas').dispatchEvent(event);
        return { notCancelled, dropEffect: data.dropEffect };
      },
      hintShown() {
        const hint = document.getElementById('it2-drop-hint');
        return { visibleClass: hint.classList.contains('it2-visible'), display: getComputedStyle(hint).display };
      },
    };
  }, { tree, chunk: CHUNK, failOnCall });
}

export const tests = [
  {
    name: 'a dropped folder (nested, >100 entries read in chunks) and a loose file load exactly their data files, as the CLI counts them',
    timeoutMs: 120000,
    async run(t) {
      const page = await t.openPage({ viewport: { width: 1366, height: 768 } });
      await page.waitForFunction(() => window.it2.storage().restored, null, { timeout: 60000, polling: 30 });
      const tree = droppedTree();
      const expected = expectedNames(tree);
      assert.ok(tree.folder.children.length > CHUNK, `the folder has ${tree.folder.children.length} entries: more than one chunk`);
      await installFakeDrop(page, tree);

      // The hint: not for a dragged text, shown while files are dragged over the page.
      await page.evaluate(() => window.__it2Drop.fire('dragenter', 'text'));
      assert.deepEqual(await page.evaluate(() => window.__it2Drop.hintShown()), { visibleClass: false, display: 'none' },
        'dragging text shows no drop hint');
      const enter = await page.evaluate(() => window.__it2Drop.fire('dragenter', 'files'));
      assert.equal(enter.notCancelled, false, 'dragenter with files is accepted (preventDefault)');
      assert.deepEqual(await page.evaluate(() => window.__it2Drop.hintShown()), { visibleClass: true, display: 'flex' },
        'dragging files shows the drop hint');
      const over = await page.evaluate(() => window.__it2Drop.fire('dragover', 'files'));
      assert.equal(over.notCancelled, false, 'dragover is accepted, or the browser would refuse the drop');
      assert.equal(over.dropEffect, 'copy');
      await t.screenshot(page, 'drop-hint-1366x768');
      // Moving over another element: enter it first, then leave the old one; the hint stays.
      await page.evaluate(() => window.__it2Drop.fire('dragenter', 'files'));
      await page.evaluate(() => window.__it2Drop.fire('dragleave', 'files'));
      assert.equal((await page.evaluate(() => window.__it2Drop.hintShown())).visibleClass, true, 'still over the page: the hint stays');
      await page.evaluate(() => window.__it2Drop.fire('dragleave', 'files'));
      assert.equal((await page.evaluate(() => window.__it2Drop.hintShown())).visibleClass, false, 'leaving the page hides the hint');
      await page.evaluate(() => window.__it2Drop.fire('dragenter', 'files'));
      assert.equal((await page.evaluate(() => window.__it2Drop.hintShown())).visibleClass, true, 'back over the page');

      const drop = await page.evaluate(() => window.__it2Drop.fire('drop', 'files'));
      assert.equal(drop.notCancelled, false, 'the drop is taken by the page (else the browser opens the file)');
      assert.deepEqual(await page.evaluate(() => window.__it2Drop.hintShown()), { visibleClass: false, display: 'none' },
        'the drop hides the hint');

      // The fresh page loaded nothing before: the first finished batch is the drop's.
      assert.equal(await page.evaluate(() => window.it2Files.lastBatch()), null);
      await page.waitForFunction(() => window.it2Files.lastBatch() !== null, null, { timeout: 60000, polling: 50 });
      await t.waitFrames(page, 3);
      assert.equal((await page.evaluate(() => window.it2Files.lastBatch())).files, expected.length, 'one batch with every data file');

      const log = await page.evaluate(() => window.__it2Drop.log);
      const folderEntries = tree.folder.children.length;
      assert.deepEqual(log.readerAnswers[`/${FOLDER}`], [CHUNK, folderEntries - CHUNK, 0],
        'the folder was read chunk after chunk until an empty answer');
      assert.deepEqual(log.readerAnswers[`/${FOLDER}/${SUB}`], [tree.folder.children.at(-1).children.length, 0]);
      const nonData = log.fileReads.filter((entryPath) => !/\.(json|csv)$/i.test(entryPath));
      assert.deepEqual(nonData, [], 'no non-data file inside the folder is even read');

      // Exactly the expected files, in the expected order, under the expected names.
      const persisted = (await page.evaluate(() => window.it2._persistState())).files.map((file) => file.name);
      assert.deepEqual(persisted, expected, 'the loaded files are the data files of the drop, named by their path');
      assert.ok(persisted.includes(`${FOLDER}/${SUB}/教师名单.CSV`), 'an upper-case .CSV in a sub-folder is taken');
      assert.ok(persisted.includes(`${FOLDER}/${demoJson().find((name) => name !== LOOSE && !IN_SUB.includes(name))}`),
        'a data file answered in the second chunk is taken');
      assert.ok(!persisted.some((name) => /README|notes|扫描件/.test(name)), `non-data files loaded: ${persisted.filter((n) => !/\.(json|csv)$/i.test(n))}`);

      // The same files in the same order through the command line give the same summary.
      const pageSummary = JSON.parse(await page.evaluate((d) => window.it2.summary(d), AS_OF));
      assert.deepEqual(pageSummary.files.map((file) => file.file), expected, 'summary.files lists the drop, in order');
      const onDisk = writeTree(tree);
      const cli = cliSummary(AS_OF, expected.map((name) => path.join(onDisk, ...name.split('/'))));
      fs.rmSync(onDisk, { recursive: true, force: true });
      assert.equal(cli.files.length, expected.length);
      assert.ok(cli.files.some((file) => file.status === 'rejected') && cli.files.some((file) => file.status === 'replaced'),
        'the drop holds a rejected and a replaced file (statuses are compared too)');
      const state = await t.state(page);
      assert.equal(state.loaded.teachers, cli.teachers.length, 'teachers: page = command line');
      assert.equal(state.loaded.schools, cli.schools.length, 'schools: page = command line');
      assert.deepEqual(pageSummary.district, cli.district, 'district numbers: page = command line');
      assert.deepEqual(withBaseNames(pageSummary, expected), cli, 'the whole summary: page = command line (file names by base name)');
      assert.match(state.notice, new RegExp(`已载入 ${expected.length} 个文件`), `notice: ${state.notice}`);
      t.note(`${expected.length} files from a drop of ${folderEntries + 1} folder entries + 1 loose file; ` +
        `${cli.teachers.length} teachers, ${cli.schools.length} schools`);
    },
  },
  {
    name: 'a folder the browser stops reading halfway: what was read loads, and the page says the rest could not be read',
    timeoutMs: 120000,
    async run(t) {
      const page = await t.openPage({ viewport: { width: 1366, height: 768 } });
      await page.waitForFunction(() => window.it2.storage().restored, null, { timeout: 60000, polling: 30 });
      const tree = droppedTree();
      await installFakeDrop(page, tree, 2);
      await page.evaluate(() => window.__it2Drop.fire('dragenter', 'files'));
      await page.evaluate(() => window.__it2Drop.fire('drop', 'files'));
      await page.waitForFunction(() => window.it2Files.lastBatch() !== null, null, { timeout: 60000, polling: 50 });
      await page.waitForFunction(() => /无法读取拖入的/.test(JSON.parse(window.it2.state()).notice), null, { timeout: 60000, polling: 50 });
      const log = await page.evaluate(() => window.__it2Drop.log);
      assert.deepEqual(log.readerAnswers[`/${FOLDER}`], [CHUNK, 'error'], 'the second read of the folder failed');
      // Walked in name order after the whole folder is read, so a failed read loses the folder's
      // entries: only the loose file loads.
      const persisted = (await page.evaluate(() => window.it2._persistState())).files.map((file) => file.name);
      assert.deepEqual(persisted, [LOOSE], 'the loose file still loads');
      const state = await t.state(page);
      assert.match(state.notice, new RegExp(`无法读取拖入的 ${FOLDER}（A requested file or directory could not be read）`), `notice: ${state.notice}`);
      assert.match(state.notice, /已载入|Loaded/, 'the load\'s own notice is kept before it');
    },
  },
];
