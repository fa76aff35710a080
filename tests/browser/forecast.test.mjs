// The forecast and the reminder lists on the page (issue 13): the summary carries the forecast,
// the district table and the school chart draw it (screenshots build/artifacts/forecast-*.png for
// a person to look at), and 复制催办名单 puts on the clipboard exactly what `it2 remind` prints for
// the same files and date: one message per school with teachers not passed, names only unless
// 附带工号 is ticked (then as `it2 remind --with-ids`; the tick is kept in the page's settings and
// comes back after a reload in the same profile).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { assert, CLI, ROOT } from './harness.mjs';
import { flushAndReload } from './lib/stored-files.mjs';

// Three days after the demo's data date (2026-11-27, data/demo/README.md), 19 days before its
// third batch ends: some schools done, some on pace, most late.
const AS_OF = '2026-11-30';

function cliRemind(args) {
  assert.ok(fs.existsSync(CLI), `${CLI} is missing: build it with 'cmake --preset native && cmake --build --preset native'`);
  const result = spawnSync(CLI, ['remind', '--as-of', AS_OF, ...args, path.join(ROOT, 'data', 'demo')], { encoding: 'utf8' });
  assert.ok(result.status === 0 || result.status === 1, `it2 remind failed (${result.status}): ${result.stderr}`);
  return result.stdout.replace(/\n$/, '');
}

async function setAsOf(t, page, iso) {
  // Typed as a user would; a click that lands while the frame is still settling (the demo loads
  // after the first frame) may miss the field, so up to three tries, each checked in the state.
  for (let attempt = 0; attempt < 3; attempt++) {
    const box = (await t.state(page)).rects.asOf;
    assert.ok(box, 'the as-of field is drawn');
    await page.mouse.click(box[0] + box[2] / 2, box[1] + box[3] / 2);
    await t.waitFrames(page, 2);
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(iso);
    await t.waitFrames(page, 2);
    await page.keyboard.press('Tab');
    await t.waitFrames(page, 3);
    if ((await t.state(page)).asOf === iso) return;
  }
  assert.equal((await t.state(page)).asOf, iso, `the as-of date is ${iso}`);
}

// Scrolls the view (mouse wheel over its middle) until the widget `rect` is on screen.
async function scrollTo(t, page, rect) {
  const viewport = page.viewportSize();
  for (let i = 0; i < 12; i++) {
    const box = (await t.state(page)).rects[rect];
    if (box && box[1] >= 0 && box[1] + box[3] <= viewport.height) return;
    await page.mouse.move(viewport.width / 2, viewport.height * 0.6);
    await page.mouse.wheel(0, box && box[1] < 0 ? -300 : 300);
    await t.waitFrames(page, 3);
  }
  assert.fail(`${rect} never came on screen`);
}

async function copied(t, page, rect) {
  await scrollTo(t, page, rect);
  const box = (await t.state(page)).rects[rect];
  assert.ok(box, `the ${rect} button is drawn`);
  await page.evaluate(() => navigator.clipboard.writeText('nothing yet'));
  await page.mouse.click(box[0] + box[2] / 2, box[1] + box[3] / 2);
  return t.clipboardWhen(page, (text) => text !== 'nothing yet');
}

