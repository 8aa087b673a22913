#!/usr/bin/env bash
# Brings the reference estate up: every service installed (cached) and started in turn, then the
# data seeded, grants applied, streams and connectors created, the single-view builder started.
# Idempotent: whatever already runs is left running. Writes $SIGHTLINE_ESTATE_ENV_FILE at the end.
#
# Usage: up.sh [--only ITEM,ITEM...]
#   ITEMs: postgres kafka registry connect ferretdb seed grants streams builder
#   SIGHTLINE_ESTATE_ONLY=ITEM,ITEM... is the default of --only (used by tests of a partial estate).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
source "$ESTATE_ROOT/lib.sh"

SERVICES=(postgres kafka registry connect ferretdb)
ALL_ITEMS=("${SERVICES[@]}" seed grants streams builder)
ONLY="${SIGHTLINE_ESTATE_ONLY:-}"

while (($#)); do
  case "$1" in
    --only) ONLY="${2:?--only needs a comma-separated list}"; shift 2 ;;
    --only=*) ONLY="${1#--only=}"; shift ;;
    -h | --help) sed -n '2,8p' "$0"; exit 0 ;;
    *) die "unknown argument: $1 (usage: up.sh [--only ${ALL_ITEMS[*]// /,}])" ;;
  esac
done
if [[ -n "$ONLY" ]]; then
  for item in ${ONLY//,/ }; do
    [[ " ${ALL_ITEMS[*]} " == *" $item "* ]] || die "unknown item '$item' in --only (known: ${ALL_ITEMS[*]})"
  done
fi

wanted() { [[ -z "$ONLY" || ",$ONLY," == *",$1,"* ]]; }

# run_step LABEL CMD... : on failure print the tail of every log and stop with non-zero status.
run_step() {
  local label="$1"; shift
  local started=$SECONDS
  if ! "$@"; then
    log "FAILED: $label"
    tail_all_logs
    exit 1
  fi
  log "$label done in $((SECONDS - started))s"
}

# optional_script LABEL PATH ARGS... : run PATH if it exists; a missing one is not an error yet.
optional_script() {
  local label="$1" script="$2"; shift 2
  if [[ ! -f "$script" ]]; then log "$label: ${script#"$REPO_ROOT"/} not built yet, skipped"; return 0; fi
  run_step "$label" bash "$script" "$@"
}

# retry_idempotent TRIES CMD... : for idempotent steps that can meet a transient broker error
# (e.g. NOT_LEADER_OR_FOLLOWER on ListOffsets right after a topic is created): run again.
retry_idempotent() {
  local tries="$1" attempt; shift
  for ((attempt = 1; attempt <= tries; attempt++)); do
    "$@" && return 0
    ((attempt < tries)) && log "attempt $attempt of $tries failed: running it again (the step is idempotent)"
  done
  return 1
}

apply_grants() {
  local db psql=/usr/lib/postgresql/15/bin/psql
  [[ -x "$psql" ]] || psql=psql
  # Every database the seed made (crm, orders, legacy and, at bench, the filler databases), so the
  # reader can crawl all of them.
  local dbs
  dbs=$(PGPASSWORD="$SIGHTLINE_PG_ADMIN_PASSWORD" "$psql" -X -At -h 127.0.0.1 -p "$SIGHTLINE_PG_PORT" \
    -U "$SIGHTLINE_PG_ADMIN_USER" -d postgres \
    -c "SELECT datname FROM pg_database WHERE NOT datistemplate AND datname <> 'postgres' ORDER BY 1") || return 1
  for db in $dbs; do
    PGOPTIONS="-c client_min_messages=warning" PGPASSWORD="$SIGHTLINE_PG_ADMIN_PASSWORD" "$psql" -X -q -h 127.0.0.1 -p "$SIGHTLINE_PG_PORT" \
      -U "$SIGHTLINE_PG_ADMIN_USER" -d "$db" -v ON_ERROR_STOP=1 \
      -v admin_user="$SIGHTLINE_PG_ADMIN_USER" -v reader_user="$SIGHTLINE_PG_READER_USER" \
      -v limited_user="$SIGHTLINE_PG_LIMITED_USER" -v slow_user="$SIGHTLINE_PG_SLOW_USER" \
      -v cdc_user="$SIGHTLINE_PG_CDC_USER" -f "$ESTATE_ROOT/sql/grants.sql" || return 1
  done
}

write_env_file() {
  local tmp="$SIGHTLINE_ESTATE_ENV_FILE.tmp" var
  mkdir -p "$(dirname "$SIGHTLINE_ESTATE_ENV_FILE")"
  (
    umask 077 # it holds the estate's passwords
    {
      echo "# Written by test/estate/up.sh at $(date -u +%Y-%m-%dT%H:%M:%SZ); read by tests and the demo."
      echo "SIGHTLINE_PG_HOST=127.0.0.1"
      echo "SIGHTLINE_PG_PORT=$SIGHTLINE_PG_PORT"
      for var in $(compgen -v SIGHTLINE_PG_ | grep -E '_(USER|PASSWORD)$' | sort); do
        echo "$var=${!var}"
      done
      echo "SIGHTLINE_KAFKA_BROKERS=127.0.0.1:$SIGHTLINE_KAFKA_PORT"
      echo "SIGHTLINE_KAFKA_SASL_BROKERS=127.0.0.1:$SIGHTLINE_KAFKA_SASL_PORT"
      echo "SIGHTLINE_KAFKA_USER=$SIGHTLINE_KAFKA_USER"
      echo "SIGHTLINE_KAFKA_PASSWORD=$SIGHTLINE_KAFKA_PASSWORD"
      echo "SIGHTLINE_CONNECT_URL=http://127.0.0.1:$SIGHTLINE_CONNECT_PORT"
      echo "SIGHTLINE_REGISTRY_URL=http://127.0.0.1:$SIGHTLINE_REGISTRY_PORT/apis/ccompat/v7"
      echo "SIGHTLINE_MONGO_URL=mongodb://127.0.0.1:$SIGHTLINE_MONGO_PORT/"
      # The bare ports too, for clients that build their own addresses.
      for var in SIGHTLINE_KAFKA_PORT SIGHTLINE_KAFKA_SASL_PORT SIGHTLINE_CONNECT_PORT \
        SIGHTLINE_REGISTRY_PORT SIGHTLINE_MONGO_PORT; do
        echo "$var=${!var}"
      done
      echo "SIGHTLINE_ESTATE_SCALE=$SIGHTLINE_ESTATE_SCALE"
      echo "SIGHTLINE_ESTATE_DIR=$SIGHTLINE_ESTATE_DIR"
    } >"$tmp"
  )
  mv "$tmp" "$SIGHTLINE_ESTATE_ENV_FILE"
  log "wrote $SIGHTLINE_ESTATE_ENV_FILE"
}

log "estate up${ONLY:+ (only $ONLY)}: scale $SIGHTLINE_ESTATE_SCALE, state in $SIGHTLINE_ESTATE_DIR"

for service in "${SERVICES[@]}"; do
  wanted "$service" || continue
  script="$ESTATE_ROOT/services/$service.sh"
  if [[ ! -f "$script" ]]; then log "$service: services/$service.sh not built yet, skipped"; continue; fi
  run_step "$service install" bash "$script" install
  run_step "$service start" bash "$script" start
done

wanted seed && optional_script "seed" "$ESTATE_ROOT/seed/run.sh"
wanted grants && run_step "grants" apply_grants
if wanted streams; then
  if [[ -f "$ESTATE_ROOT/streams/run.sh" ]]; then
    run_step "streams" retry_idempotent 3 bash "$ESTATE_ROOT/streams/run.sh"
  else
    log "streams: test/estate/streams/run.sh not built yet, skipped"
  fi
fi
wanted builder && optional_script "builder start" "$ESTATE_ROOT/services/builder.sh" start
# FerretDB's own _id index is unusable by its queries (see the script): add the one they use,
# once the builder's and the sink's collections exist.
if wanted ferretdb || wanted seed || wanted builder; then
  run_step "ferretdb _id index" node "$ESTATE_ROOT/config/ferretdb-id-index.cjs" \
    "$SIGHTLINE_ESTATE_DIR/ferretdb" "singleview.customers,ops.returns" 90
fi

write_env_file
log "estate up in ${SECONDS}s"
