#!/usr/bin/env bash
# The ratios of issue 14, one size per call, every implementation on the same files:
#   it2 native (`summarize --json`, 1 thread and every core), map/reduce (`summarize --partial`
#   with xargs -P2, then `it2 merge`), it2 wasm under node, the JavaScript baseline, a naive
#   JSON.parse loop, simdjson parse-only (the ceiling) and DuckDB (@duckdb/node-api),
# each as a whole process under /usr/bin/time (CPU = user + system, wall, peak RSS), medians of
# the runs, taken in turn (A B C … A B C …) so that the machine's load falls on all alike. Then
# checks the budgets and prints met / not met with the numbers, and checks that every summary is
# byte-identical. Called by bench/run.sh (which builds everything and generates the data):
#   bench/ratios.sh TEACHERS DATA_DIR LIST_FILE OUT_DIR
# Environment: IT2, WASM_BENCH (the .js), SIMDJSON_PARSE, AS_OF, RATIO_REPEATS (default 3, 1 from 400,000).
set -euo pipefail

teachers=$1 data=$2 list=$3 out=$4
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
it2=${IT2:-$root/build/native/it2}
as_of=${AS_OF:-2022-11-01}
cores=$(nproc)
repeats=${RATIO_REPEATS:-$(( teachers >= 400000 ? 1 : 3 ))}
work=$out/ratios-$teachers
rm -rf "$work"
mkdir -p "$work"
command -v /usr/bin/time >/dev/null || { echo "bench/ratios.sh: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }

step() { echo "== $*" >&2; }
input_bytes=$(xargs -a "$list" -d '\n' cat | wc -c)

# measure NAME COMMAND…: one run; appends "wall user sys maxrss_kb" to $work/NAME.times.
measure() {
    local name=$1
    shift
    /usr/bin/time -f '%e %U %S %M' -o "$work/$name.time1" "$@" > "$work/$name.stdout" 2> "$work/$name.stderr" || {
        local status=$?
        # it2 exits 1 when the input had problems; anything else is a failure.
        if [[ $status -ne 1 || $name == simdjson ]]; then
            echo "   $name failed (exit $status): $(tail -c 300 "$work/$name.stderr")" >&2
            echo "failed" >> "$work/$name.times"
            return 0
        fi
    }
    tail -n 1 "$work/$name.time1" >> "$work/$name.times"
}

mapreduce() {  # the documented map/reduce on one machine: 2 map processes, one merge
    local per=$(( ($(wc -l < "$list") + 1) / 2 ))
    xargs -a "$list" -d '\n' -P 2 -n "$per" sh -c 'exec "$0" summarize --partial --threads 1 "$@" > "'"$work"'/parts/$$.jsonl"' "$it2"
    "$it2" merge --as-of "$as_of" "$work/parts" > "$work/mapreduce.json"
}
export -f mapreduce
export it2 work list as_of

names=(native1 nativeN mapreduce wasm js naive simdjson duckdb)
for run in $(seq "$repeats"); do
    step "$teachers teachers: run $run of $repeats (load average $(cut -d' ' -f1 /proc/loadavg))"
    measure native1 sh -c "exec '$it2' summarize --json --as-of $as_of --threads 1 '$data' > '$work/native1.json'"
    measure nativeN sh -c "exec '$it2' summarize --json --as-of $as_of --threads $cores '$data' > '$work/nativeN.json'"
    # Not it2's default, for the record: glibc's malloc asking for transparent huge pages (fewer
    # page faults; how much that gains depends on the machine, docs/performance.md).
    measure native1hp env GLIBC_TUNABLES=glibc.malloc.hugetlb=1 sh -c "exec '$it2' summarize --json --as-of $as_of --threads 1 '$data' > '$work/native1hp.json'"
    rm -rf "$work/parts" && mkdir -p "$work/parts"  # the last run's partials: removed before the clock starts
    measure mapreduce bash -c mapreduce
    # Emscripten 3.1.6 would fetch() the .wasm when node has a global fetch: use the file path.
    measure wasm node --no-experimental-fetch --max-old-space-size=8192 "$WASM_BENCH" "$list" "$as_of" "$work/wasm.json"
    measure js node --max-old-space-size=16384 "$root/bench/js_bench.mjs" "$list" "$as_of" "$work/js.json"
    measure naive node --max-old-space-size=8192 "$root/bench/naive_parse.mjs" "$list"
    measure simdjson "$SIMDJSON_PARSE" "$list"
    measure duckdb node "$root/bench/duckdb_bench.mjs" "$list"
    for n in wasm js naive simdjson duckdb; do cp "$work/$n.stdout" "$work/$n.line.$run"; done
done

# Medians, ratios, budgets: one node script reads the *.times and the programs' own JSON lines.
node - "$work" "$teachers" "$input_bytes" "$cores" "$repeats" <<'EOF_NODE'
const fs = require('fs');
const [work, teachers, inputBytes, cores, repeats] = process.argv.slice(2);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[(s.length - 1) >> 1] : NaN; };
const read = (name) => {
  let lines = [];
  try { lines = fs.readFileSync(`${work}/${name}.times`, 'utf8').trim().split('\n'); } catch { return null; }
  const runs = lines.filter((l) => l !== 'failed').map((l) => l.split(' ').map(Number));
  if (!runs.length) return null;
  return { wall: median(runs.map((r) => r[0])) * 1000, cpu: median(runs.map((r) => (r[1] + r[2]) * 1000)),
           rss: median(runs.map((r) => r[3] / 1024)), runs: runs.length };
};
const lines = (name) => {
  const out = [];
  for (let i = 1; i <= Number(repeats); i++) {
    try { out.push(JSON.parse(fs.readFileSync(`${work}/${name}.line.${i}`, 'utf8').trim().split('\n').pop())); } catch {}
  }
  return out;
};
const mb = Number(inputBytes) / 1048576;
const r = Object.fromEntries(['native1', 'nativeN', 'native1hp', 'mapreduce', 'wasm', 'js', 'naive', 'simdjson', 'duckdb'].map((n) => [n, read(n)]));
// /usr/bin/time counts CPU in 10 ms steps: simdjson's own whole-process CPU figure is finer.
const simdCpu = median(lines('simdjson').map((l) => l.cpu_ms));
if (r.simdjson && Number.isFinite(simdCpu)) r.simdjson.cpu = simdCpu;
const duckLines = lines('duckdb');
const duckSkipped = duckLines.find((l) => l.skipped);
if (duckSkipped) r.duckdb = null;
const lc = (l) => l.load_cpu_ms + (l.merge_cpu_ms ?? 0) + l.metrics_cpu_ms;
const wasmLc = median(lines('wasm').map(lc)), jsLc = median(lines('js').map(lc));
const naiveParse = median(lines('naive').map((l) => l.parse_cpu_ms));
const base = r.native1;
const f = (x, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : '—');
const labels = {
  native1: 'it2 native `summarize --json`, 1 thread', nativeN: `it2 native \`summarize --json\`, ${cores} threads`,
  native1hp: '(not a default) the same, 1 thread, `GLIBC_TUNABLES=glibc.malloc.hugetlb=1`',
  mapreduce: '`summarize --partial` (xargs -P2) + `it2 merge`', wasm: 'it2 wasm (node), whole bench process',
  js: 'JS baseline (node), whole process', naive: 'naive JSON.parse loop (node)', simdjson: 'simdjson parse-only (the ceiling)',
  duckdb: 'DuckDB (@duckdb/node-api: read_json + GROUP BY)',
};
console.log(`\n### ${Number(teachers).toLocaleString('en')} teachers: ${f(mb, 1)} MB of input, medians of ${repeats} run(s)\n`);
console.log('| implementation | CPU | CPU vs it2 (1 thread) | wall | wall vs it2 (1 thread) | peak RSS | RSS / input |');
console.log('|---|---|---|---|---|---|---|');
for (const [name, label] of Object.entries(labels)) {
  const x = r[name];
  if (!x) { console.log(`| ${label} | ${name === 'duckdb' && duckSkipped ? 'skipped: ' + duckSkipped.skipped : 'failed'} | | | | | |`); continue; }
  console.log(`| ${label} | ${f(x.cpu)} ms | ${f(x.cpu / base.cpu, 2)} | ${f(x.wall)} ms | ${f(x.wall / base.wall, 2)} | ${f(x.rss)} MB | ${f(x.rss / mb, 2)}× |`);
}
console.log(`\nIn-process figures (CPU, excluding reading the files): wasm load+compute ${f(wasmLc)} ms, JS baseline load+compute ${f(jsLc)} ms, naive JSON.parse+loop ${f(naiveParse)} ms, simdjson parse ${f(median(lines('simdjson').map((l) => l.parse_cpu_ms)))} ms.`);

