#!/usr/bin/env bash
# Makes sure Debian packages are installed, asking for root only when something is missing:
#
#   bash scripts/debian-packages.sh [--source SRCPKG] PKG...
#
# --source: apt must also know the source package SRCPKG (for `apt-get source`), which may need a
# deb-src entry (mirroring the existing apt sources) and an `apt-get update`.
# Nothing missing: exits at once, as any user. Something missing: as root, apt-get does it; as a
# user, the script says what it needs root for and runs itself again through sudo; with no sudo,
# it stops and prints the command for root to run.
set -euo pipefail
self="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")"
source_pkg=""
if [[ "${1:-}" == "--source" ]]; then
  source_pkg="$2"
  shift 2
fi

missing=()
for p in "$@"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
need_source=0
if [[ -n "$source_pkg" ]] && [[ -z "$(apt-cache showsrc "$source_pkg" 2>/dev/null | head -n1)" ]]; then
  need_source=1
fi
((${#missing[@]} || need_source)) || exit 0

what="${missing[*]}"
((need_source)) && what="the source package $source_pkg${what:+ and }$what"
args=(${source_pkg:+--source "$source_pkg"} "$@")
if [[ $(id -u) != 0 ]]; then
  if command -v sudo >/dev/null; then
    echo "debian-packages: root is needed to install $what: asking sudo" >&2
    exec sudo bash "$self" "${args[@]}"
  fi
  echo "debian-packages: root is needed to install $what, and there is no sudo here. As root, run:" >&2
  echo "  bash $self ${args[*]}" >&2
  echo "then run this again." >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
if ((need_source)) && ! grep -rqsE '^(Types:.*deb-src|deb-src )' /etc/apt/sources.list /etc/apt/sources.list.d/; then
  if [[ -f /etc/apt/sources.list.d/debian.sources ]]; then
    sed -E 's/^Types:.*/Types: deb-src/' /etc/apt/sources.list.d/debian.sources \
      >/etc/apt/sources.list.d/pod-manifests-deb-src.sources
  elif grep -qsE '^deb ' /etc/apt/sources.list; then
    sed -nE 's/^deb (.*)/deb-src \1/p' /etc/apt/sources.list >/etc/apt/sources.list.d/pod-manifests-deb-src.list
  else
    echo "debian-packages: found no Debian apt source to mirror as deb-src" >&2
    exit 1
  fi
  echo "debian-packages: added a deb-src entry" >&2
fi
echo "debian-packages: apt-get install $what" >&2
apt-get update -q >&2
if ((${#missing[@]})); then
  apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
fi
