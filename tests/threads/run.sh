#!/usr/bin/env bash
# Both cores (issue 14): `it2 summarize` and `it2 validate` read and parse files on a pool of
# threads and add them in load order, so every output must be byte-identical whatever the
# thread count; the summary's teachers are evaluated on the same threads (compute() through the
# core's ParallelFor, src/core/parallel_for.h), in ranges of their own slots. Compares
# --threads 1 with 2, 3 and 7 threads (and IT2_THREADS) on the --with-errors data, with a policy file, a resent file, a platform CSV and
# an unreadable file among the inputs: stdout, stderr and the exit status, for every output form.
# Usage: tests/threads/run.sh   (IT2=path/to/it2 to test another binary)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
it2=${IT2:-$root/build/native/it2}
work=$root/build/threads-test
as_of=2022-11-01

if [[ ! -x $it2 ]]; then
    echo "tests/threads: $it2 not found: build it first with 'cmake --preset native && cmake --build --preset native'" >&2
    exit 2
fi
command -v cmp >/dev/null || { echo "tests/threads: needs cmp (apt-get install diffutils)" >&2; exit 2; }

rm -rf "$work"
mkdir -p "$work"
cd "$work"

echo "== data: it2 generate --with-errors, the demo, a policy, a CSV, a broken link"
"$it2" generate --schools 15 --teachers-per-school 30 --batches 3 --seed 7 --with-errors --out data >/dev/null
cp "$root"/data/demo/*.json data/
first=$(ls data/*.json | head -n 1)
cp "$first" "data/zz-resent-$(basename "$first")"       # a later copy of the same school and batch
"$it2" policy > data/m-policy.json                          # applied in the middle of the load order
sed -i 's/"min_passed": *3/"min_passed": 4/' data/m-policy.json
grep -q '"min_passed": 4' data/m-policy.json || { echo "tests/threads: could not change the policy (data/policy.json changed?)" >&2; exit 2; }
ln -s missing-file.json data/n-broken-link.json           # cannot be read: a rejected entry
cp "$root/data/templates/it2-template.csv" data/p-platform.csv  # one entry per school and batch
echo "   $(ls data | wc -l) inputs"

passed=0
failed=0
# run NAME ARGS…: stdout, stderr and the exit status of one run into NAME.*
run() {
    local name=$1 status=0
    shift
    "$it2" "$@" > "$name.out" 2> "$name.err" || status=$?
    echo "$status" > "$name.status"
}
check() {  # check WHAT BASE OTHER
    local what=$1 base=$2 other=$3 part ok=1
    for part in out err status; do
        cmp -s "$base.$part" "$other.$part" || { echo "FAIL: $what: $part differs ($base.$part vs $other.$part)" >&2; ok=0; }
    done
    if (( ok )); then passed=$((passed + 1)); echo "   ok: $what"; else failed=$((failed + 1)); fi
}

forms=("summarize --json" "summarize --json --lang en" "summarize --csv" "summarize --csv --raw" "summarize --table" "validate")
for form in "${forms[@]}"; do
    tag=${form// /_}
    read -r -a words <<< "$form"
    extra=()
    [[ ${words[0]} == summarize ]] && extra=(--as-of "$as_of")
    run "$tag.t1" "${words[@]}" "${extra[@]}" --threads 1 data
    for n in 2 3 7; do
        run "$tag.t$n" "${words[@]}" "${extra[@]}" --threads "$n" data
        check "$form: --threads $n = --threads 1" "$tag.t1" "$tag.t$n"
    done
    IT2_THREADS=2 run "$tag.env" "${words[@]}" "${extra[@]}" data
    check "$form: IT2_THREADS=2 = --threads 1" "$tag.t1" "$tag.env"
done

# The data must really have exercised what it claims: problems, the policy and the rejected link.
grep -q 'n-broken-link.json' summarize_--json.t1.out || { echo "FAIL: the broken link is not in the summary" >&2; failed=$((failed + 1)); }
grep -q '"record"' summarize_--json.t1.out || { echo "FAIL: no record problems in the --with-errors data" >&2; failed=$((failed + 1)); }
grep -q 'm-policy.json' summarize_--table.t1.err || { echo "FAIL: the policy file was not applied" >&2; failed=$((failed + 1)); }
test "$(cat summarize_--json.t1.status)" = 1 || { echo "FAIL: summarize exit status $(cat summarize_--json.t1.status), expected 1" >&2; failed=$((failed + 1)); }

echo "== summarize --partial maps files on threads: the same lines in the same order"
run partial.t1 summarize --partial --threads 1 data
for n in 2 5; do
    run "partial.t$n" summarize --partial --threads "$n" data
    check "summarize --partial: --threads $n = --threads 1" partial.t1 "partial.t$n"
done
grep -q 'm-policy.json: an it2-policy file' partial.t1.err || { echo "FAIL: the policy file got no note from --partial" >&2; failed=$((failed + 1)); }

echo "== it2 merge reads partial files on threads: the same summary"
mkdir -p partials
for f in data/*.json; do "$it2" summarize --partial "$f" > "partials/$(basename "$f").partial.jsonl" 2>/dev/null || true; done
for form in --json --csv --table; do
    run "merge$form.t1" merge "$form" --as-of "$as_of" --threads 1 partials
    for n in 2 5; do
        run "merge$form.t$n" merge "$form" --as-of "$as_of" --threads "$n" partials
        check "merge $form: --threads $n = --threads 1" "merge$form.t1" "merge$form.t$n"
    done
done
grep -q '"record"' merge--json.t1.out || { echo "FAIL: the merged partials have no record problems" >&2; failed=$((failed + 1)); }

echo "== a bad thread count is a usage error"
for bad in 0 -1 x 257 1.5; do
    status=0
    "$it2" summarize --threads "$bad" data > /dev/null 2> bad.err || status=$?
    if [[ $status -eq 2 ]] && grep -q -- '--threads' bad.err; then passed=$((passed + 1)); else
        echo "FAIL: --threads $bad exited $status: $(head -c 200 bad.err)" >&2; failed=$((failed + 1)); fi
done
status=0
IT2_THREADS=zero "$it2" summarize data > /dev/null 2> bad.err || status=$?
if [[ $status -eq 2 ]] && grep -q IT2_THREADS bad.err; then passed=$((passed + 1)); else
    echo "FAIL: IT2_THREADS=zero exited $status" >&2; failed=$((failed + 1)); fi

echo "tests/threads: $passed passed, $failed failed"
(( failed == 0 ))
