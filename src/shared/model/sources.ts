/** Kinds of source Sightline can connect to (DESIGN.md §3). */
export const SOURCE_KINDS = [
  'sqlserver',
  'postgres',
  'kafka',
  'kafka-connect',
  'schema-registry',
  'mongodb',
] as const
export type SourceKind = (typeof SOURCE_KINDS)[number]

/**
 * URL schemes each kind accepts. Shared so that the form's inline check and the server's
 * validation (src/main/workspace/source-url.ts, which also checks the full shape) never disagree.
 */
export const SOURCE_URL_SCHEMES: Record<SourceKind, readonly string[]> = {
  postgres: ['postgres', 'postgresql'],
  sqlserver: ['mssql', 'sqlserver', 'jdbc:sqlserver'],
  kafka: ['kafka'],
  'kafka-connect': ['http', 'https'],
  'schema-registry': ['http', 'https'],
  mongodb: ['mongodb', 'mongodb+srv'],
}

/** Where a source's secret (password) lives. Never the secret itself. */
export type SecretStorage =
  | 'none' // no secret needed or given
  | 'env-ref' // `${env:VAR}` / `${env:VAR:-default}` reference in sources.yaml
  | 'keychain' // desktop app: encrypted with Electron safeStorage
  | 'memory' // serve mode: typed into the UI, held in that server's memory only

/** A source as the API returns it: no secret, only whether one is set and where. */
export interface SourceView {
  /** Logical name, unique in the workspace; the URN authority (DESIGN.md §4). */
  name: string
  kind: SourceKind
  /** Connection URL with any password stripped; may still contain `${env:...}` references. */
  url: string
  username?: string
  hasSecret: boolean
  secretStorage: SecretStorage
  /** For env-ref secrets: the reference text, e.g. `${env:PG_PASSWORD}` (never its value). */
  secretRef?: string
  /** host:port pairs, Debezium `database.hostname`s, Kafka cluster ids, replica-set names. */
  aliases: string[]
  description?: string
  /** Kind-specific non-secret options (e.g. `sasl.mechanism`, `tls`, `databases`). */
  options: Record<string, string | number | boolean>
}

/** What the UI or CLI sends to add or edit a source. */
export interface SourceInput {
  name: string
  kind: SourceKind
  url: string
  username?: string
  /**
   * A secret typed by the user. Stored per `secretStorage`: safeStorage in the desktop app,
   * memory in serve mode. Never written to sources.yaml in clear.
   */
  password?: string
  /** Instead of a password: an env reference such as `${env:PG_PASSWORD:-dev}`. */
  passwordRef?: string
  /** On edit: keep the existing secret when `password`/`passwordRef` are absent. Default true. */
  keepSecret?: boolean
  aliases?: string[]
  description?: string
  options?: Record<string, string | number | boolean>
}

/** Result of `testSource`: reachability, authentication, version, latency (DESIGN.md §3). */
export interface ConnectionCheck {
  ok: boolean
  reachable: boolean
  authenticated: boolean
  /** e.g. "PostgreSQL 15.18", "Kafka 4.3.1 (cluster abc)", "FerretDB 1.24.2 (MongoDB 7.0.77)". */
  serverVersion?: string
  latencyMs?: number
  /** When `ok` is false: the specific reason, already translated (see ERROR_CODES). */
  error?: import('../api/errors').ApiErrorShape
  /** Extra facts worth showing: database, cluster id, broker count, TLS... */
  details?: Record<string, string | number | boolean>
  checkedAt: string
}
