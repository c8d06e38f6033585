#!/usr/bin/env bash
# Stop the local cluster started by up.sh: exactly the processes it recorded (pid + start
# time + command line naming our state dir), newest first. Certificates and tokens stay in the
# state dir for the next start; etcd's data does not (up.sh starts with an empty etcd).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
. "$HERE/lib.sh"

if [[ ! -d "$PM_STATE/pids" ]]; then
  pm_log "nothing to stop (no $PM_STATE/pids)"
  exit 0
fi
exec 8>"$PM_STATE/.lock"
flock -w 120 8 || { pm_log "could not get $PM_STATE/.lock"; exit 1; }
pm_stop_all
rm -f "$PM_STATE/cluster.env" "$PM_STATE/cluster.json" "$PM_STATE/kubelet-ports.json" "$PM_STATE/kubeconfig"
rm -rf "$PM_STATE/etcd-data"
pm_log "down"
