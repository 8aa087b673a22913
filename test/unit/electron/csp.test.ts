import { describe, expect, it } from 'vitest'
import {
  buildContentSecurityPolicy,
  CONTENT_SECURITY_POLICY,
  cspDirectives,
} from '../../../src/shared/security/csp'

function directive(policy: string, name: string): string[] | undefined {
  const found = policy
    .split(';')
    .map((part) => part.trim().split(/\s+/))
    .find(([directiveName]) => directiveName === name)
  return found?.slice(1)
}

describe('Content-Security-Policy', () => {
  it('lets only our own scripts run in the built renderer', () => {
    expect(directive(CONTENT_SECURITY_POLICY, 'script-src')).toEqual(["'self'"])
    expect(directive(CONTENT_SECURITY_POLICY, 'default-src')).toEqual(["'self'"])
    expect(directive(CONTENT_SECURITY_POLICY, 'object-src')).toEqual(["'none'"])
    expect(directive(CONTENT_SECURITY_POLICY, 'base-uri')).toEqual(["'none'"])
    expect(directive(CONTENT_SECURITY_POLICY, 'frame-ancestors')).toEqual(["'none'"])
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|\*/)
    expect(directive(CONTENT_SECURITY_POLICY, 'connect-src')).toEqual(["'self'"])
  })

  it('opens exactly the dev server and its HMR socket in development', () => {
    const dev = buildContentSecurityPolicy({
      mode: 'development',
      devServerOrigin: 'http://localhost:5173',
    })
    expect(directive(dev, 'script-src')).toEqual(["'self'", "'unsafe-inline'"])
    expect(directive(dev, 'connect-src')).toEqual([
      "'self'",
      'http://localhost:5173',
      'ws://localhost:5173',
    ])
    expect(dev).not.toMatch(/unsafe-eval/)
  })

  it('is the same string wherever it is built', () => {
    expect(buildContentSecurityPolicy({ mode: 'production' })).toBe(CONTENT_SECURITY_POLICY)
    expect(Object.keys(cspDirectives({ mode: 'production' }))).toContain('worker-src')
  })
})