const checks = [];
const budget = (what, value, ok, detail) => checks.push(`| ${what} | ${value} | ${ok === null ? 'not measured' : ok ? 'met' : '**not met**'} | ${detail} |`);
if (base && r.simdjson) {
  const x = base.cpu / r.simdjson.cpu;
  budget('native `summarize --json` CPU ≤ 2.5× simdjson parse-only CPU', `${f(x, 2)}×`, x <= 2.5, `${f(base.cpu)} vs ${f(r.simdjson.cpu)} ms`);
}
if (base && r.nativeN) {
  const x = r.nativeN.wall / base.wall;
  budget(`native wall with ${cores} threads ≤ 0.6× its 1-thread wall`, `${f(x, 2)}×`, x <= 0.6, `${f(r.nativeN.wall)} vs ${f(base.wall)} ms`);
}
if (r.nativeN && r.duckdb) {
  const x = r.nativeN.wall / r.duckdb.wall;
  budget('native wall ≤ 0.5× DuckDB wall', `${f(x, 2)}×`, x <= 0.5, `${f(r.nativeN.wall)} vs ${f(r.duckdb.wall)} ms`);
} else budget('native wall ≤ 0.5× DuckDB wall', '—', null, duckSkipped ? duckSkipped.skipped : 'DuckDB failed');
if (Number.isFinite(wasmLc) && Number.isFinite(jsLc)) {
  const x = jsLc / wasmLc;
  budget('wasm (node) load+compute ≥ 4× the JS baseline', `${f(x, 2)}×`, x >= 4, `CPU ${f(wasmLc)} vs ${f(jsLc)} ms`);
}
if (Number.isFinite(wasmLc) && Number.isFinite(naiveParse)) {
  const x = naiveParse / wasmLc;
  budget('wasm (node) load+compute ≥ 1.5× the naive JSON.parse loop', `${f(x, 2)}×`, x >= 1.5, `CPU ${f(wasmLc)} vs ${f(naiveParse)} ms`);
}
if (r.nativeN) {
  const x = r.nativeN.rss / mb;
  budget('peak RSS of native `summarize --json` ≤ 2× input', `${f(x, 2)}×`, x <= 2, `${f(r.nativeN.rss)} MB (1 thread: ${f(base.rss)} MB) for ${f(mb, 1)} MB`);
}
if (base && r.mapreduce) {
  const x = r.mapreduce.wall / base.wall;
  budget('map/reduce (xargs -P2 + merge) wall no slower than one process', `${f(x, 2)}×`, x <= 1, `${f(r.mapreduce.wall)} vs ${f(base.wall)} ms`);
}
budget('page first frame ≤ 0.8 s at 1×, ≤ 2 s at 4× throttling', '—', null, 'bench/browser_bench.mjs (issue 14 item 6)');
console.log('\n| budget | figure | | numbers |\n|---|---|---|---|');
for (const c of checks) console.log(c);
EOF_NODE

