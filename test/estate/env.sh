# shellcheck shell=bash
# Shared settings of the reference estate: sourced by up.sh, down.sh, status and every
# services/*.sh. Every port and password can be overridden from the environment.
# Loopback only; non-default ports so the estate never collides with a developer's own servers.

ESTATE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$ESTATE_ROOT/../.." && pwd)"

# Runtime state (data dirs, logs, pid files) lives in the checkout, outside git.
export SIGHTLINE_ESTATE_DIR="${SIGHTLINE_ESTATE_DIR:-$REPO_ROOT/.estate}"
# Downloads and builds (Maven jars, Go build, Apicurio) are cached per machine, so a fresh
# clone on a warm machine starts in well under a minute.
export SIGHTLINE_ESTATE_CACHE="${SIGHTLINE_ESTATE_CACHE:-$HOME/.cache/sightline-estate}"
# The env file tests and the demo read: written by up.sh.
export SIGHTLINE_ESTATE_ENV_FILE="${SIGHTLINE_ESTATE_ENV_FILE:-$SIGHTLINE_ESTATE_DIR/estate.env}"

export ESTATE_HOST=127.0.0.1

# PostgreSQL 15
export SIGHTLINE_PG_PORT="${SIGHTLINE_PG_PORT:-55432}"
export SIGHTLINE_PG_ADMIN_USER="${SIGHTLINE_PG_ADMIN_USER:-sightline_admin}"
export SIGHTLINE_PG_ADMIN_PASSWORD="${SIGHTLINE_PG_ADMIN_PASSWORD:-admin-pass}"
export SIGHTLINE_PG_READER_USER="${SIGHTLINE_PG_READER_USER:-sightline_reader}"
export SIGHTLINE_PG_READER_PASSWORD="${SIGHTLINE_PG_READER_PASSWORD:-reader-pass}"
export SIGHTLINE_PG_LIMITED_USER="${SIGHTLINE_PG_LIMITED_USER:-sightline_limited}"
export SIGHTLINE_PG_LIMITED_PASSWORD="${SIGHTLINE_PG_LIMITED_PASSWORD:-limited-pass}"
export SIGHTLINE_PG_SLOW_USER="${SIGHTLINE_PG_SLOW_USER:-sightline_slow}"
export SIGHTLINE_PG_SLOW_PASSWORD="${SIGHTLINE_PG_SLOW_PASSWORD:-slow-pass}"
# Debezium's replication user
export SIGHTLINE_PG_CDC_USER="${SIGHTLINE_PG_CDC_USER:-sightline_cdc}"
export SIGHTLINE_PG_CDC_PASSWORD="${SIGHTLINE_PG_CDC_PASSWORD:-cdc-pass}"

# Apache Kafka 4.3 (KRaft, one combined broker+controller)
export SIGHTLINE_KAFKA_PORT="${SIGHTLINE_KAFKA_PORT:-59092}"            # PLAINTEXT
export SIGHTLINE_KAFKA_SASL_PORT="${SIGHTLINE_KAFKA_SASL_PORT:-59093}"  # SASL_PLAINTEXT, PLAIN
export SIGHTLINE_KAFKA_CONTROLLER_PORT="${SIGHTLINE_KAFKA_CONTROLLER_PORT:-59094}"
export SIGHTLINE_KAFKA_USER="${SIGHTLINE_KAFKA_USER:-sightline}"
export SIGHTLINE_KAFKA_PASSWORD="${SIGHTLINE_KAFKA_PASSWORD:-kafka-pass}"
export SIGHTLINE_KAFKA_VERSION="${SIGHTLINE_KAFKA_VERSION:-4.3.1}"

# Kafka Connect (distributed worker; REST on loopback)
export SIGHTLINE_CONNECT_PORT="${SIGHTLINE_CONNECT_PORT:-58083}"
export SIGHTLINE_DEBEZIUM_VERSION="${SIGHTLINE_DEBEZIUM_VERSION:-3.6.1.Final}"

# Apicurio Registry 3 (Confluent-compatible API at /apis/ccompat/v7)
export SIGHTLINE_REGISTRY_PORT="${SIGHTLINE_REGISTRY_PORT:-58081}"

# FerretDB 1.24.2 (MongoDB wire protocol, SQLite backend, no auth)
export SIGHTLINE_MONGO_PORT="${SIGHTLINE_MONGO_PORT:-57017}"

# Data scale: small (CI default, ~2,000 customers) or bench
export SIGHTLINE_ESTATE_SCALE="${SIGHTLINE_ESTATE_SCALE:-small}"
export SIGHTLINE_ESTATE_SEED="${SIGHTLINE_ESTATE_SEED:-20261126}"

mkdir -p "$SIGHTLINE_ESTATE_DIR/logs" "$SIGHTLINE_ESTATE_DIR/run" "$SIGHTLINE_ESTATE_CACHE"
