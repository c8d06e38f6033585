#!/usr/bin/env bash
# Exit 0 and print the kubeconfig path if the local cluster (up.sh) is running and ready;
# exit 1 otherwise.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
. "$HERE/lib.sh"
if pm_running; then
  echo "$PM_STATE/kubeconfig"
else
  echo "not running" >&2
  exit 1
fi
