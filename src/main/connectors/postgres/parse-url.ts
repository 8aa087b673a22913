import type { ResolvedSource } from '../connector'
import { badInput, malformedUrl, type Endpoint } from '../errors'
import { assertSchemeFits, optionFlag, parsePort, parseUrl } from '../shared/url'

export const POSTGRES_URL_EXAMPLE = 'postgres://db.example.com:5432/crm?sslmode=require'

export type SslMode = 'disable' | 'prefer' | 'require' | 'verify-ca' | 'verify-full'
const SSL_MODES: readonly SslMode[] = ['disable', 'prefer', 'require', 'verify-ca', 'verify-full']

export interface PostgresTarget {
  endpoint: Endpoint
  database: string
  /** Further databases to prove access to (options.databases, comma-separated). */
  extraDatabases: string[]
  user?: string
  password?: string
  sslMode: SslMode
}

/** postgres:// or postgresql:// URL + options -> where and how to connect. */
export function parsePostgresSource(
  source: Pick<ResolvedSource, 'url' | 'username' | 'password' | 'options'>,
): PostgresTarget {
  const kind = 'postgres'
  const scheme = assertSchemeFits(kind, source.url, POSTGRES_URL_EXAMPLE)
  if (scheme === undefined)
    throw malformedUrl(kind, 'it has no postgres:// scheme', POSTGRES_URL_EXAMPLE)
  if (scheme === 'jdbc:postgresql') {
    throw malformedUrl(
      kind,
      'JDBC URLs are not accepted; drop the "jdbc:" prefix',
      POSTGRES_URL_EXAMPLE,
    )
  }
  const url = parseUrl(kind, source.url, POSTGRES_URL_EXAMPLE)
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1')
  const port = parsePort(url.port, 5432, kind, POSTGRES_URL_EXAMPLE)
  const path = decodeURIComponent(url.pathname.replace(/^\//, ''))
  if (path.includes('/'))
    throw malformedUrl(kind, `"${path}" is not a database name`, POSTGRES_URL_EXAMPLE)

  const sslFromUrl = url.searchParams.get('sslmode') ?? undefined
  const sslOption = source.options.sslmode ?? source.options.tls ?? source.options.ssl
  let sslMode: SslMode = 'disable'
  const requested =
    sslFromUrl ??
    (typeof sslOption === 'string' && (SSL_MODES as readonly string[]).includes(sslOption)
      ? sslOption
      : undefined)
  if (requested !== undefined) {
    if (!(SSL_MODES as readonly string[]).includes(requested)) {
      throw badInput(
        `Unknown sslmode "${requested}": use one of ${SSL_MODES.join(', ')}.`,
        'malformed-url',
        { sslmode: requested },
      )
    }
    sslMode = requested as SslMode
  } else if (optionFlag(sslOption) === true) {
    sslMode = 'require'
  }

  const databasesOption = source.options.databases
  const extraDatabases =
    typeof databasesOption === 'string'
      ? databasesOption
          .split(',')
          .map((d) => d.trim())
          .filter(Boolean)
      : []
  const database = path || extraDatabases[0] || 'postgres'
  return {
    endpoint: { host, port },
    database,
    extraDatabases: extraDatabases.filter((d) => d !== database),
    user: source.username ?? (url.username ? decodeURIComponent(url.username) : undefined),
    password: source.password ?? (url.password ? decodeURIComponent(url.password) : undefined),
    sslMode,
  }
}
