#!/usr/bin/env bash
# FerretDB 1.24.2 (MongoDB wire protocol, SQLite backend, no auth) of the reference estate,
# built from our own main package (test/estate/ferretdb) and cached per machine.
# Usage: ferretdb.sh install | start | stop | status
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../env.sh"
source "$ESTATE_ROOT/lib.sh"

SRC_DIR="$ESTATE_ROOT/ferretdb"
BUILD_DIR="$SIGHTLINE_ESTATE_CACHE/ferretdb"
BIN="$BUILD_DIR/sightline-ferretdb"
STAMP="$BUILD_DIR/source.sha256"
DATA_DIR="$SIGHTLINE_ESTATE_DIR/ferretdb"
MONGO_URL="mongodb://127.0.0.1:$SIGHTLINE_MONGO_PORT/"

source_hash() { cat "$SRC_DIR/main.go" "$SRC_DIR/go.mod" "$SRC_DIR/go.sum" | sha256sum | cut -d' ' -f1; }

install_ferretdb() {
  local want; want="$(source_hash)"
  if [[ -x "$BIN" && -f "$STAMP" && "$(cat "$STAMP")" == "$want" ]]; then return 0; fi
  command -v go >/dev/null || export PATH="$PATH:/usr/local/go/bin"
  command -v go >/dev/null || die "Go (>= 1.24) is needed to build FerretDB: install it from go.dev"
  log "building FerretDB into $BUILD_DIR (first build takes a few minutes)"
  mkdir -p "$BUILD_DIR"
  (cd "$SRC_DIR" && GOFLAGS=-mod=mod CGO_ENABLED=0 go build -trimpath -o "$BIN.tmp" .) || die "FerretDB build failed"
  mv "$BIN.tmp" "$BIN"
  echo "$want" >"$STAMP"
  log "built $("$BIN" -version)"
}

ready() { "$BIN" -ping "$MONGO_URL" >/dev/null 2>&1; }
every_database_answers() { node "$ESTATE_ROOT/config/mongo-databases-probe.cjs" "$MONGO_URL" >/dev/null 2>&1; }

start_ferretdb() {
  [[ -x "$BIN" ]] || die "FerretDB is not built: run ferretdb.sh install"
  if is_running ferretdb && ready; then
    if every_database_answers; then log "ferretdb already running on $MONGO_URL"; return 0; fi
    log "ferretdb is running but a database does not answer (SQLite pool stuck): restarting it"
  fi
  # A process we recorded but which does not answer is restarted rather than doubled.
  stop_pid ferretdb 10
  port_open "$SIGHTLINE_MONGO_PORT" && die "port $SIGHTLINE_MONGO_PORT is taken by a process that is not ours"
  mkdir -p "$DATA_DIR"
  log "starting ferretdb on $MONGO_URL"
  # Per-connection info and endSessions warnings would flood the log under lookups.
  start_bg ferretdb "$BIN" -listen-addr "127.0.0.1:$SIGHTLINE_MONGO_PORT" -sqlite-url "file:$DATA_DIR/" \
    -log-level "${FERRETDB_LOG_LEVEL:-error}"
  wait_until ferretdb 60 ready
  log "ferretdb ready on $MONGO_URL"
}

status_ferretdb() {
  local out
  local deep
  if [[ -x "$BIN" ]] && out="$("$BIN" -ping "$MONGO_URL" 2>/dev/null)"; then
    # A handshake is not enough: FerretDB on SQLite can hang on one database (see the probe).
    if deep="$(node "$ESTATE_ROOT/config/mongo-databases-probe.cjs" "$MONGO_URL" 2>&1)"; then
      json_status ferretdb "$MONGO_URL" true "$out"
    else
      json_status ferretdb "$MONGO_URL" false "$out; $deep; restart: services/ferretdb.sh stop && start"
    fi
  else
    json_status ferretdb "$MONGO_URL" false "no MongoDB handshake on 127.0.0.1:$SIGHTLINE_MONGO_PORT"
  fi
}

case "${1:-}" in
  install) install_ferretdb ;;
  start) start_ferretdb ;;
  stop) stop_pid ferretdb 20 ;;
  status) status_ferretdb ;;
  *) echo "usage: $0 install|start|stop|status" >&2; exit 2 ;;
esac
