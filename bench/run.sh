#!/usr/bin/env bash
# Benchmarks (not part of the tests; docs/performance.md shows one run).
# Generates 10k / 100k / 400k-teacher data sets with `it2 generate` into build/bench/, then per
# size prints one table: input files and MB; time and throughput of parse+validate, merge and
# metrics; peak memory; for native (g++ -O3), wasm under node (em++ -O3 -flto, the page's options) and the JavaScript
# baseline (tests/oracle/summarize.mjs), with the ratios to the baseline, and checks that the three
# give the same summary. Then the page in headless Chromium (bench/browser_bench.mjs) when
# dist/it2-tracker.html exists.
#   bench/run.sh                      all sizes
#   BENCH_SIZES="10000" bench/run.sh  some sizes;  BENCH_BROWSER=0 skips the page
# At 100,000 and 400,000 teachers (BENCH_RATIO_SIZES) it first prints issue 14's ratios
# (bench/ratios.sh: it2 native with 1 thread and every core, map/reduce, wasm, the JS baseline,
# a naive JSON.parse loop, simdjson parse-only, DuckDB; peak RSS; the budgets met or not);
#   BENCH_SIZES=100000 BENCH_TABLES=0 BENCH_BROWSER=0 bench/run.sh    the ratios at 100,000 only
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=$root/build/bench
sizes=${BENCH_SIZES:-"10000 100000 400000"}
teachers_per_school=100
as_of=2022-11-01
mkdir -p "$out"
cd "$root"

step() { echo "== $*" >&2; }
need() {  # need COMMAND PACKAGE
    command -v "$1" >/dev/null && return
    step "installing $2 (for $1)"
    if [[ $(id -u) -eq 0 ]]; then apt-get install -y "$2" >&2 || true; fi
    command -v "$1" >/dev/null || { echo "bench: $1 is missing: apt-get install $2" >&2; exit 2; }
}
need g++ g++
need cmake cmake
need node nodejs
need em++ emscripten
if [[ ! -f /usr/include/nlohmann/json.hpp ]]; then
    apt-get install -y nlohmann-json3-dev >&2 || { echo "bench: nlohmann/json is missing: apt-get install nlohmann-json3-dev" >&2; exit 2; }
fi

# ---- builds: CMake presets "native" (target native_bench) and "wasm-bench" ------------------
step "building build/native/it2 and build/native/native_bench (cmake --preset native)"
cmake --preset native >&2 && cmake --build --preset native --target it2 native_bench >&2
it2=$root/build/native/it2
native_bench=$root/build/native/native_bench

step "building build/wasm-bench/wasm_bench.js (cmake --preset wasm-bench: em++, node, NODERAWFS)"
# Debian's emscripten: its CMake toolchain file, and Debian's acorn for the JS optimizer (toolchain.md).
export IT2_EMSCRIPTEN_TOOLCHAIN=${IT2_EMSCRIPTEN_TOOLCHAIN:-/usr/share/emscripten/cmake/Modules/Platform/Emscripten.cmake}
export NODE_PATH="/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}"
cmake --preset wasm-bench >&2 && cmake --build --preset wasm-bench >&2
out_wasm=$root/build/wasm-bench
# Emscripten's output is CommonJS; the repo's package.json may say "type": "module".
echo '{ "type": "commonjs" }' > "$out_wasm/package.json"

# simdjson parse-only, the ceiling of bench/ratios.sh (Debian's libsimdjson-dev).
simdjson_parse=$out/simdjson_parse
if [[ ! -f /usr/include/simdjson.h && $(id -u) -eq 0 ]]; then apt-get install -y libsimdjson-dev >&2 || true; fi
if [[ -f /usr/include/simdjson.h ]]; then
    g++ -O2 -std=c++17 bench/simdjson_parse.cpp -lsimdjson -o "$simdjson_parse" >&2
else
    echo "bench: simdjson is missing (apt-get install libsimdjson-dev): its ratio is skipped" >&2
    simdjson_parse=false
fi
# perf for the profile's top lines (skipped without it), /usr/bin/time for CPU and peak RSS.
if [[ $(id -u) -eq 0 ]]; then
    command -v perf >/dev/null || apt-get install -y linux-perf >&2 || true
    [[ -x /usr/bin/time ]] || apt-get install -y time >&2 || true
fi
[[ -x /usr/bin/time ]] || { echo "bench: /usr/bin/time is missing: apt-get install time" >&2; exit 2; }
# DuckDB through @duckdb/node-api (package-lock.json, an optional dependency): `npm ci` when it is
# missing; when it cannot install (no registry, no prebuilt binary), its ratio is skipped with a note.
if [[ ! -f node_modules/@duckdb/node-api/package.json ]]; then
    if [[ -z ${NODE_EXTRA_CA_CERTS:-} && -r /etc/ssl/certs/ca-certificates.crt ]]; then
        export NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
    fi
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund >&2 ||
        echo "bench: npm ci failed: DuckDB's ratio is skipped (the other ratios do not need it)" >&2
fi

# ---- machine -----------------------------------------------------------------------------
{
    echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(free -g | awk '/Mem:/ {print $2}') GB RAM"
    echo "software: $(g++ --version | head -n1), $(em++ --version | head -n1), node $(node --version)"
    echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'), as-of $as_of, it2 generate --teachers-per-school $teachers_per_school --batches 3 --seed 1"
} | tee "$out/machine.txt"

