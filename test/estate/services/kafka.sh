#!/usr/bin/env bash
# Apache Kafka 4.x of the reference estate: one combined KRaft broker + controller from Maven
# Central jars, loopback only, PLAINTEXT and SASL_PLAINTEXT (PLAIN) listeners.
# Usage: kafka.sh install | start | stop | status
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../env.sh"
source "$ESTATE_ROOT/lib.sh"
source "$ESTATE_ROOT/config/jvm-services.sh"

KAFKA_DIR="$SIGHTLINE_ESTATE_DIR/kafka"
export KAFKA_LOG_DIRS="$KAFKA_DIR/data"
KAFKA_PROPERTIES="$KAFKA_DIR/server.properties"
# The cluster id is chosen once and kept beside the data it was formatted with.
CLUSTER_ID_FILE="$KAFKA_DIR/cluster-id"
KAFKA_URL="kafka://127.0.0.1:$SIGHTLINE_KAFKA_PORT"

kafka_java() {
  "$JAVA_BIN" -Xms128m "$@"
}

kafka_tool() {
  kafka_java -Xmx256m -Dlog4j2.configurationFile="$KAFKA_LOG4J_CONFIG" -Dlog4j2.level=WARN \
    -cp "$KAFKA_LIBS/*" "$@"
}

cluster_id() {
  if [[ ! -s "$CLUSTER_ID_FILE" ]]; then
    mkdir -p "$KAFKA_DIR"
    # A Kafka Uuid: 16 random bytes, URL-safe base64 without padding; never one starting with
    # '-', which the storage tool's argument parser would take for an option.
    local id="-"
    while [[ "$id" == -* ]]; do id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"; done
    printf '%s' "$id" >"$CLUSTER_ID_FILE"
  fi
  cat "$CLUSTER_ID_FILE"
}

format_storage() {
  [[ -f "$KAFKA_LOG_DIRS/meta.properties" ]] && return 0
  log "formatting KRaft storage in $KAFKA_LOG_DIRS"
  kafka_tool kafka.tools.StorageTool format -t "$(cluster_id)" -c "$KAFKA_PROPERTIES" \
    --ignore-formatted >>"$(logfile kafka)" 2>&1 || { tail_log kafka; die "kafka storage format failed"; }
}

# Ready = the broker answers a real metadata request, not just an open port: a raw Metadata
# request from plain Node (milliseconds), or kafka-tools' ClusterTool (an Admin describeCluster;
# a JVM, seconds) where node is missing.
metadata_ready() {
  port_open "$SIGHTLINE_KAFKA_PORT" && port_open "$SIGHTLINE_KAFKA_SASL_PORT" || return 1
  if command -v node >/dev/null; then
    node "$ESTATE_CONFIG_DIR/kafka-metadata-probe.cjs" 127.0.0.1 "$SIGHTLINE_KAFKA_PORT" >/dev/null
  else
    kafka_tool org.apache.kafka.tools.ClusterTool cluster-id \
      --bootstrap-server "127.0.0.1:$SIGHTLINE_KAFKA_PORT" 2>/dev/null | grep -q 'Cluster ID'
  fi
}

start_kafka() {
  if is_running kafka; then
    log "kafka already running (pid $(cat "$(pidfile kafka)"))"
  else
    install_kafka_libs
    refuse_busy_port kafka "$SIGHTLINE_KAFKA_PORT"
    refuse_busy_port kafka "$SIGHTLINE_KAFKA_SASL_PORT"
    refuse_busy_port kafka "$SIGHTLINE_KAFKA_CONTROLLER_PORT"
    render_template "$ESTATE_CONFIG_DIR/server.properties.template" "$KAFKA_PROPERTIES"
    : >"$(logfile kafka)"
    format_storage
    log "starting kafka $SIGHTLINE_KAFKA_VERSION on 127.0.0.1:$SIGHTLINE_KAFKA_PORT (SASL $SIGHTLINE_KAFKA_SASL_PORT)"
    local lf; lf="$(logfile kafka)"
    setsid "$JAVA_BIN" -Xms256m -Xmx512m -XX:+UseG1GC -Djava.awt.headless=true \
      -Dlog4j2.configurationFile="$KAFKA_LOG4J_CONFIG" -Dkafka.logs.dir="$KAFKA_DIR" \
      -cp "$KAFKA_LIBS/*" kafka.Kafka "$KAFKA_PROPERTIES" >>"$lf" 2>&1 </dev/null &
    echo $! >"$(pidfile kafka)"
  fi
  wait_until kafka 120 metadata_ready
  log "kafka ready: $KAFKA_URL (cluster $(cat "$CLUSTER_ID_FILE" 2>/dev/null || echo '?'))"
}

status_kafka() {
  local healthy=false detail="not running"
  if is_running kafka; then
    if metadata_ready; then
      healthy=true
      detail="cluster $(cat "$CLUSTER_ID_FILE" 2>/dev/null); sasl 127.0.0.1:$SIGHTLINE_KAFKA_SASL_PORT"
    else
      detail="running, not answering metadata requests"
    fi
  fi
  json_status kafka "$KAFKA_URL" "$healthy" "$detail"
}

case "${1:-}" in
  install) install_kafka_libs ;;
  start) start_kafka ;;
  stop) stop_pid kafka 60 ;;
  status) status_kafka ;;
  *) echo "usage: $0 install|start|stop|status" >&2; exit 2 ;;
esac
