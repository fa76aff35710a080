// Prints bench/run.sh's table for one data set from the JSON lines the three runners wrote.
//   node bench/report.mjs LABEL NATIVE.json WASM.json JS.json CHECKS.txt
// Times are CPU milliseconds of the process per phase (steadier than wall time on a shared
// machine; the wall time of load+compute is shown too). Throughput is input MB per CPU second
// of each phase; "vs JS" is the JavaScript baseline's load+compute CPU time divided by this
// implementation's (≥ 1 means faster than the baseline).
import { readFileSync } from 'node:fs';

const [label, nativeFile, wasmFile, jsFile, checksFile] = process.argv.slice(2);
const read = (file) => { try { return JSON.parse(readFileSync(file, 'utf8')); } catch { return null; } };
const runs = [['native (g++ -O2)', read(nativeFile)], ['wasm (em++ -O2, node)', read(wasmFile)], ['JS baseline (node)', read(jsFile)]];
const any = runs.find(([, r]) => r)?.[1];
if (!any) { console.log(`${label}: no results`); process.exit(0); }

const mb = any.input_bytes / 1048576;
const ms = (v) => (v === null || v === undefined ? '—' : v >= 100 ? v.toFixed(0) : v.toFixed(1));
const rate = (v) => (v ? `${(mb / (v / 1000)).toFixed(0)} MB/s` : '');
const cell = (v) => (v === null || v === undefined ? '—' : `${ms(v)} ms ${rate(v) ? `(${rate(v)})` : ''}`.trim());
const total = (r) => r.load_cpu_ms + (r.merge_cpu_ms ?? 0) + r.metrics_cpu_ms;
const wallTotal = (r) => r.load_ms + (r.merge_ms ?? 0) + r.metrics_ms;
const js = read(jsFile);

console.log(`\n### ${label}: ${any.teachers.toLocaleString('en')} teachers, ${any.files.toLocaleString('en')} files, ${mb.toFixed(1)} MB\n`);
console.log('| implementation | parse+validate | merge | metrics | load+compute | vs JS | wall load+compute | policy edit | peak memory |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const [name, r] of runs) {
  if (!r) { console.log(`| ${name} | failed | | | | | | | |`); continue; }
  const ratio = js ? (total(js) / total(r)).toFixed(2) + '×' : '—';
  const parts = r.model_mb !== undefined ? `; model ${r.model_mb.toFixed(0)} MB (${(r.model_mb / mb).toFixed(2)}×), summary ${r.summary_mb.toFixed(0)} MB` : '';
  const memory = name.startsWith('wasm')
    ? `heap ${r.peak_mb.toFixed(0)} MB (${(r.peak_mb / mb).toFixed(2)}× input)${parts}`
    : name.startsWith('JS')
      ? `RSS ${r.peak_mb.toFixed(0)} MB (JS heap ${r.live_heap_mb.toFixed(0)} MB)`
      : `RSS ${r.peak_mb.toFixed(0)} MB (${(r.peak_mb / mb).toFixed(2)}× input)${parts}`;
  const merge = r.merge_cpu_ms === null ? 'in metrics' : cell(r.merge_cpu_ms);
  console.log(`| ${name} | ${cell(r.load_cpu_ms)} | ${merge} | ${cell(r.metrics_cpu_ms)} | ${cell(total(r))} | ${ratio} | ` +
    `${ms(wallTotal(r))} ms | ${ms(r.recompute_cpu_ms)} ms | ${memory} |`);
}
const checks = readFileSync(checksFile, 'utf8').trim();
if (checks) console.log('\n' + checks.split('\n').map((line) => `- ${line}`).join('\n'));
