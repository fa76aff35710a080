#!/usr/bin/env bash
# Runs every test of IT2 Tracker on Debian bookworm and ends with one line "N passed, N failed".
#
#   1. installs what is missing (apt: compilers, doctest, chromium, firefox-esr, node/npm)
#   2. native unit tests: cmake --preset native, build, ctest --preset native
#   3. every tests/*/run.sh (fuzzing, comparison with an independent implementation, …)
#   4. the page: ./build-wasm.sh
#   5. browser tests: every tests/browser/*.test.mjs in headless Chromium (screenshots in build/artifacts/),
#      after npm ci installs the pinned playwright-core and puppeteer-core (never a browser download)
#   6. Firefox tests: every tests/firefox/*.test.mjs in headless firefox-esr over WebDriver BiDi
#
# Counting: one per CTest test, one per browser or Firefox test, and for a tests/*/run.sh the
# "N passed, N failed" its last such line reports (else 1 by its exit status). A set-up step that
# fails (an apt install, npm ci) counts as one failure, the steps that need it count one failure
# each, and the run goes on to its summary line. Exit status 0 only if all pass.
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

# run_suite NAME LOG COMMAND… → runs a test runner and records the "N passed, N failed" its last
# such line reports (else 1 by its exit status). A runner that reports its own counts but exits
# non-zero still counts as one failure.
run_suite() {
  local name="$1" log="$2" status=0 suite_passed suite_failed
  shift 2
  run_logged "$log" "$@" || status=$?
  read -r suite_passed suite_failed <<<"$(counts_in "$log")" || true
  if [ -n "${suite_passed:-}" ]; then
    if [ "$status" -ne 0 ] && [ "$suite_failed" -eq 0 ]; then suite_failed=1; fi
    record "$name" "$suite_passed" "$suite_failed"
  elif [ "$status" -eq 0 ]; then
    record "$name" 1 0
  else
    record "$name (exit status $status)" 0 1
  fi
}

# Whatever stops this script early (a bug, Ctrl-C) still ends with the summary line, counting
# the step it stopped in as failed.
SUMMARY_PRINTED=0
CURRENT_STEP="start"
on_exit() {
  local status=$? detail=""
  if [ "$SUMMARY_PRINTED" -eq 0 ]; then
    [ "$status" -ne 0 ] && detail=" (exit status $status)"
    printf '\nERROR: run-tests.sh stopped early%s in step: %s\n' "$detail" "$CURRENT_STEP" >&2
    echo "$PASSED passed, $((FAILED + 1)) failed"
  fi
}
trap on_exit EXIT
step_begin() {
  CURRENT_STEP="$*"
  step "$@"
}

# set_up NAME COMMAND… → runs a set-up command (in a subshell, so its `die` stops only it); on
# failure records NAME as failed and returns 1, so the caller can skip what needs it.
set_up() {
  local name="$1"
  shift
  if ("$@"); then return 0; fi
  record "$name" 0 1
  return 1
}

START_TIME="$(now)"

# ---- 1. tools ---------------------------------------------------------------------------------
step_begin "Installing what the tests need"
# firefox-esr draws WebGL with Mesa's software renderer through EGL in the tests (no GPU here).
PACKAGES=(cmake make g++ nlohmann-json3-dev doctest-dev chromium firefox-esr libegl1 libegl-mesa0 libgl1-mesa-dri
  python3 python3-jsonschema python3-distributed unicode-data xz-utils ca-certificates curl)
[ -d tests/fuzz ] && PACKAGES+=(clang-14 libclang-rt-14-dev)
# tests/report: the printed report's PDF pages as images (pdftoppm), and a Chinese font for Chromium to print
# with (without it every Chinese character is a box; build-wasm.sh installs it too, but only after tests/report).
[ -d tests/report ] && PACKAGES+=(poppler-utils fonts-noto-cjk)
[ -d tests/excel ] && PACKAGES+=(python3-openpyxl python3-xlwt)  # tests/excel: independent .xlsx/.xls reader and writer
command -v node >/dev/null 2>&1 || PACKAGES+=(nodejs)
command -v npm >/dev/null 2>&1 || PACKAGES+=(npm)
set_up "installing packages with apt (see the error above)" ensure_packages "${PACKAGES[@]}" || true
for browser in /usr/bin/chromium /usr/bin/firefox-esr; do
  if [ ! -x "$browser" ]; then
    printf '\nERROR: %s is missing: run apt-get install %s and look at its errors.\n' "$browser" "$(basename "$browser")" >&2
    record "$(basename "$browser") installed" 0 1
  fi
done

