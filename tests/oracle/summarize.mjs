#!/usr/bin/env node
// An independent implementation of format.md §3 (merge rules) and §4 (the summary) in plain
// JavaScript, written from the contract (docs/format.md) only. It checks the C++ core (tests/compare)
// and is the JavaScript baseline of bench/run.sh (JSON.parse plus the same rules).
//
//   node tests/oracle/summarize.mjs [--as-of YYYY-MM-DD] [--policy FILE] FILES_OR_DIRS…
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

// ---- the catalogue (docs/format.md §1) ------------------------------------------------------------
const DIMENSION_OF = {
  A1: 0, A2: 1, A3: 1, A4: 1, A5: 2, A6: 2, A7: 2, A8: 2, A9: 2, A10: 2, A11: 3, A12: 3, A13: 3,
  B1: 0, B2: 1, B3: 1, B4: 2, B5: 2, B6: 2, B7: 2, B8: 2, B9: 3, B10: 3,
  C1: 1, C2: 1, C3: 2, C4: 2, C5: 2, C6: 3, C7: 3,
};

export function defaultPolicy() {
  return {
    hours: { online_min: 25, practice_min: 25, total_min: 50 },
    points: { min_passed: 3, min_dimensions: 3, environments: ['A', 'B', 'C'], required: [] },
    excellent: { min_excellent_points: 2 },
    school_score: {
      weights: { organisation: 20, activities: 20, participation_hours: 20, pass: 25, excellence: 15 },
      activities_per_batch: 4,
      excellence_target: 0.15,
    },
    at_risk_days: 30,
  };
}

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const isNumber = (v) => typeof v === 'number' && Number.isFinite(v);

// Any field the file gives overrides the default; fields of the wrong type are ignored.
export function loadPolicy(text, base = defaultPolicy()) {
  const doc = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  if (!isObject(doc) || doc.format !== 'it2-policy' || doc.version !== 1) throw new Error('not an it2-policy file, version 1');
  const policy = structuredClone(base);
  const merge = (target, source) => {
    if (!isObject(source)) return;
    for (const key of Object.keys(target)) {
      if (!(key in source)) continue;
      const value = source[key];
      if (isObject(target[key])) merge(target[key], value);
      else if (Array.isArray(target[key])) { if (Array.isArray(value)) target[key] = value.filter((x) => typeof x === 'string'); }
      else if (isNumber(value)) target[key] = value;
    }
  };
  merge(policy, doc);
  policy.points.environments = policy.points.environments.map((e) => e.toUpperCase());
  policy.points.required = policy.points.required.map((c) => c.toUpperCase());
  return policy;
}

// ---- dates ---------------------------------------------------------------------------------
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
function isIsoDate(v) {
  if (typeof v !== 'string') return false;
  const m = ISO_DATE.exec(v);
  if (!m) return false;
  const year = +m[1], month = +m[2], day = +m[3];
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return day <= days;
}

// ---- one file (format.md §1 and §3) ------------------------------------------------------
// Length limits of format.md §3, in Unicode characters (code points), not UTF-16 units or bytes.
const MAX_ID = 200, MAX_NAME = 200;
const chars = (s) => { let n = 0; for (const _ of s) n += 1; return n; };
const tooLong = (s, limit) => s.length > limit && chars(s) > limit;
// The first limit - 1 characters and '…'.
function cut(s, limit) {
  let out = '', n = 0;
  for (const c of s) { if (++n === limit) break; out += c; }
  return out + '…';
}
const GRADES = { '优秀': 'excellent', '合格': 'pass', '不合格': 'fail', excellent: 'excellent', pass: 'pass', fail: 'fail' };
const STATUSES = new Set(['selected', 'submitted', 'graded']);
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

function gradeOf(v) {
  return typeof v === 'string' && Object.prototype.hasOwnProperty.call(GRADES, v) ? GRADES[v] : null;
}

// Point grade from its items (docs/format.md §5): 优秀 only if all are, 不合格 if any is, else 合格.
function gradeFromItems(grades) {
  if (grades.some((g) => g === 'fail')) return 'fail';
  if (grades.every((g) => g === 'excellent')) return 'excellent';
  return 'pass';
}

