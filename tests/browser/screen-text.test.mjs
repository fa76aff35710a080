// Tests that read the screen (issue 11, item 5): the text the panels submitted to ImGui in the
// last frame (it2.drawnText(), recorded by the widgets into the page probe, src/app/page_probe.h)
// must show the summary's numbers (it2.summary()) as the panels' own formatting functions
// format them (it2.format()). A panel that draws a number from the wrong field, or two columns
// swapped, fails here, although it2.state()'s recomputed cards would still agree with the summary.
import { assert } from './harness.mjs';

const RATE_KEYS = ['participation_rate', 'hours_rate', 'submission_rate', 'pass_rate', 'excellence_rate'];

// The text of the next whole frame drawn after the call (the first call turns recording on).
async function drawnText(t, page) {
  const before = await page.evaluate(() => window.it2.drawnText().frame);
  await t.waitFrames(page, 2);
  const drawn = await page.evaluate(() => window.it2.drawnText());
  assert.ok(drawn.frame > before, `a frame was recorded (frame ${drawn.frame}, before ${before})`);
  return drawn.items;
}

async function format(page, kind, value, extra) {
  return page.evaluate(([k, v, e]) => window.it2.format(k, v, e), [kind, value, extra]);
}

async function showView(t, page, name, arg = '') {
  assert.equal(await page.evaluate(([n, a]) => window.it2.view(n, a), [name, arg]), true, `it2.view("${name}", "${arg}")`);
  await t.waitFrames(page, 4);  // tables settle their column widths over a couple of frames
}

// Each card (region "card:<summary key>") draws its label, its value and its target, in that
// order. Returns the labels by key (the school table's column headers use the same words).
async function assertCards(page, items, rates, what) {
  const labels = {};
  for (const key of RATE_KEYS) {
    const texts = items.filter((i) => i.region === `card:${key}`).map((i) => i.text);
    assert.equal(texts.length, 3, `${what}: card ${key} draws label, value and target: ${JSON.stringify(texts)}`);
    const want = await format(page, 'rate', rates[key]);
    assert.equal(texts[1], want, `${what}: card ${key} shows "${texts[1]}", the summary's ${rates[key]} formatted is "${want}"`);
    labels[key] = texts[0];
  }
  return labels;
}

// The school table's rows on screen: the text of each cell by column header, in drawing order.
function schoolRows(items) {
  const rows = [];
  for (const item of items.filter((i) => /\/schools_(zh|en)_/.test(i.window))) {
    if (item.column === '学校') rows.push({});
    if (rows.length > 0) rows[rows.length - 1][item.column] = item.text;
  }
  return rows;
}

export const tests = [
  {
    name: 'the load notice counts the problems the header counts (one function, core/counts.h)',
    async run(t) {
      const page = await t.openPage({ viewport: { width: 1366, height: 768 } });
      await t.waitFrames(page, 3);
      await page.evaluate(() => window.it2Page.requestDemoLoad());  // what 示例区县 does: one batch
      const files = await page.evaluate(() => window.it2.demoFiles().length);
      await page.waitForFunction((n) => JSON.parse(window.it2.state()).loaded.files === n, files, { timeout: 60000, polling: 50 });
      await t.waitFrames(page, 4);
      const state = await t.state(page);
      const said = state.notice.match(/已载入 (\d+) 个文件：(\d+) 个被拒绝，共 (\d+) 个问题/);
      assert.ok(said, `the batch's notice: ${state.notice}`);
      assert.ok(state.loaded.problems > 0, 'the demo has deliberate problems');
      assert.equal(Number(said[3]), state.loaded.problems,
        `notice "${state.notice}" and the header (${state.loaded.problems} problems in ${state.loaded.filesWithProblems} files)`);
      const summary = JSON.parse(await page.evaluate(() => window.it2.summary()));
      assert.equal(state.loaded.problems, summary.problems.length, 'the header counts the summary\'s problems');
      assert.equal(state.loaded.filesWithProblems, new Set(summary.problems.map((p) => p.file)).size, 'files with problems');
      await t.screenshot(page, 'screen-text-load-notice-1366x768');
    },
  },
  {
    name: 'the cards, the school table\'s visible rows and the teacher view draw the summary\'s numbers',
    timeoutMs: 240000,
    async run(t) {
      const page = await t.openPage({ viewport: { width: 1366, height: 768 } });
      assert.ok((await page.evaluate(() => window.it2.loadDemo())).length > 0, 'the demo district loads');
      await t.waitFrames(page, 3);
      const summary = JSON.parse(await page.evaluate(() => window.it2.summary()));
      // Five different rates: a card showing another card's field cannot pass by coincidence.
      const districtRates = RATE_KEYS.map((k) => summary.district[k]);
      assert.equal(new Set(districtRates).size, RATE_KEYS.length, `the demo's district rates differ: ${districtRates}`);

      // District overview: the cards, then every school row on screen.
      await showView(t, page, 'district');
      let items = await drawnText(t, page);
      const labels = await assertCards(page, items, summary.district, 'district');
      const rows = schoolRows(items);
      const state = await t.state(page);
      assert.ok(rows.length >= 3, `school rows drawn: ${rows.length}`);
      assert.ok(rows.length <= state.rows, `only the rows on screen are drawn (${rows.length} of ${state.rows})`);
      for (const row of rows) {
        const school = summary.schools.find((s) => s.name === row['学校']);
        assert.ok(school, `a drawn row names a school of the summary: ${JSON.stringify(row)}`);
        const what = `school row ${school.id} ${school.name}`;
        assert.equal(row['批次'], await format(page, 'count', school.batches.length), `${what}: batches`);
        assert.equal(row['教师'], await format(page, 'count', school.teachers), `${what}: teachers`);
        for (const key of RATE_KEYS) {
          assert.equal(row[labels[key]], await format(page, 'rate', school[key]),
            `${what}: column ${labels[key]} (${key}) shows "${row[labels[key]]}"`);
        }
        assert.equal(row['推进得分'], await format(page, 'score', school.score), `${what}: score`);
      }

      // School view: its cards.
      const school = [...summary.schools].sort((a, b) => a.score - b.score)[0];
      await showView(t, page, 'school', school.id);
      items = await drawnText(t, page);
      await assertCards(page, items, school, `school ${school.id}`);

      // Teacher view: a teacher with hours of both kinds, status and hours as drawn.
      const teacher = summary.teachers.find((x) => x.online > 0 && x.practice > 0 && x.online !== x.practice);
      assert.ok(teacher, 'the demo has a teacher with online and practice hours');
      await showView(t, page, 'teacher', teacher.id);
      items = await drawnText(t, page);
      const texts = items.map((i) => i.text);
      const status = await format(page, 'status', teacher.status);
      assert.ok(status !== '' && texts.includes(status), `teacher ${teacher.id}: status "${status}" drawn in ${JSON.stringify(texts)}`);
      // The hours bars (online, practice, total), each "value / target".
      const bars = texts.filter((x) => /^\d+(\.\d+)? \/ \d+$/.test(x));
      assert.equal(bars.length, 3, `teacher ${teacher.id}: three hours bars: ${JSON.stringify(bars)}`);
      const values = [teacher.online, teacher.practice, teacher.online + teacher.practice];
      for (let i = 0; i < 3; ++i) {
        const target = Number(bars[i].split(' / ')[1]);
        assert.equal(bars[i], await format(page, 'hours', values[i], target), `teacher ${teacher.id}: hours bar ${i + 1}`);
      }
    },
  },
];
