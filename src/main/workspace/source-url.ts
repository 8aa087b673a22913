import { ApiError } from '../../shared/api/errors'
import { SOURCE_URL_SCHEMES, type SourceKind } from '../../shared/model/sources'
import { findMalformedRef, isEnvRef, resolveEnvRefsLenient } from './env-refs'

/**
 * Connection URL checks per kind, and the split of credentials out of a URL: a password typed
 * into a URL is moved to the secret store (or kept as an env reference), never left in the URL.
 */

const SCHEMES = SOURCE_URL_SCHEMES

const EXAMPLES: Record<SourceKind, string> = {
  postgres: 'postgres://host:5432/database',
  sqlserver: 'mssql://host:1433/database or sqlserver://host:1433;databaseName=database',
  kafka: 'kafka://host:9092 or host1:9092,host2:9092',
  'kafka-connect': 'http://host:8083',
  'schema-registry': 'http://host:8081',
  mongodb: 'mongodb://host:27017/ or mongodb+srv://cluster.example.com/',
}

export interface SplitSourceUrl {
  /** The URL without any user or password (env references kept as written). */
  url: string
  username?: string
  /** A literal password found in the URL: goes to the secret store. */
  password?: string
  /** A password in the URL that is an env reference: kept as the source's password ref. */
  passwordRef?: string
}

function badUrl(message: string, details: Record<string, unknown> = {}): ApiError {
  return new ApiError('bad-input', message, { field: 'url', ...details })
}

function decode(part: string): string {
  if (isEnvRef(part)) return part
  try {
    return decodeURIComponent(part)
  } catch {
    return part
  }
}

/** Splits `a:b` at the first colon that is not inside a `${...}` reference. */
function splitOutsideRefs(text: string, separator: string): [string, string | undefined] {
  let depth = 0
  for (let i = 0; i < text.length; i++) {
    if (text.startsWith('${', i)) depth++
    else if (text[i] === '}' && depth > 0) depth--
    else if (depth === 0 && text[i] === separator) return [text.slice(0, i), text.slice(i + 1)]
  }
  return [text, undefined]
}

function schemeOf(url: string): string | undefined {
  if (/^jdbc:sqlserver:\/\//i.test(url)) return 'jdbc:sqlserver'
  return /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1]?.toLowerCase()
}

function checkHostPort(hostPort: string, kind: SourceKind, requirePort: boolean): void {
  const m = /^(\[[0-9a-f:.]+\]|[^:/\s]+)(?::(\d*))?$/i.exec(hostPort)
  if (!m) throw badUrl(`"${hostPort}" is not a host:port pair (expected ${EXAMPLES[kind]}).`)
  const port = m[2]
  if (port === undefined || port === '') {
    if (requirePort) throw badUrl(`"${hostPort}" has no port (expected ${EXAMPLES[kind]}).`)
    return
  }
  const n = Number(port)
  if (!Number.isInteger(n) || n < 1 || n > 65535) {
    throw badUrl(`Port ${port} is out of range (1-65535).`, { port })
  }
}

function checkWithUrlParser(text: string, kind: SourceKind): void {
  let parsed: URL
  try {
    parsed = new URL(text)
  } catch {
    throw badUrl(`The URL is malformed: expected ${EXAMPLES[kind]}.`)
  }
  if (!parsed.hostname) throw badUrl(`The URL has no host: expected ${EXAMPLES[kind]}.`)
}