function hoursValue(v, problems, pointer) {
  if (v === undefined) return 0;
  if (!isNumber(v) || v < 0) { problems.push({ severity: 'record', pointer, message: 'hours negative or not a number: counted as 0' }); return 0; }
  if (v > 500) problems.push({ severity: 'warning', pointer, message: 'hours above 500' });
  return v;
}

function readPoints(raw, teacherPointer, problems, outsideBatch) {
  const points = [];
  if (raw === undefined || raw === null) return points;  // null means absent
  if (!Array.isArray(raw)) {
    problems.push({ severity: 'record', pointer: `${teacherPointer}/points`, message: 'points is not an array: ignored' });
    return points;
  }
  const seen = new Set();
  raw.forEach((p, i) => {
    // Pointers are built only when a problem needs one: most points have none.
    const at = (suffix = '') => `${teacherPointer}/points/${i}${suffix}`;
    const skip = (message) => problems.push({ severity: 'record', pointer: at(), message });
    if (!isObject(p)) return skip('point is not an object: skipped');
    const code = typeof p.code === 'string' ? p.code.toUpperCase() : '';
    if (!(code in DIMENSION_OF)) return skip('unknown point code: skipped');
    if (!STATUSES.has(p.status)) return skip('unknown status: skipped');
    if (seen.has(code)) return skip('point code already listed: skipped');
    let grade = null;
    const explicit = gradeOf(p.grade);
    if (p.status === 'graded') {
      let derived = null;
      if (Array.isArray(p.items) && p.items.length > 0) {
        const itemGrades = p.items.map((item) => (isObject(item) ? gradeOf(item.grade) : null));
        if (itemGrades.every((g) => g !== null)) derived = gradeFromItems(itemGrades);
        else problems.push({ severity: 'record', pointer: at('/items'), message: 'item without a valid grade: items ignored' });
      }
      if (derived !== null) {
        if (explicit !== null && explicit !== derived) problems.push({ severity: 'warning', pointer: at(), message: 'grade disagrees with items: items win' });
        grade = derived;
      } else {
        grade = explicit;
      }
      if (grade === null) return skip('graded without a usable grade: skipped');
    } else if (p.grade !== undefined && p.grade !== null) {
      problems.push({ severity: 'warning', pointer: at('/grade'), message: 'grade on a point that is not graded: ignored' });
    }
    for (const key of ['submitted', 'reviewed']) {
      if (isIsoDate(p[key]) && outsideBatch(p[key])) problems.push({ severity: 'warning', pointer: at(`/${key}`), message: 'date outside its batch' });
    }
    seen.add(code);
    points.push({ code, status: p.status, grade, reviewed: isIsoDate(p.reviewed) ? p.reviewed : null });
  });
  return points;
}

