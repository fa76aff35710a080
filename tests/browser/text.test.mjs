// Chinese text in and out (issue 2 page glue, issue 4 quality bar): rare name characters outside
// the embedded font are drawn through the browser's fonts, a character no font has is counted in
// missingGlyphs, and text committed by an input method reaches ImGui through the hidden textarea
// while the composition itself does not.
import { assert } from './harness.mjs';

// The first loadable demo batch file, parsed, from the page's own embedded copy.
async function demoBatch(page) {
  return page.evaluate(() => {
    const decoder = new TextDecoder();
    for (const file of window.it2Page.demoFiles()) {
      try {
        const data = JSON.parse(decoder.decode(file.bytes));
        if (data && Array.isArray(data.teachers) && data.teachers.length > 0) return { name: file.name, data };
      } catch { /* a demo file broken on purpose */ }
    }
    return null;
  });
}

export const tests = [
  {
    name: 'the UI and the demo district draw from the embedded font alone; no control character reaches the browser',
    async run(t) {
      const page = await t.openPage({ viewport: { width: 1366, height: 768 } });
      const stats = () => page.evaluate(() => window.it2Page.glyphStats());
      // ImGui sets up a tab for every font size it bakes: it must lay it out itself (four
      // spaces), not draw it through the browser's fonts on the first frame.
      assert.equal((await stats()).drawn, 0, 'the first frame drew nothing through the browser');
      assert.equal(await page.evaluate(() => window.it2Page.browserHasGlyph(9)), false, 'a tab is not the browser\'s to draw');
      assert.equal(await page.evaluate(() => window.it2Page.browserHasGlyph(0x85)), false, 'nor is a C1 control');
      assert.equal(await page.evaluate(() => window.it2Page.browserHasGlyph(0x3000)), true, 'an ideographic space still counts as drawable');

      await page.evaluate(() => window.it2.loadDemo());
      const batch = await demoBatch(page);
      assert.ok(batch, 'the page embeds a loadable demo batch file');
      for (const [view, arg] of [['district', ''], ['school', batch.data.school.id], ['teacher', batch.data.teachers[0].id],
        ['capability', ''], ['problems', ''], ['rules', ''], ['help', '']]) {
        assert.ok(await page.evaluate(([v, a]) => window.it2.view(v, a), [view, arg]), `it2.view("${view}")`);
        await t.waitFrames(page, 3);
        assert.equal((await stats()).drawn, 0, `the ${view} view drew every character from the embedded font`);
      }
      assert.equal((await t.state(page)).missingGlyphs, 0, 'no character is missing');
    },
  },
  {
    name: 'rare name characters outside the embedded font render through the browser',
    async run(t) {
      const page = await t.openPage({ viewport: { width: 1366, height: 768 } });
      const batch = await demoBatch(page);
      assert.ok(batch, 'the page embeds a loadable demo batch file');
      // 𠀾 (Ext-B) is in no UI string and no demo file, so it is not in the embedded subset.
      const rare = '王𠀾';
      const teacher = batch.data.teachers[0];
      teacher.name = rare;
      const result = await page.evaluate(([name, text]) => window.it2.load(name, text),
        ['rare-names.json', JSON.stringify(batch.data)]);
      assert.ok(['loaded', 'replaced', 'partial'].includes(result.status), `load: ${JSON.stringify(result)}`);
      assert.ok(await page.evaluate(() => window.it2Page.browserHasGlyph(0x2003E)), 'the browser can draw 𠀾');
      assert.ok(await page.evaluate((id) => window.it2.view('teacher', id), teacher.id), `teacher ${teacher.id} opens`);
      await t.waitFrames(page, 5);
      assert.equal((await t.state(page)).missingGlyphs, 0, 'every character of the loaded names can be drawn');
      await t.screenshot(page, 'text-rare-name-teacher');

      // A character no installed font has (U+30000, Ext-G) must be counted: the counter is live.
      teacher.name = '王\u{30000}';
      await page.evaluate(([name, text]) => window.it2.load(name, text), ['rare-names.json', JSON.stringify(batch.data)]);
      await t.waitFrames(page, 3);
      assert.equal(await page.evaluate(() => window.it2Page.browserHasGlyph(0x30000)), false, 'no font has U+30000');
      assert.equal((await t.state(page)).missingGlyphs, 1, 'U+30000 is counted as missing');
    },
  },
  {
    name: 'input-method text reaches ImGui once committed; typing, copy and paste work',
    async run(t) {
      const page = await t.openPage({ viewport: { width: 1366, height: 768 },
        permissions: ['clipboard-read', 'clipboard-write'] });
      await page.evaluate(() => window.it2.loadDemo());
      await t.waitFrames(page, 3);
      let state = await t.state(page);
      const box = state.rects && state.rects.schoolSearch;
      if (!box) {
        t.note('the district view exposes no rects.schoolSearch in it2.state(): nothing to type into');
        return;
      }
      await page.mouse.click(box[0] + box[2] / 2, box[1] + box[3] / 2);
      await t.waitFrames(page, 3);
      assert.equal(await page.evaluate(() => document.activeElement && document.activeElement.id), 'it2-ime',
        'an active ImGui text field focuses the input-method textarea');

      // A real composition, as Chromium's input method path delivers it.
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Input.imeSetComposition', { text: 'qi', selectionStart: 2, selectionEnd: 2 });
      await t.waitFrames(page, 3);
      state = await t.state(page);
      assert.equal(state.filters.schoolSearch, '', 'text still being composed does not reach ImGui');
      await cdp.send('Input.insertText', { text: '綦江' });
      await t.waitFrames(page, 3);
      state = await t.state(page);
      assert.equal(state.filters.schoolSearch, '綦江', 'the committed text reached the search field');

      await page.keyboard.type('12');
      await t.waitFrames(page, 3);
      assert.equal((await t.state(page)).filters.schoolSearch, '綦江12', 'ASCII typed once, not twice');
      await page.keyboard.press('Backspace');
      await t.waitFrames(page, 3);
      assert.equal((await t.state(page)).filters.schoolSearch, '綦江1', 'Backspace edits the field');
      await t.screenshot(page, 'text-ime-search');

      // Copy out of an ImGui field lands on the system clipboard; paste from it lands in the field.
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Control+C');
      assert.equal(await t.clipboardWhen(page, (text) => text === '綦江1'), '綦江1', 'Ctrl+C copies to the system clipboard');
      await page.evaluate(() => navigator.clipboard.writeText('九龙'));
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Control+V');
      const pasted = await t.stateWhen(page, (state) => state.filters.schoolSearch !== '綦江1');
      assert.equal(pasted.filters.schoolSearch, '九龙', 'Ctrl+V pastes the system clipboard');

      // Keys pressed just before an input method commits its text reach ImGui first
      // (pump_sdl_events, src/platform/web_page.h): Ctrl+A and the text in one task select the
      // field, then replace it. Before, the keys waited in SDL's queue for the next frame and came
      // after the text ("九龙石壕", all selected).
      await page.evaluate(() => {
        const key = (type, name, code, keyCode) => window.dispatchEvent(new KeyboardEvent(type,
          { key: name, code, keyCode, which: keyCode, ctrlKey: type === 'keydown' || name !== 'Control', bubbles: true, cancelable: true }));
        key('keydown', 'Control', 'ControlLeft', 17);
        key('keydown', 'a', 'KeyA', 65);
        key('keyup', 'a', 'KeyA', 65);
        key('keyup', 'Control', 'ControlLeft', 17);
        window.it2._addInputText('石壕');
      });
      const replaced = await t.stateWhen(page, (state) => state.filters.schoolSearch !== '九龙');
      assert.equal(replaced.filters.schoolSearch, '石壕', 'Ctrl+A, then the committed text replaces the selection');

      // Leaving the field hands the keyboard back (no hidden focus trap).
      await page.mouse.click(900, 140);
      await t.waitFrames(page, 3);
      assert.notEqual(await page.evaluate(() => document.activeElement && document.activeElement.id), 'it2-ime',
        'the textarea lets go when no ImGui field is active');
    },
  },
];
