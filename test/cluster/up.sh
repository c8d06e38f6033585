#!/usr/bin/env bash
# Start a real kube-apiserver and kube-controller-manager v1.20.2 on 127.0.0.1 (with Debian's etcd
# and our fake kubelet log server), in the background, and print the kubeconfig's path on the last
# line of stdout.
# Everything else goes to stderr. If it is already running, just print the path.
#
#   npm run cluster:up          (= bash test/cluster/up.sh)
#   export KUBECONFIG="$(npm run -s cluster:up | tail -n1)"
#
# State: ${POD_MANIFESTS_CLUSTER_DIR:-~/.cache/pod-manifests/cluster}. Stop with down.sh.
# Builds both first if a cached binary is missing (~3.5 min measured on 2 cores; needs
# setup-system.sh to have run once, as root).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
. "$HERE/lib.sh"

for tool in etcd openssl curl node setsid flock; do
  command -v "$tool" >/dev/null || { pm_log "'$tool' missing: run 'sudo bash test/cluster/setup-system.sh' first"; exit 1; }
done

mkdir -p "$PM_STATE"
exec 8>"$PM_STATE/.lock"
flock -w 1800 8 || { pm_log "could not get $PM_STATE/.lock"; exit 1; }

KUBECONFIG_PATH="$PM_STATE/kubeconfig"
if pm_running; then
  pm_log "already running (API server https://127.0.0.1:$APISERVER_PORT)"
  echo "$KUBECONFIG_PATH"
  exit 0
fi
# leftovers of a cluster that is partly down: stop what is still ours, start afresh
pm_stop_all

T0=$(date +%s)

# 1. The binary (cached, keyed by Debian package version).
BIN="$(bash "$HERE/build-apiserver.sh" --print)"
if [[ ! -x "$BIN" || ! -x "$(dirname "$BIN")/kube-controller-manager" ]]; then
  mkdir -p "$PM_CACHE"
  pm_log "kube-apiserver and kube-controller-manager not built yet: building them now (a few minutes: 3.5 min measured on 2 cores), log $PM_CACHE/build.log"
  if ! bash "$HERE/build-apiserver.sh" >"$PM_CACHE/build.log" 2>&1; then
    tail -n 40 "$PM_CACHE/build.log" >&2
    pm_log "build failed; full log in $PM_CACHE/build.log"
    exit 1
  fi
  BIN="$(tail -n1 "$PM_CACHE/build.log")"
  pm_log "built $BIN in $(($(date +%s) - T0))s"
  T0=$(date +%s)
fi
CM_BIN="$(dirname "$BIN")/kube-controller-manager"

mkdir -p "$PM_STATE"/{pki,tokens,logs,pids}
chmod 700 "$PM_STATE"

