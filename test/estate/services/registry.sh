#!/usr/bin/env bash
# Apicurio Registry 3.x of the reference estate (a Quarkus app from Maven Central), with its
# Confluent-compatible API at /apis/ccompat/v7. In-memory storage: schemas are lost on restart,
# and test/estate/streams/ registers them again. HTTP and management on loopback only.
# Usage: registry.sh install | start | stop | status
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../env.sh"
source "$ESTATE_ROOT/lib.sh"
source "$ESTATE_ROOT/config/jvm-services.sh"

# 3.0.x is the last line that runs on Java 17 (the machine's JDK): 3.3.x is compiled for Java 21.
export SIGHTLINE_REGISTRY_VERSION="${SIGHTLINE_REGISTRY_VERSION:-3.0.9}"
# Quarkus serves health and metrics on a separate management port: keep it on loopback too.
export SIGHTLINE_REGISTRY_MANAGEMENT_PORT="${SIGHTLINE_REGISTRY_MANAGEMENT_PORT:-$((SIGHTLINE_REGISTRY_PORT + 1))}"
REGISTRY_HOME="$SIGHTLINE_ESTATE_CACHE/apicurio/apicurio-registry-$SIGHTLINE_REGISTRY_VERSION"
REGISTRY_URL="http://127.0.0.1:$SIGHTLINE_REGISTRY_PORT"
CCOMPAT_URL="$REGISTRY_URL/apis/ccompat/v7"

install_registry() {
  [[ -f "$REGISTRY_HOME/.complete" ]] && return 0
  ensure_java_and_maven
  # Published as a Quarkus distribution, tar.gz with classifier 'all': a legacy
  # <artifact>-runner.jar + lib/ in 3.0.x, a fast-jar (quarkus-run.jar) in later versions.
  local coords="io.apicurio:apicurio-registry-app:$SIGHTLINE_REGISTRY_VERSION:tar.gz:all"
  local tmp="$REGISTRY_HOME.partial.$$"
  rm -rf "$tmp"
  mkdir -p "$tmp/download"
  log "fetching Apicurio Registry $SIGHTLINE_REGISTRY_VERSION from Maven Central"
  maven_copy_artifact "$coords" "$tmp/download"
  tar -xzf "$tmp"/download/*.tar.gz -C "$tmp"
  rm -rf "$tmp/download"
  if [[ ! -f "$tmp/quarkus-run.jar" ]] && ! compgen -G "$tmp/*-runner.jar" >/dev/null; then
    rm -rf "$tmp"; die "no quarkus-run.jar or *-runner.jar in $coords"
  fi
  touch "$tmp/.complete"
  rm -rf "$REGISTRY_HOME"
  mv "$tmp" "$REGISTRY_HOME"
}

registry_jar() {
  if [[ -f "$REGISTRY_HOME/quarkus-run.jar" ]]; then echo "$REGISTRY_HOME/quarkus-run.jar"; return; fi
  compgen -G "$REGISTRY_HOME/*-runner.jar" | head -n 1
}

ccompat_ready() {
  curl -fsS --max-time 5 -o /dev/null "$CCOMPAT_URL/subjects"
}

start_registry() {
  if is_running registry; then
    log "registry already running (pid $(cat "$(pidfile registry)"))"
  else
    install_registry
    refuse_busy_port registry "$SIGHTLINE_REGISTRY_PORT"
    refuse_busy_port registry "$SIGHTLINE_REGISTRY_MANAGEMENT_PORT"
    log "starting apicurio registry $SIGHTLINE_REGISTRY_VERSION on $REGISTRY_URL"
    # Runtime Quarkus properties as system properties. Storage: the default embedded
    # in-memory H2 database (apicurio.storage.kind=sql, apicurio.storage.sql.kind=h2).
    # C1 only (TieredStopAtLevel=1) and the serial GC: Quarkus boots much faster on 2 busy
    # cores, and a test registry never needs C2's peak throughput.
    start_bg registry "$JAVA_BIN" -Xms128m -Xmx384m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Djava.awt.headless=true \
      -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$SIGHTLINE_REGISTRY_PORT" \
      -Dquarkus.management.host=127.0.0.1 -Dquarkus.management.port="$SIGHTLINE_REGISTRY_MANAGEMENT_PORT" \
      -Dquarkus.log.console.json=false -Dquarkus.log.level=INFO \
      -Dapicurio.storage.kind=sql -Dapicurio.storage.sql.kind=h2 \
      -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
      -jar "$(registry_jar)"
  fi
  wait_until registry 180 ccompat_ready
  log "registry ready: $CCOMPAT_URL"
}

status_registry() {
  local healthy=false detail="not running" subjects
  if is_running registry; then
    if subjects="$(curl -fsS --max-time 5 "$CCOMPAT_URL/subjects" 2>/dev/null)"; then
      healthy=true
      detail="ccompat subjects ${subjects//\"/}"
    else
      detail="running, ccompat API not answering"
    fi
  fi
  json_status registry "$REGISTRY_URL" "$healthy" "$detail"
}

case "${1:-}" in
  install) install_registry ;;
  start) start_registry ;;
  stop) stop_pid registry 30 ;;
  status) status_registry ;;
  *) echo "usage: $0 install|start|stop|status" >&2; exit 2 ;;
esac