// Returns { data, problems } with data null when the file is rejected.
export function loadBatch(name, bytes) {
  const problems = [];
  const reject = (message) => ({ data: null, problems: [{ severity: 'error', pointer: '', message }] });
  let text;
  try { text = utf8.decode(bytes); } catch { return reject('not UTF-8'); }
  let doc;
  try { doc = JSON.parse(text); } catch { return reject('not JSON'); }
  if (!isObject(doc) || doc.format !== 'it2-batch') return reject('unknown format');
  if (doc.version !== 1) return reject('unknown version');
  const school = doc.school, batch = doc.batch;
  if (!isObject(school) || typeof school.id !== 'string' || school.id === '') return reject('missing school.id');
  if (!isObject(batch) || typeof batch.id !== 'string' || batch.id === '') return reject('missing batch.id');
  if (tooLong(school.id, MAX_ID) || tooLong(batch.id, MAX_ID)) return reject('school.id or batch.id longer than 200 characters');
  if (!Array.isArray(doc.teachers)) return reject('teachers is not an array');

  const start = isIsoDate(batch.start) ? batch.start : null;
  const end = isIsoDate(batch.end) ? batch.end : null;
  const outsideBatch = (date) => (start !== null && date < start) || (end !== null && date > end);

  const deliverables = isObject(school.deliverables) ? school.deliverables : {};
  const present = (v) => v === true || isIsoDate(v);
  let schoolName = typeof school.name === 'string' ? school.name : '';  // §4 prints the file's name; none given: empty
  if (tooLong(schoolName, MAX_NAME)) {
    schoolName = cut(schoolName, MAX_NAME);
    problems.push({ severity: 'warning', pointer: '/school/name', message: 'school name longer than 200 characters: cut' });
  }
  const data = {
    schoolId: school.id,
    schoolName,
    batchId: batch.id, start, end,
    deliverables: ['management_team', 'development_plan', 'training_plan'].map((k) => present(deliverables[k])),
    activities: 0,
    teachers: [],
  };

  if (Array.isArray(doc.activities)) {
    doc.activities.forEach((a, i) => {
      if (!isObject(a) || !isIsoDate(a.date)) { problems.push({ severity: 'record', pointer: `/activities/${i}`, message: 'activity without a valid date: skipped' }); return; }
      if (outsideBatch(a.date)) problems.push({ severity: 'warning', pointer: `/activities/${i}/date`, message: 'date outside its batch' });
      data.activities += 1;
    });
  }

  const ids = new Set();
  doc.teachers.forEach((t, i) => {
    const pointer = `/teachers/${i}`;
    if (!isObject(t) || typeof t.id !== 'string' || t.id === '' || typeof t.name !== 'string' || t.name === '') {
      problems.push({ severity: 'record', pointer, message: 'teacher without id or name: skipped' });
      return;
    }
    if (tooLong(t.id, MAX_ID) || tooLong(t.name, MAX_NAME)) {
      problems.push({ severity: 'record', pointer, message: 'teacher id or name longer than 200 characters: skipped' });
      return;
    }
    if (ids.has(t.id)) { problems.push({ severity: 'record', pointer: `${pointer}/id`, message: 'id already used in this file: skipped' }); return; }
    ids.add(t.id);
    if (t.hours !== undefined && t.hours !== null && !isObject(t.hours)) problems.push({ severity: 'record', pointer: `${pointer}/hours`, message: 'hours is not an object: counted as 0' });
    const hours = isObject(t.hours) ? t.hours : {};
    data.teachers.push({
      id: t.id,
      name: t.name,
      online: hoursValue(hours.online, problems, `${pointer}/hours/online`),
      practice: hoursValue(hours.practice, problems, `${pointer}/hours/practice`),
      points: readPoints(t.points, pointer, problems, outsideBatch),
    });
  });
  return { data, problems };
}

// ---- the summary (format.md §4) ----------------------------------------------------------

function teacherResult(t, file, policy, asOf) {
  const envs = new Set(policy.points.environments);
  let passedPoints = 0, excellentPoints = 0, submittedOrGraded = 0, anySubmitted = false;
  const dims = new Set(), passedCodes = new Set();
  for (const p of t.points) {
    if (p.status === 'submitted') anySubmitted = true;
    if (p.status !== 'selected') submittedOrGraded += 1;
    if (p.status === 'graded' && p.grade !== 'fail' && envs.has(p.code[0])) {
      passedPoints += 1;
      if (p.grade === 'excellent') excellentPoints += 1;
      dims.add(DIMENSION_OF[p.code]);
      passedCodes.add(p.code);
    }
  }
  const h = policy.hours;
  const hoursMet = t.online >= h.online_min && t.practice >= h.practice_min && t.online + t.practice >= h.total_min;
  const passes = hoursMet && passedPoints >= policy.points.min_passed && dims.size >= policy.points.min_dimensions &&
    policy.points.required.every((c) => passedCodes.has(c));
  let status;
  if (passes && excellentPoints >= policy.excellent.min_excellent_points) status = 'excellent';
  else if (passes) status = 'passed';
  else if (file.end !== null && file.end < asOf) status = 'not_met';
  else if (anySubmitted) status = 'awaiting_review';
  else if (t.online + t.practice === 0 && submittedOrGraded === 0) status = 'not_started';
  else status = 'in_progress';
  return {
    id: t.id, name: t.name, school: file.schoolId, batch: file.batchId, status,
    passDay: passes ? passDayOf(t, policy) : null,
    online: t.online, practice: t.practice,
    passed_points: passedPoints, excellent_points: excellentPoints, dimensions: dims.size,
    participated: t.online + t.practice > 0 || submittedOrGraded > 0,
    hoursMet,
    submittedEnough: submittedOrGraded >= policy.points.min_passed,
  };
}