# ---- 2. native unit tests -------------------------------------------------------------------
step_begin "Native build and unit tests (CTest)"
native_ok=1
if run_logged "$LOGS/native-build.log" bash -c 'cmake --preset native >/dev/null && cmake --build --preset native'; then
  # The headless UI test (label "headless") runs after the page build, which fetches ImGui.
  if run_logged "$LOGS/ctest.log" ctest --preset native -LE headless; then :; fi
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
  step_begin "tests/$suite/run.sh"
  if [ "$native_ok" -eq 0 ]; then
    record "tests/$suite (skipped: the native build failed)" 0 1
    continue
  fi
  run_suite "tests/$suite" "$LOGS/$suite.log" bash "$suite_script"
done

# ---- 4. the page ------------------------------------------------------------------------------
step_begin "Building the page (./build-wasm.sh)"
page_ok=1
if run_logged "$LOGS/build-wasm.log" ./build-wasm.sh; then
  record "page build" 1 0
else
  page_ok=0
  record "page build (see build/test-logs/build-wasm.log)" 0 1
fi

# ---- 4b. the UI without a browser ---------------------------------------------------------------
# The panels drawn by Dear ImGui with no renderer (src/platform/headless_main.cpp), natively, with
# the ImGui sources build-wasm.sh has just fetched and checked.
step_begin "Headless UI: every view drawn natively, no browser (CTest label headless)"
imgui_dir="$(find "$ROOT/third_party" -maxdepth 1 -type d -name 'imgui-*' 2>/dev/null | sort | tail -n 1)"
if [ "$native_ok" -eq 0 ] || [ -z "$imgui_dir" ]; then
  record "headless UI (skipped: no native build or no ImGui sources)" 0 1
elif run_logged "$LOGS/headless-build.log" bash -c "cmake --preset native -DIT2_IMGUI_DIR='$imgui_dir' >/dev/null && cmake --build --preset native --target it2_headless_ui"; then
  run_logged "$LOGS/headless.log" ctest --preset native -L headless || true
  summary="$(grep -E 'tests passed, [0-9]+ tests? failed out of [0-9]+' "$LOGS/headless.log" | tail -n 1 || true)"
  total="$(sed -E 's/.*out of ([0-9]+).*/\1/' <<<"$summary")"
  failed="$(sed -E 's/.*passed, ([0-9]+) tests? failed.*/\1/' <<<"$summary")"
  if [ -n "$summary" ] && [ "$total" -gt 0 ]; then
    record "headless UI" "$((total - failed))" "$failed"
  else
    record "headless UI (no test ran: see build/test-logs/headless.log)" 0 1
  fi
else
  record "headless UI build (see build/test-logs/headless-build.log)" 0 1
fi

# ---- 5. browser tests -------------------------------------------------------------------------
# npm ci (which starts from an empty node_modules) only when an installed package is not the
# version package-lock.json pins.
npm_install() {
  if node -e "
    const lock = require('./package-lock.json');
    for (const name of Object.keys(lock.packages[''].devDependencies || {})) {
      if (require('./node_modules/' + name + '/package.json').version !== lock.packages['node_modules/' + name].version) process.exit(1);
    }" 2>/dev/null; then
    return 0
  fi
  info "npm ci (playwright-core and puppeteer-core as pinned in package-lock.json)"
  # Trust the system's CA store too (Debian's node has its own bundle): behind a proxy with
  # its own certificate authority, npm fails with SELF_SIGNED_CERT_IN_CHAIN otherwise.
  if [ -z "${NODE_EXTRA_CA_CERTS:-}" ] && [ -r /etc/ssl/certs/ca-certificates.crt ]; then
    export NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
  fi
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund ||
    die "npm ci failed: check access to the npm registry (registry.npmjs.org), or copy a node_modules folder made by 'npm ci' elsewhere."
}

step_begin "Browser tests (headless Chromium, playwright-core from package-lock.json)"
npm_ok=0
if [ "$page_ok" -eq 0 ]; then
  record "browser tests (skipped: no page)" 0 1
elif set_up "npm ci (see the error above)" npm_install; then
  npm_ok=1
  run_suite "browser tests" "$LOGS/browser.log" node tests/browser/run.mjs
else
  record "browser tests (skipped: npm ci failed)" 0 1
fi

# ---- 6. Firefox tests -------------------------------------------------------------------------
step_begin "Firefox tests (headless firefox-esr over WebDriver BiDi, puppeteer-core from package-lock.json)"
if [ "$page_ok" -eq 0 ]; then
  record "Firefox tests (skipped: no page)" 0 1
elif [ "$npm_ok" -eq 0 ]; then
  record "Firefox tests (skipped: npm ci failed)" 0 1
else
  run_suite "Firefox tests" "$LOGS/firefox.log" node tests/firefox/run.mjs
fi

step_begin "Summary ($(elapsed_since "$START_TIME") s; logs in build/test-logs/, screenshots in build/artifacts/)"
if [ ${#FAILED_SUITES[@]} -gt 0 ]; then info "failed: ${FAILED_SUITES[*]}"; fi
SUMMARY_PRINTED=1
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
