// Issue 12's on-screen items, read from what the page drew (it2.state().rects): the capability
// table sorts by pass rate, the 使用了自定义规则 chip shows after a rule edit and after a reload,
// a rule edit and 恢复默认 can be undone, nothing moves when the load notice goes, a phone's
// header stays short with fingertip-sized buttons that stay put when the text grows, and a
// single school's files open on that school.
import fs from 'node:fs';
import path from 'node:path';

import { assert, ROOT } from './harness.mjs';
import { flushAndReload, loadFiles, openReloadablePage, summary } from './lib/stored-files.mjs';

const DESKTOP = { width: 1366, height: 768 };
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };

async function showView(t, page, name, arg = '') {
  assert.equal(await page.evaluate(([n, a]) => window.it2.view(n, a), [name, arg]), true, `it2.view("${name}")`);
  await t.waitFrames(page, 4);
  return t.state(page);
}

// The capability table's rows top to bottom, as drawn: [{code, y}].
function drawnPointOrder(state) {
  return Object.entries(state.rects)
    .filter(([name]) => name.startsWith('capRow.'))
    .map(([name, r]) => ({ code: name.slice('capRow.'.length), y: r[1] }))
    .sort((a, b) => a.y - b.y)
    .map((row) => row.code);
}

// Pass rate of each point from the counts the probe reports: (合格+优秀) / everyone who submitted.
function passRates(state) {
  const rates = new Map();
  for (const p of state.cards.points) {
    const submitted = p.submitted + p.pass + p.excellent + p.fail;
    rates.set(p.code, submitted > 0 ? (p.pass + p.excellent) / submitted : null);
  }
  return rates;
}

function assertOrderedByRate(order, rates, ascending, what) {
  assert.equal(order.length, 30, `${what}: 30 rows drawn`);
  const withRate = order.filter((code) => rates.get(code) !== null);
  assert.ok(withRate.length >= 5, `${what}: the demo has points with submissions`);
  // Points without a rate come after every point with one.
  assert.deepEqual(order.slice(0, withRate.length), withRate, `${what}: points without submissions last`);
  for (let i = 1; i < withRate.length; i++) {
    const a = rates.get(withRate[i - 1]), b = rates.get(withRate[i]);
    assert.ok(ascending ? a <= b + 1e-12 : a >= b - 1e-12,
      `${what}: ${withRate[i - 1]} (${a}) drawn before ${withRate[i]} (${b})`);
  }
}

// Table headers are "overlappable" items in ImGui: hovered only from their second frame under
// the pointer, so the pointer rests on them a moment before the click, as a mouse does.
async function clickHeader(t, page, name) {
  const rect = (await t.state(page)).rects[name];
  assert.ok(rect, `${name} is drawn`);
  await page.mouse.move(rect[0] + rect[2] / 2, rect[1] + rect[3] / 2);
  await t.waitFrames(page, 2);
  await page.mouse.down();
  await t.waitFrames(page, 2);
  await page.mouse.up();
  await t.waitFrames(page, 4);
}

async function typeIntoRect(t, page, rectName, text) {
  const rect = (await t.state(page)).rects[rectName];
  assert.ok(rect, `${rectName} is drawn`);
  // The field is the left part of the widget (its label and step buttons are on the right).
  await page.mouse.click(rect[0] + 12, rect[1] + rect[3] / 2);
  await t.waitFrames(page, 2);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  await t.waitFrames(page, 4);
}