function rates(teachers) {
  const n = teachers.length;
  const rate = (pred) => (n === 0 ? null : teachers.filter(pred).length / n);
  return {
    teachers: n,
    participation_rate: rate((t) => t.participated),
    hours_rate: rate((t) => t.hoursMet),
    submission_rate: rate((t) => t.submittedEnough),
    pass_rate: rate((t) => t.status === 'passed' || t.status === 'excellent'),
    excellence_rate: rate((t) => t.status === 'excellent'),
  };
}

// Merging (format.md §3): file statuses, replaced files, one winning record per teacher id.
// entries: [{ file, data, problems }] in load order. Independent of policy and as-of date.
export function mergeEntries(entries) {
  const files = entries.map((e) => ({
    file: e.file,
    status: e.data === null ? 'rejected' : e.problems.some((p) => p.severity === 'record') ? 'partial' : 'loaded',
  }));
  const problems = [];
  entries.forEach((e) => e.problems.forEach((p) => problems.push({ file: e.file, ...p })));

  // The same school and batch loaded again replaces the earlier copy.
  const latestCopy = new Map();
  entries.forEach((e, i) => {
    if (e.data === null) return;
    const key = JSON.stringify([e.data.schoolId, e.data.batchId]);
    if (latestCopy.has(key)) {
      const earlier = latestCopy.get(key);
      files[earlier].status = 'replaced';
      problems.push({ file: entries[earlier].file, severity: 'warning', pointer: '', message: `replaced by ${e.file}` });
    }
    latestCopy.set(key, i);
  });
  const live = [];
  entries.forEach((e, i) => { if (e.data !== null && files[i].status !== 'replaced') live.push(i); });

  // One winning record per teacher id: latest start (missing = earliest), ties to the file loaded last.
  const winner = new Map();
  for (const i of live) {
    const file = entries[i].data;
    for (const t of file.teachers) {
      const previous = winner.get(t.id);
      if (previous === undefined) { winner.set(t.id, { i, t }); continue; }
      const prevStart = entries[previous.i].data.start;
      const laterOrTie = prevStart === null || (file.start !== null && file.start >= prevStart);
      const loser = laterOrTie ? previous.i : i;
      problems.push({ file: entries[loser].file, severity: 'warning', pointer: '', message: `teacher ${t.id} superseded` });
      if (laterOrTie) winner.set(t.id, { i, t });
    }
  }
  return { entries, files, problems, live, winner };
}

