#!/usr/bin/env bash
# Rebuilds the estate's Kafka topics from the data already seeded, keeping PostgreSQL, FerretDB
# and the generated data: for a change of producer settings (streams/connectors.ts) at bench
# scale, where generating and seeding again would add ~30 minutes.
#
# Usage: rebuild-topics.sh   (with the estate's environment, e.g. a bench estate's env.sh sourced)
#
# What it does: drops the CDC connectors' replication slots (Debezium then snapshots the tables
# again; with a slot left behind it would only stream from the slot's position), stops the
# estate, deletes Kafka's data (the CDC topics, the application topics and Connect's own config,
# offset and status topics), and brings everything but the single-view builder back up, which
# re-registers the connectors, re-produces the application topics and waits for the snapshots.
#
# Afterwards: singleview.customers is as the builder last left it; start the builder
# (`up.sh --only builder`) to re-read the new topics (its consumer offsets went with Kafka's
# data). Every offset changed: rebuild any workspace's lookup index over this estate
# (`bench/lookup/index-build.ts --rebuild`), or its lookups read the wrong records.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
source "$ESTATE_ROOT/lib.sh"

bash "$ESTATE_ROOT/up.sh" --only postgres
log "dropping the CDC replication slots (sightline_*)"
PGPASSWORD="$SIGHTLINE_PG_ADMIN_PASSWORD" psql -h "$ESTATE_HOST" -p "$SIGHTLINE_PG_PORT" \
  -U "$SIGHTLINE_PG_ADMIN_USER" -d postgres -v ON_ERROR_STOP=1 -qAt -c \
  "SELECT slot_name, pg_drop_replication_slot(slot_name) FROM pg_replication_slots
     WHERE slot_name LIKE 'sightline\_%'"
bash "$ESTATE_ROOT/down.sh"
log "deleting Kafka's data in $SIGHTLINE_ESTATE_DIR/kafka"
rm -rf "$SIGHTLINE_ESTATE_DIR/kafka" "$SIGHTLINE_ESTATE_DIR/run/streams-produced.json"
bash "$ESTATE_ROOT/up.sh" --only postgres,kafka,registry,connect,ferretdb,seed,grants,streams
log "topics rebuilt; the builder is stopped: start it with up.sh --only builder to re-read them"