export const tests = [
  {
    name: 'capability table: a click on 合格率 sorts the points by pass rate, again the other way; the order survives a reload',
    async run(t) {
      const page = await openReloadablePage(t);
      await page.evaluate(() => window.it2.loadDemo());
      await t.waitFrames(page, 3);
      let state = await showView(t, page, 'capability');
      const rates = passRates(state);
      assert.deepEqual(drawnPointOrder(state).slice(0, 3), ['A1', 'A2', 'A3'], 'catalogue order at first');
      assert.ok(state.rects.capWeakestHeading, 'the weakest points are listed');
      assert.ok(state.rects.capWeakest0, 'at least one point has enough submissions to rank');

      await clickHeader(t, page, 'capHeader.passRate');
      state = await t.state(page);
      const ascending = drawnPointOrder(state);
      assertOrderedByRate(ascending, rates, true, 'first click');
      await t.screenshot(page, 'capability-sorted-pass-rate-1366x768');

      await clickHeader(t, page, 'capHeader.passRate');
      state = await t.state(page);
      assertOrderedByRate(drawnPointOrder(state), rates, false, 'second click');

      // Back to lowest first, then a reload keeps that order.
      await clickHeader(t, page, 'capHeader.passRate');
      await flushAndReload(t, page);
      state = await showView(t, page, 'capability');
      assert.deepEqual(drawnPointOrder(state), ascending, 'the sort order is kept across a reload');
    },
  },
  {
    name: 'a rule edit shows 使用了自定义规则 on every view, lists what differs, and the chip is back after a reload',
    async run(t) {
      const page = await openReloadablePage(t);
      await page.evaluate(() => window.it2.loadDemo());
      await t.waitFrames(page, 3);
      let state = await showView(t, page, 'district');
      assert.equal(state.rects.rulesChip, undefined, 'no chip with the default rules');

      await showView(t, page, 'rules');
      await typeIntoRect(t, page, 'ruleOnlineMin', '30');
      state = await t.state(page);
      assert.ok(state.rects.rulesChip, 'the chip shows on the rules view after an edit');
      for (const view of ['district', 'school', 'capability', 'problems', 'help']) {
        state = await showView(t, page, view);
        assert.ok(state.rects.rulesChip, `the chip shows on the ${view} view`);
      }
      await t.clickRect(page, 'rulesChip');
      state = await t.state(page);
      assert.ok(state.rects.rulesDiffHeading, 'one click lists what differs');
      await t.screenshot(page, 'rules-chip-open-1366x768');
      await page.keyboard.press('Escape');

      await flushAndReload(t, page);
      state = await showView(t, page, 'district');
      assert.ok(state.rects.rulesChip, 'the chip is back after a reload (the edited rules are)');
    },
  },
  {
    name: 'a rule edit is undone by 撤销; 恢复默认 asks first and is undone too',
    async run(t) {
      const page = await t.openPage({ viewport: DESKTOP });
      await page.evaluate(() => window.it2.loadDemo());
      await t.waitFrames(page, 3);
      const original = (await summary(page)).district;
      let state = await showView(t, page, 'rules');
      await typeIntoRect(t, page, 'ruleOnlineMin', '40');
      const edited = (await summary(page)).district;
      assert.ok(edited.hours_rate < original.hours_rate, `40 online hours lower the hours rate (${edited.hours_rate} < ${original.hours_rate})`);

      await t.clickRect(page, 'rulesUndo');
      state = await t.state(page);
      assert.equal(state.rects.rulesChip, undefined, 'after 撤销 the rules are the defaults again');
      assert.deepEqual((await summary(page)).district, original, 'and the numbers are the original ones');

      // Edit, then 恢复默认: a confirmation first; 取消-less Escape keeps the edit.
      await typeIntoRect(t, page, 'ruleOnlineMin', '40');
      await t.clickRect(page, 'rulesReset');
      state = await t.state(page);
      assert.ok(state.rects.rulesResetConfirm, '恢复默认 asks for confirmation');
      await t.screenshot(page, 'rules-reset-confirm-1366x768');
      await page.keyboard.press('Escape');
      await t.waitFrames(page, 3);
      assert.ok((await t.state(page)).rects.rulesChip, 'without confirmation nothing is reset');
      await t.clickRect(page, 'rulesReset');
      await t.clickRect(page, 'rulesResetConfirm');
      state = await t.state(page);
      assert.equal(state.rects.rulesChip, undefined, 'confirmed: the defaults');
      assert.deepEqual((await summary(page)).district, original);
      await t.clickRect(page, 'rulesUndo');
      state = await t.state(page);
      assert.ok(state.rects.rulesChip, '撤销 brings the edited rules back');
      assert.deepEqual((await summary(page)).district, edited);
    },
  },
  {
    name: 'nothing moves when the load notice goes (the tab row and the view keep their pixels)',
    timeoutMs: 240000,
    async run(t) {
      for (const [size, options] of [['1366x768', { viewport: DESKTOP }], ['390x844', PHONE]]) {
        const page = await t.openPage(options);
        await page.evaluate(() => window.it2.loadDemo());
        await t.waitFrames(page, 3);
        const before = await t.state(page);
        assert.ok(before.notice.length > 0, `${size}: loading the demo says something`);
        assert.ok(before.rects.notice, `${size}: the notice is on screen`);
        assert.ok(before.rects.tabRow, `${size}: the tab row is drawn`);
        await t.screenshot(page, `notice-shown-${size}`);
        // The notice stays 12 s; wait (up to 60 s) until it is gone, then compare positions.
        await page.waitForFunction(() => !JSON.parse(window.it2.state()).rects.notice, null, { timeout: 60000, polling: 200 });
        const after = await t.state(page);
        assert.deepEqual(after.rects.tabRow, before.rects.tabRow, `${size}: the tab row did not move`);
        assert.deepEqual(after.rects.view, before.rects.view, `${size}: the view did not move`);
        assert.deepEqual(after.rects.firstSchoolRow, before.rects.firstSchoolRow, `${size}: the first school row did not move`);
      }
    },
  },
  {
    name: 'phone: the header takes at most 15% of the screen, buttons are 40 px tall, A+ stays under the finger',
    async run(t) {
      const page = await t.openPage(PHONE);
      await page.evaluate(() => window.it2.loadDemo());
      await t.waitFrames(page, 3);
      let state = await showView(t, page, 'district');
      assert.ok(state.rects.view[1] <= 844 * 0.15, `the view starts at ${state.rects.view[1]} px (≤ ${844 * 0.15})`);
      for (const name of ['fileMenu', 'settingsMenu', 'tabRow']) {
        assert.ok(state.rects[name][3] >= 40, `${name} is ${state.rects[name][3]} px tall (≥ 40)`);
      }
      await t.screenshot(page, 'phone-header-390x844');
      // The entries of the 文件… menu are touch targets too.
      await t.clickRect(page, 'fileMenu');
      const item = (await t.state(page)).rects.fileMenuFirstItem;
      assert.ok(item && item[3] >= 40, `a 文件… menu entry is ${item && item[3]} px tall (≥ 40)`);
      await t.screenshot(page, 'phone-file-menu-390x844');
      await page.keyboard.press('Escape');
      await t.waitFrames(page, 3);
      const header = { fileMenu: state.rects.fileMenu, tabRow: state.rects.tabRow, view: state.rects.view };

      await t.clickRect(page, 'settingsMenu');
      state = await t.state(page);
      const larger = state.rects.textLarger;
      assert.ok(larger && larger[3] >= 40, 'A+ is in the settings menu, 40 px tall');
      const scale = state.textScale;
      // Two taps at the same spot: both land on A+.
      await page.mouse.click(larger[0] + larger[2] / 2, larger[1] + larger[3] / 2);
      await t.waitFrames(page, 3);
      await page.mouse.click(larger[0] + larger[2] / 2, larger[1] + larger[3] / 2);
      await t.waitFrames(page, 3);
      state = await t.state(page);
      assert.ok(Math.abs(state.textScale - (scale + 0.2)) < 1e-3, `two taps made the text 0.2 larger (${scale} → ${state.textScale})`);
      assert.deepEqual(state.rects.textLarger, larger, 'A+ did not move');
      await page.keyboard.press('Escape');
      await t.waitFrames(page, 3);
      state = await t.state(page);
      for (const [name, rect] of Object.entries(header)) assert.deepEqual(state.rects[name], rect, `${name} did not move`);
      await t.screenshot(page, 'phone-larger-text-390x844');
    },
  },
  {
    name: 'a single school\'s files open on that school; the demo district opens on the district',
    async run(t) {
      const demo = path.join(ROOT, 'data', 'demo');
      const names = fs.readdirSync(demo).filter((n) => n.startsWith('500110-0001-') && n.endsWith('.json') && !n.includes('draft'));
      assert.ok(names.length >= 2, 'the demo has several batch files of school 500110-0001');
      const page = await t.openPage({ viewport: DESKTOP });
      await loadFiles(page, names.map((name) => ({ name, bytes: fs.readFileSync(path.join(demo, name)) })));
      await t.waitFrames(page, 4);
      let state = await t.state(page);
      assert.equal(state.loaded.schools, 1);
      assert.equal(state.view, 'school', 'the view opens on the school');
      assert.deepEqual(state.scope, { kind: 'school', id: '500110-0001' });
      assert.ok(state.rects.batchRow1, 'the school\'s batches are compared side by side');
      await t.screenshot(page, 'single-school-1366x768');

      const other = await t.openPage({ viewport: DESKTOP });
      await other.evaluate(() => window.it2.loadDemo());
      await t.waitFrames(other, 4);
      state = await t.state(other);
      assert.ok(state.loaded.schools > 1);
      assert.equal(state.view, 'district', 'many schools: the district');
    },
  },
  {
    name: '未合格（全部） lists every teacher not yet 合格 or 优秀, and the filter survives a reload',
    async run(t) {
      const page = await openReloadablePage(t);
      await page.evaluate(() => window.it2.loadDemo());
      await t.waitFrames(page, 3);
      const data = await summary(page);
      const school = data.schools[0];
      const notPassed = data.teachers.filter((x) => x.school === school.id && x.status !== 'passed' && x.status !== 'excellent');
      assert.ok(notPassed.length > 0 && notPassed.length < school.teachers, 'the school has teachers both ways');
      await showView(t, page, 'school', school.id);
      await t.clickRect(page, 'statusFilter');
      await t.clickRect(page, 'statusNotPassed');
      let state = await t.state(page);
      assert.equal(state.rows, notPassed.length, 'one row per teacher not passed');
      await t.screenshot(page, 'school-not-passed-1366x768');
      await flushAndReload(t, page);
      state = await showView(t, page, 'school', school.id);
      assert.equal(state.rows, notPassed.length, 'the filter is kept across a reload');
    },
  },
];
