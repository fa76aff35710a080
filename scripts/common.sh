# Shared by build-wasm.sh and run-tests.sh (sourced, not run): step printing, failing with a
# sentence that says how to fix it, and installing missing Debian packages.

step() { printf '\n==> %s\n' "$*"; }
info() { printf '    %s\n' "$*"; }
die() {
  printf '\nERROR: %s\n' "$*" >&2
  exit 1
}

package_installed() {
  [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null || true)" = "installed" ]
}

IT2_APT_UPDATED=0
# Installs the Debian packages given that are not installed yet; runs `apt-get update` once.
ensure_packages() {
  local missing=() package
  command -v dpkg-query >/dev/null 2>&1 ||
    die "this script installs its tools with apt on Debian bookworm; elsewhere install by hand: $*"
  for package in "$@"; do
    package_installed "$package" || missing+=("$package")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    info "packages present: $*"
    return 0
  fi
  info "installing with apt: ${missing[*]}"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || die "packages missing (${missing[*]}): run this as root, or install them: apt-get install ${missing[*]}"
    sudo=(sudo)
  fi
  if [ "$IT2_APT_UPDATED" -eq 0 ]; then
    "${sudo[@]}" apt-get update -q ||
      die "apt-get update failed: check the network access to Debian's archive and /etc/apt/sources.list."
    IT2_APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" ||
    die "apt-get could not install ${missing[*]}: run 'apt-get install ${missing[*]}' by hand to see why."
}

# Seconds since the epoch with decimals, for step timings.
now() { date +%s.%N; }
elapsed_since() { awk -v start="$1" -v end="$(now)" 'BEGIN { printf "%.1f", end - start }'; }

# Pinned source tarballs from Debian's archive, checked against their sha256 and extracted once
# into $THIRD_PARTY (set by the caller); the folder gets a .it2-verified mark.
# fetch_source NAME URL TARBALL SHA256 TOP_FOLDER OVERRIDE_VARIABLE → prints the source folder
fetch_source() {
  local name="$1" url="$2" tarball="$3" sha256="$4" folder="$5" override="$6"
  local target="$THIRD_PARTY/$folder" download="$THIRD_PARTY/downloads/$tarball"
  if [ -f "$target/.it2-verified" ]; then
    echo "$target"
    return 0
  fi
  mkdir -p "$THIRD_PARTY/downloads"
  if [ ! -f "$download" ]; then
    info "downloading $url" >&2
    if ! curl -fsSL --retry 3 -o "$download.part" "$url"; then
      rm -f "$download.part"
      die "could not download $name from $url: the pinned version may no longer be served by Debian. Get '$tarball' (sha256 $sha256) from snapshot.debian.org or another mirror, extract it and run again with $override=/path/to/its/folder."
    fi
    mv "$download.part" "$download"
  fi
  local actual
  actual="$(sha256sum "$download" | cut -d' ' -f1)"
  if [ "$actual" != "$sha256" ]; then
    rm -f "$download"
    die "$tarball has sha256 $actual, expected $sha256: the download is corrupt or the archive changed. Run again, or point $override at a verified copy."
  fi
  rm -rf "$target" "$target.part"
  mkdir -p "$target.part"
  tar -xf "$download" -C "$target.part" --strip-components=1 ||
    die "could not extract $download: delete it and run again."
  touch "$target.part/.it2-verified"
  mv "$target.part" "$target"
  echo "$target"
}
