#!/usr/bin/env bash
# Build kube-apiserver and kube-controller-manager v1.20.2 from Debian bookworm's `kubernetes`
# source package, into a cache outside the work tree, keyed by the package version (one
# `go build` for both: they share most of their packages).
#
#   bash test/cluster/build-apiserver.sh          # builds if the cached binary is missing
#   bash test/cluster/build-apiserver.sh --print  # only prints the path the binary has/will have
#
# Needs what setup-system.sh installs (golang-go, dpkg-dev, golang-github-modern-go-reflect2-dev,
# a deb-src entry). Prints kube-apiserver's path on its last line; kube-controller-manager is
# beside it.
# Cold: 3.5 min measured on 2 cores (AMD EPYC); 1.7 GB of disk at the peak, ~520 MB kept
# (sources + binary; POD_MANIFESTS_KEEP_GOCACHE=1 keeps the 1.2 GB Go build cache too).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
. "$HERE/lib.sh"

PRINT_ONLY=0
[[ "${1:-}" == "--print" ]] && PRINT_ONLY=1

VER="$(pm_kube_pkg_version)"
if [[ -z "$VER" ]]; then
  echo "build-apiserver: cannot tell the Debian 'kubernetes' source version: is the deb-src entry there and 'apt-get update' done? (run test/cluster/setup-system.sh)" >&2
  exit 1
fi
OUT_DIR="$PM_CACHE/kube-apiserver/$VER"
BIN="$OUT_DIR/kube-apiserver"
CM_BIN="$OUT_DIR/kube-controller-manager"
if [[ $PRINT_ONLY == 1 || (-x "$BIN" && -x "$CM_BIN") ]]; then
  echo "$BIN"
  exit 0
fi

for tool in go dpkg-source apt-get; do
  command -v "$tool" >/dev/null || { echo "build-apiserver: '$tool' missing: run test/cluster/setup-system.sh as root first" >&2; exit 1; }
done
REFLECT2_DEB=/usr/share/gocode/src/github.com/modern-go/reflect2
[[ -f "$REFLECT2_DEB/reflect2.go" ]] || { echo "build-apiserver: $REFLECT2_DEB missing: apt-get install golang-github-modern-go-reflect2-dev" >&2; exit 1; }

START=$(date +%s)
log() { echo "[build-apiserver $(date +%H:%M:%S) +$(( $(date +%s) - START ))s] $*"; }

# Only one build at a time.
mkdir -p "$PM_CACHE"
exec 9>"$PM_CACHE/build.lock"
if ! flock -n 9; then
  log "another build holds $PM_CACHE/build.lock; waiting for it"
  flock 9
  if [[ -x "$BIN" && -x "$CM_BIN" ]]; then echo "$BIN"; exit 0; fi
fi

# 1. Sources: apt-get source, once per version.
SRC_PARENT="$PM_CACHE/src/$VER"
UPSTREAM="${VER%-*}"           # 1.20.5+really1.20.2-1.1+deb12u1 -> 1.20.5+really1.20.2
SRC="$SRC_PARENT/kubernetes-$UPSTREAM"
if [[ ! -f "$SRC/.pm-unpacked" ]]; then
  log "apt-get source kubernetes=$VER into $SRC_PARENT"
  rm -rf "$SRC_PARENT"
  mkdir -p "$SRC_PARENT"
  (cd "$SRC_PARENT" && apt-get source -q "kubernetes=$VER")
  [[ -d "$SRC" ]] || { echo "build-apiserver: expected $SRC after apt-get source" >&2; ls "$SRC_PARENT" >&2; exit 1; }
  touch "$SRC/.pm-unpacked"
fi
cd "$SRC"

# 2. vendor/modules.txt: Go >= 1.17 wants each unversioned "# P => R" line before
#    the module's versioned "# P vX => R" block (Go 1.15 wrote them after).
if [[ ! -f .pm-modules-fixed ]]; then
  log "reordering vendor/modules.txt for Go $(go env GOVERSION)"
  cp vendor/modules.txt vendor/modules.txt.pm-orig
  awk '
    NR == FNR { if ($1 == "#" && $3 == "=>") unv[$2] = $0; next }
    $1 == "#" && $3 == "=>" { next }
    $1 == "#" && ($2 in unv) && !done[$2] { print unv[$2]; done[$2] = 1 }
    { print }
    END { for (p in unv) if (!done[p]) print unv[p] }
  ' vendor/modules.txt.pm-orig vendor/modules.txt.pm-orig > vendor/modules.txt
  touch .pm-modules-fixed
