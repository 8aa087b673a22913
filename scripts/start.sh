#!/usr/bin/env bash
# The main job from a fresh clone: install, build, bring the reference estate up, then open
# Sightline on the repository's own workspace (catalog/ describes the estate).
# Where no Electron binary can be had (as on machines without access to Electron's downloads)
# it falls back to serve mode and prints the URL to open in a browser.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
npm run -s build
if [[ "${SIGHTLINE_SKIP_ESTATE:-}" != 1 ]]; then bash test/estate/up.sh; fi

electron_bin="$(node -e "try{process.stdout.write(require('electron'))}catch{}" 2>/dev/null || true)"
if [[ -n "$electron_bin" && -x "$electron_bin" && -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]]; then
  exec npx electron . --workspace "$(pwd)"
fi
echo "No Electron binary (or no display) here: starting serve mode instead."
exec node bin/sightline.js serve --workspace "$(pwd)" "$@"
