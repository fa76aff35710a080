#!/usr/bin/env bash
# Builds the loader's libFuzzer target with clang-14 (ASan + UBSan + libFuzzer) and runs it
# for FUZZ_SECONDS (default 60). Fails on any crash, leak, timeout or sanitizer report.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$root/build/fuzz"
seconds="${FUZZ_SECONDS:-60}"
CXX="${FUZZ_CXX:-clang++-14}"

say() { echo "fuzz: $*"; }

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

fuzzer_runtime_present() {
    command -v "$CXX" >/dev/null 2>&1 || return 1
    local dir
    dir="$("$CXX" -print-resource-dir 2>/dev/null)/lib/linux"
    [ -f "$dir/libclang_rt.fuzzer-x86_64.a" ] || [ -f "$dir/libclang_rt.fuzzer-$(uname -m).a" ]
}

if ! fuzzer_runtime_present || [ ! -f /usr/include/nlohmann/json.hpp ]; then
    say "installing clang-14, libclang-rt-14-dev and nlohmann-json3-dev with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    as_root apt-get update -qq
    as_root apt-get install -y -qq clang-14 libclang-rt-14-dev nlohmann-json3-dev >/dev/null
fi
if ! fuzzer_runtime_present; then
    say "cannot find $CXX with its libFuzzer runtime; install clang-14 and libclang-rt-14-dev (apt-get) and retry" >&2
    exit 1
fi

mkdir -p "$out/corpus" "$out/artifacts"
# The whole core: Workspace::add reaches the CSV import, and new core files must not break the link.
# The core's pinyin table is generated from Unihan (Debian: unicode-data), as CMakeLists.txt does.
if [ "$root/scripts/gen-pinyin-table.py" -nt "$out/pinyin_table.cpp" ]; then
    python3 "$root/scripts/gen-pinyin-table.py" --unihan /usr/share/unicode --out "$out/pinyin_table.cpp" "$root"/data/demo/*.json
fi
files=("$root"/src/core/*.cpp "$out/pinyin_table.cpp")

# Rebuild only when a source, a core header or this script changed (the build takes a minute).
stale=1
if [ -x "$out/fuzz_loader" ]; then
    inputs=("${files[@]}" "$root"/src/core/*.h "$here/fuzz_loader.cpp" "$here/run.sh")
    stale="$(find "${inputs[@]}" -newer "$out/fuzz_loader" | head -n 1 | wc -l)"
fi
if [ "$stale" -ne 0 ]; then
    say "building $out/fuzz_loader"
    "$CXX" -std=c++17 -g -O1 -fno-omit-frame-pointer -fno-exceptions \
        -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
        -I"$root/src/core" "$here/fuzz_loader.cpp" "${files[@]}" -o "$out/fuzz_loader.tmp"
    mv "$out/fuzz_loader.tmp" "$out/fuzz_loader"
else
    say "$out/fuzz_loader is up to date"
fi

log="$out/fuzz.log"
say "running for ${seconds}s (log: $log)"
# New inputs go to build/fuzz/corpus; the seed corpus in the repo is only read.
status=0
ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:allocator_may_return_null=0" \
UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1" \
    "$out/fuzz_loader" "$out/corpus" "$here/corpus" \
    -dict="$here/json.dict" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -max_len=16384 -print_final_stats=1 -artifact_prefix="$out/artifacts/" >"$log" 2>&1 || status=$?

tail -n 15 "$log"
if [ "$status" -ne 0 ] || grep -qE "runtime error:|ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|SUMMARY: " "$log"; then
    say "FAILED (exit $status): see $log; the input that broke it is in $out/artifacts/" >&2
    exit 1
fi
say "clean: $(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}') inputs, no crash, leak or sanitizer report"
