// The page in headless Chromium (bench/run.sh calls this; not part of the tests):
// page size, first-frame time, load time and wasm heap with 10k / 100k / 400k teachers,
// per-frame CPU time in the district view and in a scrolled teacher table, and the time of a
// policy edit. Prints markdown.
//   node bench/browser_bench.mjs dist/it2-tracker.html build/bench [SIZES... | first-frame]
// Per-frame CPU is measured two ways: the renderer main thread's CPU time per frame from the
// DevTools Protocol (Performance.getMetrics ThreadTime in threadTicks: CPU time, so other work
// on the machine does not inflate it; it counts everything on that thread: the frame, JS, GC,
// input), and the wall time of the main-loop callback itself (requestAnimationFrame is wrapped
// before the page starts: the C++ frame, ImGui plus the GL calls it issues).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [pagePath, benchDir, ...sizeArgs] = process.argv.slice(2);
if (!pagePath || !benchDir) {
  console.error('usage: node bench/browser_bench.mjs PAGE.html BENCH_DIR [SIZES...]');
  process.exit(2);
}
// A trailing "s" (e.g. 400000s) loads that size staged: every file sent first, loaded in one go.
const runs = (sizeArgs.length ? sizeArgs : ['10000', '100000', '400000', '400000s'])
  .map((arg) => ({ teachers: parseInt(arg, 10), staged: arg.endsWith('s') }));
const frameSizes = new Set([10000, 100000]);  // per-frame figures asked for at these sizes

let chromium;
try {
  ({ chromium } = await import('playwright-core'));
} catch (error) {
  console.log(`(page figures skipped: playwright-core is not installed: run 'npm ci'; ${error.message})`);
  process.exit(0);
}

const browser = await chromium.launch({
  executablePath: process.env.IT2_CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-extensions'],
});

const wrapAnimationFrames = () => {
  window.__it2FrameMs = [];
  const original = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (callback) => original((time) => {
    const start = performance.now();
    try { callback(time); } finally { window.__it2FrameMs.push(performance.now() - start); }
  });
};

const quantile = (values, q) => {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};
const fmt = (v, digits = 2) => (Number.isFinite(v) ? v.toFixed(digits) : '—');

async function openPage() {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await page.addInitScript(wrapAnimationFrames);
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(pathToFileURL(path.resolve(pagePath)).href);
  await page.evaluate(() => window.it2.ready);
  const cdp = await context.newCDPSession(page);
  // threadTicks: durations in CPU time of the renderer's main thread, not wall time, so other
  // work on the machine does not inflate them.
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  return { context, page, cdp, errors };
}

// Main-thread CPU milliseconds spent while `fn` runs (ThreadTime in thread ticks; frames that
// run in between, about 2 ms each, are included).
async function cpuOf(cdp, fn) {
  const threadTime = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ThreadTime').value;
  const before = await threadTime();
  const result = await fn();
  return { result, cpuMs: ((await threadTime()) - before) * 1000 };
}

async function waitFrames(page, count) {
  const start = JSON.parse(await page.evaluate(() => window.it2.state())).frames;
  await page.waitForFunction((target) => JSON.parse(window.it2.state()).frames >= target, start + count,
    { timeout: 120000, polling: 50 });
}

// Frames for `ms` milliseconds while `action` runs (if any): callback and task time per frame.
async function measureFrames(page, cdp, ms, action) {
  await page.evaluate(() => { window.__it2FrameMs = []; });
  const metrics = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  const before = await metrics();
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (action) await action();
    await page.waitForTimeout(50);
  }
  const after = await metrics();
  const frames = await page.evaluate(() => window.__it2FrameMs.slice());
  const taskMsPerFrame = frames.length ? ((after.ThreadTime - before.ThreadTime) * 1000) / frames.length : NaN;
  return { frames: frames.length, median: quantile(frames, 0.5), p95: quantile(frames, 0.95),
    max: Math.max(...frames), taskMsPerFrame };
}

// Reads the files and hands them to `send` as [[name, text], …] chunks of about 8 MB (one
// page.evaluate each: a province does not fit in one); `send(chunk, last)`.
async function inChunks(files, send) {
  let chunk = [], chunkBytes = 0;
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    chunk.push([path.basename(file), text]);
    chunkBytes += text.length;
    if (chunkBytes > 8e6) {
      await send(chunk, false);
      chunk = []; chunkBytes = 0;
    }
  }
  await send(chunk, true);
}

