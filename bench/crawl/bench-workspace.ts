/**
 * The estate the crawl benchmark runs against, read from an estate env file
 * (test/estate/README.md "The env file"), and a temporary Sightline workspace whose
 * catalog/sources.yaml lists that whole estate: every PostgreSQL database the reader can connect
 * to (crm, orders, legacy and, at bench scale, the filler databases), Kafka with its registry,
 * Connect, the registry and MongoDB.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import type { ResolvedSource } from '../../src/main/connectors'
import type { PgConnection } from './floors'

export type EstateEnv = Record<string, string>

/** KEY=VALUE lines; `#` comments and blank lines skipped. Values are taken as they are. */
export function readEstateEnv(file: string): EstateEnv {
  const env: EstateEnv = {}
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.startsWith('#') || !line.includes('=')) continue
    const at = line.indexOf('=')
    env[line.slice(0, at).trim()] = line.slice(at + 1).trim()
  }
  return env
}

function need(env: EstateEnv, key: string): string {
  const value = env[key]
  if (!value) throw new Error(`the estate env file has no ${key}`)
  return value
}

/**
 * Which estate role the PostgreSQL crawls log in as: the read-only `reader` (the reference
 * workspace's), or `admin` for an estate whose reader has no SELECT on some databases (the bench
 * filler databases: grants.sql covers crm, orders and legacy only), so that value sampling is
 * measured rather than a permission error per table. Either way the crawl only reads.
 */
export type PgLogin = 'reader' | 'admin'

export function pgLogin(env: EstateEnv, login: PgLogin = 'reader'): PgConnection {
  const role = login.toUpperCase()
  return {
    host: env.SIGHTLINE_PG_HOST ?? '127.0.0.1',
    port: Number(need(env, 'SIGHTLINE_PG_PORT')),
    user: need(env, `SIGHTLINE_PG_${role}_USER`),
    password: need(env, `SIGHTLINE_PG_${role}_PASSWORD`),
  }
}

/** Every non-template database the reader may connect to, but `postgres`; crm/orders/legacy first. */
export async function listPgDatabases(conn: PgConnection): Promise<string[]> {
  const client = new pg.Client({ ...conn, database: 'crm', application_name: 'sightline-bench' })
  await client.connect()
  try {
    const res = await client.query<{ datname: string }>(
      `select datname from pg_database
        where not datistemplate and datallowconn and datname <> 'postgres'
          and has_database_privilege(datname, 'CONNECT')
        order by datname`,
    )
    const names = res.rows.map((r) => r.datname)
    const first = ['crm', 'orders', 'legacy'].filter((n) => names.includes(n))
    return [...first, ...names.filter((n) => !first.includes(n))]
  } finally {
    await client.end()
  }
}

/** Source names, as the reference workspace (catalog/sources.yaml) names them. */
export const SOURCE_NAMES = {
  postgres: 'amper-pg',
  kafka: 'events',
  connect: 'connect',
  registry: 'registry',
  mongodb: 'singleview',
} as const

/** The estate's PostgreSQL source, resolved (for connector-level runs without the API). */
export function pgSource(
  env: EstateEnv,
  databases: string[],
  login: PgLogin = 'reader',
): ResolvedSource {
  const conn = pgLogin(env, login)
  return {
    name: SOURCE_NAMES.postgres,
    kind: 'postgres',
    url: `postgres://${conn.host}:${conn.port}/${databases[0] ?? 'crm'}`,
    username: conn.user,
    password: conn.password,
    options: { databases: databases.join(',') },
  }
}

/**
 * A fresh workspace folder for one benchmark crawl. The password stays an env reference; the
 * caller passes `env` to createApiHost.
 */
export function makeWorkspace(
  env: EstateEnv,
  databases: string[],
  login: PgLogin = 'reader',
): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sightline-bench-crawl-'))
  mkdirSync(path.join(dir, 'catalog'), { recursive: true })
  const conn = pgLogin(env, login)
  const yaml = `# Written by bench/crawl/run.ts: the whole estate of ${env.SIGHTLINE_ESTATE_DIR ?? '?'}.
sources:
  - name: ${SOURCE_NAMES.postgres}
    kind: postgres
    url: postgres://${conn.host}:${conn.port}/${databases[0] ?? 'crm'}
    username: ${conn.user}
    password: \${env:SIGHTLINE_PG_${login.toUpperCase()}_PASSWORD}
    options:
      databases: ${databases.join(',')}
  - name: ${SOURCE_NAMES.kafka}
    kind: kafka
    url: kafka://${need(env, 'SIGHTLINE_KAFKA_BROKERS')}
    options:
      schemaRegistry: ${SOURCE_NAMES.registry}
  - name: ${SOURCE_NAMES.connect}
    kind: kafka-connect
    url: ${need(env, 'SIGHTLINE_CONNECT_URL')}
  - name: ${SOURCE_NAMES.registry}
    kind: schema-registry
    url: ${need(env, 'SIGHTLINE_REGISTRY_URL')}
  - name: ${SOURCE_NAMES.mongodb}
    kind: mongodb
    url: ${need(env, 'SIGHTLINE_MONGO_URL')}
`
  writeFileSync(path.join(dir, 'catalog', 'sources.yaml'), yaml)
  return dir
}

/** The estate's non-relational sources, resolved (for connector-level runs without the API). */
export function otherSources(
  env: EstateEnv,
): Record<'kafka' | 'connect' | 'registry' | 'mongodb', ResolvedSource> {
  return {
    kafka: {
      name: SOURCE_NAMES.kafka,
      kind: 'kafka',
      url: `kafka://${need(env, 'SIGHTLINE_KAFKA_BROKERS')}`,
      options: {},
    },
    connect: {
      name: SOURCE_NAMES.connect,
      kind: 'kafka-connect',
      url: need(env, 'SIGHTLINE_CONNECT_URL'),
      options: {},
    },
    registry: {
      name: SOURCE_NAMES.registry,
      kind: 'schema-registry',
      url: need(env, 'SIGHTLINE_REGISTRY_URL'),
      options: {},
    },
    mongodb: {
      name: SOURCE_NAMES.mongodb,
      kind: 'mongodb',
      url: need(env, 'SIGHTLINE_MONGO_URL'),
      options: {},
    },
  }
}
