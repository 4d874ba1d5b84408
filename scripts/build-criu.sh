#!/usr/bin/env bash
# Build CRIU 4.2.1 from Debian's source package (sid) into /usr/local, without touching the
# system's apt configuration (a private apt config in a scratch dir holds the deb-src entry).
# 4.2 is needed for TCP connections on kernels >= 6.16 (4.1.1 cannot dump them there).
set -euo pipefail
VER=4.2.1
work=${CRIU_BUILD_DIR:-/var/tmp/ctbun-criu}
mkdir -p "$work"
deps=(libprotobuf-c-dev protobuf-c-compiler libnl-3-dev libnet1-dev libcap-dev libbsd-dev
      libnftables-dev libgnutls28-dev uuid-dev pkg-config make libprotobuf-dev protobuf-compiler)
need=()
for p in "${deps[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p"); done
if [ ${#need[@]} -gt 0 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
src="$work/criu-$VER"
if [ ! -d "$src" ]; then
  if [ ! -f "$work/criu_$VER.orig.tar.xz" ]; then
    apt="$work/apt"; mkdir -p "$apt/lists/partial" "$apt/archives/partial" "$apt/sources.list.d"
    uri=$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1)
    [ -n "$uri" ] || uri=$(awk '/^deb /{print $2; exit}' /etc/apt/sources.list 2>/dev/null)
    [ -n "$uri" ] || uri=http://deb.debian.org/debian
    echo "deb-src $uri sid main" > "$apt/sources.list"
    opts=(-o "Dir::Etc::SourceList=$apt/sources.list" -o "Dir::Etc::SourceParts=$apt/sources.list.d"
          -o "Dir::State::Lists=$apt/lists" -o "Dir::Cache=$apt"
          -o "APT::Sandbox::User=root")
    apt-get "${opts[@]}" update -qq >/dev/null 2>&1 || true
    (cd "$work" && apt-get "${opts[@]}" source --download-only criu >/dev/null 2>&1 || true)
    f=$(ls "$work"/criu_"$VER"*.orig.tar.* 2>/dev/null | head -1)
    [ -n "$f" ] || { echo "build-criu: could not fetch criu_$VER.orig.tar.xz" >&2; exit 1; }
  fi
  tar -C "$work" -xf "$(ls "$work"/criu_"$VER"*.orig.tar.* | head -1)"
fi
make -C "$src" -j"$(nproc)" criu >"$work/build.log" 2>&1 || { tail -30 "$work/build.log" >&2; exit 1; }
install -D -m 0755 "$src/criu/criu" /usr/local/sbin/criu
