import type { SourceKind } from '../../../shared/api'
import { badInput, malformedUrl, wrongKind, type Endpoint } from '../errors'

/** Which product a URL scheme belongs to, to tell a user they picked the wrong kind. */
const SCHEME_OWNERS: Record<string, { label: string; kinds: SourceKind[] }> = {
  postgres: { label: 'PostgreSQL', kinds: ['postgres'] },
  postgresql: { label: 'PostgreSQL', kinds: ['postgres'] },
  'jdbc:postgresql': { label: 'PostgreSQL (JDBC)', kinds: ['postgres'] },
  mssql: { label: 'SQL Server', kinds: ['sqlserver'] },
  sqlserver: { label: 'SQL Server', kinds: ['sqlserver'] },
  'jdbc:sqlserver': { label: 'SQL Server', kinds: ['sqlserver'] },
  kafka: { label: 'Kafka', kinds: ['kafka'] },
  'kafka+ssl': { label: 'Kafka', kinds: ['kafka'] },
  'kafka+tls': { label: 'Kafka', kinds: ['kafka'] },
  mongodb: { label: 'MongoDB', kinds: ['mongodb'] },
  'mongodb+srv': { label: 'MongoDB', kinds: ['mongodb'] },
  http: { label: 'HTTP', kinds: ['kafka-connect', 'schema-registry'] },
  https: { label: 'HTTPS', kinds: ['kafka-connect', 'schema-registry'] },
  mysql: { label: 'MySQL', kinds: [] },
  redis: { label: 'Redis', kinds: [] },
}

/** `jdbc:sqlserver://x` -> `jdbc:sqlserver`; `Server=x;...` -> undefined. */
export function schemeOf(url: string): string | undefined {
  const m = /^\s*((?:jdbc:)?[a-z][a-z0-9+.-]*):\/\//i.exec(url)
  return m ? m[1]!.toLowerCase() : undefined
}

/**
 * Rejects a URL whose scheme belongs to another kind (a Kafka URL given as MongoDB) or to no
 * kind Sightline knows, before any driver sees it.
 */
export function assertSchemeFits(
  kind: SourceKind,
  url: string,
  example: string,
): string | undefined {
  if (url.trim() === '') throw malformedUrl(kind, 'the URL is empty', example)
  const scheme = schemeOf(url)
  if (scheme === undefined) return undefined
  const owner = SCHEME_OWNERS[scheme]
  if (owner?.kinds.includes(kind)) return scheme
  if (owner) throw wrongKind(kind, owner.label, 'scheme')
  throw badInput(
    `Unsupported URL scheme "${scheme}://" for this source kind. Expected something like ${example}.`,
    'malformed-url',
    { scheme },
  )
}

/**
 * `host`, `host:port`, `[::1]:port` -> Endpoint. Throws malformed-url for empty hosts, bad
 * characters and ports outside 1..65535.
 */
export function parseHostPort(
  text: string,
  defaultPort: number,
  kind: SourceKind,
  example: string,
): Endpoint {
  const s = text.trim()
  let host: string
  let portText: string | undefined
  const v6 = /^\[([0-9a-f:.]+)\](?::(.*))?$/i.exec(s)
  if (v6) {
    host = v6[1]!
    portText = v6[2]
  } else {
    const idx = s.lastIndexOf(':')
    if (idx >= 0 && s.indexOf(':') !== idx)
      throw malformedUrl(kind, `"${s}" is not a host:port pair`, example)
    host = idx >= 0 ? s.slice(0, idx) : s
    portText = idx >= 0 ? s.slice(idx + 1) : undefined
  }
  if (!host) throw malformedUrl(kind, 'the host is missing', example)
  if (!v6 && !/^[a-z0-9._-]+$/i.test(host))
    throw malformedUrl(kind, `"${host}" is not a valid host name`, example)
  return { host, port: parsePort(portText, defaultPort, kind, example) }
}

export function parsePort(
  text: string | undefined,
  defaultPort: number,
  kind: SourceKind,
  example: string,
): number {
  if (text === undefined || text === '') return defaultPort
  if (!/^\d{1,5}$/.test(text)) throw malformedUrl(kind, `port "${text}" is not a number`, example)
  const port = Number(text)
  if (port < 1 || port > 65535) throw malformedUrl(kind, `port ${port} is outside 1-65535`, example)
  return port
}

/** WHATWG URL parse that turns TypeError into a malformed-url ApiError. */
export function parseUrl(kind: SourceKind, url: string, example: string): URL {
  const port = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(?:\[[^\]]*\]|[^:/?#]*):(\d+)/i.exec(
    url.trim(),
  )?.[1]
  if (port !== undefined) parsePort(port, 0, kind, example)
  let parsed: URL
  try {
    parsed = new URL(url.trim())
  } catch {
    throw malformedUrl(kind, 'it cannot be parsed as a URL', example)
  }
  // URL's own host parser lower-cases and validates; a port it accepted may still be absent.
  if (!parsed.hostname) throw malformedUrl(kind, 'the host is missing', example)
  return parsed
}

/** Reads boolean-ish options as users write them: true, "true", "1", "yes", "require". */
export function optionFlag(value: string | number | boolean | undefined): boolean | undefined {
  if (value === undefined) return undefined
  if (typeof value === 'boolean') return value
  if (typeof value === 'number') return value !== 0
  const v = value.trim().toLowerCase()
  if (['true', '1', 'yes', 'on', 'require', 'required', 'verify-ca', 'verify-full'].includes(v))
    return true
  if (['false', '0', 'no', 'off', 'disable', 'disabled'].includes(v)) return false
  return undefined
}
