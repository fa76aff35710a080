// Hostile sizes (issue 10): a 1.2 MB batch of 2,000 teachers whose school name is 350,000
// characters. Before the length limits, opening the school view and exporting aborted the wasm
// module. Now the name is a data problem (cut, with a warning), every view and export works,
// and every export stays about the size of the input.
import { assert } from './harness.mjs';
import { loadFiles, openReloadablePage } from './lib/stored-files.mjs';

const SCHOOL_ID = '500110-9001';

function longNameBatch() {
  const teachers = [];
  for (let i = 0; i < 2000; ++i) {
    teachers.push({
      id: `5001109${String(i).padStart(5, '0')}`, name: `教师${i}`, subject: '语文',
      hours: { online: i % 40, practice: (i * 7) % 40 },
      points: [{ code: 'A1', status: 'graded', grade: '合格' }, { code: 'B2', status: 'submitted' }],
    });
  }
  return {
    format: 'it2-batch', version: 1,
    school: { id: SCHOOL_ID, name: '很长的学校名'.repeat(350000 / 6) },
    batch: { id: '2026-1', name: '第一批', start: '2026-03-01', end: '2026-12-31' },
    teachers,
  };
}

export const tests = [
  {
    name: 'a 1.2 MB file with a 350,000-character school name: a warning, the school view and every export, no abort',
    async run(t) {
      const bytes = Buffer.from(JSON.stringify(longNameBatch()));
      assert.ok(bytes.length > 1.1e6, `the file is ${bytes.length} bytes`);
      const page = await openReloadablePage(t);
      const [result] = await loadFiles(page, [{ name: 'long-name.json', bytes }]);
      assert.equal(result.status, 'loaded', JSON.stringify(result));
      assert.ok(result.problems >= 1, 'the over-long name is reported');

      const summary = JSON.parse(await page.evaluate(() => window.it2.summary('2026-06-30')));
      assert.equal(summary.teachers.length, 2000, 'every teacher is loaded');
      const school = summary.schools.find((s) => s.id === SCHOOL_ID);
      assert.ok(school && [...school.name].length <= 200, `the name is cut to the limit (${school && [...school.name].length})`);
      const nameProblem = summary.problems.find((p) => p.pointer === '/school/name');
      assert.ok(nameProblem && nameProblem.severity === 'warning', JSON.stringify(summary.problems.slice(0, 3)));

      assert.ok(await page.evaluate((id) => window.it2.view('school', id), SCHOOL_ID));
      await t.waitFrames(page, 5);
      const sizes = await page.evaluate((id) => ({
        teachers: window.it2.exportCsv('teachers').length,
        schools: window.it2.exportCsv('schools').length,
        problems: window.it2.exportCsv('problems').length,
        schoolReport: window.it2.reportHtml(id).length,
        districtReport: window.it2.reportHtml('district').length,
        workspace: window.it2.workspaceFile().length,
      }), SCHOOL_ID);
      for (const [what, length] of Object.entries(sizes)) {
        // Linear in the input: a few times the file at most (the workspace carries the file itself, base64).
        assert.ok(length > 0 && length < 4 * bytes.length, `${what} export is ${length} characters for a ${bytes.length}-byte file`);
      }
      await t.waitFrames(page, 3);
      const state = await t.state(page);
      assert.equal(state.view, 'school', 'the page still draws the school view');
      const fatal = await page.evaluate(() => {
        const status = document.getElementById('it2-status');
        return status && getComputedStyle(status).display !== 'none' ? status.innerText : '';
      });
      assert.equal(fatal, '', 'no error message over the page');
      await t.screenshot(page, 'hostile-long-name-school');
    },
  },
];
