import type { ApiArg, ApiEvent, ApiMethod, ApiResult } from '../../shared/api'

/**
 * What the Electron preload exposes as `window.sightline` (src/preload). Absent in a browser,
 * where the HTTP transport takes over.
 */
export interface SightlineBridge {
  invoke<M extends ApiMethod>(method: M, arg: ApiArg<M>): Promise<ApiResult<M>>
  /** Returns an unsubscribe function. */
  subscribe(listener: (event: ApiEvent) => void): () => void
}

declare global {
  interface Window {
    sightline?: SightlineBridge
  }
}

export function getBridge(): SightlineBridge | undefined {
  return typeof window === 'undefined' ? undefined : window.sightline
}
