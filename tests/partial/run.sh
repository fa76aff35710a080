#!/usr/bin/env bash
# Map/reduce on one machine (docs/scale.md): `it2 summarize --partial` per file in parallel
# with xargs -P, then `it2 merge`; the merged summary must equal, byte for byte, the summary of
# all files loaded at once — for several random splits, a staged reduce, stdin, and a policy.
# Usage: tests/partial/run.sh   (IT2=path/to/it2 to test another binary; exits non-zero on a mismatch)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
it2=${IT2:-$root/build/native/it2}
work=$root/build/partial-test
as_of=2022-11-01
parallel_jobs=${JOBS:-4}

if [[ ! -x $it2 ]]; then
    echo "tests/partial: $it2 not found: build it first with 'cmake --preset native && cmake --build --preset native'" >&2
    exit 2
fi
for tool in python3 shuf split xargs cmp; do
    command -v "$tool" >/dev/null || { echo "tests/partial: needs $tool (apt-get install coreutils findutils diffutils python3)" >&2; exit 2; }
done

# Runs it2, accepting exit 1 (input problems were reported: expected with --with-errors data).
it2_ok() {
    local status=0
    "$it2" "$@" || status=$?
    if (( status > 1 )); then
        echo "tests/partial: it2 $* failed with exit status $status" >&2
        return "$status"
    fi
}

rm -rf "$work"
mkdir -p "$work"
cd "$work"  # relative paths: the order key and file names are the paths as found under data/

echo "== data: it2 generate --with-errors, plus a resent file and teachers moving to a later batch"
it2_ok generate --schools 12 --teachers-per-school 25 --batches 3 --seed 5 --with-errors --out data >/dev/null
python3 - <<'EOF'
import json, pathlib
files = sorted(pathlib.Path("data").glob("*.json"))
docs = []
for f in files:
    try:
        docs.append((f, json.loads(f.read_text(encoding="utf-8-sig"))))
    except ValueError:
        pass  # a rejected file from --with-errors
docs = [(f, d) for f, d in docs if isinstance(d, dict) and isinstance(d.get("teachers"), list) and len(d["teachers"]) >= 4]
# The same school and batch sent again, changed: sorts after the original, so it replaces it.
first_file, first = docs[0]
resent = json.loads(json.dumps(first))
resent["school"]["name"] = resent["school"]["name"] + "（重报）"
if isinstance(resent["teachers"][0], dict):
    resent["teachers"][0]["hours"] = {"online": 31, "practice": 27}
(pathlib.Path("data") / ("zz-" + first_file.name)).write_text(json.dumps(resent, ensure_ascii=False, indent=1), encoding="utf-8")
# Three teachers of another school re-enrol in a later batch elsewhere: the later start wins.
_, donor = docs[-1]
moved = [t for t in donor["teachers"][:3] if isinstance(t, dict)]
later = {"format": "it2-batch", "version": 1,
         "school": {"id": "999999-0001", "name": "转入学校"},
         "batch": {"id": "2030-1", "name": "补训批", "start": "2030-03-01", "end": "2030-12-31"},
         "teachers": moved}
(pathlib.Path("data") / "later-batch.json").write_text(json.dumps(later, ensure_ascii=False), encoding="utf-8")
EOF
file_count=$(find data -name '*.json' | wc -l)
echo "   $file_count files"

cat > policy.json <<'EOF'
{ "format": "it2-policy", "version": 1,
  "hours": { "online_min": 28, "practice_min": 20, "total_min": 50 },
  "points": { "min_passed": 2, "min_dimensions": 2, "environments": ["A", "B"], "required": ["A1"] },
  "excellent": { "min_excellent_points": 1 } }
EOF

echo "== reference: it2 summarize on all files at once"
it2_ok summarize --json --as-of "$as_of" data > full.json
it2_ok summarize --json --as-of 2031-01-01 --policy policy.json data > full-policy.json
python3 - <<'EOF'
import json
s = json.load(open("full.json", encoding="utf-8"))
statuses = [f["status"] for f in s["files"]]
for needed in ("replaced", "partial", "rejected"):
    assert needed in statuses, f"the test data has no {needed} file: {sorted(set(statuses))}"