# 2. Certificates (made once per state dir): a CA; the API server's serving cert; the
#    API server's client cert for kubelets; the fake kubelet's serving cert; SA keys.
PKI="$PM_STATE/pki"
mkcert() { # name CN O sanlist extkeyusage
  local name="$1" cn="$2" o="$3" san="$4" eku="$5" subj="/CN=$2"
  [[ -f "$PKI/$name.crt" ]] && return 0
  [[ -n "$o" ]] && subj="/O=$o/CN=$cn"
  openssl req -new -newkey rsa:2048 -nodes -keyout "$PKI/$name.key" -out "$PKI/$name.csr" -subj "$subj" 2>/dev/null
  {
    echo "basicConstraints=critical,CA:FALSE"
    echo "keyUsage=critical,digitalSignature,keyEncipherment"
    echo "extendedKeyUsage=$eku"
    [[ -n "$san" ]] && echo "subjectAltName=$san"
  } >"$PKI/$name.ext"
  openssl x509 -req -in "$PKI/$name.csr" -CA "$PKI/ca.crt" -CAkey "$PKI/ca.key" -CAcreateserial \
    -days 3650 -sha256 -extfile "$PKI/$name.ext" -out "$PKI/$name.crt" 2>/dev/null
  rm -f "$PKI/$name.csr" "$PKI/$name.ext"
}
if [[ ! -f "$PKI/ca.crt" ]]; then
  rm -f "$PKI"/*
  openssl req -x509 -new -newkey rsa:2048 -nodes -keyout "$PKI/ca.key" -out "$PKI/ca.crt" -days 3650 \
    -subj "/CN=pod-manifests-local-ca" -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,keyCertSign,cRLSign,digitalSignature" 2>/dev/null
fi
mkcert apiserver kube-apiserver "" \
  "IP:127.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,IP:10.0.0.1" serverAuth
mkcert apiserver-kubelet-client kube-apiserver-kubelet-client system:masters "" clientAuth
mkcert kubelet "$PM_NODE_NAME" "" "IP:127.0.0.1,DNS:localhost,DNS:$PM_NODE_NAME" serverAuth
if [[ ! -f "$PKI/sa.key" ]]; then
  openssl genrsa -out "$PKI/sa.key" 2048 2>/dev/null
  openssl rsa -in "$PKI/sa.key" -pubout -out "$PKI/sa.pub" 2>/dev/null
fi
chmod 600 "$PKI"/*.key

# 3. Static tokens (made once per state dir): "admin" (system:masters) and "viewer"
#    (only what the pod-manifests:pod-reader ClusterRole allows).
TOK="$PM_STATE/tokens"
for u in admin viewer; do
  [[ -s "$TOK/$u.token" ]] || (umask 077 && od -An -tx1 -N24 /dev/urandom | tr -d ' \n' >"$TOK/$u.token")
done
ADMIN_TOKEN="$(cat "$TOK/admin.token")"
VIEWER_TOKEN="$(cat "$TOK/viewer.token")"
(umask 077 && cat >"$TOK/tokens.csv" <<EOF
$ADMIN_TOKEN,admin,pod-manifests-admin,"system:masters"
$VIEWER_TOKEN,viewer,pod-manifests-viewer
EOF
)

# 4. Free ports on 127.0.0.1 (asked of the kernel; all distinct).
read -r ETCD_PORT ETCD_PEER_PORT APISERVER_PORT < <(node -e '
  const net = require("net");
  const srvs = [0, 1, 2].map(() => net.createServer());
  Promise.all(srvs.map((s) => new Promise((r) => s.listen(0, "127.0.0.1", () => r(s.address().port)))))
    .then((ports) => { console.log(ports.join(" ")); srvs.forEach((s) => s.close()); });')

LOGS="$PM_STATE/logs"
rm -f "$LOGS"/*.log "$PM_STATE/kubelet-ports.json" "$PM_STATE/cluster.env" "$PM_STATE/cluster.json"

started=0
cleanup_on_failure() {
  if [[ $started == 1 ]]; then
    pm_log "start failed: stopping what this run started"
    pm_stop_all
    # a port taken between our pick and the server's bind: pick again (3 tries in all)
    if grep -qs 'address already in use' "$LOGS"/*.log && ((${PM_UP_TRY:-1} < 3)); then
      pm_log "a port was taken meanwhile; trying again"
      PM_UP_TRY=$((${PM_UP_TRY:-1} + 1)) exec bash "$HERE/up.sh"
    fi
  fi
}
trap cleanup_on_failure EXIT

# 5. etcd (fresh data each start).
rm -rf "$PM_STATE/etcd-data"
started=1
pm_spawn etcd "$LOGS/etcd.log" etcd --name pod-manifests --data-dir "$PM_STATE/etcd-data" \
  --listen-client-urls "http://127.0.0.1:$ETCD_PORT" --advertise-client-urls "http://127.0.0.1:$ETCD_PORT" \
  --listen-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
  --initial-cluster "pod-manifests=http://127.0.0.1:$ETCD_PEER_PORT" --initial-cluster-state new \
  --logger zap --log-outputs stderr --log-level warn
etcd_healthy() { curl -fsS --max-time 2 "http://127.0.0.1:$ETCD_PORT/health" | grep -q '"health":"true"'; }

# 6. The fake kubelet log server (picks its own ports, writes them to kubelet-ports.json).
pm_spawn kubelet-logs "$LOGS/kubelet-logs.log" node "$HERE/kubelet-logs.mjs" \
  --cert "$PKI/kubelet.crt" --key "$PKI/kubelet.key" --ca "$PKI/ca.crt" \
  --ports-file "$PM_STATE/kubelet-ports.json"

pm_wait_for "etcd on 127.0.0.1:$ETCD_PORT" 60 etcd etcd_healthy
pm_wait_for "the kubelet log server" 30 kubelet-logs test -s "$PM_STATE/kubelet-ports.json"
KUBELET_PORT="$(node -p 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).port' "$PM_STATE/kubelet-ports.json")"
KUBELET_CONTROL_PORT="$(node -p 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).controlPort' "$PM_STATE/kubelet-ports.json")"

cat >"$PM_STATE/cluster.env" <<EOF
APISERVER_PORT=$APISERVER_PORT
ETCD_PORT=$ETCD_PORT
KUBELET_PORT=$KUBELET_PORT
KUBELET_CONTROL_PORT=$KUBELET_CONTROL_PORT
NODE_NAME=$PM_NODE_NAME
APISERVER_BIN=$BIN
EOF

# 7. kube-apiserver. No ServiceAccount admission: Pods get no service account token volume (there
#    is no kubelet to mount one), so the Pods the tests read back are the ones they wrote.
pm_spawn kube-apiserver "$LOGS/kube-apiserver.log" "$BIN" \
  --bind-address=127.0.0.1 --advertise-address=127.0.0.1 --secure-port="$APISERVER_PORT" --insecure-port=0 \
  --etcd-servers="http://127.0.0.1:$ETCD_PORT" \
  --tls-cert-file="$PKI/apiserver.crt" --tls-private-key-file="$PKI/apiserver.key" \
  --client-ca-file="$PKI/ca.crt" --cert-dir="$PM_STATE/apiserver-certs" \
  --token-auth-file="$TOK/tokens.csv" --anonymous-auth=false \
  --authorization-mode=RBAC \
  --service-account-issuer=https://kubernetes.default.svc --api-audiences=https://kubernetes.default.svc \
  --service-account-key-file="$PKI/sa.pub" --service-account-signing-key-file="$PKI/sa.key" \
  --service-cluster-ip-range=10.0.0.0/24 \
  --disable-admission-plugins=ServiceAccount --allow-privileged=true \
  --kubelet-client-certificate="$PKI/apiserver-kubelet-client.crt" --kubelet-client-key="$PKI/apiserver-kubelet-client.key" \
  --kubelet-certificate-authority="$PKI/ca.crt" --kubelet-preferred-address-types=InternalIP \
  --profiling=false --logtostderr=true --v=1
pm_wait_for "kube-apiserver /readyz on https://127.0.0.1:$APISERVER_PORT" 120 kube-apiserver pm_apiserver_ready

# 8. Objects: the Node whose kubelet is our log server; RBAC for "viewer".
api() { # METHOD PATH [BODY [CONTENT-TYPE]] -> fails on HTTP >= 400
  local out code
  out="$(mktemp)"
  code="$(curl -sS --max-time 30 --cacert "$PKI/ca.crt" -H "Authorization: Bearer $ADMIN_TOKEN" \
    -X "$1" -H "Content-Type: ${4:-application/json}" ${3:+--data-binary "$3"} \
    -o "$out" -w '%{http_code}' "https://127.0.0.1:$APISERVER_PORT$2")"
  if ((code >= 400)); then
    pm_log "$1 $2 -> HTTP $code: $(cat "$out")"
    rm -f "$out"
    return 1
  fi
  rm -f "$out"
}
NOW="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
NODE_STATUS='{"addresses":[{"type":"InternalIP","address":"127.0.0.1"},{"type":"Hostname","address":"'"$PM_NODE_NAME"'"}],
  "daemonEndpoints":{"kubeletEndpoint":{"Port":'"$KUBELET_PORT"'}},
  "capacity":{"cpu":"2","memory":"8Gi","pods":"110","ephemeral-storage":"20Gi"},
  "allocatable":{"cpu":"2","memory":"8Gi","pods":"110","ephemeral-storage":"20Gi"},
  "conditions":[{"type":"Ready","status":"True","reason":"KubeletReady","message":"fake kubelet (logs only)",
    "lastHeartbeatTime":"'"$NOW"'","lastTransitionTime":"'"$NOW"'"}],
  "nodeInfo":{"kubeletVersion":"v1.20.2","kubeProxyVersion":"v1.20.2","operatingSystem":"linux","architecture":"amd64",
    "containerRuntimeVersion":"fake://0","kernelVersion":"","osImage":"pod-manifests fake kubelet","machineID":"","systemUUID":"","bootID":""}}'
api POST /api/v1/nodes '{"apiVersion":"v1","kind":"Node","metadata":{"name":"'"$PM_NODE_NAME"'",
  "labels":{"kubernetes.io/hostname":"'"$PM_NODE_NAME"'","kubernetes.io/os":"linux","kubernetes.io/arch":"amd64"}},
  "status":'"$NODE_STATUS"'}'
api PATCH "/api/v1/nodes/$PM_NODE_NAME/status" '{"status":'"$NODE_STATUS"'}' application/merge-patch+json
api POST /apis/rbac.authorization.k8s.io/v1/clusterroles '{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRole",
  "metadata":{"name":"pod-manifests:pod-reader"},
  "rules":[{"apiGroups":[""],"resources":["pods","pods/log","pods/status","namespaces","nodes","events"],"verbs":["get","list","watch"]}]}'
api POST /apis/rbac.authorization.k8s.io/v1/clusterrolebindings '{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRoleBinding",
  "metadata":{"name":"pod-manifests:viewer"},
  "roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"pod-manifests:pod-reader"},
  "subjects":[{"apiGroup":"rbac.authorization.k8s.io","kind":"User","name":"viewer"}]}'

# 9. kubeconfig (CA embedded, tokens inline) and a JSON summary for the test helper.
CA_B64="$(base64 -w0 "$PKI/ca.crt")"
(umask 077 && cat >"$KUBECONFIG_PATH.tmp" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: pod-manifests-local
  cluster:
    server: https://127.0.0.1:$APISERVER_PORT
    certificate-authority-data: $CA_B64
users:
- name: admin
  user:
    token: $ADMIN_TOKEN
- name: viewer
  user:
    token: $VIEWER_TOKEN
contexts:
- name: pod-manifests-local
  context:
    cluster: pod-manifests-local
    user: admin
    namespace: default
- name: pod-manifests-local-viewer
  context:
    cluster: pod-manifests-local
    user: viewer
    namespace: default
current-context: pod-manifests-local
preferences: {}
EOF
)
mv "$KUBECONFIG_PATH.tmp" "$KUBECONFIG_PATH"
(umask 077 && cat >"$PM_STATE/cluster.json" <<EOF
{
  "server": "https://127.0.0.1:$APISERVER_PORT",
  "kubeconfig": "$KUBECONFIG_PATH",
  "caFile": "$PKI/ca.crt",
  "adminTokenFile": "$TOK/admin.token",
  "viewerTokenFile": "$TOK/viewer.token",
  "nodeName": "$PM_NODE_NAME",
  "kubeletPort": $KUBELET_PORT,
  "kubeletControl": "http://127.0.0.1:$KUBELET_CONTROL_PORT",
  "etcd": "http://127.0.0.1:$ETCD_PORT",
  "stateDir": "$PM_STATE"
}
EOF
)

# 10. kube-controller-manager: Deployments make ReplicaSets and those make Pods, Jobs make Pods,
#     owner references, garbage collection and the controllers' events are the real ones. Not the
#     node lifecycle controller: the fake node sends no heartbeats, so it would be tainted
#     unreachable and its Pods evicted. No serving port: readiness is the "default" service
#     account, which the serviceaccount controller makes once its informers run.
pm_spawn kube-controller-manager "$LOGS/kube-controller-manager.log" "$CM_BIN" \
  --kubeconfig="$KUBECONFIG_PATH" --leader-elect=false --port=0 --secure-port=0 \
  --controllers='*,-nodelifecycle' \
  --service-account-private-key-file="$PKI/sa.key" --root-ca-file="$PKI/ca.crt" \
  --use-service-account-credentials=false --profiling=false --logtostderr=true --v=1
cm_ready() { curl -fsS --max-time 5 --cacert "$PKI/ca.crt" -H "Authorization: Bearer $ADMIN_TOKEN" \
  -o /dev/null "https://127.0.0.1:$APISERVER_PORT/api/v1/namespaces/default/serviceaccounts/default"; }
pm_wait_for "kube-controller-manager (the default service account)" 120 kube-controller-manager cm_ready

started=0
trap - EXIT
pm_log "up in $(($(date +%s) - T0))s: API server https://127.0.0.1:$APISERVER_PORT ($("$BIN" --version)) with kube-controller-manager, node $PM_NODE_NAME -> kubelet-logs :$KUBELET_PORT"
pm_log "kubectl --kubeconfig $KUBECONFIG_PATH get --raw /version   (context pod-manifests-local-viewer: limited user)"
echo "$KUBECONFIG_PATH"
