#!/usr/bin/env bash
# Runs every test of IT2 Tracker on Debian bookworm and ends with one line "N passed, N failed".
#
#   1. installs what is missing (apt: compilers, doctest, chromium, node/npm; npm ci: the pinned
#      playwright-core from package-lock.json; never a browser download)
#   2. native unit tests: cmake --preset native, build, ctest --preset native
#   3. every tests/*/run.sh (fuzzing, comparison with an independent implementation, …)
#   4. the page: ./build-wasm.sh
#   5. browser tests: every tests/browser/*.test.mjs in headless Chromium (screenshots in build/artifacts/)
#
# Counting: one per CTest test, one per browser test, and for a tests/*/run.sh the "N passed,
# N failed" its last such line reports (else 1 by its exit status). Exit status 0 only if all pass.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"
# shellcheck source=scripts/common.sh
source "$ROOT/scripts/common.sh"

LOGS="$ROOT/build/test-logs"
mkdir -p "$LOGS" "$ROOT/build/artifacts"
PASSED=0
FAILED=0
FAILED_SUITES=()

# record SUITE PASSED FAILED
record() {
  PASSED=$((PASSED + $2))
  FAILED=$((FAILED + $3))
  if [ "$3" -gt 0 ]; then FAILED_SUITES+=("$1 ($3)"); fi
  info "$1: $2 passed, $3 failed"
}

# The last "N passed, N failed" line in a log, as "N N" (empty if none).
counts_in() {
  grep -Eo '[0-9]+ passed, [0-9]+ failed' "$1" | tail -n 1 | sed -E 's/([0-9]+) passed, ([0-9]+) failed/\1 \2/' || true
}

# run_logged LOG COMMAND… → shows the output, keeps it in LOG, returns the command's status.
run_logged() {
  local log="$1"
  shift
  set +e
  "$@" 2>&1 | tee "$log"
  local status="${PIPESTATUS[0]}"
  set -e
  return "$status"
}

START_TIME="$(now)"

# ---- 1. tools ---------------------------------------------------------------------------------
step "Installing what the tests need"
PACKAGES=(cmake make g++ nlohmann-json3-dev doctest-dev chromium python3 python3-jsonschema python3-distributed unicode-data xz-utils ca-certificates curl)
[ -d tests/fuzz ] && PACKAGES+=(clang-14 libclang-rt-14-dev)
command -v node >/dev/null 2>&1 || PACKAGES+=(nodejs)
command -v npm >/dev/null 2>&1 || PACKAGES+=(npm)
ensure_packages "${PACKAGES[@]}"
[ -x /usr/bin/chromium ] || die "/usr/bin/chromium is missing after installing Debian's chromium: run 'apt-get install chromium' and look at its errors."

# ---- 2. native unit tests -------------------------------------------------------------------
step "Native build and unit tests (CTest)"
native_ok=1
if run_logged "$LOGS/native-build.log" bash -c 'cmake --preset native >/dev/null && cmake --build --preset native'; then
  if run_logged "$LOGS/ctest.log" ctest --preset native; then :; fi
  # CTest's summary: "100% tests passed, 0 tests failed out of 12"
  summary="$(grep -E 'tests passed, [0-9]+ tests? failed out of [0-9]+' "$LOGS/ctest.log" | tail -n 1 || true)"
  if [ -n "$summary" ]; then
    total="$(sed -E 's/.*out of ([0-9]+).*/\1/' <<<"$summary")"
    failed="$(sed -E 's/.*passed, ([0-9]+) tests? failed.*/\1/' <<<"$summary")"
    record "ctest" "$((total - failed))" "$failed"
  else
    record "ctest (no summary: see build/test-logs/ctest.log)" 0 1
  fi
else
  native_ok=0
  record "native build (see build/test-logs/native-build.log)" 0 1
fi

# ---- 3. tests/*/run.sh ------------------------------------------------------------------------
for suite_script in tests/*/run.sh; do
  [ -f "$suite_script" ] || continue
  suite="$(basename "$(dirname "$suite_script")")"
  step "tests/$suite/run.sh"
  if [ "$native_ok" -eq 0 ]; then
    record "tests/$suite (skipped: the native build failed)" 0 1
    continue
  fi
  status=0
  run_logged "$LOGS/$suite.log" bash "$suite_script" || status=$?
  read -r suite_passed suite_failed <<<"$(counts_in "$LOGS/$suite.log")" || true
  if [ -n "${suite_passed:-}" ]; then
    # A suite that reports its own counts but exits non-zero still counts as one failure.
    if [ "$status" -ne 0 ] && [ "$suite_failed" -eq 0 ]; then suite_failed=1; fi
    record "tests/$suite" "$suite_passed" "$suite_failed"
  elif [ "$status" -eq 0 ]; then
    record "tests/$suite" 1 0
  else
    record "tests/$suite (exit status $status)" 0 1
  fi
  unset suite_passed suite_failed
done

# ---- 4. the page ------------------------------------------------------------------------------
step "Building the page (./build-wasm.sh)"
page_ok=1
if run_logged "$LOGS/build-wasm.log" ./build-wasm.sh; then
  record "page build" 1 0
else
  page_ok=0
  record "page build (see build/test-logs/build-wasm.log)" 0 1
fi

# ---- 5. browser tests -------------------------------------------------------------------------
step "Browser tests (headless Chromium, playwright-core from package-lock.json)"
if [ "$page_ok" -eq 0 ]; then
  record "browser tests (skipped: no page)" 0 1
else
  # npm ci (which starts from an empty node_modules) only when the installed playwright-core is
  # not the version package-lock.json pins.
  if ! node -e "process.exit(require('./node_modules/playwright-core/package.json').version === require('./package-lock.json').packages['node_modules/playwright-core'].version ? 0 : 1)" 2>/dev/null; then
    info "npm ci (playwright-core as pinned in package-lock.json)"
    # Trust the system's CA store too (Debian's node has its own bundle): behind a proxy with
    # its own certificate authority, npm fails with SELF_SIGNED_CERT_IN_CHAIN otherwise.
    if [ -z "${NODE_EXTRA_CA_CERTS:-}" ] && [ -r /etc/ssl/certs/ca-certificates.crt ]; then
      export NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
    fi
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund ||
      die "npm ci failed: check access to the npm registry (registry.npmjs.org), or copy a node_modules folder made by 'npm ci' elsewhere."
  fi
  status=0
  run_logged "$LOGS/browser.log" node tests/browser/run.mjs || status=$?
  read -r browser_passed browser_failed <<<"$(counts_in "$LOGS/browser.log")" || true
  if [ -n "${browser_passed:-}" ]; then
    if [ "$status" -ne 0 ] && [ "$browser_failed" -eq 0 ]; then browser_failed=1; fi
    record "browser tests" "$browser_passed" "$browser_failed"
  else
    record "browser tests (harness failed, exit status $status)" 0 1
  fi
fi

step "Summary ($(elapsed_since "$START_TIME") s; logs in build/test-logs/, screenshots in build/artifacts/)"
if [ ${#FAILED_SUITES[@]} -gt 0 ]; then info "failed: ${FAILED_SUITES[*]}"; fi
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
