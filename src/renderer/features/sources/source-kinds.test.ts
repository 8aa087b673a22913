import { describe, expect, it } from 'vitest'
import { SOURCE_KINDS } from '../../../shared/api'
import {
  URL_EXAMPLES,
  validatePasswordRef,
  validateSourceName,
  validateSourceUrl,
} from './source-kinds'

describe('validateSourceUrl', () => {
  it.each(SOURCE_KINDS)('accepts the example URL shown for %s', (kind) => {
    expect(validateSourceUrl(kind, URL_EXAMPLES[kind])).toBeUndefined()
  })

  it('rejects a URL of another kind and names the schemes that fit', () => {
    expect(validateSourceUrl('mongodb', 'kafka://127.0.0.1:9092')).toBe(
      'kafka:// is not a MongoDB URL: use mongodb:// or mongodb+srv://',
    )
    expect(validateSourceUrl('postgres', 'mongodb://x:1/')).toMatch(/not a PostgreSQL URL/)
  })

  it('asks for a scheme, a host and no spaces', () => {
    expect(validateSourceUrl('postgres', '')).toBe('Enter the connection URL')
    expect(validateSourceUrl('postgres', '127.0.0.1:5432/crm')).toMatch(
      /^Start with postgres:\/\/ or postgresql:\/\//,
    )
    expect(validateSourceUrl('postgres', 'postgres:///crm')).toBe('The URL has no host')
    expect(validateSourceUrl('postgres', 'postgres://a b/crm')).toBe(
      'The URL must not contain spaces',
    )
  })

  it('takes a bare Kafka bootstrap list', () => {
    expect(validateSourceUrl('kafka', 'broker1:9092,broker2:9092')).toBeUndefined()
    expect(validateSourceUrl('kafka', 'broker1')).toMatch(/^Start with kafka:\/\//)
  })
})

describe('validateSourceName', () => {
  it('keeps names URN-safe', () => {
    expect(validateSourceName('crm-prod_2.eu')).toBeUndefined()
    expect(validateSourceName('')).toBe('Enter a name')
    expect(validateSourceName('crm prod')).toMatch(/letters, digits/)
    expect(validateSourceName('crm/prod')).toMatch(/letters, digits/)
  })
})

describe('validatePasswordRef', () => {
  it('accepts only ${env:VAR} and ${env:VAR:-default}', () => {
    expect(validatePasswordRef('${env:PG_PASSWORD}')).toBeUndefined()
    expect(validatePasswordRef('${env:PG_PASSWORD:-dev}')).toBeUndefined()
    expect(validatePasswordRef('$PG_PASSWORD')).toMatch(/Use \$\{env:VAR\}/)
    expect(validatePasswordRef('${env:1BAD}')).toMatch(/Use \$\{env:VAR\}/)
  })
})