// The summary (format.md §4) of a merge, under a policy, as of a date.
export function computeSummary(merged, policy, asOf) {
  const { entries, files, problems, live, winner } = merged;

  // Schools: every school with a live file; the name from the file loaded last.
  const schools = new Map();
  for (const i of live) {
    const d = entries[i].data;
    let s = schools.get(d.schoolId);
    if (!s) { s = { id: d.schoolId, name: d.schoolName, batches: new Set(), activities: 0, deliverables: [false, false, false], teachers: [] }; schools.set(d.schoolId, s); }
    s.name = d.schoolName;
    s.batches.add(d.batchId);
    s.activities += d.activities;
    d.deliverables.forEach((present, k) => { if (present) s.deliverables[k] = true; });
  }

  const teachers = [];
  for (const { i, t } of winner.values()) {
    const result = teacherResult(t, entries[i].data, policy, asOf);
    teachers.push(result);
    schools.get(result.school).teachers.push(result);
  }

  // Each school's live file of each batch, for the forecast's start and end.
  const batchFile = new Map();
  for (const i of live) batchFile.set(JSON.stringify([entries[i].data.schoolId, entries[i].data.batchId]), entries[i].data);

  const w = policy.school_score.weights;
  const schoolOut = [];
  for (const s of schools.values()) {
    const r = rates(s.teachers);
    const delivered = s.deliverables.filter(Boolean).length;
    const target = policy.school_score.activities_per_batch * s.batches.size;
    const excellenceTarget = policy.school_score.excellence_target;
    const parts = {
      organisation: (w.organisation * delivered) / 3,
      activities: w.activities * (target > 0 ? Math.min(1, s.activities / target) : 1),
      participation_hours: w.participation_hours * (r.participation_rate ?? 0) * (r.hours_rate ?? 0),
      pass: w.pass * (r.pass_rate ?? 0),
      excellence: w.excellence * (excellenceTarget > 0 ? Math.min(1, (r.excellence_rate ?? 0) / excellenceTarget) : 1),
    };
    schoolOut.push({
      id: s.id, name: s.name, batches: [...s.batches].sort(), ...r,
      score: parts.organisation + parts.activities + parts.participation_hours + parts.pass + parts.excellence,
      score_parts: parts,
      forecast: schoolForecast(s, batchFile, asOf),
    });
  }
  const district = rates(teachers);
  delete district.teachers;
  const out = {
    as_of: asOf,
    district: {
      schools: schoolOut.length, teachers: teachers.length, ...district,
      score: schoolOut.length ? schoolOut.reduce((sum, s) => sum + s.score, 0) / schoolOut.length : 0,
      forecast: {
        window_days: PACE_WINDOW,
        new_passed_7d: schoolOut.reduce((n, s) => n + s.forecast.new_passed_7d, 0),
        projected_unpassed: schoolOut.reduce((n, s) => n + s.forecast.projected_unpassed, 0),
        late_schools: schoolOut.filter((s) => s.forecast.late).length,
      },
    },
    schools: schoolOut,
    teachers: teachers.map(({ participated, hoursMet, submittedEnough, passDay, ...rest }) => rest),
    files,
    problems,
  };
  return out;
}

// ---- the forecast (format.md §6 "Forecast") ------------------------------------------------
const PACE_WINDOW = 28, RECENT = 7;
const dayNumber = (iso) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86400000;
const isoOfDay = (n) => new Date(n * 86400000).toISOString().slice(0, 10);

// The first review date on which the dated passed points meet the points rules; null if never.
function passDayOf(t, policy) {
  const envs = new Set(policy.points.environments);
  const dated = t.points.filter((p) => p.status === 'graded' && p.grade !== 'fail' && envs.has(p.code[0]) && p.reviewed !== null);
  const days = [...new Set(dated.map((p) => p.reviewed))].sort();
  for (const day of days) {
    const upTo = dated.filter((p) => p.reviewed <= day);
    const codes = new Set(upTo.map((p) => p.code));
    const dims = new Set(upTo.map((p) => DIMENSION_OF[p.code]));
    if (upTo.length >= policy.points.min_passed && dims.size >= policy.points.min_dimensions &&
        policy.points.required.every((c) => codes.has(c))) return day;
  }
  return null;
}

function schoolForecast(s, batchFile, asOf) {
  const today = dayNumber(asOf);
  const passedNow = (t) => t.status === 'passed' || t.status === 'excellent';
  const dayOf = (t) => (passedNow(t) && t.passDay !== null && t.passDay <= asOf ? dayNumber(t.passDay) : null);
  const out = {
    new_passed_7d: s.teachers.filter((t) => dayOf(t) !== null && dayOf(t) > today - RECENT).length,
    projected_unpassed: 0, late: false, finish: null, batches: [],
  };
  let open = false;
  for (const batch of [...s.batches].sort()) {
    const file = batchFile.get(JSON.stringify([s.id, batch]));
    const start = file.start === null ? null : dayNumber(file.start);
    const end = file.end === null ? null : dayNumber(file.end);
    const members = s.teachers.filter((t) => t.batch === batch);
    const passed = members.filter(passedNow).length;
    const remaining = members.length - passed;
    const first = Math.max(today - PACE_WINDOW + 1, start ?? -Infinity);  // the window's first day
    const windowDays = Math.max(0, today - first + 1);
    const windowPassed = members.filter((t) => dayOf(t) !== null && dayOf(t) >= first).length;
    const b = {
      batch, end: file.end, state: null, teachers: members.length, passed,
      window_days: windowDays, window_passed: windowPassed,
      pace_per_week: windowDays > 0 ? (windowPassed * 7) / windowDays : 0,
      projected_unpassed: null, finish: null,
    };
    if (start !== null && start > today) b.state = 'upcoming';
    else if (end === null) b.state = 'no_end';
    else if (end < today) b.state = 'ended';
    else {
      // Teachers a day at the pace, over the days left; whole teachers only.
      const more = windowDays > 0 ? Math.floor((windowPassed * (end - today)) / windowDays) : 0;
      b.projected_unpassed = Math.max(0, remaining - more);
      if (remaining > 0 && windowPassed > 0) b.finish = isoOfDay(today + Math.ceil((remaining * windowDays) / windowPassed));
      b.state = remaining === 0 ? 'done' : b.projected_unpassed === 0 ? 'on_track' : 'late';
      open = true;
      out.projected_unpassed += b.projected_unpassed;
      if (remaining > 0 && b.finish !== null && (out.finish === null || b.finish > out.finish)) out.finish = b.finish;
    }
    out.batches.push(b);
  }
  out.late = out.projected_unpassed > 0;
  if (out.late || !open) out.finish = null;
  return out;
}

