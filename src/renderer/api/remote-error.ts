import { isApiErrorShape, type ApiErrorShape, type ErrorCode } from '../../shared/api'

/**
 * An API failure as the renderer holds it: an Error (so TanStack Query and `throw` treat it
 * normally) that carries only the wire shape, never a server stack.
 */
export class RemoteApiError extends Error implements ApiErrorShape {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message)
    this.name = 'RemoteApiError'
  }
}

/** Anything caught in the UI -> `{ code, message }` fit to show a user. */
export function toDisplayError(err: unknown): ApiErrorShape {
  if (isApiErrorShape(err)) return { code: err.code, message: err.message, details: err.details }
  // Electron wraps errors thrown in ipcMain.handle as "Error invoking remote method 'x': ..."
  if (err instanceof Error) {
    const embedded = /\{.*\}$/.exec(err.message)?.[0]
    if (embedded) {
      try {
        const parsed: unknown = JSON.parse(embedded)
        if (isApiErrorShape(parsed)) return parsed
      } catch {
        // not JSON: fall through to the generic message
      }
    }
  }
  return { code: 'internal', message: 'Something went wrong inside Sightline; see its log.' }
}

export function toRemoteApiError(shape: ApiErrorShape): RemoteApiError {
  return new RemoteApiError(shape.code, shape.message, shape.details)
}
