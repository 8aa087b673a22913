import path from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  appResponseHeaders,
  resolveAppAsset,
  spaFallback,
  withCspHeader,
} from '../../../src/main/electron/app-protocol'

const root = path.resolve('/opt/sightline/out/renderer')

describe('resolveAppAsset', () => {
  it('maps app://sightline/ paths into the renderer folder', () => {
    expect(resolveAppAsset(root, 'app://sightline/')).toBe(path.join(root, 'index.html'))
    expect(resolveAppAsset(root, 'app://sightline/index.html?x=1#/sources')).toBe(
      path.join(root, 'index.html'),
    )
    expect(resolveAppAsset(root, 'app://sightline/assets/index-abc.js')).toBe(
      path.join(root, 'assets', 'index-abc.js'),
    )
  })

  it.each([
    'app://sightline/..%2F..%2F..%2Fetc%2Fpasswd',
    'app://sightline/%2e%2e%2f%2e%2e%2fsecrets.json',
    'app://sightline/assets%5C..%5C..%5Cx',
    'app://sightline/index.html%00.png',
    'app://sightline/%E0%A4%A',
    'app://other/index.html',
    'app://sightline.evil/index.html',
    'file:///etc/passwd',
    'https://sightline/index.html',
    'not a url',
  ])('refuses %s', (url) => expect(resolveAppAsset(root, url)).toBeUndefined())

  it('keeps dot segments inside the folder (the URL parser removes them first)', () => {
    const file = resolveAppAsset(root, 'app://sightline/../../etc/passwd')
    expect(file).toBe(path.join(root, 'etc', 'passwd'))
  })
})

describe('spaFallback', () => {
  it('serves index.html for a client-side route, never for a missing asset', () => {
    expect(spaFallback(root, path.join(root, 'sources'))).toBe(path.join(root, 'index.html'))
    expect(spaFallback(root, path.join(root, 'assets', 'gone.js'))).toBeUndefined()
  })
})

describe('response headers', () => {
  it('send the CSP and a content type with every app:// response', () => {
    expect(appResponseHeaders('/x/index.html', "default-src 'self'")).toMatchObject({
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': "default-src 'self'",
      'X-Content-Type-Options': 'nosniff',
    })
    expect(appResponseHeaders('/x/a.JS', 'p')['Content-Type']).toMatch(/javascript/)
    expect(appResponseHeaders('/x/blob', 'p')['Content-Type']).toBe('application/octet-stream')
  })

  it('replace any CSP a server sent, whatever its case', () => {
    const headers = withCspHeader(
      { 'content-security-policy': ['weak'], 'Content-Type': ['text/html'] },
      'strict',
    )
    expect(headers).toEqual({
      'Content-Type': ['text/html'],
      'Content-Security-Policy': ['strict'],
    })
    expect(withCspHeader(undefined, 'strict')).toEqual({ 'Content-Security-Policy': ['strict'] })
  })
})