# ---- per size ------------------------------------------------------------------------------
for teachers in $sizes; do
    schools=$(( teachers / teachers_per_school ))
    data=$out/data-$teachers
    if [[ ! -f $data/.complete ]]; then
        step "generating $teachers teachers ($schools schools) into $data"
        rm -rf "$data"
        "$it2" generate --schools "$schools" --teachers-per-school "$teachers_per_school" --batches 3 --seed 1 --out "$data" >/dev/null
        touch "$data/.complete"
    fi
    list=$out/files-$teachers.txt
    # Sorted path order, as `it2 summarize DIR` loads a folder.
    find "$data" -name '*.json' | LC_ALL=C sort > "$list"
    # Issue 14's ratios: every implementation as a whole process, with the budgets checked.
    if [[ " ${BENCH_RATIO_SIZES:-100000 400000} " == *" $teachers "* ]]; then
        step "$teachers: the ratios of issue 14 (bench/ratios.sh)"
        IT2=$it2 WASM_BENCH=$out_wasm/wasm_bench.js SIMDJSON_PARSE=$simdjson_parse AS_OF=$as_of \
            bench/ratios.sh "$teachers" "$data" "$list" "$out" | tee "$out/ratios-$teachers.md"
    fi
    [[ ${BENCH_TABLES:-1} == 1 ]] || continue  # BENCH_TABLES=0: the ratios only
    result=$out/result-$teachers
    rm -f "$result".*

    # Best of $repeats runs per implementation by CPU time (least disturbed by other work).
    repeats=${BENCH_REPEATS:-$(( teachers >= 400000 ? 2 : 3 ))}
    echo "load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg)" > "$result.load.txt"
    for run in $(seq "$repeats"); do
        step "$teachers: native, run $run of $repeats"
        "$native_bench" "$list" "$as_of" "$result.native-summary.json" >> "$result.native.runs" 2> "$result.native.log" \
            || { echo "native failed:" >&2; tail -c 2000 "$result.native.log" >&2; }
        step "$teachers: wasm (node), run $run of $repeats"
        # Emscripten 3.1.6 would fetch() the .wasm when node has a global fetch: use the file path.
        node --no-experimental-fetch --max-old-space-size=8192 "$out_wasm/wasm_bench.js" "$list" "$as_of" "$result.wasm-summary.json" \
            >> "$result.wasm.runs" 2> "$result.wasm.log" || { echo "wasm failed:" >&2; tail -c 2000 "$result.wasm.log" >&2; }
        step "$teachers: JS baseline (node), run $run of $repeats"
        node --max-old-space-size=16384 bench/js_bench.mjs "$list" "$as_of" "$result.js-summary.json" \
            >> "$result.js.runs" 2> "$result.js.log" || { echo "JS baseline failed:" >&2; tail -c 2000 "$result.js.log" >&2; }
    done
    for impl in native wasm js; do
        node -e '
            const runs = require("fs").readFileSync(process.argv[1], "utf8").split("\n").filter(Boolean).map(JSON.parse);
            const total = (r) => r.load_cpu_ms + (r.merge_cpu_ms ?? 0) + r.metrics_cpu_ms;
            if (runs.length) console.log(JSON.stringify(runs.reduce((a, b) => (total(b) < total(a) ? b : a))));
        ' "$result.$impl.runs" > "$result.$impl.json" 2>/dev/null || true
    done
    echo "load average after the runs: $(cut -d' ' -f1-3 /proc/loadavg); best of $repeats runs each" >> "$result.load.txt"

    {
        if cmp -s "$result.native-summary.json" "$result.wasm-summary.json"; then
            echo "native and wasm summaries: byte-identical"
        else
            echo "native and wasm summaries: DIFFERENT"
        fi
        echo "native vs JS baseline summary: $(node bench/compare_summaries.mjs "$result.native-summary.json" "$result.js-summary.json" 2>&1 | head -n 8 || true)"
        cat "$result.load.txt"
        echo "summary JSON: native $(node -e 'const r=JSON.parse(require("fs").readFileSync(process.argv[1]));console.log(r.json_cpu_ms.toFixed(0))' "$result.native.json") ms CPU, reading the files: native $(node -e 'const r=JSON.parse(require("fs").readFileSync(process.argv[1]));console.log(r.read_ms.toFixed(0))' "$result.native.json") ms (not in the times above)"
    } > "$result.checks.txt" 2>&1
    node bench/report.mjs "$teachers teachers" "$result.native.json" "$result.wasm.json" "$result.js.json" "$result.checks.txt" \
        | tee "$result.table.md"
done

# ---- the page ------------------------------------------------------------------------------
if [[ ${BENCH_BROWSER:-1} == 1 ]]; then
    if [[ -f dist/it2-tracker.html ]]; then
        step "the page in headless Chromium"
        # The same sizes, and the largest once more loaded in one go ("Ns": no frame between files).
        largest=$(printf '%s\n' $sizes | sort -n | tail -n 1)
        node bench/browser_bench.mjs dist/it2-tracker.html "$out" $sizes "${largest}s" | tee "$out/browser.md" \
            || echo "browser bench failed" >&2
        # First frame at 1x and 4x CPU throttling, three fresh profiles each (issue 14's budgets).
        node bench/browser_bench.mjs dist/it2-tracker.html "$out" first-frame | tee -a "$out/browser.md" \
            || echo "first-frame bench failed" >&2
    else
        echo "(page figures skipped: dist/it2-tracker.html does not exist; run ./build-wasm.sh first)" | tee "$out/browser.md"
    fi
fi
