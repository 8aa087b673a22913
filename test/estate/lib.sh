# shellcheck shell=bash
# Helpers shared by the estate scripts. Source env.sh first.
# Every service script (services/<name>.sh) answers: install | start | stop | status.
#   install  download/build what it needs into $SIGHTLINE_ESTATE_CACHE (idempotent, cached)
#   start    start if not running, then wait until ready (non-zero exit + log tail on failure)
#   stop     stop only our own process (pid file), never anything else
#   status   print one JSON object: {"name":..,"url":..,"healthy":true|false,"pid":N|null,"detail":..}

log() { printf '[estate %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

pidfile() { echo "$SIGHTLINE_ESTATE_DIR/run/$1.pid"; }
logfile() { echo "$SIGHTLINE_ESTATE_DIR/logs/$1.log"; }

# is_running NAME -> 0 if the pid in our pid file is alive
is_running() {
  local f; f="$(pidfile "$1")"
  [[ -f "$f" ]] && kill -0 "$(cat "$f")" 2>/dev/null
}

# start_bg NAME CMD... : start CMD detached in its own session, log to logs/NAME.log, record pid
start_bg() {
  local name="$1"; shift
  local lf; lf="$(logfile "$name")"
  : >"$lf"
  setsid "$@" >>"$lf" 2>&1 </dev/null &
  echo $! >"$(pidfile "$name")"
}

# stop_pid NAME [TIMEOUT_S] : TERM our process group, then KILL after the timeout
stop_pid() {
  local name="$1" timeout="${2:-30}" f pid
  f="$(pidfile "$name")"
  [[ -f "$f" ]] || return 0
  pid="$(cat "$f")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < timeout * 10; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
      log "$name did not stop in ${timeout}s: killing"
      kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$f"
}

# port_open PORT -> 0 if something listens on 127.0.0.1:PORT
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# wait_until NAME TIMEOUT_S CMD... : poll CMD every 0.5 s; fail with the log tail if it never succeeds
wait_until() {
  local name="$1" timeout="$2"; shift 2
  local deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    if [[ -f "$(pidfile "$name")" ]] && ! is_running "$name"; then
      tail_log "$name"; die "$name exited while starting"
    fi
    if ((SECONDS >= deadline)); then tail_log "$name"; die "$name not ready after ${timeout}s"; fi
    sleep 0.5
  done
}

tail_log() {
  local lf; lf="$(logfile "$1")"
  [[ -f "$lf" ]] && { log "--- last lines of $lf ---"; tail -n 40 "$lf" >&2; }
}

tail_all_logs() {
  local lf
  for lf in "$SIGHTLINE_ESTATE_DIR"/logs/*.log; do
    [[ -f "$lf" ]] || continue
    log "--- last lines of $lf ---"; tail -n 40 "$lf" >&2
  done
}

# json_escape TEXT -> TEXT safe inside a JSON string (backslashes, quotes, control characters)
json_escape() {
  local s="${1//\\/\\\\}"
  s="${s//\"/\\\"}"
  s="${s//$'\n'/\\n}"; s="${s//$'\r'/}"; s="${s//$'\t'/ }"
  printf '%s' "$s"
}

# json_status NAME URL HEALTHY(true|false) [DETAIL]
json_status() {
  local pid=null f; f="$(pidfile "$1")"
  [[ -f "$f" ]] && pid="$(cat "$f")"
  [[ "$pid" =~ ^[0-9]+$ ]] || pid=null
  printf '{"name":"%s","url":"%s","healthy":%s,"pid":%s,"detail":"%s"}\n' "$1" "$(json_escape "$2")" "$3" "$pid" \
    "$(json_escape "${4:-}")"
}
