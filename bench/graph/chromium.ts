/** The e2e suite's Chromium flags (playwright.config.ts); a fresh profile per launch. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
]

export const chromiumPath = (): string => process.env.SIGHTLINE_E2E_CHROMIUM ?? '/usr/bin/chromium'
