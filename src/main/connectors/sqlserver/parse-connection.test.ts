import { describe, expect, it } from 'vitest'
import { ApiError } from '../../../shared/api'
import { parseSqlServerSource } from './parse-connection'

const parse = (
  url: string,
  extra: { username?: string; password?: string; options?: Record<string, string | boolean> } = {},
) => parseSqlServerSource({ url, options: {}, ...extra })

function reasonOf(fn: () => unknown): unknown {
  try {
    fn()
  } catch (err) {
    if (err instanceof ApiError) return err.details?.reason
    throw err
  }
  return 'no error'
}

describe('parseSqlServerSource', () => {
  it('reads mssql:// URLs with database and options', () => {
    expect(
      parse('mssql://sql.example.com:1444/crm?encrypt=false&trustServerCertificate=true'),
    ).toMatchObject({
      endpoint: { host: 'sql.example.com', port: 1444 },
      database: 'crm',
      encrypt: false,
      trustServerCertificate: true,
    })
  })
  it('defaults to port 1433 and encryption on, like tedious 19', () => {
    expect(parse('mssql://sql.example.com/crm')).toMatchObject({
      endpoint: { port: 1433 },
      encrypt: true,
      trustServerCertificate: false,
    })
  })
  it('reads JDBC-style sqlserver:// URLs, with or without jdbc:', () => {
    for (const url of [
      'sqlserver://sql1:1450;databaseName=crm;encrypt=true',
      'jdbc:sqlserver://sql1:1450;databaseName=crm;encrypt=true',
    ]) {
      expect(parse(url)).toMatchObject({
        endpoint: { host: 'sql1', port: 1450 },
        database: 'crm',
        encrypt: true,
      })
    }
  })
  it('reads a named instance (no port: SQL Browser resolves it)', () => {
    expect(parse('sqlserver://sql1\\SQLEXPRESS;databaseName=crm')).toMatchObject({
      endpoint: { host: 'sql1' },
      instanceName: 'SQLEXPRESS',
    })
    expect(parse('Server=sql1\\SQLEXPRESS;Database=crm')).toMatchObject({
      instanceName: 'SQLEXPRESS',
    })
  })
  it('reads ADO.NET connection strings, quoting and aliases included', () => {
    const target = parse(
      'Server=tcp:sql2.example.com,1500;Initial Catalog=orders;User ID=app;Password="p;w""d";Encrypt=False;TrustServerCertificate=yes',
    )
    expect(target).toMatchObject({
      endpoint: { host: 'sql2.example.com', port: 1500 },
      database: 'orders',
      user: 'app',
      password: 'p;w"d',
      encrypt: false,
      trustServerCertificate: true,
    })
  })
  it('prefers the source fields over credentials in the text', () => {
    expect(parse('Server=h;User Id=a;Password=b', { username: 'u', password: 'p' })).toMatchObject({
      user: 'u',
      password: 'p',
    })
  })
  it('lets options override encryption', () => {
    expect(parse('mssql://h/crm', { options: { encrypt: false } }).encrypt).toBe(false)
  })
  it.each([
    ['no host', 'mssql:///crm'],
    ['neither URL nor connection string', 'sql1 crm'],
    ['connection string without server', 'Database=crm;User Id=x'],
    ['bad port', 'sqlserver://h:99999;databaseName=x'],
    ['garbage property', 'Server=h;Database'],
  ])('malformed: %s', (_, url) => {
    expect(reasonOf(() => parse(url))).toBe('malformed-url')
  })
  it('rejects a bad Encrypt value and URLs of other kinds', () => {
    expect(reasonOf(() => parse('Server=h;Encrypt=perhaps'))).toBe('bad-option')
    expect(reasonOf(() => parse('postgres://h/crm'))).toBe('wrong-kind')
  })
})
