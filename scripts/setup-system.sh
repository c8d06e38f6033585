#!/usr/bin/env bash
# Once per machine (idempotent), as root or as a user: what the tests need from outside npm. Root
# is needed only to install Debian packages, and only those missing: scripts/debian-packages.sh
# says so and asks sudo (or, with no sudo, prints the command for root). Everything else is built
# and cached under ~/.cache/pod-manifests of whoever runs it:
# - the local Kubernetes API server (Debian's etcd and Go, kube-apiserver v1.20.2 built from
#   Debian's source package);
# - a real VS Code for the end-to-end tests (code-server, Node 24, Debian's chromium);
# - Neovim, Emacs (Eglot, yaml-mode) and pre-commit: the npm package in other editors and as a hook.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
bash "$here/scripts/debian-packages.sh" neovim emacs-nox elpa-eglot elpa-yaml-mode pre-commit git
bash "$here/test/cluster/setup-system.sh"
bash "$here/test/e2e/setup-code-server.sh"
