#!/usr/bin/env bash
# Builds the offline page dist/it2-tracker.html (one self-contained file) on Debian bookworm.
#
#   ./build-wasm.sh          build (installs missing Debian packages, fetches ImGui and SDL2)
#   ./build-wasm.sh serve    build, then serve dist/ on http://localhost:8080
#
# Environment:
#   EMSDK=…        use your own activated emsdk instead of Debian's emscripten package
#   IMGUI_DIR=…    use a local Dear ImGui 1.92.x source folder instead of downloading it
#   SDL2_DIR=…     use a local SDL2 2.26.x source folder instead of downloading it
#   PORT=8080      port for `serve`
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"
# shellcheck source=scripts/common.sh
source "$ROOT/scripts/common.sh"

MODE="${1:-build}"
case "$MODE" in
  build | serve) ;;
  -h | --help)
    sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
    exit 0
    ;;
  *) die "unknown argument '$MODE': use './build-wasm.sh' or './build-wasm.sh serve'." ;;
esac

# Pinned sources from Debian's archive (the pool path downloads directly).
DEBIAN_POOL="${DEBIAN_POOL:-http://deb.debian.org/debian/pool/main}"
IMGUI_VERSION="1.92.2b"
IMGUI_TARBALL="imgui_${IMGUI_VERSION}+ds.orig.tar.xz"
IMGUI_URL="$DEBIAN_POOL/i/imgui/$IMGUI_TARBALL"
IMGUI_SHA256="e7bd201d56b5ee90d24d5dac85e5c12f98bdb95410252a62d27b7f89e4566d48"
SDL2_VERSION="2.26.5"
SDL2_TARBALL="libsdl2_${SDL2_VERSION}+dfsg.orig.tar.gz"
SDL2_URL="$DEBIAN_POOL/libs/libsdl2/$SDL2_TARBALL"
SDL2_SHA256="b3f2c822151804125d08db94c65852f711c2e5df2145a59da120748dc32eb9c3"

THIRD_PARTY="$ROOT/third_party"
BUILD_DIR="$ROOT/build/wasm"
PAGE="$ROOT/dist/it2-tracker.html"
START_TIME="$(now)"

# ---- 1. packages --------------------------------------------------------------------------------
step "1/5 Debian packages"
PACKAGES=(cmake make python3 python3-fonttools fonts-noto-cjk unicode-data nlohmann-json3-dev
          curl ca-certificates xz-utils)
if [ -n "${EMSDK:-}" ]; then
  info "EMSDK=$EMSDK: using your emsdk, not Debian's emscripten"
else
  PACKAGES+=(emscripten)
fi
ensure_packages "${PACKAGES[@]}"

# ---- 2. Emscripten --------------------------------------------------------------------------------
step "2/5 Emscripten"
if [ -n "${EMSDK:-}" ]; then
  EMSCRIPTEN_ROOT="$EMSDK/upstream/emscripten"
  [ -x "$EMSCRIPTEN_ROOT/em++" ] ||
    die "EMSDK=$EMSDK has no upstream/emscripten/em++: activate it ('./emsdk install latest && ./emsdk activate latest && source ./emsdk_env.sh') or unset EMSDK to use Debian's emscripten."
  export PATH="$EMSCRIPTEN_ROOT:$PATH"
else
  EMSCRIPTEN_ROOT="/usr/share/emscripten"
  # Debian's Emscripten finds its JS optimizer's parser (acorn) here; node from elsewhere does not.
  export NODE_PATH="/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}"
fi
export IT2_EMSCRIPTEN_TOOLCHAIN="$EMSCRIPTEN_ROOT/cmake/Modules/Platform/Emscripten.cmake"
[ -f "$IT2_EMSCRIPTEN_TOOLCHAIN" ] ||
  die "no Emscripten CMake toolchain at $IT2_EMSCRIPTEN_TOOLCHAIN: reinstall emscripten ('apt-get install --reinstall emscripten') or fix EMSDK."
command -v em++ >/dev/null 2>&1 || die "em++ is not on PATH: install Debian's emscripten ('apt-get install emscripten') or activate your emsdk."
info "$(em++ --version | head -n 1)"

# Python with fontTools: Debian's python3-fonttools lives in /usr/bin/python3 (a pyenv or venv
# python3 earlier in PATH would not see it).
IT2_PYTHON=""
for candidate in /usr/bin/python3 "$(command -v python3 || true)"; do
  if [ -n "$candidate" ] && "$candidate" -c 'import fontTools' >/dev/null 2>&1; then
    IT2_PYTHON="$candidate"
    break
  fi
done
[ -n "$IT2_PYTHON" ] || die "no python3 can import fontTools: install it with 'apt-get install python3-fonttools'."

