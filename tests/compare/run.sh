#!/usr/bin/env bash
# Checks `it2 summarize --json` against the independent JavaScript implementation
# (tests/oracle/summarize.mjs) on freshly generated data neither side has seen: every number to
# 1e-9, every teacher status, every file status. Builds nothing: needs build/native/it2.
#
#   tests/compare/run.sh            a new seed each run (printed; IT2_COMPARE_SEED=N repeats it)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
it2="${IT2_BIN:-$root/build/native/it2}"  # IT2_BIN: another build of it2
js="$root/tests/oracle/summarize.mjs"
compare="$root/tests/compare/compare.mjs"

if [[ ! -x "$it2" ]]; then
  echo "compare: $it2 is missing; build it first: cmake --preset native && cmake --build --preset native" >&2
  exit 1
fi
if ! command -v node >/dev/null; then
  echo "compare: node (20 or later) is needed to run tests/oracle/summarize.mjs; install it and retry" >&2
  exit 1
fi

it2="$(cd "$(dirname "$it2")" && pwd)/$(basename "$it2")"

seed="${IT2_COMPARE_SEED:-$(( ($(date +%s) * 32768 + RANDOM) % 1000000007 ))}"
echo "compare: seed $seed (repeat with IT2_COMPARE_SEED=$seed tests/compare/run.sh)"

work="$(mktemp -d "${TMPDIR:-/tmp}/it2-compare.XXXXXX")"
trap 'rm -rf "$work"' EXIT
cd "$work"

# Data sets: clean, with every problem kind, and a district of many small schools.
generate() {
  if ! "$it2" generate "$@" > generate.log 2>&1; then
    echo "compare: it2 generate $* failed:" >&2
    cat generate.log >&2
    exit 1
  fi
}
generate --schools 14 --teachers-per-school 45 --batches 3 --seed "$seed" --out clean
generate --schools 12 --teachers-per-school 40 --batches 3 --seed "$((seed + 1))" --with-errors --out flawed
generate --schools 60 --teachers-per-school 7 --batches 5 --seed "$((seed + 2))" --with-errors --out small

# Policies other than the default.
cat > lenient.json <<'EOF'
{ "format": "it2-policy", "version": 1,
  "hours": { "online_min": 20, "practice_min": 30, "total_min": 55 },
  "points": { "min_passed": 2, "min_dimensions": 2, "environments": ["A", "B"] },
  "excellent": { "min_excellent_points": 1 },
  "school_score": { "weights": { "organisation": 10, "activities": 30, "participation_hours": 15, "pass": 30, "excellence": 15 },
                    "activities_per_batch": 3, "excellence_target": 0.3 },
  "at_risk_days": 45 }
EOF
cat > strict.json <<'EOF'
{ "format": "it2-policy", "version": 1,
  "hours": { "online_min": 30, "practice_min": 20, "total_min": 60 },
  "points": { "min_passed": 4, "min_dimensions": 4, "environments": ["A", "B", "C"], "required": ["A1"] },
  "excellent": { "min_excellent_points": 3 },
  "school_score": { "activities_per_batch": 6, "excellence_target": 0.1 } }
EOF

passed=0
failed=0
# run LABEL ARGS…: the same arguments to both sides, then compare.
run() {
  local label="$1"
  shift
  local status=0
  "$it2" summarize --json "$@" > "$label.it2.json" 2> "$label.it2.err" || status=$?
  if [[ $status -gt 1 ]]; then
    echo "  FAIL $label: it2 summarize exited $status: $(head -c 400 "$label.it2.err")"
    failed=$((failed + 1))
    return
  fi
  if ! node "$js" "$@" > "$label.js.json" 2> "$label.js.err"; then
    echo "  FAIL $label: summarize.mjs failed: $(head -c 400 "$label.js.err")"
    failed=$((failed + 1))
    return
  fi
  if node "$compare" "$label.it2.json" "$label.js.json" "$label"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
  fi
}

run clean-mid-batch --as-of 2022-11-01 clean
run clean-ended --as-of 2023-03-01 clean
run clean-early --as-of 2020-04-15 clean
run clean-lenient --as-of 2022-10-20 --policy lenient.json clean
run flawed-default --as-of 2022-11-01 flawed
run flawed-strict --as-of 2021-12-31 --policy strict.json flawed
run small-lenient --as-of 2023-07-01 --policy lenient.json small
# Two districts with the same ids loaded together: replaced files and superseded teachers everywhere.
run overlapping --as-of 2022-11-01 clean flawed
run overlapping-reversed --as-of 2022-12-25 --policy strict.json flawed clean
# Damaged copies: random, seeded changes to records (wrong types, odd spellings, several at once).
for round in 1 2 3; do
  node "$root/tests/compare/mutate.mjs" "$((seed + 10 + round))" flawed "damaged-$round" 2>/dev/null
