import { SOURCE_URL_SCHEMES, type SourceKind } from '../../../shared/api'

export const KIND_LABELS: Record<SourceKind, string> = {
  sqlserver: 'SQL Server',
  postgres: 'PostgreSQL',
  kafka: 'Kafka',
  'kafka-connect': 'Kafka Connect',
  'schema-registry': 'Schema registry',
  mongodb: 'MongoDB',
}

/** URL schemes each kind accepts; the server checks the full shape (src/main/workspace). */
const KIND_SCHEMES = SOURCE_URL_SCHEMES

/** Placeholder of the URL field: a realistic example per kind. */
export const URL_EXAMPLES: Record<SourceKind, string> = {
  sqlserver: 'mssql://crm-sql.example.com:1433/crm',
  postgres: 'postgres://127.0.0.1:5432/crm',
  kafka: 'kafka://broker1:9092,broker2:9092',
  'kafka-connect': 'http://connect.example.com:8083',
  'schema-registry': 'http://registry.example.com:8081/apis/ccompat/v7',
  mongodb: 'mongodb://127.0.0.1:27017/',
}

/** Env variable suggested for a kind's password reference. */
export const PASSWORD_ENV_EXAMPLES: Record<SourceKind, string> = {
  sqlserver: '${env:MSSQL_PASSWORD}',
  postgres: '${env:PG_PASSWORD}',
  kafka: '${env:KAFKA_PASSWORD}',
  'kafka-connect': '${env:CONNECT_PASSWORD}',
  'schema-registry': '${env:REGISTRY_PASSWORD}',
  mongodb: '${env:MONGO_PASSWORD}',
}

/** Which kind-specific options the form offers. */
export interface KindOptionSet {
  databases: boolean
  tls: boolean
  sasl: boolean
}

export const KIND_OPTIONS: Record<SourceKind, KindOptionSet> = {
  sqlserver: { databases: true, tls: true, sasl: false },
  postgres: { databases: true, tls: true, sasl: false },
  kafka: { databases: false, tls: true, sasl: true },
  'kafka-connect': { databases: false, tls: false, sasl: false },
  'schema-registry': { databases: false, tls: false, sasl: false },
  mongodb: { databases: false, tls: true, sasl: false },
}

export const SASL_MECHANISMS = ['none', 'PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'] as const

function schemeOf(url: string): string | undefined {
  if (/^jdbc:sqlserver:\/\//i.test(url)) return 'jdbc:sqlserver'
  return /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1]?.toLowerCase()
}

/**
 * Quick inline check of a URL for a kind, so typos show while typing. Returns a message or
 * undefined; the server's validation stays the authority.
 */
export function validateSourceUrl(kind: SourceKind, rawUrl: string): string | undefined {
  const url = rawUrl.trim()
  if (!url) return 'Enter the connection URL'
  if (/\s/.test(url)) return 'The URL must not contain spaces'
  const scheme = schemeOf(url)
  const allowed = KIND_SCHEMES[kind]
  if (scheme === undefined) {
    if (kind === 'kafka' && /^[^/:\s]+:\d+(,[^/:\s]+:\d+)*$/.test(url)) return undefined
    return `Start with ${allowed.map((s) => `${s}://`).join(' or ')}, e.g. ${URL_EXAMPLES[kind]}`
  }
  if (!allowed.includes(scheme)) {
    return `${scheme}:// is not a ${KIND_LABELS[kind]} URL: use ${allowed.map((s) => `${s}://`).join(' or ')}`
  }
  const rest = url.slice(url.indexOf('://') + 3)
  if (!rest || rest.startsWith('/') || rest.startsWith(':')) return 'The URL has no host'
  return undefined
}

/** A source name is the URN authority: keep it short, lower-case and URL-safe. */
export function validateSourceName(rawName: string): string | undefined {
  const name = rawName.trim()
  if (!name) return 'Enter a name'
  if (!/^[a-z0-9][a-z0-9._-]*$/i.test(name)) {
    return 'Use letters, digits, dot, dash or underscore (it becomes part of every URN)'
  }
  if (name.length > 64) return 'At most 64 characters'
  return undefined
}

const ENV_REF = /^\$\{env:[A-Za-z_][A-Za-z0-9_]*(:-[^}]*)?\}$/

export function validatePasswordRef(rawRef: string): string | undefined {
  if (!rawRef.trim()) return 'Enter a reference such as ${env:PG_PASSWORD}'
  if (!ENV_REF.test(rawRef.trim())) return 'Use ${env:VAR} or ${env:VAR:-default}'
  return undefined
}