/** Validates the shape of a URL for a kind; env references are tolerated wherever they stand. */
function validateShape(kind: SourceKind, scheme: string | undefined, resolved: string): void {
  if (kind === 'kafka') {
    const list = scheme === 'kafka' ? resolved.slice('kafka://'.length) : resolved
    const hostList = list.replace(/\/$/, '')
    if (!hostList) throw badUrl(`The URL has no broker: expected ${EXAMPLES.kafka}.`)
    for (const hostPort of hostList.split(',')) checkHostPort(hostPort.trim(), kind, true)
    return
  }
  if (kind === 'sqlserver') {
    const withoutJdbc = resolved.replace(/^jdbc:/i, '')
    const [base] = withoutJdbc.split(';')
    checkWithUrlParser(base!, kind)
    return
  }
  if (kind === 'mongodb') {
    const rest = resolved.replace(/^mongodb(\+srv)?:\/\//i, '')
    const hosts = rest.split(/[/?]/)[0] ?? ''
    if (!hosts) throw badUrl(`The URL has no host: expected ${EXAMPLES.mongodb}.`)
    if (scheme === 'mongodb+srv') {
      if (hosts.includes(',') || hosts.includes(':')) {
        throw badUrl('A mongodb+srv:// URL takes exactly one host name and no port.')
      }
      return
    }
    for (const hostPort of hosts.split(',')) checkHostPort(hostPort.trim(), kind, false)
    return
  }
  checkWithUrlParser(resolved, kind)
}

/**
 * Checks `rawUrl` against `kind` and splits credentials out of it. Throws `bad-input` with a
 * message naming what is wrong: missing URL, a scheme of another kind, a bad port, no host.
 */
export function splitAndValidateSourceUrl(
  kind: SourceKind,
  rawUrl: string,
  env: NodeJS.ProcessEnv = process.env,
): SplitSourceUrl {
  const text = rawUrl.trim()
  if (!text) throw badUrl(`The URL is required: expected ${EXAMPLES[kind]}.`)
  if (/\s/.test(text)) throw badUrl('The URL must not contain spaces.')
  const malformed = findMalformedRef(text)
  if (malformed) {
    throw badUrl(
      `"${malformed}" is not a valid reference: use \${env:VAR} or \${env:VAR:-default}.`,
    )
  }

  const scheme = schemeOf(text)
  const allowed = SCHEMES[kind]
  const schemeless = kind === 'kafka' && scheme === undefined
  if (!schemeless && (scheme === undefined || !allowed.includes(scheme))) {
    const given = scheme ? `${scheme}://` : 'no scheme'
    throw badUrl(
      `The URL has ${given}, which does not fit kind ${kind}: expected ${allowed.map((s) => `${s}://`).join(' or ')} (e.g. ${EXAMPLES[kind]}).`,
      { scheme: scheme ?? null, kind },
    )
  }

  const result: SplitSourceUrl = { url: text }
  let withoutUserinfo = text
  const prefixLength = scheme === undefined ? 0 : scheme.length + 3
  const afterScheme = text.slice(prefixLength)
  const authorityEnd = afterScheme.search(/[/?#;]/)
  const authority = authorityEnd < 0 ? afterScheme : afterScheme.slice(0, authorityEnd)
  const at = authority.lastIndexOf('@')
  if (at >= 0) {
    const [user, password] = splitOutsideRefs(authority.slice(0, at), ':')
    if (user) result.username = decode(user)
    if (password !== undefined && password !== '') {
      const decoded = decode(password)
      if (isEnvRef(decoded)) result.passwordRef = decoded
      else result.password = decoded
    }
    withoutUserinfo = text.slice(0, prefixLength) + afterScheme.slice(at + 1)
  }

  if (kind === 'sqlserver') {
    // JDBC style properties: `;user=...;password=...` move out of the URL as well.
    const [base, ...props] = withoutUserinfo.split(';')
    const kept: string[] = []
    for (const prop of props) {
      const [key, value] = splitOutsideRefs(prop, '=')
      const lower = key.trim().toLowerCase()
      if ((lower === 'password' || lower === 'pwd') && value !== undefined) {
        if (isEnvRef(value)) result.passwordRef = value
        else result.password = value
      } else if ((lower === 'user' || lower === 'username' || lower === 'uid') && value) {
        result.username ??= value
      } else if (prop) {
        kept.push(prop)
      }
    }
    withoutUserinfo = [base, ...kept].join(';')
  }

  result.url = withoutUserinfo
  // Unset variables (they may only be set where the app runs) stand in as a harmless value.
  const resolved = resolveEnvRefsLenient(withoutUserinfo, env, () => '1')
  validateShape(kind, scheme, resolved)
  return result
}

/** The schemes accepted for a kind, for messages and the UI. */
export function schemesForKind(kind: SourceKind): readonly string[] {
  return SCHEMES[kind]
}
