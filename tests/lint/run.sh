#!/usr/bin/env bash
# The string lint (scripts/lint-strings.py): the tree passes, and planted mistakes are caught,
# so a lint that silently finds nothing cannot pass. Ends with "N passed, N failed".
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
lint="$root/scripts/lint-strings.py"
command -v python3 >/dev/null || { echo "lint: python3 is needed (apt-get install python3)" >&2; exit 1; }

passed=0 failed=0
check() {  # check NAME EXPECTED_STATUS EXPECTED_TEXT DIR
  local out status=0
  out="$(python3 "$lint" "$4" 2>&1)" || status=$?
  if [[ "$status" == "$2" && "$out" == *"$3"* ]]; then
    passed=$((passed + 1)); echo "ok   $1"
  else
    failed=$((failed + 1)); echo "FAIL $1 (status $status, wanted $2 and \"$3\"):"; echo "$out" | tail -n 20
  fi
}

check "the tree has no Chinese outside the string tables" 0 " 0 findings" "$root"

work="$(mktemp -d "${TMPDIR:-/tmp}/it2-lint.XXXXXX")"
trap 'rm -rf "$work"' EXIT
plant() {  # plant FILE LINE: a copy of src/ with LINE appended to FILE
  rm -rf "$work/src"; cp -r "$root/src" "$work/src"; printf '%s\n' "$2" >> "$work/src/$1"
}
plant ui/school_view.cpp 'static const char* kOops = "未达标";'
check "a panel's literal Chinese is found" 1 "src/ui/school_view.cpp:" "$work"
plant core/export.cpp 'static const char* kOops = "进度得分";'
check "a retired word is found even in a table" 1 "retired word '进度得分'" "$work"
plant ui/school_view.cpp 'static const char* kRaw = R"(组织与规划)";'
check "raw strings are read too" 1 "retired word '组织与规划'" "$work"
plant ui/school_view.cpp '// 注释里的中文不算 "引号里的也不算"'
check "comments are not text" 0 " 0 findings" "$work"
plant ui/school_view.cpp 'static const char* kOk = "中文";  // lint-strings: allow (test data)'
check "an allow comment with a reason exempts its line" 0 " 0 findings" "$work"

echo "lint: $passed passed, $failed failed"
[[ "$failed" == 0 ]]
