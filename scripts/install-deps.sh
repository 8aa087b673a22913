#!/usr/bin/env bash
# Installs what Sightline's build and tests need on a fresh Debian machine: npm packages
# (without Electron's binary, which cannot be downloaded here) and Debian's Chromium for the
# end-to-end tests. The reference estate's scripts install their own servers.
set -euo pipefail
cd "$(dirname "$0")/.."
export ELECTRON_SKIP_BINARY_DOWNLOAD=1

apt_updated=0
apt_install() {
  if [[ $apt_updated == 0 ]]; then apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
}
[[ -x /usr/bin/chromium ]] || apt_install chromium

# npm ci when the lock matches; keep node_modules when it is already in sync (warm machine).
if [[ ! -d node_modules ]] || [[ package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund
fi
