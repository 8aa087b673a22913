import type pg from 'pg'
import type { PostgresTarget } from './parse-url'

/**
 * The one place a pg client is configured from a parsed target, so that check and crawl agree
 * on TLS semantics and timeouts.
 */
export function pgClientConfig(
  target: PostgresTarget,
  database: string,
  timeoutMs: number,
  applicationName: string,
): pg.ClientConfig {
  return {
    host: target.endpoint.host,
    port: target.endpoint.port,
    database,
    user: target.user,
    password: target.password,
    // libpq semantics: require encrypts without verifying; verify-* check the certificate.
    ssl:
      target.sslMode === 'disable' || target.sslMode === 'prefer'
        ? false
        : { rejectUnauthorized: target.sslMode !== 'require', servername: target.endpoint.host },
    connectionTimeoutMillis: timeoutMs,
    // Client-side bound only: a server-side statement_timeout set on the role still applies.
    query_timeout: timeoutMs,
    application_name: applicationName,
  }
}
