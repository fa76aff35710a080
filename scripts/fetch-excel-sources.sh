#!/usr/bin/env bash
# Fetches the Excel libraries' sources (docs/csv-import.md, "Excel"): pinned source tarballs from
# Debian's archive, sha256-checked, extracted under third_party/. CMake runs this when they are
# missing; build-wasm.sh and run-tests.sh get them through CMake. Never committed.
#
#   scripts/fetch-excel-sources.sh      fetch what is missing, print the folders
#
# Environment: DEBIAN_POOL=… another Debian mirror's pool/main; THIRD_PARTY=… another folder.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/common.sh
source "$ROOT/scripts/common.sh"

DEBIAN_POOL="${DEBIAN_POOL:-http://deb.debian.org/debian/pool/main}"
THIRD_PARTY="${THIRD_PARTY:-$ROOT/third_party}"

command -v curl >/dev/null 2>&1 || die "curl is needed to fetch the Excel libraries: apt-get install curl ca-certificates"

# name  version  pool path  sha256  folder
EXCEL_SOURCES=(
  "zlib|1.3.1|z/zlib/zlib_1.3.dfsg+really1.3.1.orig.tar.gz|60dd315c07f616887caa029408308a018ace66e3d142726a97db164b3b8f69fb|zlib-1.3.1"
  "expat|2.5.0|e/expat/expat_2.5.0.orig.tar.gz|ab00ee05c7067fd10a35c5d2a4922ebba746ddd50ff83b79c828da17bbdf1757|expat-2.5.0"
  "FreeXL|2.0.0|f/freexl/freexl_2.0.0.orig.tar.gz|176705f1de58ab7c1eebbf5c6de46ab76fcd8b856508dbd28f5648f7c6e1a7f0|freexl-2.0.0"
  "libxlsxwriter|1.1.4|libx/libxlsxwriter/libxlsxwriter_1.1.4.orig.tar.gz|b379eb35fdd9c653ebe72485b9c992f612c7ea66f732784457997d6e782f619b|libxlsxwriter-1.1.4"
)

for entry in "${EXCEL_SOURCES[@]}"; do
  IFS='|' read -r name version path sha256 folder <<<"$entry"
  fetch_source "$name $version" "$DEBIAN_POOL/$path" "${path##*/}" "$sha256" "$folder" THIRD_PARTY >/dev/null
  info "$name $version: $THIRD_PARTY/$folder"
done
