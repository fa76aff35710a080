// The JavaScript baseline, timed in-process: tests/oracle/summarize.mjs (plain JSON.parse plus the
// format.md §3/§4 rules) on the same files, in the same order, as bench_cli.cpp.
//   node bench/js_bench.mjs LIST_FILE AS_OF SUMMARY_OUT
// Prints one JSON line like bench_cli's (wall and CPU milliseconds per phase). summarize() does the merge and the metrics in one
// pass, so its time is reported as metrics_ms with merge_ms null.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { performance } from 'node:perf_hooks';
import { defaultPolicy, loadBatch, summarize } from '../tests/oracle/summarize.mjs';

const [listFile, asOf, summaryOut] = process.argv.slice(2);
if (!summaryOut) {
  console.error('usage: node bench/js_bench.mjs LIST_FILE AS_OF SUMMARY_OUT');
  process.exit(2);
}
const paths = readFileSync(listFile, 'utf8').split('\n').filter((line) => line.length > 0);

// CPU time of the process (user + system, ms): on a busy machine steadier than wall time.
const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
let peakHeapBytes = 0, peakRssBytes = 0;
const sampleMemory = () => {
  const m = process.memoryUsage();
  peakHeapBytes = Math.max(peakHeapBytes, m.heapUsed + m.arrayBuffers);
  peakRssBytes = Math.max(peakRssBytes, m.rss);
};

const readStart = performance.now();
const contents = paths.map((path) => readFileSync(path));
const readMs = performance.now() - readStart;
const inputBytes = contents.reduce((sum, bytes) => sum + bytes.length, 0);
sampleMemory();

const loadStart = performance.now(), loadCpuStart = cpuMs();
const entries = [];
for (let i = 0; i < paths.length; i++) {
  // Named by base name, as bench_cli and `it2 summarize` name them, so the summaries compare.
  const { data, problems } = loadBatch(basename(paths[i]), contents[i]);
  entries.push({ file: basename(paths[i]), data, problems });
  contents[i] = null;
  if (i % 500 === 0) sampleMemory();
}
const loadMs = performance.now() - loadStart, loadCpuMs = cpuMs() - loadCpuStart;
sampleMemory();

const metricsStart = performance.now(), metricsCpuStart = cpuMs();
const summary = summarize(entries, defaultPolicy(), asOf);
const metricsMs = performance.now() - metricsStart, metricsCpuMs = cpuMs() - metricsCpuStart;
sampleMemory();

const edited = defaultPolicy();
edited.hours.online_min = 30;
const recomputeStart = performance.now(), recomputeCpuStart = cpuMs();
const recomputed = summarize(entries, edited, asOf);
const recomputeMs = performance.now() - recomputeStart, recomputeCpuMs = cpuMs() - recomputeCpuStart;

const jsonStart = performance.now(), jsonCpuStart = cpuMs();
const json = JSON.stringify(summary);
const jsonMs = performance.now() - jsonStart, jsonCpuMs = cpuMs() - jsonCpuStart;
sampleMemory();
writeFileSync(summaryOut, json);

console.log(JSON.stringify({
  files: paths.length, input_bytes: inputBytes, teachers: summary.teachers.length,
  read_ms: readMs, load_ms: loadMs, merge_ms: null, metrics_ms: metricsMs, recompute_ms: recomputeMs,
  json_ms: jsonMs, load_cpu_ms: loadCpuMs, merge_cpu_ms: null, metrics_cpu_ms: metricsCpuMs,
  recompute_cpu_ms: recomputeCpuMs, json_cpu_ms: jsonCpuMs, peak_mb: peakRssBytes / 1048576, live_heap_mb: peakHeapBytes / 1048576,
  recomputed_teachers: recomputed.teachers.length,
}));
