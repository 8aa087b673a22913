/**
 * The one Content-Security-Policy of the renderer (DESIGN.md §8), used by every place that serves
 * it: the Electron shell (response header of its app:// protocol and of the dev server), the
 * HTTP transport of `sightline serve`, and the renderer's <meta> tag. Keeping one builder means
 * the desktop app and the browser build are tested under the same policy.
 */
export interface CspOptions {
  /**
   * 'development' relaxes exactly what Vite's dev server needs: the inline React Refresh
   * preamble and the HMR websocket. Never use it for a built renderer.
   */
  mode: 'production' | 'development'
  /** Origin of the Vite dev server (e.g. `http://localhost:5173`); development only. */
  devServerOrigin?: string
}

/** Directive name -> sources, in the order they are written. */
export type CspDirectives = Record<string, readonly string[]>

export function cspDirectives(opts: CspOptions): CspDirectives {
  const dev = opts.mode === 'development'
  const devOrigin = dev && opts.devServerOrigin ? [opts.devServerOrigin] : []
  const devSocket = dev && opts.devServerOrigin ? [toWebSocketOrigin(opts.devServerOrigin)] : []
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'", ...(dev ? ["'unsafe-inline'"] : [])],
    // Mantine writes style attributes and injects <style> tags at run time; styles cannot run code.
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    // 'self' is the app itself, or the `serve` origin whose /api the browser build calls.
    'connect-src': ["'self'", ...devOrigin, ...devSocket],
    // The lineage layout (elkjs) runs in a web worker.
    'worker-src': ["'self'", 'blob:'],
    'object-src': ["'none'"],
    'frame-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    // Ignored in a <meta> tag, honoured as a header: nobody may frame Sightline.
    'frame-ancestors': ["'none'"],
  }
}

/** The policy as one header / meta value. */
export function buildContentSecurityPolicy(opts: CspOptions): string {
  return Object.entries(cspDirectives(opts))
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ')
}

/** The production policy, for servers and the <meta> tag of the built renderer. */
export const CONTENT_SECURITY_POLICY = buildContentSecurityPolicy({ mode: 'production' })

function toWebSocketOrigin(httpOrigin: string): string {
  return httpOrigin.replace(/^http(s?):/, 'ws$1:')
}
