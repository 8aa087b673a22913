#!/usr/bin/env bash
# The peer of the crawl benchmark: the DataHub CLI (acryl-datahub from PyPI, file sink) over the
# estate named by an env file, one recipe per source kind (bench/crawl/datahub/recipes/), each run
# timed as a whole process (Python start-up included: that is what a user waits for).
#
#   bash bench/crawl/run-datahub.sh [--env FILE] [--out DIR] [--only postgres,kafka,...]
#
#   --env   the estate's env file (default: .estate/estate.env, the small estate)
#   --out   where the MCE/MCP JSON and the reports go (default: bench/results/raw/datahub-<scale>-<time>)
#   --only  recipes to run (default: postgres,kafka,mongodb,kafka-connect)
#   --login reader|admin: the PostgreSQL role (default reader; as bench/crawl/run.ts --login)
#
# The venv is made once and kept: $SIGHTLINE_DATAHUB_VENV (default
# ~/.cache/sightline-bench/datahub-venv), acryl-datahub $SIGHTLINE_DATAHUB_VERSION (1.7.0.17, the
# newest that installs on this machine's Python 3.11). Prints, and writes to <out>/timings.json,
# one JSON object per recipe: {"source","seconds","exitCode","records","file"}.
# A recipe that fails is recorded with its exit code and the next one runs: a failure is a finding.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
env_file="$root/.estate/estate.env"
out=""
only="postgres,kafka,mongodb,kafka-connect"
login="reader"
while [ $# -gt 0 ]; do
  case "$1" in
    --env) env_file="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --only) only="$2"; shift 2 ;;
    --login) login="$2"; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

venv="${SIGHTLINE_DATAHUB_VENV:-$HOME/.cache/sightline-bench/datahub-venv}"
version="${SIGHTLINE_DATAHUB_VERSION:-1.7.0.17}"
marker="$venv/.sightline-datahub-$version"
if [ ! -f "$marker" ]; then
  echo "[datahub] installing acryl-datahub $version into $venv (once)" >&2
  python3 -m venv "$venv" || exit 1
  "$venv/bin/pip" install -q --upgrade pip wheel >&2 || exit 1
  "$venv/bin/pip" install -q "acryl-datahub[postgres,kafka,mongodb,kafka-connect]==$version" >&2 || exit 1
  touch "$marker"
fi

[ -f "$env_file" ] || { echo "no env file: $env_file" >&2; exit 1; }
# KEY=VALUE lines, exported as they are (values may hold characters a shell would interpret).
while IFS= read -r line; do
  case "$line" in '#'* | '') continue ;; esac
  export "${line?}"
done <"$env_file"

role="$(echo "$login" | tr '[:lower:]' '[:upper:]')"
user_var="SIGHTLINE_PG_${role}_USER" password_var="SIGHTLINE_PG_${role}_PASSWORD"
export BENCH_PG_USER="${!user_var:?no $user_var in $env_file}"
export BENCH_PG_PASSWORD="${!password_var:?no $password_var in $env_file}"
scale="${SIGHTLINE_ESTATE_SCALE:-small}"
[ -n "$out" ] || out="$root/bench/results/raw/datahub-$scale-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
export BENCH_DATAHUB_OUT="$out"
# Nothing leaves the machine: no telemetry, no report to a DataHub server.
export DATAHUB_TELEMETRY_ENABLED=false

timings="$out/timings.json"
echo "[" >"$timings"
first=1
IFS=',' read -ra recipes <<<"$only"
for name in "${recipes[@]}"; do
  recipe="$here/datahub/recipes/$name.yml"
  [ -f "$recipe" ] || { echo "no recipe: $recipe" >&2; continue; }
  echo "[datahub] $name ..." >&2
  start=$(date +%s.%N)
  "$venv/bin/datahub" ingest run -c "$recipe" --no-default-report --no-spinner >"$out/$name.log" 2>&1
  code=$?
  end=$(date +%s.%N)
  seconds=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')
  records=$(python3 -c 'import json,sys
try: print(len(json.load(open(sys.argv[1]))))
except Exception: print(0)' "$out/$name.json" 2>/dev/null)
  entry="{\"source\":\"$name\",\"seconds\":$seconds,\"exitCode\":$code,\"records\":${records:-0},\"file\":\"$out/$name.json\"}"
  echo "$entry"
  [ $first -eq 1 ] || echo "," >>"$timings"
  echo "$entry" >>"$timings"
  first=0
  echo "[datahub] $name: ${seconds}s, exit $code, ${records:-0} records (log $out/$name.log)" >&2
done
echo "]" >>"$timings"