// Sends the files in chunks of about 8 MB (one evaluate each) and loads them in order. The
// page merges and computes on its next refresh (a frame or state()); frames between chunks may
// do that early, so the last chunk times its own refresh in the same evaluate.
// staged: send every file first, then load them all in one evaluate (no frame, so no refresh,
// in between): shows how much of the heap is the refreshes between batches of files.
async function loadFiles(page, cdp, files, staged = false) {
  let loadMs = 0, loadCpuMs = 0, refreshMs = NaN;
  const run = async (batch, last) => {
    const { result: times, cpuMs } = await cpuOf(cdp, () => page.evaluate(([batch, timeRefresh]) => {
      const files = batch ?? window.__it2Staged;
      const start = performance.now();
      for (const [name, text] of files) window.it2.load(name, text);
      const loaded = performance.now();
      if (timeRefresh) window.it2.state();
      window.__it2Staged = [];
      return [loaded - start, performance.now() - loaded];
    }, [batch, last]));
    loadMs += times[0];
    loadCpuMs += cpuMs;  // includes the last refresh and the copy of the texts into the page
    if (last) refreshMs = times[1];
  };
  await inChunks(files, async (chunk, last) => {
    if (staged) {
      await page.evaluate((batch) => { (window.__it2Staged ??= []).push(...batch); }, chunk);
      if (last) await run(null, true);
    } else {
      await run(chunk, last);
    }
  });
  return { loadMs, loadCpuMs, refreshMs };
}

const pageBytes = fs.statSync(pagePath).size;
console.log(`\n### The page in headless Chromium (${path.basename(pagePath)}, viewport 1366×768, SwiftShader WebGL)\n`);
console.log(`- page size: ${(pageBytes / 1048576).toFixed(2)} MB (${pageBytes.toLocaleString('en')} bytes)`);

// First frame from file:// (issue 14 item 6): three fresh profiles (a new browser context each:
// no cache, no storage) at 1× and at 4× DevTools CPU throttling (an old office PC), with the
// page's own milestones (it2.timings(), ms since navigation start). Budgets: ≤ 0.8 s at 1×,
// ≤ 2 s at 4× (median). Printed, never asserted.
// Before each run the browser's own start is let finish: every new profile's window starts a
// renderer for the address bar's pop-up (chrome://omnibox-popup.top-chrome) that takes about a
// second of CPU on this machine, beside the page, on one of its two cores (a trace showed it at
// 100 % through the whole load; the first frame came 0.9 s later than with it finished). A user
// opens the file in a browser that is already running. Waits until the browser's processes use
// under 20 % of a core over 300 ms (at most 10 s; for about 2 s after a new profile they keep both cores busy); returns the milliseconds waited.
function browserCpuTicks() {  // the CPU time of this process's children: the browser's processes
  const children = new Map();  // ppid -> [pid]
  const ticks = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat;
    try { stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8'); } catch { continue; }
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');  // from field 3, state
    const ppid = Number(fields[1]);
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid).push(Number(entry));
    ticks.set(Number(entry), Number(fields[11]) + Number(fields[12]));  // utime + stime
  }
  let total = 0;
  const pending = [...(children.get(process.pid) || [])];
  while (pending.length) {
    const pid = pending.pop();
    total += ticks.get(pid) || 0;
    pending.push(...(children.get(pid) || []));
  }
  return total;  // in clock ticks (1/100 s)
}
async function browserSettled() {
  const start = Date.now();
  if (!fs.existsSync('/proc/self/stat')) {
    await new Promise((resolve) => setTimeout(resolve, 3000));
    return Date.now() - start;
  }
  let before = browserCpuTicks();
  while (Date.now() - start < 10000) {
    await new Promise((resolve) => setTimeout(resolve, 300));
    const now = browserCpuTicks();
    if (now - before < 6) break;  // under 60 ms of CPU in 300 ms
    before = now;
  }
  return Date.now() - start;
}
async function firstFrameRun(rate) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  const settledMs = await browserSettled();  // before the throttling, whose own work never settles
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  await page.goto(pathToFileURL(path.resolve(pagePath)).href);
  await page.evaluate(() => window.it2.ready);
  const timings = await page.evaluate(() => window.it2.timings());
  await context.close();
  return { ...timings, settledMs };
}
const milestoneCell = (runs, key) => {
  const values = runs.map((t) => t[key]).filter(Number.isFinite);
  return values.length ? fmt(quantile(values, 0.5), 0) : '—';
};
// The machine's 1-minute load average before and after the three runs: on a shared machine the
// figures mean little when it is well above the core count.
const loadAverage = () => os.loadavg()[0].toFixed(1);
console.log('\n| CPU | first frame, three fresh profiles (ms) | median | budget | load avg | milestones, median (ms since navigation start) |');
console.log('|---|---|---|---|---|---|');
const settled = [];
for (const [rate, budget] of [[1, 800], [4, 2000]]) {
  const runs = [];
  const loadBefore = loadAverage();
  for (let i = 0; i < 3; i++) runs.push(await firstFrameRun(rate));
  const median = quantile(runs.map((t) => t.firstFrame), 0.5);
  const keys = Object.keys(runs[0]).filter((k) => k !== 'firstFrame' && k !== 'settledMs');
  settled.push(...runs.map((t) => t.settledMs));
  console.log(`| ${rate}× | ${runs.map((t) => fmt(t.firstFrame, 0)).join(', ')} | ${fmt(median, 0)} | ≤ ${budget} ` +
    `(${median <= budget ? 'met' : `over by ${fmt(median - budget, 0)}`}) | ${loadBefore}–${loadAverage()} | ${keys.map((k) => `${k} ${milestoneCell(runs, k)}`).join(', ')} |`);
}
console.log(`\n(Each run opened the page once the browser's own start had finished: waited ${settled.join(', ')} ms (1×, then 4×) ` +
  'before it. The first run also meets a cold GPU process: its shaders compile slower.)');
