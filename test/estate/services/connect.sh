#!/usr/bin/env bash
# Kafka Connect distributed worker of the reference estate, with the Debezium PostgreSQL source
# and the MongoDB sink installed as plugins. REST on loopback only. Connectors themselves are
# registered by test/estate/streams/, not here.
# Usage: connect.sh install | start | stop | status
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../env.sh"
source "$ESTATE_ROOT/lib.sh"
source "$ESTATE_ROOT/config/jvm-services.sh"

export SIGHTLINE_MONGO_KAFKA_VERSION="${SIGHTLINE_MONGO_KAFKA_VERSION:-2.0.1}"
CONNECT_DIR="$SIGHTLINE_ESTATE_DIR/connect"
CONNECT_PROPERTIES="$CONNECT_DIR/connect-distributed.properties"
CONNECT_URL="http://127.0.0.1:$SIGHTLINE_CONNECT_PORT"
DEBEZIUM_POM="$ESTATE_POM_DIR/debezium-postgres/pom.xml"
# One folder per plugin under plugin.path; the parent is named after the plugin versions so a
# version bump never mixes old and new jars.
CONNECT_PLUGIN_PATH="$ESTATE_MAVEN_CACHE/plugins/debezium-$SIGHTLINE_DEBEZIUM_VERSION-$(pom_key "$DEBEZIUM_POM")-mongo-kafka-$SIGHTLINE_MONGO_KAFKA_VERSION"
export CONNECT_PLUGIN_PATH # rendered into connect-distributed.properties
REQUIRED_PLUGINS=(io.debezium.connector.postgresql.PostgresConnector com.mongodb.kafka.connect.MongoSinkConnector)

install_plugins() {
  [[ -f "$CONNECT_PLUGIN_PATH/.complete" ]] && return 0
  ensure_java_and_maven
  mkdir -p "$CONNECT_PLUGIN_PATH"
  maven_copy_dependencies "$DEBEZIUM_POM" "$CONNECT_PLUGIN_PATH/debezium-postgres" \
    -Ddebezium.version="$SIGHTLINE_DEBEZIUM_VERSION"
  rm -f "$CONNECT_PLUGIN_PATH/debezium-postgres/.complete"
  log "fetching the MongoDB Kafka sink $SIGHTLINE_MONGO_KAFKA_VERSION (classifier all) from Maven Central"
  # The 'all' jar bundles the MongoDB driver: a self-contained plugin in its own folder.
  maven_copy_artifact "org.mongodb.kafka:mongo-kafka-connect:$SIGHTLINE_MONGO_KAFKA_VERSION:jar:all" \
    "$CONNECT_PLUGIN_PATH/mongodb-sink"
  # The MongoDB plugin ships no ServiceLoader manifests. Kafka's own tool adds them (a shim jar
  # in the plugin folder) once at install, so the worker can discover plugins with
  # plugin.discovery=service_load in ~1 s instead of a reflective scan of every jar (60 s+ on a
  # busy 2-core machine).
  log "adding ServiceLoader manifests to the Connect plugins (once per install)"
  "$JAVA_BIN" -Xmx384m -Dlog4j2.configurationFile="$KAFKA_LOG4J_CONFIG" -Dlog4j2.level=WARN \
    -cp "$KAFKA_LIBS/*" org.apache.kafka.tools.ConnectPluginPath sync-manifests \
    --plugin-path "$CONNECT_PLUGIN_PATH" >"$ESTATE_MAVEN_CACHE/connect-sync-manifests.log" 2>&1 ||
    { tail -n 40 "$ESTATE_MAVEN_CACHE/connect-sync-manifests.log" >&2; die "connect-plugin-path sync-manifests failed"; }
  touch "$CONNECT_PLUGIN_PATH/.complete"
}

install_connect() {
  install_kafka_libs # the manifest tool below runs on Kafka's jars
  install_plugins
}

# Ready = the worker's REST API lists every plugin the estate's connectors need.
plugins_ready() {
  local plugins
  plugins="$(curl -fsS --max-time 5 "$CONNECT_URL/connector-plugins")" || return 1
  local p
  for p in "${REQUIRED_PLUGINS[@]}"; do
    [[ "$plugins" == *"\"$p\""* ]] || return 1
  done
}

start_connect() {
  if is_running connect; then
    log "connect already running (pid $(cat "$(pidfile connect)"))"
  else
    install_connect
    port_open "$SIGHTLINE_KAFKA_PORT" || die "kafka is not listening on $SIGHTLINE_KAFKA_PORT: start it first"
    refuse_busy_port connect "$SIGHTLINE_CONNECT_PORT"
    render_template "$ESTATE_CONFIG_DIR/connect-distributed.properties.template" "$CONNECT_PROPERTIES"
    log "starting kafka connect on $CONNECT_URL (plugins in $CONNECT_PLUGIN_PATH)"
    start_bg connect "$JAVA_BIN" -Xms256m -Xmx768m -XX:+UseG1GC -Djava.awt.headless=true \
      -Dlog4j2.configurationFile="$KAFKA_LOG4J_CONFIG" \
      -cp "$KAFKA_LIBS/*" org.apache.kafka.connect.cli.ConnectDistributed "$CONNECT_PROPERTIES"
  fi
  wait_until connect 240 plugins_ready
  log "connect ready: $CONNECT_URL"
}

status_connect() {
  local healthy=false detail="not running" connectors
  if is_running connect; then
    if plugins_ready; then
      healthy=true
      connectors="$(curl -fsS --max-time 5 "$CONNECT_URL/connectors" 2>/dev/null || echo '?')"
      detail="connectors ${connectors//\"/}"
    else
      detail="running, REST not ready or plugins missing"
    fi
  fi
  json_status connect "$CONNECT_URL" "$healthy" "$detail"
}

case "${1:-}" in
  install) install_connect ;;
  start) start_connect ;;
  stop) stop_pid connect 60 ;;
  status) status_connect ;;
  *) echo "usage: $0 install|start|stop|status" >&2; exit 2 ;;
esac
