#!/usr/bin/env bash
# Issue 14's map/reduce budget on its own: the documented map/reduce of bench/ratios.sh's
# mapreduce() (2 map processes with xargs -P2, each `it2 summarize --partial` on half the
# files, then `it2 merge`) paired with one process `it2 summarize --json --threads 1` on the
# same files, taken in turn (A B A B …). Prints each run's wall and CPU (user + system), the map
# and the merge apart, the load average before each pair, and the medians; checks the two
# summaries are byte-identical.
#   bench/mapreduce.sh DATA_DIR [RUNS]        (IT2=path/to/it2, AS_OF=2022-11-01)
set -euo pipefail

data=${1:?usage: bench/mapreduce.sh DATA_DIR [RUNS], e.g. bench/mapreduce.sh build/bench/data-100000 5}
runs=${2:-5}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
it2=${IT2:-$root/build/native/it2}
as_of=${AS_OF:-2022-11-01}
work=${WORK:-$root/build/bench/mapreduce}
[[ -x $it2 ]] || { echo "bench/mapreduce.sh: $it2 not found: cmake --preset native && cmake --build --preset native" >&2; exit 2; }
[[ -d $data ]] || { echo "bench/mapreduce.sh: no folder $data (bench/run.sh generates build/bench/data-N)" >&2; exit 2; }
command -v python3 >/dev/null || { echo "bench/mapreduce.sh: needs python3 (apt-get install python3)" >&2; exit 2; }
command -v /usr/bin/time >/dev/null || { echo "bench/mapreduce.sh: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
rm -rf "$work"
mkdir -p "$work"
list=$work/files
find "$data" -name '*.json' | sort > "$list"
per=$(( ($(wc -l < "$list") + 1) / 2 ))

# timed NAME COMMAND…: "wall cpu" of one run (exit 1, problems in the input, is fine).
timed() {
    local name=$1 status=0
    shift
    /usr/bin/time -f '%e %U %S' -o "$work/$name.t" "$@" > "$work/$name.out" || status=$?
    (( status <= 1 )) || { echo "bench/mapreduce.sh: $name failed with exit status $status" >&2; exit 2; }
    awk '{ printf "%.2f %.2f\n", $1, $2 + $3 }' "$work/$name.t"
}
map() {  # exactly bench/ratios.sh's mapreduce() map step
    rm -rf "$work/parts" && mkdir -p "$work/parts"
    xargs -a "$list" -d '\n' -P 2 -n "$per" sh -c 'exec "$0" summarize --partial --threads 1 "$@" > "'"$work"'/parts/$$.jsonl"' "$it2"
}
export -f map
export it2 work list per

printf '%-6s %-16s %-16s %-16s %-16s %s\n' run "one process" "map/reduce" "  map" "  merge" "load average"
for run in $(seq "$runs"); do
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    read -r one_wall one_cpu < <(timed one "$it2" summarize --json --as-of "$as_of" --threads 1 "$data")
    read -r map_wall map_cpu < <(timed map bash -c map)
    read -r merge_wall merge_cpu < <(timed merge "$it2" merge --as-of "$as_of" "$work/parts")
    cmp -s "$work/one.out" "$work/merge.out" || { echo "bench/mapreduce.sh: the merged summary differs from summarize's" >&2; exit 1; }
    mr_wall=$(awk -v a="$map_wall" -v b="$merge_wall" 'BEGIN { printf "%.2f", a + b }')
    mr_cpu=$(awk -v a="$map_cpu" -v b="$merge_cpu" 'BEGIN { printf "%.2f", a + b }')
    echo "$one_wall $one_cpu $mr_wall $mr_cpu $map_wall $map_cpu $merge_wall $merge_cpu" >> "$work/times"
    printf '%-6s %-16s %-16s %-16s %-16s %s\n' "$run" "$one_wall s ($one_cpu cpu)" "$mr_wall s ($mr_cpu cpu)" \
        "$map_wall s ($map_cpu)" "$merge_wall s ($merge_cpu)" "$load"
done
echo "partials: $(du -sm "$work/parts" | cut -f1) MB; uptime: $(uptime)"
python3 - "$work/times" <<'EOF_PY'
import statistics, sys
rows = [list(map(float, line.split())) for line in open(sys.argv[1])]
m = [statistics.median(col) for col in zip(*rows)]
print(f"median of {len(rows)}: one process {m[0]:.2f} s wall ({m[1]:.2f} cpu); map/reduce {m[2]:.2f} s wall "
      f"({m[3]:.2f} cpu): map {m[4]:.2f} ({m[5]:.2f}), merge {m[6]:.2f} ({m[7]:.2f}); "
      f"map/reduce / one process: {m[2] / m[0]:.2f}x wall (budget <= 1.00x)")
EOF_PY
