import type { ApiErrorShape } from '../../../shared/api'

const UNREACHABLE_REASONS: Record<string, string> = {
  dns: 'Host not found',
  refused: 'Connection refused',
  network: 'Network unreachable',
  closed: 'Connection closed',
}

/**
 * A short label for a failed connection test. One code can cover several causes (unreachable:
 * DNS or refused), so the connectors' `details.reason` refines it; the message is only a
 * fallback for errors without a reason.
 */
export function connectionErrorLabel(error: ApiErrorShape): string {
  const reason = typeof error.details?.reason === 'string' ? error.details.reason : undefined
  const message = error.message.toLowerCase()
  if (reason === 'wrong-kind') return 'Wrong kind of server'
  switch (error.code) {
    case 'auth':
      return 'Authentication failed'
    case 'unreachable':
      if (reason) return UNREACHABLE_REASONS[reason] ?? 'Unreachable'
      if (/enotfound|getaddrinfo|not found|could not resolve/.test(message)) return 'Host not found'
      if (/refused/.test(message)) return 'Connection refused'
      return 'Unreachable'
    case 'tls':
      return 'TLS mismatch'
    case 'timeout':
      return 'Timed out'
    case 'unsupported':
      return 'Unsupported server'
    case 'bad-input':
      return reason === 'malformed-url' || error.details?.field === 'url' || /\burl\b/.test(message)
        ? 'Invalid URL'
        : 'Invalid input'
    case 'permission':
      return 'Permission denied'
    case 'not-found':
      return 'Not found'
    case 'cancelled':
      return 'Cancelled'
    default:
      return 'Failed'
  }
}

export function formatLatency(ms: number | undefined): string | undefined {
  if (ms === undefined) return undefined
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`
}
