#!/usr/bin/env bash
# The single-view builder of the reference estate: a Node process (test/estate/builder/main.ts)
# that consumes the crm CDC topics, orders.sales.orders and fraud.scores and maintains
# singleview.customers in FerretDB. It reports progress to run/builder-status.json.
# Usage: builder.sh install | start | stop | status
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../env.sh"
source "$ESTATE_ROOT/lib.sh"

NAME=builder
STATUS_FILE="$SIGHTLINE_ESTATE_DIR/run/builder-status.json"
URL="mongodb://127.0.0.1:$SIGHTLINE_MONGO_PORT/singleview.customers"
TIMEOUT_S="${SIGHTLINE_BUILDER_TIMEOUT_S:-600}"
BUILDER_NODE_OPTIONS="${NODE_OPTIONS:-}"
if [[ "$SIGHTLINE_ESTATE_SCALE" == bench ]]; then
  # A million customers and their orders held in memory, read from ~6 million change events.
  TIMEOUT_S="${SIGHTLINE_BUILDER_TIMEOUT_S:-3600}"
  BUILDER_NODE_OPTIONS="$BUILDER_NODE_OPTIONS --max-old-space-size=${SIGHTLINE_BUILDER_HEAP_MB:-8192}"
fi

# status_field EXPR -> evaluates a JS expression over the status file as `s` (no jq needed)
status_field() {
  node -e 'const s = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); console.log(eval(process.argv[2]))' \
    "$STATUS_FILE" "$1" 2>/dev/null
}

# Caught up: the status file is written by our running process and says lag 0, all written.
caught_up() {
  is_running "$NAME" && [[ -f "$STATUS_FILE" ]] &&
    [[ "$(status_field "s.pid === $(cat "$(pidfile "$NAME")") && s.caughtUp")" == true ]]
}

case "${1:-}" in
  install)
    [[ -x "$REPO_ROOT/node_modules/.bin/tsx" ]] || die "node_modules missing: run npm ci first"
    ;;
  start)
    [[ -x "$REPO_ROOT/node_modules/.bin/tsx" ]] || die "node_modules missing: run npm ci first"
    if is_running "$NAME"; then
      log "builder already running (pid $(cat "$(pidfile "$NAME")"))"
    else
      rm -f "$STATUS_FILE"
      log "starting the single-view builder"
      cd "$REPO_ROOT"
      # node --import tsx (not the tsx CLI, which forks): the pid file holds the builder itself,
      # so the status file's pid can be matched against it.
      NODE_OPTIONS="$BUILDER_NODE_OPTIONS" KAFKAJS_NO_PARTITIONER_WARNING=1 start_bg "$NAME" node --import tsx "$ESTATE_ROOT/builder/main.ts"
    fi
    wait_until "$NAME" "$TIMEOUT_S" caught_up
    log "builder caught up: $(status_field '`${s.documents} documents in singleview.customers, lag ${s.lag}`')"
    ;;
  stop)
    stop_pid "$NAME" 30
    ;;
  status)
    if caught_up; then
      json_status "$NAME" "$URL" true "$(status_field '`caught up: ${s.documents} documents, lag 0`')"
    elif is_running "$NAME" && [[ -f "$STATUS_FILE" ]]; then
      json_status "$NAME" "$URL" false "$(status_field '`catching up: lag ${s.lag}, ${s.pendingDocuments} pending`')"
    elif is_running "$NAME"; then
      json_status "$NAME" "$URL" false "starting"
    else
      json_status "$NAME" "$URL" false "not running"
    fi
    ;;
  *)
    echo "usage: $0 install|start|stop|status" >&2
    exit 2
    ;;
esac
