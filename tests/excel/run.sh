#!/usr/bin/env bash
# Excel in and out (docs/csv-import.md, "Excel"), against independent readers and writers:
# Debian's openpyxl (.xlsx) and xlwt (.xls, Excel 97–2003). Every input is made here from
# `it2 generate` data (nothing binary is committed):
#   - the same platform rows as UTF-8 CSV, GBK CSV, .xlsx (a cover sheet first, ids and hours as
#     numbers) and .xls give the same `it2 summarize --json`;
#   - `it2 export --xlsx` read back with openpyxl equals `it2 summarize --csv` and --json, with
#     the sheets, frozen headers, percent formats and fitted widths asked for;
#   - broken workbooks (zip bombs, a missing sheet, a wrong header, a truncated file) are
#     refused with a message that says why, within a bounded memory.
# Usage: tests/excel/run.sh (IT2=path/to/it2 for another binary). Ends with "N passed, N failed".
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
it2=${IT2:-$root/build/native/it2}
work=$root/build/excel-test
py=/usr/bin/python3  # Debian's python3-openpyxl and python3-xlwt live there (a pyenv python would not see them)
helper=$root/tests/excel/workbooks.py

[[ -x $it2 ]] || { echo "tests/excel: $it2 not found: build it with 'cmake --preset native && cmake --build --preset native'" >&2; exit 2; }
"$py" -c 'import openpyxl, xlwt' 2>/dev/null ||
  { echo "tests/excel: needs Debian's python3-openpyxl and python3-xlwt (apt-get install python3-openpyxl python3-xlwt)" >&2; exit 2; }

passed=0 failed=0
ok() { passed=$((passed + 1)); echo "ok   $1"; }
fail() { failed=$((failed + 1)); echo "FAIL $1"; }
# check NAME COMMAND…: passes when the command exits 0
check() {
  local name=$1; shift
  if "$@"; then ok "$name"; else fail "$name"; fi
}

rm -rf "$work"
mkdir -p "$work"
cd "$work"
"$it2" generate --schools 4 --teachers-per-school 25 --batches 2 --seed 13 --out gen >/dev/null 2>&1
"$py" "$helper" make gen in
"$py" "$helper" bad bad

echo "== imports: the same rows as CSV, GBK CSV, .xlsx and .xls"
for f in platform.csv platform-gbk.csv platform.xlsx platform.xls; do
  status=0
  "$it2" summarize --json --as-of 2026-11-30 "in/$f" >"$f.json" 2>"$f.err" || status=$?
  if [[ $status -eq 0 ]]; then ok "$f loads cleanly"; else fail "$f loads cleanly (exit $status): $(head -n 3 "$f.err")"; fi
done
check ".xlsx gives the CSV's summary" "$py" "$helper" same platform.csv.json platform.xlsx.json
check ".xls gives the CSV's summary" "$py" "$helper" same platform.csv.json platform.xls.json
check "GBK CSV gives the UTF-8 CSV's summary" "$py" "$helper" same platform.csv.json platform-gbk.csv.json
teachers=$("$py" -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["teachers"]))' platform.xlsx.json)
if [[ $teachers -eq 100 ]]; then ok ".xlsx: 100 teachers read"; else fail ".xlsx: $teachers teachers read, want 100"; fi

echo "== a problem in a workbook names the sheet, row and column"
"$py" - <<'PYEOF'
import openpyxl
wb = openpyxl.load_workbook("in/platform.xlsx")
wb["名单"]["H5"] = "abc"
wb.save("bad-hours.xlsx")
PYEOF
status=0
out=$("$it2" validate bad-hours.xlsx 2>&1) || status=$?
if [[ $status -eq 1 && $out == 'bad-hours.xlsx#'*':5:8: record: /sheets/名单/rows/5/实践学时: '*'工作表「名单」第 5 行（教师 '*'）的「实践学时」'* ]]; then
  ok "the problem says sheet 名单, row 5, column 实践学时"
else
  fail "the problem says sheet 名单, row 5, column 实践学时 (exit $status): $out"
fi