assert any("（重报）" in x["name"] for x in s["schools"]), "the resent file did not replace the original"
moved = [t for t in s["teachers"] if t["school"] == "999999-0001"]
assert len(moved) >= 1, "no teacher moved to the later batch"
# The forecast (docs/format.md §8) is part of what must merge identically: make sure it has content.
states = {b["state"] for x in s["schools"] for b in x["forecast"]["batches"]}
assert {"late", "on_track", "ended"} <= states, f"the forecast has too few states to test: {sorted(states)}"
assert sum(b["window_passed"] for x in s["schools"] for b in x["forecast"]["batches"]) > 0, "no pass in the pace window"
print(f"   {len(s['schools'])} schools, {len(s['teachers'])} teachers, {len(s['problems'])} problems, "
      f"files: " + ", ".join(f"{statuses.count(k)} {k}" for k in sorted(set(statuses))))
EOF

compare() {  # compare EXPECTED ACTUAL LABEL
    if cmp -s "$1" "$2"; then
        echo "   ok: $3"
    else
        echo "FAIL: $3: merged summary differs from the summary of all files at once" >&2
        python3 -c 'import json,sys; a=json.load(open(sys.argv[1])); b=json.load(open(sys.argv[2])); [print("   differs:", k, file=sys.stderr) for k in a if a.get(k)!=b.get(k)]' "$1" "$2" || true
        exit 1
    fi
}

for split in 1 2 3 4 5; do
    groups=$(( (split * 7) % 5 + 1 ))
    rm -rf "map-$split" && mkdir -p "map-$split/lists" "map-$split/partials"
    # A random split: shuffle the files, deal them into $groups lists, one mapper per list.
    find data -name '*.json' | shuf --random-source=<(yes "$split") > "map-$split/all-files"
    split -n "r/$groups" "map-$split/all-files" "map-$split/lists/group-"
    echo "== split $split: $groups groups, xargs -P $parallel_jobs"
    # The map step: each group is one `it2 summarize --partial` process writing one partial file.
    find "map-$split/lists" -type f -print0 | xargs -0 -P "$parallel_jobs" -I{} sh -c '
        xargs -a "$1" -d "\n" "$3" summarize --partial > "$2/$(basename "$1").jsonl"' sh {} "map-$split/partials" "$it2"
    # The reduce step.
    it2_ok merge --json --as-of "$as_of" "map-$split/partials" > "map-$split/merged.json"
    compare full.json "map-$split/merged.json" "split $split merged from $(ls "map-$split/partials" | wc -l) partial files"
    it2_ok merge --json --as-of 2031-01-01 --policy policy.json "map-$split/partials" > "map-$split/merged-policy.json"
    compare full-policy.json "map-$split/merged-policy.json" "split $split with another policy and as-of date"
done

echo "== one partial per file (--out-dir), staged reduce, and stdin"
find data -name '*.json' -print0 | xargs -0 -P "$parallel_jobs" -n 5 "$it2" summarize --partial --out-dir per-file
test "$(find per-file -name '*.partial.jsonl' | wc -l)" -eq "$file_count"
mkdir -p staged
find per-file -name '*.partial.jsonl' | sort | head -n $(( file_count / 2 )) > staged/first-half
find per-file -name '*.partial.jsonl' | sort | tail -n +$(( file_count / 2 + 1 )) > staged/second-half
xargs -a staged/first-half -d '\n' "$it2" merge --partial > staged/a.jsonl
xargs -a staged/second-half -d '\n' "$it2" merge --partial > staged/b.jsonl
it2_ok merge --json --as-of "$as_of" staged/b.jsonl staged/a.jsonl > staged/merged.json
compare full.json staged/merged.json "two-stage reduce (merge --partial, then merge)"
cat per-file/*.partial.jsonl | shuf --random-source=<(yes 9) > shuffled.jsonl
it2_ok merge --json --as-of "$as_of" - < shuffled.jsonl > stdin-merged.json
compare full.json stdin-merged.json "reduce from stdin, lines shuffled"

echo "== a broken partial is refused, not skipped"
{ head -c 200 "$(find per-file -name '*.partial.jsonl' | head -n 1)"; echo; } > broken.jsonl
status=0
"$it2" merge --json --as-of "$as_of" per-file broken.jsonl > /dev/null 2> broken.err || status=$?
if [[ $status -ne 2 ]]; then
    echo "FAIL: merge with a truncated partial exited $status, expected 2" >&2
    exit 1
fi
echo "   ok: refused with exit 2: $(head -n 1 broken.err | cut -c1-100)"

echo "tests/partial: all merges equal the summary of all files at once"
