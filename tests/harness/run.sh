#!/usr/bin/env bash
# The browser and Firefox tests' runner (tests/browser/harness.mjs, runTestFiles), checked without
# a browser: a promise a test leaves behind that rejects after the test has ended fails the test
# running then, with the rejection printed, while the run goes on to every later test and to its
# summary line (before, node ended the whole run there and the later tests never reported).
# Ends with "N passed, N failed".
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
command -v node >/dev/null || { echo "harness: node is needed (apt-get install nodejs)" >&2; exit 1; }
# runTestFiles refuses to start without the page; any existing file will do here.
export IT2_PAGE="$root/tests/harness/run.sh"

passed=0 failed=0
check() {  # check NAME COMMAND…
  local name="$1"; shift
  if "$@"; then
    passed=$((passed + 1)); echo "ok   $name"
  else
    failed=$((failed + 1)); echo "FAIL $name"; sed 's/^/     /' <<<"$out" | head -n 30
  fi
}
has() { grep -qF -- "$1" <<<"$out"; }

out="$(node "$root/tests/harness/runner.mjs" leftover 2>&1)"; status=$?
check "a leftover rejection does not end the run: every later test reports" has "PASS leftover: passes"
check "the run ends with its summary line" has "cases: 1 passed, 2 failed"
check "the test whose step threw fails" has "FAIL leftover: leaves a promise behind"
check "the test running when the leftover rejected fails" has "FAIL leftover: waits past the rejection"
check "the rejection is printed" has "Error: the leftover rejected"
check "the run exits non-zero" test "$status" -ne 0

echo "harness: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
