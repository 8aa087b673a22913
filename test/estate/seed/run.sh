#!/usr/bin/env bash
# Generates (cached per scale + seed + generator version) and seeds the estate's data.
# Called by test/estate/up.sh once PostgreSQL and FerretDB are up; safe to re-run: an estate
# already seeded with the same data is left alone in a second or two.
set -euo pipefail
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/../env.sh"
source "$ESTATE_ROOT/lib.sh"
cd "$REPO_ROOT"
# The bench scale's generation holds per-person indexes in memory.
NODE_OPTIONS="${NODE_OPTIONS:-} --max-old-space-size=6144" npx --no-install tsx test/estate/seed/seed.ts