# ---- 3. sources -----------------------------------------------------------------------------------
# fetch_source: scripts/common.sh (shared with scripts/fetch-excel-sources.sh)
step "3/5 Dear ImGui $IMGUI_VERSION and SDL2 $SDL2_VERSION sources"
if [ -n "${IMGUI_DIR:-}" ]; then
  [ -f "$IMGUI_DIR/imgui.cpp" ] || die "IMGUI_DIR=$IMGUI_DIR has no imgui.cpp: point it at a Dear ImGui 1.92.x source folder."
  IMGUI_SOURCE="$(cd "$IMGUI_DIR" && pwd)"
else
  IMGUI_SOURCE="$(fetch_source "Dear ImGui $IMGUI_VERSION" "$IMGUI_URL" "$IMGUI_TARBALL" "$IMGUI_SHA256" \
                  "imgui-$IMGUI_VERSION" IMGUI_DIR)"
fi
grep -q 'define IMGUI_VERSION *"1\.92' "$IMGUI_SOURCE/imgui.h" ||
  die "$IMGUI_SOURCE is not Dear ImGui 1.92.x (the page needs 1.92's dynamic font atlas): point IMGUI_DIR at 1.92.x."
info "Dear ImGui: $IMGUI_SOURCE"
if [ -n "${SDL2_DIR:-}" ]; then
  [ -f "$SDL2_DIR/include/SDL.h" ] || die "SDL2_DIR=$SDL2_DIR has no include/SDL.h: point it at an SDL2 2.26.x source folder."
  SDL2_SOURCE="$(cd "$SDL2_DIR" && pwd)"
else
  SDL2_SOURCE="$(fetch_source "SDL2 $SDL2_VERSION" "$SDL2_URL" "$SDL2_TARBALL" "$SDL2_SHA256" \
                 "SDL2-$SDL2_VERSION" SDL2_DIR)"
fi
info "SDL2: $SDL2_SOURCE"

# ---- 4. configure + build -----------------------------------------------------------------------
step "4/5 CMake (preset wasm, build/wasm)"
mkdir -p "$ROOT/build"
cache_value() { sed -n "s|^$1:[A-Z]*=||p" "$BUILD_DIR/CMakeCache.txt" 2>/dev/null; }
if [ -f "$BUILD_DIR/CMakeCache.txt" ] &&
   [ "$(cache_value CMAKE_TOOLCHAIN_FILE)" != "$IT2_EMSCRIPTEN_TOOLCHAIN" ]; then
  info "build/wasm was configured with another Emscripten: starting it afresh"
  rm -rf "$BUILD_DIR"
fi
if [ ! -f "$BUILD_DIR/CMakeCache.txt" ] ||
   [ "$(cache_value IT2_IMGUI_DIR)" != "$IMGUI_SOURCE" ] ||
   [ "$(cache_value IT2_SDL2_DIR)" != "$SDL2_SOURCE" ] ||
   [ "$(cache_value IT2_PYTHON)" != "$IT2_PYTHON" ]; then
  cmake --preset wasm -DIT2_IMGUI_DIR="$IMGUI_SOURCE" -DIT2_SDL2_DIR="$SDL2_SOURCE" \
        -DIT2_PYTHON="$IT2_PYTHON" >"$ROOT/build/wasm-configure.log" 2>&1 || {
    tail -n 30 "$ROOT/build/wasm-configure.log" >&2
    die "CMake could not configure build/wasm (log: build/wasm-configure.log): fix the error above, or delete build/wasm and run again."
  }
  info "configured (log: build/wasm-configure.log)"
else
  info "already configured"
fi
build_start="$(now)"
cmake --build --preset wasm ||
  die "the wasm build failed (errors above): fix them and run ./build-wasm.sh again."
info "build step: $(elapsed_since "$build_start") s"

# ---- 5. the page ---------------------------------------------------------------------------------
step "5/5 dist/it2-tracker.html"
[ -f "$PAGE" ] || die "the build finished but $PAGE is missing: see the bundling step's output above."
size="$(stat -c %s "$PAGE")"
info "$PAGE: $(awk -v s="$size" 'BEGIN { printf "%.2f MB", s / 1e6 }') (limit 5 MB)"
[ "$size" -le 5000000 ] || die "the page is over 5 MB: shrink the demo data or the font subset."
info "total: $(elapsed_since "$START_TIME") s"

if [ "$MODE" = "serve" ]; then
  PORT="${PORT:-8080}"
  step "Serving dist/ (Ctrl+C stops)"
  info "open http://localhost:$PORT/it2-tracker.html"
  info "or, without a server: file://$PAGE"
  exec "$IT2_PYTHON" -m http.server "$PORT" --bind 127.0.0.1 --directory "$ROOT/dist"
fi
