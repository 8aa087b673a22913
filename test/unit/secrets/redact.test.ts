import { describe, expect, it } from 'vitest'
import { MemorySecretStore } from '../../../src/main/secrets/memory-secret-store'
import { redactDeep, redactSecrets } from '../../../src/main/secrets/redact'

describe('redaction', () => {
  it('removes known secrets, their URL-encoded form and any URL password', () => {
    expect(redactSecrets('auth failed for p@ss/1 (p%40ss%2F1)', ['p@ss/1'])).toBe(
      'auth failed for *** (***)',
    )
    expect(redactSecrets('connect postgres://bob:hunter2@h:5432/db failed')).toBe(
      'connect postgres://bob:***@h:5432/db failed',
    )
    expect(redactSecrets('Server=h;User Id=sa;Password=Xy9!;Encrypt=true')).toBe(
      'Server=h;User Id=sa;Password=***;Encrypt=true',
    )
    expect(redactSecrets('nothing here', [undefined, ''])).toBe('nothing here')
  })

  it('redacts every string in a JSON value', () => {
    expect(redactDeep({ a: ['x s3cr3t'], b: { c: 's3cr3t' }, n: 1 }, ['s3cr3t'])).toEqual({
      a: ['x ***'],
      b: { c: '***' },
      n: 1,
    })
  })
})

describe('memory secret store', () => {
  it('keeps, renames and deletes secrets in memory only', async () => {
    const store = new MemorySecretStore()
    expect(store.storage).toBe('memory')
    expect(store.warning).toMatch(/lost when it stops/)
    await store.set('a', 'one')
    await store.rename('a', 'b')
    expect(await store.get('a')).toBeUndefined()
    expect(await store.get('b')).toBe('one')
    await store.delete('b')
    expect(await store.get('b')).toBeUndefined()
    expect(await new MemorySecretStore().get('b')).toBeUndefined()
  })
})