export function summarize(entries, policy, asOf) {
  return computeSummary(mergeEntries(entries), policy, asOf);
}

// ---- command line ------------------------------------------------------------------------

function expand(path) {
  if (!statSync(path).isDirectory()) return [path];
  const found = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.json')) found.push(full);
    }
  };
  walk(path);
  return found.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
}

function todayIso() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function main(argv) {
  let asOf = todayIso(), policy = defaultPolicy(), timings = false;
  const inputs = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--as-of') {
      asOf = argv[++i];
      if (!isIsoDate(asOf)) { console.error('summarize.mjs: --as-of needs a date like 2022-11-01'); process.exit(2); }
    } else if (a === '--policy') {
      policy = loadPolicy(readFileSync(argv[++i], 'utf8'));
    } else if (a === '--timings') {
      timings = true;
    } else if (a === '--help' || a === '-h') {
      console.log('usage: node tests/oracle/summarize.mjs [--as-of YYYY-MM-DD] [--policy FILE] [--timings] FILES_OR_DIRS…\n' +
        '  prints the format.md §4 summary as JSON; --timings also writes one JSON line of phase\n' +
        '  times (read, parse_validate, merge, metrics in ms; bytes; files) to stderr');
      process.exit(0);
    } else inputs.push(a);
  }
  if (inputs.length === 0) { console.error('summarize.mjs: give at least one file or directory (--help)'); process.exit(2); }
  const t0 = performance.now();
  const inputsRead = [];
  let bytes = 0;
  for (const input of inputs) {
    for (const path of expand(input)) {
      const content = readFileSync(path);
      bytes += content.length;
      inputsRead.push({ path, content });
    }
  }
  const t1 = performance.now();
  // A policy file among the inputs is applied over --policy in the order found, as the page and
  // `it2 summarize` do (format.md §4); it is not a batch file.
  const entries = [];
  for (const { path, content } of inputsRead) {
    if (content.includes('it2-policy')) {
      let doc = null;
      try { doc = JSON.parse(content.toString('utf8').replace(/^\uFEFF/, '')); } catch { /* not JSON: a batch file problem */ }
      if (isObject(doc) && doc.format === 'it2-policy') {
        try { policy = loadPolicy(content.toString('utf8'), policy); } catch { /* rejected: the policy stays */ }
        continue;
      }
    }
    entries.push({ file: path, ...loadBatch(path, content) });
  }
  const t2 = performance.now();
  const merged = mergeEntries(entries);
  const t3 = performance.now();
  const summary = computeSummary(merged, policy, asOf);
  const t4 = performance.now();
  process.stdout.write(JSON.stringify(summary) + '\n');
  if (timings) {
    const ms = (x) => Math.round(x * 1000) / 1000;
    process.stderr.write(JSON.stringify({ read: ms(t1 - t0), parse_validate: ms(t2 - t1), merge: ms(t3 - t2),
      metrics: ms(t4 - t3), bytes, files: entries.length }) + '\n');
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2));
