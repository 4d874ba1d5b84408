#!/usr/bin/env bash
# Set up a fresh Debian/Ubuntu host (as root) for building, testing and running ctbun.
# Idempotent: installs only what is missing and says what it did.
set -euo pipefail
cd "$(dirname "$0")/.."
did=()
say() { echo "setup: $*" >&2; }

[ "$(id -u)" = 0 ] || { say "must run as root"; exit 1; }

# 1. Debian packages (only the missing ones).
pkgs=(gcc libc6-dev libseccomp2 busybox-static iptables jq hyperfine ca-certificates xz-utils runc)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
command -v npm >/dev/null || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  say "installing packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  did+=("apt: ${missing[*]}")
fi

# 2. Bun and the JS dependencies, from npm, into the project.
if [ ! -x node_modules/.bin/bun ] || [ ! -d node_modules/citty ] || [ package.json -nt node_modules/.package-lock.json ]; then
  say "installing bun and dependencies from npm"
  npm install --no-audit --no-fund --loglevel=error >/dev/null
  did+=("npm install")
fi

# 3. CRIU >= 4.1: the distribution's when `criu check` passes, else built from Debian's newer source.
criu_ok() {
  local c; c=$(command -v criu) || return 1
  local v; v=$("$c" --version 2>/dev/null | sed -n 's/^Version: *//p')
  case "$v" in [0-3].*|4.0*|"") return 1 ;; esac
  "$c" check >/dev/null 2>&1
}
if ! criu_ok; then
  if ! dpkg-query -W -f='${Status}' criu 2>/dev/null | grep -q "install ok installed" && [ ! -x /usr/local/sbin/criu ]; then
    say "trying the distribution's criu"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends criu >/dev/null 2>&1 || true
    did+=("apt: criu")
  fi
fi
if ! criu_ok; then
  say "building CRIU 4.1.1 from Debian's source into /usr/local"
  bash scripts/build-criu.sh
  hash -r
  criu_ok || { say "criu check still fails after the build"; exit 1; }
  did+=("criu built from source")
fi

if [ ${#did[@]} -eq 0 ]; then say "nothing to do ($(criu --version | head -1), bun $(node_modules/.bin/bun --version))"; else say "done: ${did[*]}"; fi
