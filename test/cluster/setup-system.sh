#!/usr/bin/env bash
# One-time machine setup for the local Kubernetes API server used by the cluster tests.
# Debian bookworm (Node 20 + npm already there), as root or as a user (root is asked for, through
# sudo, only to install missing packages: scripts/debian-packages.sh). Idempotent: safe to re-run.
#
#   bash test/cluster/setup-system.sh             # packages + sources + build (~3.5 min cold here)
#   bash test/cluster/setup-system.sh --no-build  # packages only; up.sh builds when needed
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

# 1, 2. Debian's packages and the kubernetes source package (root only if something is missing)
bash "$HERE/../../scripts/debian-packages.sh" --source kubernetes golang-go etcd-server openssl curl \
  ca-certificates dpkg-dev rsync make util-linux golang-github-modern-go-reflect2-dev
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
