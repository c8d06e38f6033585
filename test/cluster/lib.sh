# Shared by the scripts in test/cluster/ (sourced, not run).

# Cache (Debian sources, Go build cache, the built kube-apiserver), kept between runs:
PM_CACHE="${POD_MANIFESTS_CACHE:-${HOME:-/root}/.cache/pod-manifests}"
# The running cluster's state (pids, certs, tokens, kubeconfig, logs, etcd data):
PM_STATE="${POD_MANIFESTS_CLUSTER_DIR:-$PM_CACHE/cluster}"
# The Node object whose "kubelet" is our log server.
PM_NODE_NAME="${POD_MANIFESTS_NODE_NAME:-pod-manifests-node}"
# What we start, in start order (stopped in reverse).
PM_PROCS=(etcd kubelet-logs kube-apiserver kube-controller-manager)

pm_log() { echo "[cluster $(date +%H:%M:%S)] $*" >&2; }

# Version of Debian's `kubernetes` source package apt knows (highest), e.g.
# 1.20.5+really1.20.2-1.1+deb12u1; falls back to the newest version already built.
pm_kube_pkg_version() {
  local v=""
  if command -v apt-cache >/dev/null; then
    v="$(apt-cache showsrc kubernetes 2>/dev/null | awk '/^Version:/ {print $2}' | sort -V | tail -n1)"
  fi
  if [[ -z "$v" && -d "$PM_CACHE/kube-apiserver" ]]; then
    v="$(find "$PM_CACHE/kube-apiserver" -mindepth 2 -maxdepth 2 -name kube-apiserver -type f -perm -u+x \
      | awk -F/ '{print $(NF-1)}' | sort -V | tail -n1)"
  fi
  echo "$v"
}

# start time of a process in clock ticks since boot (field 22 of /proc/PID/stat)
pm_proc_start() {
  local stat
  stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
  stat="${stat##*) }"
  awk '{print $20}' <<<"$stat"
}

pm_pidfile() { echo "$PM_STATE/pids/$1.pid"; }

# pm_owned NAME: prints the pid if the recorded process is alive and is the one we started
# (same pid, same start time, command line still names our state dir).
pm_owned() {
  local f pid start now
  f="$(pm_pidfile "$1")"
  [[ -f "$f" ]] || return 1
  read -r pid start <"$f" || return 1
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  now="$(pm_proc_start "$pid")" || return 1
  [[ "$now" == "$start" ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$PM_STATE" || return 1
  # a zombie is not running
  [[ "$(awk '/^State:/ {print $2}' "/proc/$pid/status" 2>/dev/null)" != Z ]] || return 1
  echo "$pid"
}

# pm_spawn NAME LOGFILE CMD...: start CMD in its own session, in the background, stdio to
# LOGFILE (never to our caller's pipes), and record its pid + start time.
pm_spawn() {
  local name="$1" logf="$2" pid start
  shift 2
  mkdir -p "$PM_STATE/pids"
  setsid "$@" </dev/null >>"$logf" 2>&1 8>&- 9>&- &
  pid=$!
  start="$(pm_proc_start "$pid")" || { pm_log "$name exited at once; see $logf"; tail -n 20 "$logf" >&2; return 1; }
  echo "$pid $start" >"$(pm_pidfile "$name")"
  pm_log "started $name (pid $pid), log $logf"
}

# pm_stop NAME...: stop the processes we recorded under these names, if they are still ours
# (SIGTERM, then SIGKILL after 15 s), and wait until they are gone from the process table.
pm_stop() {
  local name f pid start i
  local -a pids=() starts=() names=()
  for name in "$@"; do
    f="$(pm_pidfile "$name")"
    [[ -f "$f" ]] || continue
    if pid="$(pm_owned "$name")"; then
      read -r _ start <"$f"
      kill -TERM "$pid" 2>/dev/null || true
      pids+=("$pid"); starts+=("$start"); names+=("$name")
    else
      pm_log "$name: recorded pid is gone (or no longer ours); nothing to stop"
      rm -f "$f"
    fi
  done
  ((${#pids[@]})) || return 0
  pm_alive() { # any of ours still running (not a zombie)?
    local n
    for n in "${names[@]}"; do pm_owned "$n" >/dev/null && return 0; done
    return 1
  }
  for ((i = 0; i < 150; i++)); do pm_alive || break; sleep 0.1; done
  for name in "${names[@]}"; do
    if pid="$(pm_owned "$name")"; then
      pm_log "$name (pid $pid) did not stop on SIGTERM; SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done
  for ((i = 0; i < 50; i++)); do pm_alive || break; sleep 0.1; done
  # each is a zombie now until its parent (init, as up.sh has exited) reaps it: wait for that
  for ((i = 0; i < 100; i++)); do
    local left=0 j
    for j in "${!pids[@]}"; do
      [[ "$(pm_proc_start "${pids[$j]}" 2>/dev/null)" == "${starts[$j]}" ]] && left=1
    done
    ((left)) || break
    sleep 0.1
  done
  for j in "${!pids[@]}"; do
    pm_log "stopped ${names[$j]} (pid ${pids[$j]})"
    rm -f "$(pm_pidfile "${names[$j]}")"
  done
}

pm_stop_all() {
  # the controller-manager first (a client of the API server), then the API server, so that it
  # does not see its etcd go away under it
  pm_stop kube-controller-manager
  pm_stop kube-apiserver
  pm_stop kubelet-logs etcd
}

# pm_wait_for WHAT TIMEOUT_S PROC CMD...: poll CMD (every 0.2 s) until it succeeds; fail early
# if PROC (a name in PM_PROCS) died.
pm_wait_for() {
  local what="$1" timeout="$2" proc="$3" deadline
  shift 3
  deadline=$(($(date +%s) + timeout))
  until "$@" >/dev/null 2>&1; do
    if ! pm_owned "$proc" >/dev/null; then
      pm_log "$proc died while waiting for $what; last lines of its log:"
      tail -n 30 "$PM_STATE/logs/$proc.log" >&2 || true
      return 1
    fi
    if (($(date +%s) >= deadline)); then
      pm_log "timed out after ${timeout}s waiting for $what; last lines of $proc's log:"
      tail -n 30 "$PM_STATE/logs/$proc.log" >&2 || true
      return 1
    fi
    sleep 0.2
  done
}

# Reads $PM_STATE/cluster.env (ports, token paths) if present.
pm_load_env() {
  [[ -f "$PM_STATE/cluster.env" ]] || return 1
  # shellcheck disable=SC1091
  . "$PM_STATE/cluster.env"
}

pm_apiserver_ready() {
  pm_load_env || return 1
  [[ "$(curl -sS --max-time 5 --cacert "$PM_STATE/pki/ca.crt" \
    -H "Authorization: Bearer $(cat "$PM_STATE/tokens/admin.token")" \
    "https://127.0.0.1:$APISERVER_PORT/readyz" 2>/dev/null)" == ok ]]
}

# true if all our processes are alive and the API server answers ready
pm_running() {
  local p
  for p in "${PM_PROCS[@]}"; do pm_owned "$p" >/dev/null || return 1; done
  pm_apiserver_ready
}
