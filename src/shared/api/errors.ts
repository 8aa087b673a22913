/**
 * Errors cross every transport as plain `{ code, message, details? }` (DESIGN.md §2).
 * Connectors translate driver errors into these codes once, in one wrapper per connector.
 */
export const ERROR_CODES = [
  'bad-input', // malformed argument, URL or config; also a URL of the wrong kind for the source
  'unreachable', // DNS failure, connection refused, network unreachable
  'auth', // wrong user or password
  'permission', // authenticated but not allowed
  'timeout', // the operation did not finish within its timeout
  'tls', // TLS required/refused/mismatched or certificate rejected
  'unsupported', // the server lacks a feature or version we need
  'not-found', // no such source, job, asset...
  'conflict', // e.g. a source name that already exists
  'cancelled', // the caller cancelled the job
  'unauthenticated', // transport-level: no or invalid token/session
  'internal', // a bug: logged without personal data, shown without a stack trace
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

export interface ApiErrorShape {
  code: ErrorCode
  /** One sentence a user can act on. Never contains a secret or a sampled value. */
  message: string
  /** Plain JSON, e.g. `{ reason: 'refused', host: '127.0.0.1', port: 1 }`. */
  details?: Record<string, unknown>
}

/** Thrown inside main; serialised by transports with `toApiError`. */
export class ApiError extends Error implements ApiErrorShape {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message)
    this.name = 'ApiError'
  }

  toJSON(): ApiErrorShape {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details }
  }
}

export function isApiErrorShape(value: unknown): value is ApiErrorShape {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  return typeof v.message === 'string' && (ERROR_CODES as readonly unknown[]).includes(v.code)
}

/** Anything thrown -> the wire shape. Unknown errors become 'internal' without their stack. */
export function toApiError(err: unknown): ApiErrorShape {
  if (err instanceof ApiError) return err.toJSON()
  if (isApiErrorShape(err)) return { code: err.code, message: err.message, details: err.details }
  return { code: 'internal', message: 'Internal error: see the Sightline log for details.' }
}