export const tests = [{
  name: 'forecast columns and chart, and 复制催办名单 copies what it2 remind prints',
  timeoutMs: 240000,
  async run(t) {
    const page = await t.openPage({ viewport: { width: 1366, height: 768 }, permissions: ['clipboard-read', 'clipboard-write'] });
    await page.evaluate(() => window.it2.loadDemo());
    await t.waitFrames(page, 3);
    await setAsOf(t, page, AS_OF);
    const summary = JSON.parse(await page.evaluate(() => window.it2.summary()));
    assert.equal(summary.as_of, AS_OF);
    const f = summary.district.forecast;
    assert.ok(f && f.window_days === 28, 'the district forecast is in the summary');
    const late = summary.schools.filter((s) => s.forecast.late);
    const onTrack = summary.schools.filter((s) => s.forecast.finish !== null);
    assert.ok(late.length > 0 && onTrack.length > 0, `some schools late (${late.length}), some on track (${onTrack.length})`);
    const done = summary.schools.filter((s) => s.forecast.batches.some((b) => b.state === 'done'));
    assert.ok(done.length > 0 && done.every((s) => !s.forecast.late), `some schools done and not flagged (${done.length})`);
    assert.equal(f.late_schools, late.length);

    // The district: the table with its forecast columns, and every school's reminder at once.
    await page.evaluate(() => window.it2.view('district'));
    await t.waitFrames(page, 4);
    await t.screenshot(page, 'forecast-district');
    const all = await copied(t, page, 'copyReminderAll');
    assert.equal(all, cliRemind([]), 'the district reminder equals it2 remind on the same files and date');
    const unpassed = (s) => summary.teachers.filter((x) => x.school === s.id && x.status !== 'passed' && x.status !== 'excellent');
    for (const school of summary.schools) {
      if (unpassed(school).length > 0) assert.ok(all.includes(`【催办名单】${school.name}`), `${school.name} has a message`);
    }

    // A school on pace: its chart rises steeply in the last weeks, the dashed line reaches the top.
    await page.evaluate((id) => window.it2.view('school', id), onTrack[0].id);
    await t.waitFrames(page, 4);
    await t.screenshot(page, 'forecast-school-on-pace');

    // A school projected late: its chart with the dashed projection, and its own reminder.
    const school = late.find((s) => s.forecast.batches.some((b) => b.state === 'late' && b.window_passed > 0)) ?? late[0];
    await page.evaluate((id) => window.it2.view('school', id), school.id);
    await t.waitFrames(page, 4);
    const text = await copied(t, page, 'copyReminder');
    await t.screenshot(page, 'forecast-school');
    assert.equal(text, cliRemind(['--school', school.id]), 'the school reminder equals it2 remind --school');
    assert.ok(text.startsWith(`【催办名单】${school.name}`), 'headed with the school');
    for (const teacher of unpassed(school)) {
      assert.ok(text.includes(`\n${teacher.name}`), `${teacher.name} is listed`);
      assert.ok(!text.includes(teacher.id), 'names only: no teacher id');
    }
    assert.match((await t.state(page)).notice, /催办名单/, 'the notice says what was copied');

    // 附带工号 ticked: the same list with each teacher's id, as it2 remind --with-ids; kept.
    const tick = async () => {
      const box = (await t.state(page)).rects.reminderIds;
      assert.ok(box, 'the 附带工号 box is drawn beside the copy button');
      await page.mouse.click(box[0] + 8, box[1] + box[3] / 2);
      await t.waitFrames(page, 3);
    };
    const kept = async () => {
      const raw = await page.evaluate(() => window.it2._persistState());
      const state = typeof raw === 'string' ? JSON.parse(raw) : raw;
      return state.stored.view_state.reminderIds;
    };
    assert.equal(await kept(), '0', 'unticked at first');
    await tick();
    assert.equal(await kept(), '1', 'the tick is kept in the stored settings');
    const withIds = await copied(t, page, 'copyReminder');
    assert.equal(withIds, cliRemind(['--school', school.id, '--with-ids']), 'ticked: it2 remind --with-ids');
    for (const teacher of unpassed(school)) assert.ok(withIds.includes(`\n${teacher.name}（${teacher.id}）`), `${teacher.name} with id`);

    // Reloaded in the same profile: the tick comes back with the stored settings, and the copy
    // still carries the ids (what the user sees ticked is what the button does).
    await flushAndReload(t, page);
    assert.equal(await kept(), '1', 'the tick is stored across a reload');
    await setAsOf(t, page, AS_OF);
    await page.evaluate((id) => window.it2.view('school', id), school.id);
    await t.waitFrames(page, 4);
    assert.equal(await copied(t, page, 'copyReminder'), cliRemind(['--school', school.id, '--with-ids']),
      'after the reload, still ticked: it2 remind --with-ids');
    await tick();
    assert.equal(await kept(), '0', 'unticked again');
    assert.equal(await copied(t, page, 'copyReminder'), cliRemind(['--school', school.id]), 'unticked: names only');
  },
}];
