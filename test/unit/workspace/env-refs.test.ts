import { describe, expect, it } from 'vitest'
import {
  findMalformedRef,
  isEnvRef,
  listEnvRefs,
  resolveEnvRefs,
} from '../../../src/main/workspace/env-refs'

describe('env references', () => {
  const env = { PG_PORT: '6000', EMPTY: '' }

  it('resolves ${env:VAR} and ${env:VAR:-default} anywhere in a string', () => {
    expect(resolveEnvRefs('postgres://h:${env:PG_PORT}/db', env, 'url')).toBe(
      'postgres://h:6000/db',
    )
    expect(resolveEnvRefs('${env:NOPE:-reader}@${env:PG_PORT:-1}', env, 'x')).toBe('reader@6000')
    expect(resolveEnvRefs('${env:EMPTY:-fallback}', env, 'x')).toBe('fallback')
    expect(resolveEnvRefs('${env:NOPE:-}', env, 'x')).toBe('')
  })

  it('names the unset variable and where it is used, never a value', () => {
    expect(() => resolveEnvRefs('${env:MISSING_PW}', env, 'source "pg" password')).toThrowError(
      /MISSING_PW is not set \(referenced by source "pg" password\)/,
    )
  })

  it('recognises whole references and lists them', () => {
    expect(isEnvRef('${env:PW}')).toBe(true)
    expect(isEnvRef('${env:PW:-dev}')).toBe(true)
    expect(isEnvRef('x${env:PW}')).toBe(false)
    expect(isEnvRef('hunter2')).toBe(false)
    expect(listEnvRefs('${env:A}:${env:B:-2}')).toEqual([
      { variable: 'A' },
      { variable: 'B', defaultValue: '2' },
    ])
  })

  it('spots references that are not well formed', () => {
    expect(findMalformedRef('http://h:${PORT}/')).toBe('${PORT}')
    expect(findMalformedRef('http://h:${env:1BAD}/')).toBe('${env:1BAD}')
    expect(findMalformedRef('http://h:${env:GOOD:-1}/')).toBeUndefined()
  })
})