# Where it2's time goes: `perf` (apt-get install linux-perf) over one 1-thread run, flat profile.
if [[ ${BENCH_PERF:-1} == 1 ]] && command -v perf >/dev/null; then
    if perf record -q -o "$work/perf.data" "$it2" summarize --json --as-of "$as_of" --threads 1 "$data" > /dev/null 2> "$work/perf.err" ||
        [[ -s $work/perf.data ]]; then
        echo
        echo "perf, it2 summarize --json --threads 1 (self time, symbols over 1.5%):"
        echo '```'
        perf report -i "$work/perf.data" --stdio --no-children -g none --percent-limit 1.5 2>/dev/null | grep '%' | head -n 25 || true
        echo '```'
    fi
fi

# Byte-identical summaries: 1 thread, every core, map/reduce, wasm (which writes no final newline).
{
    same() { if cmp -s "$1" "$2"; then echo "byte-identical"; else echo "DIFFERENT"; fi; }
    echo
    echo "- summaries: $cores threads vs 1 thread: $(same "$work/native1.json" "$work/nativeN.json"); map/reduce vs 1 thread: $(same "$work/native1.json" "$work/mapreduce.json"); wasm vs native: $(same <(head -c -1 "$work/native1.json") "$work/wasm.json"); huge pages vs 1 thread: $(same "$work/native1.json" "$work/native1hp.json")"
    echo "- the JS baseline's summary vs native: $(node "$root/bench/compare_summaries.mjs" <(head -c -1 "$work/native1.json") "$work/js.json" 2>&1 | head -n 3 | tr '\n' ' ')"
    echo "- load average after the runs: $(cut -d' ' -f1-3 /proc/loadavg)"
}
