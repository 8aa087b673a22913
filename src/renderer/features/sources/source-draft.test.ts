import { describe, expect, it } from 'vitest'
import type { SourceView } from '../../../shared/api'
import {
  emptySourceForm,
  formFromSource,
  sourceInputForUndo,
  sourceInputFromForm,
} from './source-draft'

const saved: SourceView = {
  name: 'crm-pg',
  kind: 'postgres',
  url: 'postgres://127.0.0.1:55432/crm',
  username: 'sightline_reader',
  hasSecret: true,
  secretStorage: 'memory',
  aliases: ['pg.internal:5432'],
  options: { databases: 'crm,orders', tls: true, statementTimeoutMs: 5000 },
}

describe('sourceInputFromForm', () => {
  it('sends a typed password and the kind-specific options', () => {
    const input = sourceInputFromForm({
      ...emptySourceForm('postgres'),
      name: ' crm-pg ',
      url: 'postgres://127.0.0.1:55432/crm',
      username: 'sightline_reader',
      password: 'reader-pass',
      databases: ['crm', 'orders'],
      tls: true,
    })
    expect(input).toEqual({
      name: 'crm-pg',
      kind: 'postgres',
      url: 'postgres://127.0.0.1:55432/crm',
      username: 'sightline_reader',
      password: 'reader-pass',
      keepSecret: false,
      aliases: [],
      options: { databases: 'crm,orders', tls: true },
    })
  })

  it('sends an env reference instead of a password', () => {
    const input = sourceInputFromForm({
      ...emptySourceForm('kafka'),
      name: 'events',
      url: 'kafka://127.0.0.1:59093',
      secretMode: 'env',
      password: 'typed-then-abandoned',
      passwordRef: '${env:KAFKA_PASSWORD}',
      saslMechanism: 'PLAIN',
      databases: ['ignored-for-kafka'],
    })
    expect(input.password).toBeUndefined()
    expect(input.passwordRef).toBe('${env:KAFKA_PASSWORD}')
    expect(input.options).toEqual({ 'sasl.mechanism': 'PLAIN' })
  })

  it('keeps the stored secret when an edit leaves the password empty', () => {
    const input = sourceInputFromForm(formFromSource(saved), saved)
    expect(input.password).toBeUndefined()
    expect(input.keepSecret).toBe(true)
  })

  it('carries options the form has no field for through an edit', () => {
    const input = sourceInputFromForm(formFromSource(saved), saved)
    expect(input.options).toEqual({ databases: 'crm,orders', tls: true, statementTimeoutMs: 5000 })
  })
})

describe('sourceInputForUndo', () => {
  it('restores the definition but cannot restore a typed-in secret', () => {
    const { input, secretLost } = sourceInputForUndo(saved)
    expect(secretLost).toBe(true)
    expect(input).toEqual({
      name: 'crm-pg',
      kind: 'postgres',
      url: 'postgres://127.0.0.1:55432/crm',
      username: 'sightline_reader',
      aliases: ['pg.internal:5432'],
      options: saved.options,
    })
  })

  it('restores an env reference, which is only text', () => {
    const { input, secretLost } = sourceInputForUndo({
      ...saved,
      secretStorage: 'env-ref',
      secretRef: '${env:PG_PASSWORD}',
    })
    expect(secretLost).toBe(false)
    expect(input.passwordRef).toBe('${env:PG_PASSWORD}')
  })
})
