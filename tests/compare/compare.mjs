#!/usr/bin/env node
// Compares two format.md §4 summaries (the C++ `it2 summarize --json` and tests/oracle/summarize.mjs):
// every number to 1e-9, every status, every file status. Prints the first differences and
// exits 1 when there is any.
//
//   node tests/compare/compare.mjs CPP.json JS.json [LABEL]
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

const TOLERANCE = 1e-9;
const MAX_SHOWN = 25;

const [cppPath, jsPath, label = 'summary'] = process.argv.slice(2);
if (!cppPath || !jsPath) {
  console.error('usage: node tests/compare/compare.mjs CPP.json JS.json [LABEL]');
  process.exit(2);
}
const cpp = JSON.parse(readFileSync(cppPath, 'utf8'));
const js = JSON.parse(readFileSync(jsPath, 'utf8'));
const differences = [];
const notes = [];

function same(a, b) {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= TOLERANCE;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  return a === b;
}

function compareFields(where, a, b, keys) {
  for (const key of keys) {
    const x = a?.[key], y = b?.[key];
    if (x === undefined) { differences.push(`${where}.${key}: missing in it2 (js: ${JSON.stringify(y)})`); continue; }
    if (!same(x, y)) differences.push(`${where}.${key}: it2 ${JSON.stringify(x)} vs js ${JSON.stringify(y)}`);
  }
}

// Matches two arrays of records by key; reports records only one side has.
function byKey(kind, left, right, keyOf, compareOne) {
  const mapOf = (list) => {
    const m = new Map();
    for (const item of list ?? []) {
      const k = keyOf(item);
      if (m.has(k)) differences.push(`${kind} ${k}: listed twice`);
      m.set(k, item);
    }
    return m;
  };
  const l = mapOf(left), r = mapOf(right);
  for (const [k, item] of l) {
    if (!r.has(k)) differences.push(`${kind} ${k}: only in it2`);
    else compareOne(k, item, r.get(k));
  }
  for (const k of r.keys()) if (!l.has(k)) differences.push(`${kind} ${k}: only in js`);
}

const RATES = ['participation_rate', 'hours_rate', 'submission_rate', 'pass_rate', 'excellence_rate'];
const PARTS = ['organisation', 'activities', 'participation_hours', 'pass', 'excellence'];

compareFields('as_of', { as_of: cpp.as_of }, { as_of: js.as_of }, ['as_of']);
compareFields('district', cpp.district, js.district, ['schools', 'teachers', ...RATES, 'score']);

// The forecast (format.md §6): every number, state and date, per school and per batch.
const FORECAST_DISTRICT = ['window_days', 'new_passed_7d', 'projected_unpassed', 'late_schools'];
const FORECAST_SCHOOL = ['new_passed_7d', 'projected_unpassed', 'late', 'finish'];
const FORECAST_BATCH = ['end', 'state', 'teachers', 'passed', 'window_days', 'window_passed', 'pace_per_week',
  'projected_unpassed', 'finish'];
compareFields('district.forecast', cpp.district?.forecast, js.district.forecast, FORECAST_DISTRICT);

byKey('school', cpp.schools, js.schools, (s) => s.id, (id, a, b) => {
  compareFields(`school ${id}.forecast`, a.forecast, b.forecast, FORECAST_SCHOOL);
  byKey(`school ${id} forecast batch`, a.forecast?.batches, b.forecast.batches, (x) => x.batch, (batch, x, y) => {
    compareFields(`school ${id} forecast batch ${batch}`, x, y, FORECAST_BATCH);
  });
  compareFields(`school ${id}`, a, b, ['name', 'teachers', ...RATES, 'score']);
  compareFields(`school ${id} batches`, { batches: [...(a.batches ?? [])].sort() }, { batches: [...b.batches].sort() }, ['batches']);
  compareFields(`school ${id}.score_parts`, a.score_parts, b.score_parts, PARTS);
  const sum = PARTS.reduce((t, k) => t + (a.score_parts?.[k] ?? 0), 0);
  if (Math.abs(sum - a.score) > TOLERANCE) differences.push(`school ${id}: it2 score ${a.score} is not the sum of its parts ${sum}`);
});

byKey('teacher', cpp.teachers, js.teachers, (t) => t.id, (id, a, b) => {
  compareFields(`teacher ${id}`, a, b, ['name', 'school', 'batch', 'status', 'online', 'practice',
    'passed_points', 'excellent_points', 'dimensions']);
});

// Files: by the name as given; when the two sides name files differently, by base name and
// occurrence (the same base name can come from two folders).
function fileKeys(files) {
  const seen = new Map();
  return (files ?? []).map((f) => {
    const base = basename(f.file);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return { ...f, key: `${base}#${n}` };
  });
}
const exactNames = new Set((cpp.files ?? []).map((f) => f.file));
const useExact = (js.files ?? []).every((f) => exactNames.has(f.file)) && exactNames.size === (js.files ?? []).length;
byKey('file', fileKeys(cpp.files), fileKeys(js.files), (f) => (useExact ? f.file : f.key), (name, a, b) => {
  compareFields(`file ${name}`, a, b, ['status']);
});

// Problems are informational: counts per severity (the two sides word and split them differently,
// and the C++ loader warns about more things than format.md §3 lists).
const countBy = (list) => (list ?? []).reduce((m, p) => m.set(p.severity, (m.get(p.severity) ?? 0) + 1), new Map());
if (cpp.problems && js.problems) {
  const a = countBy(cpp.problems), b = countBy(js.problems);
  for (const severity of new Set([...a.keys(), ...b.keys()])) {
    if ((a.get(severity) ?? 0) !== (b.get(severity) ?? 0)) notes.push(`problems of severity ${severity}: it2 ${a.get(severity) ?? 0}, js ${b.get(severity) ?? 0}`);
  }
}

// Notes only when something differs, or on request (IT2_COMPARE_VERBOSE=1).
if (differences.length > 0 || process.env.IT2_COMPARE_VERBOSE) for (const note of notes) console.log(`  note (${label}): ${note}`);
if (differences.length === 0) {
  console.log(`  ok   ${label}: ${js.district.schools} schools, ${js.district.teachers} teachers, ${js.files.length} files agree`);
  process.exit(0);
}
console.log(`  FAIL ${label}: ${differences.length} difference(s)`);
for (const d of differences.slice(0, MAX_SHOWN)) console.log(`       ${d}`);
if (differences.length > MAX_SHOWN) console.log(`       … and ${differences.length - MAX_SHOWN} more`);
process.exit(1);
