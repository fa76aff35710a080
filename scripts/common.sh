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
