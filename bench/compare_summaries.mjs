// Do two format.md §4 summaries agree? Numbers to 1e-9, every status, schools and teachers
// matched by id, files by name (array order is free, format.md §4).
//   node bench/compare_summaries.mjs A.json B.json   → prints "same" or the first differences; exit 0/1
// Problems are compared by count per severity only: their messages are each implementation's own.
import { readFileSync } from 'node:fs';

const [fileA, fileB] = process.argv.slice(2);
const a = JSON.parse(readFileSync(fileA, 'utf8'));
const b = JSON.parse(readFileSync(fileB, 'utf8'));
const differences = [];
const note = (what) => { if (differences.length < 20) differences.push(what); else differences.length++; };

function same(x, y, where) {
  if (typeof x === 'number' && typeof y === 'number') {
    if (Math.abs(x - y) > 1e-9 * Math.max(1, Math.abs(x))) note(`${where}: ${x} vs ${y}`);
  } else if (Array.isArray(x) && Array.isArray(y)) {
    if (x.length !== y.length) note(`${where}: ${x.length} vs ${y.length} elements`);
    else x.forEach((v, i) => same(v, y[i], `${where}[${i}]`));
  } else if (x && y && typeof x === 'object' && typeof y === 'object') {
    for (const key of new Set([...Object.keys(x), ...Object.keys(y)])) same(x[key], y[key], `${where}.${key}`);
  } else if (x !== y) {
    note(`${where}: ${JSON.stringify(x)} vs ${JSON.stringify(y)}`);
  }
}

function byKey(list, key, where) {
  const map = new Map();
  for (const item of list ?? []) map.set(item[key], item);
  if (map.size !== (list ?? []).length) note(`${where}: duplicate ${key}`);
  return map;
}

function sameLists(listA, listB, key, where) {
  const mapA = byKey(listA, key, where), mapB = byKey(listB, key, where);
  if (mapA.size !== mapB.size) note(`${where}: ${mapA.size} vs ${mapB.size}`);
  for (const [id, item] of mapA) {
    if (!mapB.has(id)) note(`${where}: ${id} missing from the second`);
    else same(item, mapB.get(id), `${where}[${id}]`);
  }
}

same(a.as_of, b.as_of, 'as_of');
same(a.district, b.district, 'district');
sameLists(a.schools, b.schools, 'id', 'schools');
sameLists(a.teachers, b.teachers, 'id', 'teachers');
sameLists(a.files, b.files, 'file', 'files');
const counts = (s) => {
  const c = { error: 0, record: 0, warning: 0 };
  for (const p of s.problems ?? []) c[p.severity] = (c[p.severity] ?? 0) + 1;
  return c;
};
const problemsA = counts(a), problemsB = counts(b);
const problemNote = JSON.stringify(problemsA) === JSON.stringify(problemsB)
  ? `problems ${JSON.stringify(problemsA)}` : `problems differ: ${JSON.stringify(problemsA)} vs ${JSON.stringify(problemsB)}`;

if (differences.length === 0) {
  console.log(`same (${a.teachers.length} teachers, ${a.schools.length} schools; ${problemNote})`);
} else {
  console.log(`DIFFERENT in ${differences.length} places (${problemNote}):\n  ` + differences.filter(Boolean).join('\n  '));
  process.exit(1);
}
