#!/usr/bin/env bash
# Benchmarks (not part of the tests; docs/performance.md shows one run).
# Generates 10k / 100k / 400k-teacher data sets with `it2 generate` into build/bench/, then per
# size prints one table: input files and MB; time and throughput of parse+validate, merge and
# metrics; peak memory; for native (g++ -O2), wasm under node (em++ -O2) and the JavaScript
# baseline (bench/js/summarize.mjs), with the ratios to the baseline, and checks that the three
# give the same summary. Then the page in headless Chromium (bench/browser_bench.mjs) when
# dist/it2-tracker.html exists.
#   bench/run.sh                      all sizes
#   BENCH_SIZES="10000" bench/run.sh  some sizes;  BENCH_BROWSER=0 skips the page
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

# ---- builds --------------------------------------------------------------------------------
# The core's pinyin table is generated from Unihan (Debian: unicode-data), as CMakeLists.txt does.
if [[ scripts/gen-pinyin-table.py -nt $out/pinyin_table.cpp ]]; then
    python3 scripts/gen-pinyin-table.py --unihan /usr/share/unicode --out "$out/pinyin_table.cpp" data/demo/*.json >&2
fi
core_sources=(src/core/*.cpp "$out/pinyin_table.cpp")
newer_than() {  # true when $1 is missing or older than any core source, bench source or header
    [[ ! -e $1 ]] && return 0
    [[ -n $(find src/core bench/bench_cli.cpp -newer "$1" -print -quit) ]]
}

it2=$root/build/native/it2
if [[ ! -x $it2 ]]; then
    step "building it2 (cmake --preset native) for it2 generate"
    cmake --preset native >&2 && cmake --build --preset native --target it2 >&2
fi

if newer_than "$out/native_bench"; then
    step "building build/bench/native_bench (g++ -O2)"
    g++ -std=c++17 -O2 -DNDEBUG -Isrc/core "${core_sources[@]}" bench/bench_cli.cpp -o "$out/native_bench"
fi

if newer_than "$out/wasm_bench.js"; then
    step "building build/bench/wasm_bench.js (em++ -O2, node, NODERAWFS)"
    # A folder holding only nlohmann/: -I/usr/include would pull glibc headers into the wasm build.
    mkdir -p "$out/json-include"
    [[ -e $out/json-include/nlohmann ]] || ln -s /usr/include/nlohmann "$out/json-include/nlohmann"
    # Emscripten's JS optimizer needs Debian's acorn (toolchain.md).
    NODE_PATH=/usr/share/nodejs em++ -std=c++17 -O2 -DNDEBUG -fno-exceptions -Isrc/core -isystem "$out/json-include" \
        "${core_sources[@]}" bench/bench_cli.cpp -o "$out/wasm_bench.js" \
        -sENVIRONMENT=node -sNODERAWFS=1 -sALLOW_MEMORY_GROWTH=1 -sMAXIMUM_MEMORY=4GB -sEXIT_RUNTIME=1
fi
# Emscripten's output is CommonJS; the repo's package.json may say "type": "module".
echo '{ "type": "commonjs" }' > "$out/package.json"

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
    result=$out/result-$teachers
    rm -f "$result".*

    # Best of $repeats runs per implementation by CPU time (least disturbed by other work).
    repeats=${BENCH_REPEATS:-$(( teachers >= 400000 ? 2 : 3 ))}
    echo "load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg)" > "$result.load.txt"
    for run in $(seq "$repeats"); do
        step "$teachers: native, run $run of $repeats"
        "$out/native_bench" "$list" "$as_of" "$result.native-summary.json" >> "$result.native.runs" 2> "$result.native.log" \
            || { echo "native failed:" >&2; tail -c 2000 "$result.native.log" >&2; }
        step "$teachers: wasm (node), run $run of $repeats"
        # Emscripten 3.1.6 would fetch() the .wasm when node has a global fetch: use the file path.
        node --no-experimental-fetch --max-old-space-size=8192 "$out/wasm_bench.js" "$list" "$as_of" "$result.wasm-summary.json" \
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
    else
        echo "(page figures skipped: dist/it2-tracker.html does not exist; run ./build-wasm.sh first)" | tee "$out/browser.md"
    fi
fi
