#!/usr/bin/env bash
# Once per machine, as root (idempotent): what the tests need from outside npm. The local
# Kubernetes API server (Debian's etcd, Go, and kube-apiserver v1.20.2 built from Debian's
# source package) and a real VS Code for the end-to-end tests (code-server, Node 24, Debian's
# chromium). Both are cached under ~/.cache/pod-manifests.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
bash "$here/test/cluster/setup-system.sh"
bash "$here/test/e2e/setup-code-server.sh"
