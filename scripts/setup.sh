#!/usr/bin/env bash
# Set up a fresh Debian/Ubuntu host (as root) for building, testing and running ctbun.
# Idempotent: installs only what is missing and says what it did.
set -euo pipefail
cd "$(dirname "$0")/.."
did=()
say() { echo "setup: $*" >&2; }

[ "$(id -u)" = 0 ] || { say "must run as root"; exit 1; }

# 1. Debian packages (only the missing ones). uidmap brings the setuid newuidmap/newgidmap that
# rootless containers need for mappings beyond the caller's own id (ranges from /etc/subuid).
pkgs=(gcc libc6-dev libseccomp2 busybox-static iptables jq hyperfine ca-certificates xz-utils runc uidmap)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
command -v npm >/dev/null || missing+=(npm)
apt_updated=false
apt_update() { $apt_updated || apt-get update -qq; apt_updated=true; }
export DEBIAN_FRONTEND=noninteractive
if [ ${#missing[@]} -gt 0 ]; then
  say "installing packages: ${missing[*]}"
  apt_update
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  did+=("apt: ${missing[*]}")
fi

# 1b. Container engines for test/integration/engines-*.test.ts. Their Debian packages enable and
# start system services (containerd's on the default socket, podman's API socket and timers). The
# tests start a private containerd and run podman on private storage, so these units are masked
# while the package installs (nothing starts) and disabled afterwards (nothing starts at boot).
declare -A engine_units=(
  [containerd]="containerd.service"
  [podman]="podman.service podman.socket podman-restart.service podman-auto-update.service podman-auto-update.timer"
)
engines_missing=()
for p in containerd podman; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || engines_missing+=("$p")
done
if [ ${#engines_missing[@]} -gt 0 ]; then
  units=()
  for p in "${engines_missing[@]}"; do read -r -a u <<<"${engine_units[$p]}"; units+=("${u[@]}"); done
  say "installing engines: ${engines_missing[*]} (services left stopped and disabled: ${units[*]})"
  systemd=false
  [ -d /run/systemd/system ] && systemd=true
  if $systemd; then systemctl mask --runtime "${units[@]}" >/dev/null 2>&1 || true; fi
  apt_update
  # best effort: without them the engine tests skip and say why
  if apt-get install -y -qq --no-install-recommends "${engines_missing[@]}" >/dev/null; then
    did+=("apt: ${engines_missing[*]} (services not started, disabled)")
  else
    say "could not install ${engines_missing[*]}: the engine tests will be skipped"
  fi
  if $systemd; then
    systemctl disable "${units[@]}" >/dev/null 2>&1 || true
    systemctl unmask --runtime "${units[@]}" >/dev/null 2>&1 || true
  fi
fi

# 2. Bun and the JS dependencies, from npm, into the project.
if [ ! -x node_modules/.bin/bun ] || [ ! -d node_modules/citty ] || [ package.json -nt node_modules/.package-lock.json ]; then
  say "installing bun and dependencies from npm"
  npm install --no-audit --no-fund --loglevel=error >/dev/null
  did+=("npm install")
fi

# 3. CRIU >= 4.2: the distribution's when `criu check` passes, else built from Debian's newer
#    source (4.1 is the minimum for kernels >= 6.13, 4.2 for TCP connections on >= 6.16).
criu_ok() {
  local c; c=$(command -v criu) || return 1
  local v; v=$("$c" --version 2>/dev/null | sed -n 's/^Version: *//p')
  case "$v" in [0-3].*|4.[01]|4.[01].*|"") return 1 ;; esac
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
  say "building CRIU 4.2.1 from Debian's source into /usr/local"
  bash scripts/build-criu.sh
  hash -r
  criu_ok || { say "criu check still fails after the build"; exit 1; }
  did+=("criu built from source")
fi

if [ ${#did[@]} -eq 0 ]; then say "nothing to do ($(criu --version | head -1), bun $(node_modules/.bin/bun --version))"; else say "done: ${did[*]}"; fi
