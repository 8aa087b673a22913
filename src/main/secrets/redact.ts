/**
 * Redaction of secrets from text that may leave main: driver error messages often echo the
 * connection URL, sometimes the password itself. Applied to every message a connector or a
 * driver produces before it reaches a response, a log line or the audit log.
 */

export const REDACTED = '***'

// scheme://user:password@host  ->  scheme://user:***@host
const URL_USERINFO_PASSWORD = /([a-z][a-z0-9+.-]*:\/\/[^\s:/?#@]*):([^\s/?#@]*)@/gi
// JDBC / ADO style `password=...;` or `pwd=...` properties
const PROPERTY_PASSWORD =
  /\b(password|pwd|passwd|sasl\.password)\s*=\s*("[^"]*"|'[^']*'|[^;\s&]*)/gi

/** Replaces every occurrence of the given secrets (and their URL-encoded forms) and any URL password. */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text
  for (const secret of secrets) {
    if (!secret) continue
    for (const form of new Set([secret, encodeURIComponent(secret)])) {
      out = out.split(form).join(REDACTED)
    }
  }
  out = out.replace(URL_USERINFO_PASSWORD, `$1:${REDACTED}@`)
  out = out.replace(PROPERTY_PASSWORD, `$1=${REDACTED}`)
  return out
}

/** Deeply redacts every string inside a plain JSON value. */
export function redactDeep<T>(value: T, secrets: readonly (string | undefined)[] = []): T {
  if (typeof value === 'string') return redactSecrets(value, secrets) as T
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, secrets)) as T
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(value)) out[key] = redactDeep(item, secrets)
    return out as T
  }
  return value
}
