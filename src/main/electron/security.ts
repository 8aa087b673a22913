import { readFile } from 'node:fs/promises'
import type { App, Protocol, Session, WebContents } from 'electron'
import {
  APP_SCHEME,
  appResponseHeaders,
  resolveAppAsset,
  spaFallback,
  withCspHeader,
} from './app-protocol'
import { isTrustedUrl, type TrustedOrigin } from './sender-check'

/** The only permission a page may have: writing to the clipboard ("copy URN" buttons). */
const ALLOWED_PERMISSIONS = new Set(['clipboard-sanitized-write'])

/**
 * Serves the built renderer on app://sightline/ with the CSP as a response header. Nothing
 * outside `rendererDir` can be named (see resolveAppAsset).
 */
export function serveRendererOnAppProtocol(
  protocol: Protocol,
  rendererDir: string,
  csp: string,
): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const requested = resolveAppAsset(rendererDir, request.url)
    for (const file of [requested, requested && spaFallback(rendererDir, requested)]) {
      if (file === undefined) break
      try {
        return new Response(await readFile(file), { headers: appResponseHeaders(file, csp) })
      } catch {
        // missing: try the fallback, then answer 404
      }
    }
    return new Response('Not found', { status: 404 })
  })
}

/**
 * Session-wide rules: the CSP on every HTTP response (the Vite dev server in development) and
 * every permission request (camera, geolocation, notifications...) denied.
 */
export function hardenSession(session: Session, csp: string): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCspHeader(details.responseHeaders, csp) })
  })
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    callback(ALLOWED_PERMISSIONS.has(permission))
  })
  session.setPermissionCheckHandler((_contents, permission) => ALLOWED_PERMISSIONS.has(permission))
}

/**
 * Every web contents the app ever creates: no navigation away from our origin, no new windows,
 * no <webview>. Links to the outside world are simply not followed.
 */
export function lockDownWebContents(app: App, trusted: readonly TrustedOrigin[]): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    const keepInApp = (event: { preventDefault(): void }, url: string): void => {
      if (!isTrustedUrl(url, trusted)) event.preventDefault()
    }
    contents.on('will-navigate', keepInApp)
    contents.on('will-redirect', keepInApp)
    contents.on('will-attach-webview', (event) => event.preventDefault())
    contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  })
}
