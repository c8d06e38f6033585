#!/usr/bin/env bash
# One-time machine setup for the local Kubernetes API server used by the cluster tests.
# Run as root on Debian bookworm (Node 20 + npm already there). Idempotent: safe to re-run.
#
#   sudo bash test/cluster/setup-system.sh             # packages + sources + build (~3.5 min cold here)
#   sudo bash test/cluster/setup-system.sh --no-build  # packages only; up.sh builds when needed
#
# What it does:
#   1. adds a deb-src entry mirroring the existing Debian apt sources, apt-get update;
#   2. installs golang-go (1.19), etcd-server, openssl, curl, dpkg-dev, rsync, make,
#      golang-github-modern-go-reflect2-dev;
#   3. puts a v1.20.2 kubectl (from Debian's kubernetes-client .deb, unpacked, not installed: it
#      would clash with other kubectl packages) at $PM_CACHE/bin/kubectl, for checks by hand;
#   4. builds kube-apiserver into $PM_CACHE (build-apiserver.sh) unless it is cached.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
. "$HERE/lib.sh"

BUILD=1
[[ "${1:-}" == "--no-build" ]] && BUILD=0
if [[ $(id -u) != 0 ]]; then
  echo "setup-system.sh: run as root (apt-get)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive

# 1. deb-src
if ! grep -rqsE '^(Types:.*deb-src|deb-src )' /etc/apt/sources.list /etc/apt/sources.list.d/; then
  if [[ -f /etc/apt/sources.list.d/debian.sources ]]; then
    sed -E 's/^Types:.*/Types: deb-src/' /etc/apt/sources.list.d/debian.sources \
      >/etc/apt/sources.list.d/pod-manifests-deb-src.sources
  elif grep -qsE '^deb ' /etc/apt/sources.list; then
    sed -nE 's/^deb (.*)/deb-src \1/p' /etc/apt/sources.list >/etc/apt/sources.list.d/pod-manifests-deb-src.list
  else
    echo "setup-system.sh: found no Debian apt source to mirror as deb-src" >&2
    exit 1
  fi
  echo "setup-system.sh: added a deb-src entry" >&2
fi
apt-get update -q

# 2. packages (a service start by a postinst, e.g. etcd's, is not wanted: up.sh runs its own)
PKGS=(golang-go etcd-server openssl curl ca-certificates dpkg-dev rsync make util-linux
  golang-github-modern-go-reflect2-dev)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
# etcd-server's package may start a system etcd on 2379; ours does not need it and uses other ports.

# 3. kubectl v1.20.2 for checks by hand (unpacked into the cache, not installed)
KVER="$(apt-cache policy kubernetes-client | awk '/Candidate:/ {print $2}')"
if [[ -n "$KVER" && "$KVER" != "(none)" && ! -x "$PM_CACHE/kubectl/$KVER/kubectl" ]]; then
  tmp="$(mktemp -d)"
  (cd "$tmp" && apt-get download -q "kubernetes-client=$KVER" && dpkg-deb -x kubernetes-client_*.deb x)
  mkdir -p "$PM_CACHE/kubectl/$KVER" "$PM_CACHE/bin"
  cp "$tmp/x/usr/bin/kubectl" "$PM_CACHE/kubectl/$KVER/kubectl"
  ln -sfn "$PM_CACHE/kubectl/$KVER/kubectl" "$PM_CACHE/bin/kubectl"
  rm -rf "$tmp"
fi

# 4. kube-apiserver
if [[ $BUILD == 1 ]]; then
  bash "$HERE/build-apiserver.sh"
fi