if (sizeArgs.length === 1 && sizeArgs[0] === 'first-frame') {
  await browser.close();
  process.exit(0);
}

{
  const { context, page, cdp } = await openPage();
  await waitFrames(page, 10);
  const idle = await measureFrames(page, cdp, 2000);
  console.log(`- empty page, district view: ${fmt(idle.taskMsPerFrame)} ms main-thread CPU per frame; callback wall time ` +
    `median ${fmt(idle.median)} ms, p95 ${fmt(idle.p95)} ms; ${idle.frames} frames in 2 s`);
  await context.close();
}

console.log('\n| teachers | input MB | load: every it2.load + the refresh after the last | of which the refresh (merge+metrics+page tables) | wasm heap (live) | heap / input | policy edit | district view per frame | scrolled teacher table per frame |');
console.log('|---|---|---|---|---|---|---|---|---|');

const otherViews = [];
const policyEdit = JSON.stringify({ format: 'it2-policy', version: 1, hours: { online_min: 30, practice_min: 25, total_min: 55 } });
for (const { teachers, staged } of runs) {
  const list = path.join(benchDir, `files-${teachers}.txt`);
  if (!fs.existsSync(list)) { console.log(`| ${teachers} | (no data: run bench/run.sh with this size first) |||||||`); continue; }
  const files = fs.readFileSync(list, 'utf8').split('\n').filter(Boolean);
  const inputBytes = files.reduce((sum, f) => sum + fs.statSync(f).size, 0);
  const { context, page, cdp, errors } = await openPage();
  let row;
  try {
    const { loadMs, loadCpuMs, refreshMs } = await loadFiles(page, cdp, files, staged);
    const state = JSON.parse(await page.evaluate(() => window.it2.state()));
    const { heap: heapBytes, live: liveBytes } = await page.evaluate(() => window.it2.memory());
    const { result: editMs, cpuMs: editCpuMs } = await cpuOf(cdp, () => page.evaluate((text) => {
      const start = performance.now();
      window.it2.load('policy-edit.json', text);
      window.it2.state();  // refresh: the recompute happens here
      return performance.now() - start;
    }, policyEdit));
    let district = null, table = null;
    if (frameSizes.has(teachers) && !staged) {
      // The loaded files are written to IndexedDB once, in chunks over a few seconds after the
      // load: wait for that, so the frames measured are the steady state.
      await page.evaluate(() => window.it2.flush());
      await page.evaluate(() => window.it2.view('district', ''));
      await waitFrames(page, 10);
      district = await measureFrames(page, cdp, 3000);
      // All teachers of the district in the teacher table, scrolled with the mouse wheel.
      await page.evaluate(() => window.it2.view('school', ''));
      await waitFrames(page, 10);
      await page.mouse.move(683, 600);
      table = await measureFrames(page, cdp, 3000, () => page.mouse.wheel(0, 600));
      // Every other view, 2 s each (the teacher view shows the first file's first teacher).
      const firstTeacher = JSON.parse(fs.readFileSync(files[0], 'utf8')).teachers[0].id;
      const cells = [];
      for (const [view, arg] of [['teacher', firstTeacher], ['capability', ''], ['problems', ''], ['rules', ''], ['help', '']]) {
        await page.evaluate(([v, a]) => window.it2.view(v, a), [view, arg]);
        await waitFrames(page, 5);
        const m = await measureFrames(page, cdp, 2000);
        cells.push(`${view} ${fmt(m.taskMsPerFrame)} ms`);
      }
      otherViews.push(`| ${teachers.toLocaleString('en')} | ${cells.join(' | ')} |`);
    }
    const frameCell = (m) => (m ? `CPU ${fmt(m.taskMsPerFrame)} ms; callback wall median ${fmt(m.median)}, p95 ${fmt(m.p95)}, max ${fmt(m.max)} ms (${m.frames} frames)` : 'not measured');
    const label = `${teachers.toLocaleString('en')}${staged ? ', loaded in one go' : ''}`;
    const shown = state.loaded?.teachers;
    if (shown !== undefined && shown !== teachers) throw new Error(`the page shows ${shown} teachers, expected ${teachers}`);
    row = `| ${label} | ${(inputBytes / 1048576).toFixed(1)} | ` +
      `CPU ${fmt(loadCpuMs, 0)} ms (wall ${fmt(loadMs, 0)} ms) | wall ${fmt(refreshMs, 0)} ms | ${(heapBytes / 1048576).toFixed(0)} MB (${(liveBytes / 1048576).toFixed(0)} MB) | ` +
      `${(heapBytes / inputBytes).toFixed(2)}× | CPU ${fmt(editCpuMs, 0)} ms (wall ${fmt(editMs, 0)} ms) | ${frameCell(district)} | ${frameCell(table)} |`;
  } catch (error) {
    row = `| ${teachers.toLocaleString('en')} | ${(inputBytes / 1048576).toFixed(1)} | failed: ${String(error.message).split('\n')[0]} |||||||`;
  }
  if (errors.length) row += ` page errors: ${errors.slice(0, 2).join('; ')}`;
  console.log(row);
  await context.close();
}
if (otherViews.length) {
  console.log('\nMain-thread CPU per frame in the other views (same pages, after the two above):\n');
  console.log('| teachers | teacher | capability | problems | rules | help |');
  console.log('|---|---|---|---|---|---|');
  for (const row of otherViews) console.log(row.replace(/\| (teacher|capability|problems|rules|help) /g, '| '));
}

