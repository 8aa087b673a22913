#!/usr/bin/env bash
# PostgreSQL 15 of the reference estate: a private cluster in $SIGHTLINE_ESTATE_DIR/postgres,
# run as the postgres OS user (the server refuses root), loopback only, scram passwords.
# Usage: postgres.sh install | start | stop | status | psql DB [psql args...]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../env.sh"
source "$ESTATE_ROOT/lib.sh"

PG_BIN=/usr/lib/postgresql/15/bin
PG_DIR="$SIGHTLINE_ESTATE_DIR/postgres"
PG_DATA="$PG_DIR/data"
PG_LOG="$(logfile postgres)"
PG_URL="postgres://127.0.0.1:$SIGHTLINE_PG_PORT"

# The unix socket path is limited to ~107 bytes: a deep checkout falls back to /tmp.
PG_SOCKET_DIR="$SIGHTLINE_ESTATE_DIR/run/pg"
if ((${#PG_SOCKET_DIR} > 80)); then PG_SOCKET_DIR="/tmp/sightline-pg-$SIGHTLINE_PG_PORT"; fi

as_postgres() { runuser -u postgres -- "$@"; }

install_postgres() {
  if [[ -x "$PG_BIN/postgres" ]]; then return 0; fi
  log "installing PostgreSQL 15 from apt"
  # No Debian 'main' cluster on 5432: the estate runs its own private cluster only.
  mkdir -p /etc/postgresql-common
  [[ -f /etc/postgresql-common/createcluster.conf ]] ||
    echo 'create_main_cluster = false' >/etc/postgresql-common/createcluster.conf
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q -o Dpkg::Options::=--force-confold postgresql-15 postgresql-contrib
  [[ -x "$PG_BIN/postgres" ]] || die "apt did not install $PG_BIN/postgres"
}

# The postgres OS user must be able to reach its data dir even when the checkout lives under
# a root-owned tree: grant traverse (not list) on each ancestor that lacks it.
ensure_traversable() {
  local dir="$1"
  while [[ "$dir" != "/" ]]; do
    if ! as_postgres test -x "$dir"; then
      log "granting traverse permission on $dir to the postgres user"
      chmod o+x "$dir"
    fi
    dir="$(dirname "$dir")"
  done
}

write_config() {
  cat >"$PG_DATA/sightline.conf" <<CONF
# Written by test/estate/services/postgres.sh on every start: edit env.sh, not this file.
listen_addresses = '127.0.0.1'
port = $SIGHTLINE_PG_PORT
unix_socket_directories = '$PG_SOCKET_DIR'
password_encryption = 'scram-sha-256'
wal_level = logical
max_wal_senders = 16
max_replication_slots = 16
shared_preload_libraries = 'pg_stat_statements'
pg_stat_statements.track = all
max_connections = 200
log_min_messages = warning
log_connections = off
CONF
  cat >"$PG_DATA/pg_hba.conf" <<HBA
# Written by test/estate/services/postgres.sh: loopback scram only; peer for the postgres OS user.
local   all          postgres                     peer
host    all          all        127.0.0.1/32      scram-sha-256
host    replication  all        127.0.0.1/32      scram-sha-256
HBA
  grep -q "^include_if_exists = 'sightline.conf'" "$PG_DATA/postgresql.conf" ||
    echo "include_if_exists = 'sightline.conf'" >>"$PG_DATA/postgresql.conf"
  chown postgres:postgres "$PG_DATA/sightline.conf" "$PG_DATA/pg_hba.conf"
}

init_cluster() {
  mkdir -p "$PG_DIR" "$PG_SOCKET_DIR"
  chown postgres:postgres "$PG_DIR" "$PG_SOCKET_DIR"
  chmod 700 "$PG_DIR"
  ensure_traversable "$SIGHTLINE_ESTATE_DIR"
  if [[ ! -f "$PG_DATA/PG_VERSION" ]]; then
    log "initdb $PG_DATA"
    as_postgres "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth-local=peer \
      --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 --no-instructions >/dev/null
  fi
  write_config
}

postgres_running() {
  [[ -f "$PG_DATA/PG_VERSION" ]] && as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1
}

record_pid() { head -n 1 "$PG_DATA/postmaster.pid" >"$(pidfile postgres)"; }

# psql as the postgres superuser over our private socket (peer auth, no password needed).
pg_superuser_psql() {
  local db="$1"; shift
  PGOPTIONS="-c client_min_messages=warning" as_postgres "$PG_BIN/psql" -X -q -h "$PG_SOCKET_DIR" -p "$SIGHTLINE_PG_PORT" -d "$db" -v ON_ERROR_STOP=1 "$@"
}

apply_roles() {
  # roles.sql reads its role names and passwords as psql variables, never from the command line
  # of a long-lived process; the file is not world-readable inside the data dir.
  local vars
  vars="$(mktemp)"
  chmod 600 "$vars"
  {
    for role in ADMIN READER LIMITED SLOW CDC; do
      local u="SIGHTLINE_PG_${role}_USER" p="SIGHTLINE_PG_${role}_PASSWORD" lc="${role,,}"
      printf "\\\\set %s_user '%s'\n\\\\set %s_password '%s'\n" "$lc" "${!u}" "$lc" "${!p//\'/\'\'}"
    done
  } >"$vars"
  chown postgres "$vars"
  local rc=0
  pg_superuser_psql postgres -f "$vars" -f "$ESTATE_ROOT/sql/roles.sql" || rc=$?
  rm -f "$vars"
  return $rc
}

start_postgres() {
  [[ -x "$PG_BIN/postgres" ]] || die "PostgreSQL 15 is not installed: run postgres.sh install"
  init_cluster
  if postgres_running; then
    log "postgres already running on $PG_URL"
  else
    touch "$PG_LOG"; chown postgres:postgres "$PG_LOG"
    log "starting postgres on $PG_URL"
    if ! as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 120 start >/dev/null; then
      tail_log postgres; die "postgres did not start"
    fi
  fi
  record_pid
  wait_until postgres 60 "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$SIGHTLINE_PG_PORT"
  apply_roles || { tail_log postgres; die "roles.sql failed"; }
  log "postgres ready on $PG_URL"
}

stop_postgres() {
  if postgres_running; then
    log "stopping postgres"
    as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w -t 60 stop >/dev/null
  fi
  rm -f "$(pidfile postgres)"
}

status_postgres() {
  local version
  if version="$(PGPASSWORD="$SIGHTLINE_PG_ADMIN_PASSWORD" PGCONNECT_TIMEOUT=3 "$PG_BIN/psql" -X -At -h 127.0.0.1 \
      -p "$SIGHTLINE_PG_PORT" -U "$SIGHTLINE_PG_ADMIN_USER" -d postgres -c 'show server_version' 2>/dev/null)"; then
    json_status postgres "$PG_URL" true "PostgreSQL ${version%% *}"
  else
    json_status postgres "$PG_URL" false "not answering on 127.0.0.1:$SIGHTLINE_PG_PORT"
  fi
}

case "${1:-}" in
  install) install_postgres ;;
  start) start_postgres ;;
  stop) stop_postgres ;;
  status) status_postgres ;;
  psql) shift; db="${1:?usage: postgres.sh psql DB [args]}"; shift; pg_superuser_psql "$db" "$@" ;;
  *) echo "usage: $0 install|start|stop|status|psql DB [args]" >&2; exit 2 ;;
esac
