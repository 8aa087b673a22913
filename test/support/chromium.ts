/**
 * Debian's Chromium as every browser run here starts it: the e2e suite (playwright.config.ts)
 * and bench/graph's runs and probes. `npx playwright install` cannot work on these machines, so
 * the browser comes from apt; SIGHTLINE_E2E_CHROMIUM points elsewhere. A fresh profile per launch.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox', // runs as root in containers
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
]

export function chromiumPath(): string {
  return process.env.SIGHTLINE_E2E_CHROMIUM ?? '/usr/bin/chromium'
}
