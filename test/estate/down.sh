#!/usr/bin/env bash
# Stops the reference estate: only our own processes (pid files; PostgreSQL through pg_ctl on
# our data dir), in reverse dependency order. Exits 0 when nothing is running.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
source "$ESTATE_ROOT/lib.sh"

STOP_ORDER=(builder connect registry kafka ferretdb postgres)
failed=()

for service in "${STOP_ORDER[@]}"; do
  script="$ESTATE_ROOT/services/$service.sh"
  if [[ -f "$script" ]]; then
    bash "$script" stop || failed+=("$service")
  fi
  # A pid file left behind (a script since removed, or a stop that failed) is still ours to end.
  if is_running "$service"; then
    log "$service still running after stop: ending it by its pid file"
    stop_pid "$service" 20
  fi
  rm -f "$(pidfile "$service")"
done

# Any other pid file in our run dir is ours too (a helper some script started): end it last.
for f in "$SIGHTLINE_ESTATE_DIR"/run/*.pid; do
  [[ -f "$f" ]] || continue
  name="$(basename "$f" .pid)"
  log "ending leftover $name by its pid file"
  stop_pid "$name" 20
done

if ((${#failed[@]})); then
  log "stop reported errors for: ${failed[*]} (their processes were ended by pid file)"
fi
log "estate down"
exit 0
