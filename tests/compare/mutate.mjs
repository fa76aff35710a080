#!/usr/bin/env node
// Writes a damaged copy of a folder of it2-batch files: random, seeded changes to records
// (several per teacher at times), so the two implementations meet combinations the generator
// never makes. Text-level damage (not JSON, not UTF-8) is left to the loader's own tests.
//
//   node tests/compare/mutate.mjs SEED IN_DIR OUT_DIR
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [seedText, inDir, outDir] = process.argv.slice(2);
if (!seedText || !inDir || !outDir) {
  console.error('usage: node tests/compare/mutate.mjs SEED IN_DIR OUT_DIR');
  process.exit(2);
}

// xorshift32: seeded, so a failing run can be repeated.
let state = (Number(seedText) % 4294967291) >>> 0 || 1;
const random = () => {
  state ^= state << 13; state >>>= 0;
  state ^= state >>> 17;
  state ^= state << 5; state >>>= 0;
  return state / 4294967296;
};
const chance = (p) => random() < p;
const pick = (list) => list[Math.floor(random() * list.length)];

const ODD_VALUES = [null, '', '30', -2, 0, 1e300, 600, 12.25, true, [], {}, 'A1', '2022-02-30', '2022-06-01'];
const ODD_CODES = ['a1', 'b10', 'C7', 'c1', 'D1', 'A0', 'A14', ' A1', '', 7];
const ODD_STATUSES = ['selected', 'submitted', 'graded', 'Graded', 'done', null];
const ODD_GRADES = ['优秀', '合格', '不合格', 'excellent', 'pass', 'fail', 'Pass', '良好', '', null, 1];

function mutatePoint(point, teacher) {
  const what = Math.floor(random() * 8);
  if (what === 0) point.code = pick(ODD_CODES);
  else if (what === 1) point.status = pick(ODD_STATUSES);
  else if (what === 2) point.grade = pick(ODD_GRADES);
  else if (what === 3) delete point.grade;
  else if (what === 4) point.items = [{ title: '教学设计', grade: pick(ODD_GRADES) }, { title: '教学反思', grade: pick(ODD_GRADES) }];
  else if (what === 5) point.items = pick([[], 'none', [{ title: 'x' }], [{ grade: '优秀' }, { grade: '优秀' }]]);
  else if (what === 6 && teacher.points.length > 0) teacher.points.push({ ...pick(teacher.points) });
  else point.submitted = pick(ODD_VALUES);
}

function mutateTeacher(teacher, file) {
  const what = Math.floor(random() * 9);
  if (what === 0) teacher.hours = { ...(teacher.hours ?? {}), online: pick(ODD_VALUES) };
  else if (what === 1) teacher.hours = { ...(teacher.hours ?? {}), practice: pick(ODD_VALUES) };
  else if (what === 2) teacher.hours = pick([undefined, null, [], 'many', {}]);
  else if (what === 3) teacher.points = pick([undefined, null, {}, 'A1']);
  else if (what === 4) teacher.id = pick([undefined, '', 42, file.teachers[0]?.id ?? 'x']);
  else if (what === 5) teacher.name = pick([undefined, '', 0]);
  else if (Array.isArray(teacher.points) && teacher.points.length > 0) {
    const times = 1 + Math.floor(random() * 3);
    for (let i = 0; i < times; i++) mutatePoint(pick(teacher.points), teacher);
  }
}

function mutateFile(doc) {
  if (chance(0.1)) delete doc.batch.start;
  if (chance(0.05)) doc.batch.start = pick(['2022/03/01', '', 20220301]);
  if (chance(0.1)) doc.batch.end = pick([undefined, '2021-12-31', '2030-01-01', 'soon']);
  if (chance(0.1)) doc.school.deliverables = { management_team: pick(ODD_VALUES), development_plan: pick(ODD_VALUES), training_plan: pick(ODD_VALUES) };
  if (chance(0.05)) delete doc.school.name;
  if (chance(0.03)) doc.school.id = pick(['', 5]);
  if (chance(0.03)) doc.teachers = pick([{}, null]);
  if (chance(0.1) && Array.isArray(doc.activities)) {
    doc.activities.push(pick([{}, { date: '2022-13-01' }, { date: pick(ODD_VALUES) }, 'meeting', { date: doc.batch.end ?? '2022-06-01' }]));
  }
  if (chance(0.05)) doc.activities = pick([null, {}, 'none']);
  if (!Array.isArray(doc.teachers)) return;
  for (const teacher of doc.teachers) if (chance(0.15)) mutateTeacher(teacher, doc);
  if (chance(0.1)) doc.teachers.push(pick(['not a teacher', null, 3, { id: 'x' }]));
}

mkdirSync(outDir, { recursive: true });
let changed = 0;
for (const name of readdirSync(inDir).filter((n) => n.endsWith('.json')).sort()) {
  const text = readFileSync(join(inDir, name), 'utf8');
  let doc;
  try { doc = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text); } catch { writeFileSync(join(outDir, name), text); continue; }
  if (doc && typeof doc === 'object' && doc.school && doc.batch && chance(0.7)) {
    mutateFile(doc);
    changed += 1;
  }
  writeFileSync(join(outDir, name), JSON.stringify(doc));
}
console.error(`mutate.mjs: ${changed} files changed in ${outDir}`);