echo "== export: it2 export --xlsx read back with openpyxl"
"$it2" generate --with-errors --few-errors --schools 5 --teachers-per-school 20 --seed 3 --out exp >/dev/null 2>&1
status=0
"$it2" export --xlsx -o export.xlsx --as-of 2026-11-30 exp in/platform.xlsx 2>export.err || status=$?
if [[ $status -eq 1 && -s export.xlsx ]]; then ok "export writes the workbook and exits 1 (the data has problems)"; else fail "export (exit $status): $(head -n 3 export.err)"; fi
"$it2" summarize --csv --as-of 2026-11-30 exp in/platform.xlsx >teachers.csv 2>/dev/null || true
"$it2" summarize --json --as-of 2026-11-30 exp in/platform.xlsx >export.json 2>/dev/null || true
check "the workbook equals the CSV and JSON exports" "$py" "$helper" roundtrip export.xlsx teachers.csv export.json
# The demo three days after its data date: schools done, on pace and late fill the forecast columns.
"$it2" export --xlsx -o demo.xlsx --as-of 2026-11-30 "$root/data/demo" >/dev/null 2>&1 || true
"$it2" summarize --csv --as-of 2026-11-30 "$root/data/demo" >demo-teachers.csv 2>/dev/null || true
"$it2" summarize --json --as-of 2026-11-30 "$root/data/demo" >demo.json 2>/dev/null || true
check "the demo's workbook equals its CSV and JSON, forecast columns included" "$py" "$helper" roundtrip demo.xlsx demo-teachers.csv demo.json
"$py" - <<'PYEOF' >guard.csv
import csv, sys
rows = list(csv.reader(open("in/platform.csv", encoding="utf-8-sig")))
rows[1][4] = "=HYPERLINK(\"http://x\",\"点我\")"
rows[2][4] = "@SUM(A1)"
w = csv.writer(sys.stdout, lineterminator="\r\n")
w.writerows(rows)
PYEOF
"$it2" export -o guard.xlsx --as-of 2026-11-30 guard.csv >/dev/null 2>&1 || true
if "$py" - <<'PYEOF'
import openpyxl, sys
ws = openpyxl.load_workbook("guard.xlsx")["教师"]
names = [r[1] for r in ws.iter_rows(min_row=2, values_only=True)]
want = ["'=HYPERLINK(\"http://x\",\"点我\")", "'@SUM(A1)"]
ok = all(w in names for w in want) and not any(str(n).startswith(("=", "@")) for n in names)
print("names:", [n for n in names if str(n).startswith("'")])
sys.exit(0 if ok else 1)
PYEOF
then ok "the formula guard is kept in the workbook"; else fail "the formula guard is kept in the workbook"; fi
status=0
"$it2" export --xlsx exp >/dev/null 2>err.txt || status=$?
if [[ $status -eq 2 ]] && grep -q -- '-o' err.txt; then ok "export without -o is a usage error"; else fail "export without -o (exit $status)"; fi

echo "== broken workbooks"
expect_problem() {  # expect_problem FILE TEXT
  local status=0 out
  out=$("$py" -c '
import resource, subprocess, sys
r = subprocess.run(sys.argv[1:], capture_output=True, text=True)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
print(r.stdout + r.stderr, end="")
print(f"exit={r.returncode} peak_mb={peak}")
' "$it2" validate "$1" 2>&1) || status=$?
  local peak=${out##*peak_mb=}
  if [[ $out == *"$2"* && $out == *"exit=1"* && $peak -lt 200 ]]; then
    ok "$1: $2 (peak memory $peak MB)"
  else
    fail "$1: want \"$2\", exit 1 and under 200 MB: $out"
  fi
}
expect_problem bad/bomb.xlsx "可能是压缩炸弹，未读取"
expect_problem bad/ratio-bomb.xlsx "可能是压缩炸弹，未读取"
expect_problem bad/missing-sheet.xlsx "工作表「名单」的数据（xl/worksheets/sheet1.xml）在工作簿中缺失"
expect_problem bad/wrong-header.xlsx "试过：「汇总」（第 1 行不是表头）、「备注」（第 1 行不是表头）"
expect_problem bad/truncated.xlsx "找不到 zip 目录"
head -c 4000 in/platform.xls >bad/truncated.xls
expect_problem bad/truncated.xls ".xls 工作簿已损坏"

echo
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
