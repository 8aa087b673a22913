import path from 'node:path'

/**
 * The built renderer is served from `app://sightline/` rather than file://: a real origin for
 * the sender check and CSP 'self', response headers we control (the CSP), and no way for the
 * page to read arbitrary files by URL (Electron security checklist, "avoid file://").
 */
export const APP_SCHEME = 'app'
export const APP_HOST = 'sightline'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
}

/**
 * The file under `rendererDir` that an app:// URL names, or undefined for anything else: other
 * hosts, encoded `..`, absolute or drive paths, NUL bytes. `/` serves index.html.
 */
export function resolveAppAsset(rendererDir: string, requestUrl: string): string | undefined {
  let url: URL
  try {
    url = new URL(requestUrl)
  } catch {
    return undefined
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return undefined
  let relative: string
  try {
    relative = decodeURIComponent(url.pathname)
  } catch {
    return undefined
  }
  if (relative.includes('\0') || relative.includes('\\')) return undefined
  if (relative === '/' || relative === '') relative = '/index.html'
  const root = path.resolve(rendererDir)
  const file = path.resolve(root, `.${relative}`)
  const inside = path.relative(root, file)
  if (inside === '' || inside.startsWith('..') || path.isAbsolute(inside)) return undefined
  return file
}

/**
 * What to serve when `file` does not exist: index.html for a client-side route such as
 * app://sightline/sources (no file extension), so a reload on any page works; nothing for a
 * missing asset, which must stay a 404.
 */
export function spaFallback(rendererDir: string, file: string): string | undefined {
  return path.extname(file) === '' ? path.join(path.resolve(rendererDir), 'index.html') : undefined
}

/** Headers of every app:// response: the CSP travels with the document, as from a server. */
export function appResponseHeaders(file: string, csp: string): Record<string, string> {
  return {
    'Content-Type': CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
  }
}

/**
 * Response headers with our CSP in place of any the server sent (Vite's dev server sends none;
 * names are matched case-insensitively because Electron passes them as received).
 */
export function withCspHeader(
  headers: Record<string, string[]> | undefined,
  csp: string,
): Record<string, string[]> {
  const kept = Object.entries(headers ?? {}).filter(
    ([name]) => name.toLowerCase() !== 'content-security-policy',
  )
  return { ...Object.fromEntries(kept), 'Content-Security-Policy': [csp] }
}
