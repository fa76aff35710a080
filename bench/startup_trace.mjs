// Where the page's start-up time goes (issue 14 item 6): one fresh profile, a DevTools Protocol
// trace from navigation to the first frame, printed as the renderer main thread's tasks and
// what ran inside them (≥ 3 ms), beside the page's own milestones (it2.timings()). Not a test.
//   node bench/startup_trace.mjs dist/it2-tracker.html [CPU_THROTTLING_RATE] [TRACE_OUT.json]
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [pagePath, rateArg, traceOut] = process.argv.slice(2);
if (!pagePath) {
  console.error('usage: node bench/startup_trace.mjs PAGE.html [CPU_THROTTLING_RATE] [TRACE_OUT.json]');
  process.exit(2);
}
const { chromium } = await import('playwright-core');
const browser = await chromium.launch({
  executablePath: process.env.IT2_CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-extensions'],
});
const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await cdp.send('Emulation.setCPUThrottlingRate', { rate: Number(rateArg || 1) });
const events = [];
cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
await cdp.send('Tracing.start', {
  categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute', 'blink',
    'loading', 'disabled-by-default-v8.compile', 'v8.wasm', 'gpu', 'blink.user_timing', 'gpu.angle',
    'gpu.service', 'disabled-by-default-gpu.service', 'gpu.decoder', 'disabled-by-default-gpu.decoder'].join(','),
  transferMode: 'ReportEvents',
});
await page.goto(pathToFileURL(path.resolve(pagePath)).href);
await page.evaluate(() => window.it2.ready);
const timings = await page.evaluate(() => window.it2.timings());
await cdp.send('Tracing.end');
await complete;
await browser.close();
if (traceOut) fs.writeFileSync(traceOut, JSON.stringify({ traceEvents: events }));

// The renderer main thread of the page: the thread named CrRendererMain with the most events.
const names = new Map();
for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args.name);
const counts = new Map();
for (const e of events) {
  const key = `${e.pid}:${e.tid}`;
  if (names.get(key) === 'CrRendererMain' && e.ph === 'X') counts.set(key, (counts.get(key) || 0) + 1);
}
const main = [...counts].sort((a, b) => b[1] - a[1])[0][0];
const navigation = events.find((e) => e.name === 'navigationStart' && `${e.pid}:${e.tid}` === main) ||
  events.find((e) => e.name === 'navigationStart');
const origin = navigation.ts;
const onMain = events.filter((e) => `${e.pid}:${e.tid}` === main && e.ph === 'X' && e.dur !== undefined)
  .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
const end = origin + timings.firstFrame * 1000;
const ms = (us) => (us / 1000).toFixed(1);
console.log(`milestones: ${Object.entries(timings).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')}`);
console.log('main-thread work before the first frame (start ms since navigation, duration ms):');
const tasks = onMain.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask');
let busy = 0;
for (const task of tasks) {
  if (task.ts > end || task.ts + task.dur < origin) continue;
  busy += task.dur;
  if (task.dur < 3000) continue;
  const inside = onMain.filter((e) => e !== task && e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur && e.dur >= 3000 &&
    e.name !== 'RunTask' && e.name !== 'ThreadControllerImpl::RunTask');
  const seen = new Set();
  const detail = inside.filter((e) => { const k = e.name; if (seen.has(k)) return false; seen.add(k); return true; })
    .slice(0, 6).map((e) => `${e.name}${e.args && e.args.data && e.args.data.url ? '' : ''} ${ms(e.dur)}`).join('; ');
  console.log(`  ${ms(task.ts - origin).padStart(7)}  ${ms(task.dur).padStart(6)}  ${detail}`);
}
console.log(`main thread busy ${ms(busy)} ms of ${timings.firstFrame.toFixed(0)} ms to the first frame`);
