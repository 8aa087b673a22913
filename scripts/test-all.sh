#!/usr/bin/env bash
# The whole test suite, from a fresh clone: installs what it needs, brings the reference estate
# up, runs every suite, always takes the estate down, and ends with one summary line
# `N passed, N failed, N skipped` totalling every suite (the line CI reads).
#
# Suites: typecheck, lint, build (one check each), vitest unit, vitest integration (real servers
# of the reference estate; under CI=true a missing server fails), Playwright e2e (Chromium against
# `sightline serve`). Set SIGHTLINE_KEEP_ESTATE=1 to leave the estate running afterwards.
set -uo pipefail
cd "$(dirname "$0")/.."
REPO="$(pwd)"
RESULTS="$REPO/test-results/summary"
rm -rf "$RESULTS"; mkdir -p "$RESULTS"
started=$SECONDS

say() { printf '\n=== %s (%ss) ===\n' "$*" "$((SECONDS - started))"; }
checks_passed=0; checks_failed=0
check() { # check NAME CMD... : a one-shot check that counts as one test
  local name="$1"; shift
  say "$name"
  if "$@"; then checks_passed=$((checks_passed + 1)); echo "$name: ok"
  else checks_failed=$((checks_failed + 1)); echo "$name: FAILED"; fi
}

say "install"
bash scripts/install-deps.sh || { echo "install failed"; echo "0 passed, 1 failed"; exit 1; }

estate_is_down=0
estate_down() {
  [[ $estate_is_down == 1 ]] && return 0
  estate_is_down=1
  if [[ "${SIGHTLINE_KEEP_ESTATE:-}" != 1 ]]; then say "estate down"; bash test/estate/down.sh || true; fi
}
trap estate_down EXIT

check typecheck npm run -s typecheck
check lint npm run -s lint
check build npm run -s build

say "estate up"
estate_ok=1
if ! bash test/estate/up.sh; then estate_ok=0; checks_failed=$((checks_failed + 1)); echo "estate up: FAILED"; else checks_passed=$((checks_passed + 1)); fi

say "unit tests"
npx vitest run --project unit --reporter=default --reporter=json --outputFile.json="$RESULTS/unit.json"
say "integration tests"
# Under CI the suite also proves the estate's down/up cycle leaves no process behind (it restarts
# every server, so it is opt-in elsewhere).
if [[ "${CI:-}" == true ]]; then export SIGHTLINE_TEST_ESTATE_LIFECYCLE="${SIGHTLINE_TEST_ESTATE_LIFECYCLE:-1}"; fi
npx vitest run --project integration --reporter=default --reporter=json --outputFile.json="$RESULTS/integration.json"
say "end-to-end tests"
PLAYWRIGHT_JSON_OUTPUT_NAME="$RESULTS/e2e.json" npx playwright test --project serve-chromium --reporter=list,json

# Down before the summary, so that the summary is the last line this script prints.
estate_down
say "summary"
node scripts/summarise-tests.mjs "$RESULTS" "$checks_passed" "$checks_failed"
