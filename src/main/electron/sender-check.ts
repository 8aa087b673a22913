/**
 * Who may call the API over IPC (DESIGN.md §8): only the main frame of our own window, showing
 * our own renderer. A frame we navigated away from, an iframe or another window gets nothing.
 */
export interface SenderFacts {
  /** URL of the frame that sent the message; undefined when Electron no longer has the frame. */
  frameUrl: string | undefined
  /** The frame is the top-level frame of its page, not an iframe. */
  isMainFrame: boolean
  /** The page belongs to a window this app created (the main window). */
  isOurWindow: boolean
}

/** `scheme://host[:port]` of the renderer: `app://sightline`, or the Vite dev server in dev. */
export type TrustedOrigin = string

export function isTrustedSender(facts: SenderFacts, trusted: readonly TrustedOrigin[]): boolean {
  if (!facts.isOurWindow || !facts.isMainFrame || facts.frameUrl === undefined) return false
  return isTrustedUrl(facts.frameUrl, trusted)
}

/**
 * Compares scheme and authority exactly. `URL.origin` cannot be used: it is "null" for custom
 * schemes such as app://, which would make every app:// URL look alike.
 */
export function isTrustedUrl(url: string, trusted: readonly TrustedOrigin[]): boolean {
  const origin = originOf(url)
  return origin !== undefined && trusted.some((t) => originOf(t) === origin)
}

function originOf(url: string): string | undefined {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return undefined
  }
  // Credentials in a URL are a classic disguise (http://localhost:5173@evil.example).
  if (parsed.username !== '' || parsed.password !== '') return undefined
  if (parsed.host === '') return undefined
  return `${parsed.protocol}//${parsed.host}`.toLowerCase()
}
