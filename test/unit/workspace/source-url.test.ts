import { describe, expect, it } from 'vitest'
import { ApiError } from '../../../src/shared/api/errors'
import type { SourceKind } from '../../../src/shared/model/sources'
import { splitAndValidateSourceUrl } from '../../../src/main/workspace/source-url'

function errorOf(kind: SourceKind, url: string): ApiError {
  try {
    splitAndValidateSourceUrl(kind, url, {})
  } catch (err) {
    if (err instanceof ApiError) return err
    throw err
  }
  throw new Error(`expected ${url} to be rejected for ${kind}`)
}

describe('source URLs per kind', () => {
  it.each<[SourceKind, string]>([
    ['postgres', 'postgres://127.0.0.1:5432/crm'],
    ['postgres', 'postgresql://db.example.com/crm?sslmode=require'],
    ['sqlserver', 'mssql://sql1:1433/crm'],
    ['sqlserver', 'sqlserver://sql1:1433;databaseName=crm'],
    ['sqlserver', 'jdbc:sqlserver://sql1:1433;databaseName=crm;encrypt=true'],
    ['kafka', 'kafka://127.0.0.1:9092'],
    ['kafka', 'b1:9092,b2:9092'],
    ['kafka-connect', 'http://127.0.0.1:8083'],
    ['schema-registry', 'https://registry:8081/apis/ccompat/v7'],
    ['mongodb', 'mongodb://127.0.0.1:27017/'],
    ['mongodb', 'mongodb://h1:27017,h2:27018/db?replicaSet=rs0'],
    ['mongodb', 'mongodb+srv://cluster0.example.net/'],
    ['postgres', 'postgres://127.0.0.1:${env:UNSET_PORT}/crm'],
    ['kafka', 'kafka://${env:KAFKA_HOST:-localhost}:${env:KAFKA_PORT:-9092}'],
  ])('accepts %s %s', (kind, url) => {
    expect(splitAndValidateSourceUrl(kind, url, {}).url).toBe(url)
  })

  it('rejects a Kafka URL given to the MongoDB kind, naming both', () => {
    const err = errorOf('mongodb', 'kafka://127.0.0.1:9092')
    expect(err.code).toBe('bad-input')
    expect(err.message).toMatch(
      /kafka:\/\/.*does not fit kind mongodb.*mongodb:\/\/ or mongodb\+srv:\/\//,
    )
    expect(err.details).toMatchObject({ field: 'url', scheme: 'kafka' })
  })

  it.each<[SourceKind, string, RegExp]>([
    ['postgres', '', /URL is required/],
    ['postgres', 'mongodb://h/', /mongodb:\/\/.*does not fit kind postgres/],
    ['kafka-connect', 'kafka://h:1', /does not fit kind kafka-connect.*http:\/\/ or https:\/\//],
    ['postgres', 'localhost:5432', /has no scheme, which does not fit kind postgres/],
    ['postgres', 'postgres://h:99999/db', /malformed|out of range/],
    ['postgres', 'postgres:///db', /no host|malformed/],
    ['kafka', 'kafka://h', /has no port/],
    ['kafka', 'kafka://h:70000', /Port 70000 is out of range/],
    ['mongodb', 'mongodb+srv://h:27017/', /exactly one host name and no port/],
    ['postgres', 'postgres://h:${PORT}/db', /"\$\{PORT\}" is not a valid reference/],
    ['postgres', 'postgres://h /db', /must not contain spaces/],
  ])('rejects %s %j with a specific message', (kind, url, message) => {
    const err = errorOf(kind, url)
    expect(err.code).toBe('bad-input')
    expect(err.message).toMatch(message)
  })

  it('moves a password out of the URL, keeping the user', () => {
    const split = splitAndValidateSourceUrl('postgres', 'postgres://bob:s%40cret@h:5432/crm', {})
    expect(split).toEqual({ url: 'postgres://h:5432/crm', username: 'bob', password: 's@cret' })
  })

  it('keeps an env-reference password in the URL as a reference, not a secret', () => {
    const split = splitAndValidateSourceUrl(
      'mongodb',
      'mongodb://${env:MONGO_USER}:${env:MONGO_PW:-x}@h1:1,h2:2/db',
      {},
    )
    expect(split).toEqual({
      url: 'mongodb://h1:1,h2:2/db',
      username: '${env:MONGO_USER}',
      passwordRef: '${env:MONGO_PW:-x}',
    })
  })

  it('moves JDBC style user and password properties out of a SQL Server URL', () => {
    const split = splitAndValidateSourceUrl(
      'sqlserver',
      'sqlserver://sql1:1433;databaseName=crm;user=sa;password=Very$ecret1;encrypt=true',
      {},
    )
    expect(split).toEqual({
      url: 'sqlserver://sql1:1433;databaseName=crm;encrypt=true',
      username: 'sa',
      password: 'Very$ecret1',
    })
  })
})