done
run damaged-1 --as-of 2022-11-01 damaged-1
run damaged-2 --as-of 2023-02-01 --policy lenient.json damaged-2
run damaged-3 --as-of 2021-06-30 --policy strict.json damaged-3 clean
# Hand-made edge cases: BOM, spellings, items, ties, a missing start, replaced, rejected, empty school,
# values over the length limits of format.md §3 (counted in characters, not bytes).
edge="$root/tests/compare/edge"
run edge-year-end --as-of 2022-12-31 "$edge"
run edge-on-an-end-date --as-of 2022-06-30 --policy strict.json "$edge"
run edge-day-after --as-of 2022-07-01 --policy lenient.json "$edge"
# A policy file in a folder is applied, as the page applies a policy file it is given (format.md §4).
mkdir with-policy
cp clean/*.json with-policy/
cp lenient.json with-policy/zz-policy.json
run policy-in-folder --as-of 2022-10-20 with-policy
# The demo district on and after its data date (data/demo/README.md): a batch in progress whose
# schools are done, on pace and late, so every forecast field is exercised.
run demo-data-date --as-of 2026-11-27 "$root/data/demo"
run demo-forecast --as-of 2026-11-30 "$root/data/demo"
# The worked example of docs/format.md §5, with the numbers worked out there by hand.
run docs-example --as-of 2022-11-01 "$root/tests/compare/example/tonghui-2022-1.json"
if node -e '
  const s = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const p = s.schools[0].score_parts, d = s.district, near = (a, b) => Math.abs(a - b) < 1e-9;
  const status = Object.fromEntries(s.teachers.map((t) => [t.name, t.status]));
  const ok = near(p.organisation, 40 / 3) && near(p.activities, 15) && near(p.participation_hours, 7.5) &&
    near(p.pass, 12.5) && near(p.excellence, 15) && near(d.score, 190 / 3) && near(d.participation_rate, 0.75) &&
    near(d.hours_rate, 0.5) && near(d.submission_rate, 0.5) && near(d.pass_rate, 0.5) && near(d.excellence_rate, 0.25) &&
    status["彭瑶"] === "excellent" && status["李堃"] === "passed" && status["王玥"] === "awaiting_review" && status["张喆"] === "not_started";
  process.exit(ok ? 0 : 1);' docs-example.it2.json; then
  echo "  ok   docs-example: it2 gives the numbers docs/format.md works out by hand"
  passed=$((passed + 1))
else
  echo "  FAIL docs-example: it2 no longer gives the numbers docs/format.md §5 works out by hand"
  failed=$((failed + 1))
fi
# The forecast's worked example of docs/format.md §8, with the numbers worked out there by hand.
run forecast-example --as-of 2022-11-01 "$root/tests/compare/example-forecast"
if node -e '
  const s = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const f = Object.fromEntries(s.schools.map((x) => [x.id, x.forecast]));
  const a = f["500110-0014"], b = f["500110-0015"], d = s.district.forecast;
  const ab = a.batches[0], bb = b.batches[0];
  const ok = ab.state === "on_track" && ab.teachers === 8 && ab.passed === 5 && ab.window_passed === 2 &&
    ab.pace_per_week === 0.5 && ab.projected_unpassed === 0 && ab.finish === "2022-12-13" && a.finish === "2022-12-13" &&
    a.new_passed_7d === 1 && a.late === false &&
    bb.state === "late" && bb.passed === 1 && bb.window_passed === 1 && bb.projected_unpassed === 3 &&
    bb.finish === "2023-03-21" && b.finish === null && b.late === true &&
    d.new_passed_7d === 1 && d.projected_unpassed === 3 && d.late_schools === 1 && d.window_days === 28;
  process.exit(ok ? 0 : 1);' forecast-example.it2.json; then
  echo "  ok   forecast-example: it2 gives the forecast docs/format.md §8 works out by hand"
  passed=$((passed + 1))
else
  echo "  FAIL forecast-example: it2 no longer gives the forecast docs/format.md §8 works out by hand"
  failed=$((failed + 1))
fi
# Files named one by one, not in sorted order: the order given is the load order.
mapfile -t some < <(ls flawed/*.json | sort -r | head -n 12)
run files-in-given-order --as-of 2022-11-01 "${some[@]}" clean/500110-0001-2022-1.json

# The JSON Schemas agree with the generator: clean files valid, a policy valid (needs python3-jsonschema)…
if python3 -c 'import jsonschema' 2>/dev/null; then
  # …and the schema states the length limits: the edge files with over-long values are invalid.
  for check in "batch valid clean $root/tests/compare/example $root/tests/compare/example-forecast" "policy valid lenient.json strict.json" \
               "batch invalid $root/tests/compare/edge/11-long-values.json $root/tests/compare/edge/12-long-school-id.json"; do
    read -r kind expect inputs <<< "$check"
    # shellcheck disable=SC2086
    if python3 "$root/tests/compare/schema_check.py" "$root/data/schema/it2-$kind.schema.json" "$expect" $inputs; then
      passed=$((passed + 1))
    else
      failed=$((failed + 1))
    fi
  done
else
  echo "  skip schema checks: python3-jsonschema is not installed (apt-get install python3-jsonschema)"
fi

echo "compare: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