fi

# 3. modern-go/reflect2 1.0.1 crashes under Go >= 1.18; use Debian's 1.0.2 sources.
if [[ ! -f .pm-reflect2-fixed ]]; then
  log "replacing vendored modern-go/reflect2 with $REFLECT2_DEB"
  find vendor/github.com/modern-go/reflect2 -maxdepth 1 -type f \( -name '*.go' -o -name '*.s' \) -delete
  cp "$REFLECT2_DEB"/*.go "$REFLECT2_DEB"/*.s vendor/github.com/modern-go/reflect2/
  touch .pm-reflect2-fixed
fi

export HOME="${HOME:-/root}"
export GOCACHE="$PM_CACHE/go-build"
export GOPATH="$PM_CACHE/gopath"
export GOPROXY=off GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS=

# 4. pkg/generated/openapi/zz_generated.openapi.go is not in the tarball.
if [[ ! -f pkg/generated/openapi/zz_generated.openapi.go ]]; then
  log "make gen_openapi (GOPATH mode, as upstream's Makefile does)"
  make gen_openapi KUBE_VERBOSE=0
  [[ -f pkg/generated/openapi/zz_generated.openapi.go ]] || { echo "build-apiserver: make gen_openapi did not write pkg/generated/openapi/zz_generated.openapi.go" >&2; exit 1; }
fi

# 5. The binary, with the version both /version and client-go report.
KVER="v${UPSTREAM##*really}"       # v1.20.2
MAJOR="${KVER#v}"; MAJOR="${MAJOR%%.*}"
MINOR="${KVER#v*.}"; MINOR="${MINOR%%.*}"
COMMIT=faecb196815e248d3ecfb03c680a4507229c2a56   # upstream v1.20.2 (the same Debian's kubectl reports)
BUILD_DATE="$(date -u -d "$(dpkg-parsechangelog -l debian/changelog -S Date)" +%Y-%m-%dT%H:%M:%SZ)"
LDFLAGS="-s -w"
for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  LDFLAGS+=" -X $pkg.gitVersion=$KVER -X $pkg.gitMajor=$MAJOR -X $pkg.gitMinor=$MINOR"
  LDFLAGS+=" -X $pkg.gitCommit=$COMMIT -X $pkg.gitTreeState=archive -X $pkg.buildDate=$BUILD_DATE"
done
log "go build ./cmd/kube-apiserver ./cmd/kube-controller-manager ($KVER, $(go version | awk '{print $3}'), GOFLAGS=-mod=vendor)"
mkdir -p "$OUT_DIR"
rm -rf "$OUT_DIR/tmp"
GO111MODULE=on GOFLAGS=-mod=vendor go build -trimpath -ldflags "$LDFLAGS" -o "$OUT_DIR/tmp/" ./cmd/kube-apiserver ./cmd/kube-controller-manager
"$OUT_DIR/tmp/kube-apiserver" --version
"$OUT_DIR/tmp/kube-controller-manager" --version
mv "$OUT_DIR/tmp/kube-controller-manager" "$CM_BIN"
mv "$OUT_DIR/tmp/kube-apiserver" "$BIN"
rmdir "$OUT_DIR/tmp"
log "built; disk used by sources + Go cache + binary: $(du -shc "$SRC_PARENT" "$GOCACHE" "$GOPATH" "$OUT_DIR" | tail -n1 | cut -f1)"
# The Go build cache (~1.2 GB) is only worth keeping to rebuild; the sources (~420 MB) stay,
# for reading the API server's code.
if [[ "${POD_MANIFESTS_KEEP_GOCACHE:-0}" != 1 ]]; then
  chmod -R u+w "$GOPATH" 2>/dev/null || true
  rm -rf "$GOCACHE" "$GOPATH"
fi
log "done: $BIN (kept: $(du -shc "$SRC_PARENT" "$OUT_DIR" | tail -n1 | cut -f1))"
echo "$BIN"
