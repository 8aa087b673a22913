#!/usr/bin/env bash
# The Kafka side of the reference estate, run by up.sh after seeding and grants: registers the
# fraud.scores Avro schema, creates and fills the application topics, registers the Debezium
# sources (crm-cdc, orders-cdc) and the MongoDB sink (returns-sink), then waits until every
# connector runs, the CDC snapshots are complete and ops.returns holds the sink's records.
# Idempotent. Needs postgres, kafka, connect, registry and ferretdb up.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../env.sh"
source "$ESTATE_ROOT/lib.sh"

cd "$REPO_ROOT"
[[ -x node_modules/.bin/tsx ]] || die "node_modules missing: run npm ci first"
export KAFKAJS_NO_PARTITIONER_WARNING=1
log "streams: connectors, application topics, registry"
node_modules/.bin/tsx "$ESTATE_ROOT/streams/main.ts"