// The user's path: files handed to it2.loadFiles (what the picker, a drop and the demo use),
// loaded in slices with the progress overlay, then the refresh in steps and the storage write.
// Long tasks (over 50 ms, PerformanceObserver 'longtask': wall time on the main thread) are
// recorded from the start of the load until 5 s after it; the budget is 100 ms.
console.log('\n| teachers | input MB | files loaded through it2.loadFiles | slices | longest slice | long tasks (> 50 ms) | longest task | refresh steps (ms) | wasm heap (live) |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const { teachers, staged } of runs) {
  if (staged || !frameSizes.has(teachers)) continue;
  const list = path.join(benchDir, `files-${teachers}.txt`);
  if (!fs.existsSync(list)) continue;
  const files = fs.readFileSync(list, 'utf8').split('\n').filter(Boolean);
  const inputBytes = files.reduce((sum, f) => sum + fs.statSync(f).size, 0);
  const { context, page } = await openPage();
  let row;
  try {
    await inChunks(files, (chunk) => page.evaluate((batch) => {
      for (const [name, data] of batch) (window.__it2Files ??= []).push({ name, data });
    }, chunk));
    const result = await page.evaluate(async () => {
      const tasks = [];
      const observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) tasks.push(e.duration); });
      observer.observe({ type: 'longtask' });
      const list = window.__it2Files;
      window.__it2Files = null;
      await window.it2Files.loadFiles(list);
      await new Promise((resolve) => setTimeout(resolve, 5000));
      observer.disconnect();
      return { tasks, batch: window.it2Files.lastBatch(), steps: JSON.parse(window.it2.state()).refreshMs, memory: window.it2.memory() };
    });
    const steps = Object.entries(result.steps).map(([step, ms]) => `${step} ${fmt(ms, 0)}`).join(', ');
    row = `| ${teachers.toLocaleString('en')} | ${(inputBytes / 1048576).toFixed(1)} | ${result.batch.files} in ${fmt(result.batch.totalMs, 0)} ms | ` +
      `${result.batch.slices} | ${fmt(result.batch.maxSliceMs, 0)} ms | ${result.tasks.length} | ` +
      `${result.tasks.length ? fmt(Math.max(...result.tasks), 0) + ' ms' : 'none'} | ${steps} | ` +
      `${(result.memory.heap / 1048576).toFixed(0)} MB (${(result.memory.live / 1048576).toFixed(0)} MB) |`;
  } catch (error) {
    row = `| ${teachers.toLocaleString('en')} | ${(inputBytes / 1048576).toFixed(1)} | failed: ${String(error.message).split('\n')[0]} ||||||`;
  }
  console.log(row);
  await context.close();
}
await browser.close();
