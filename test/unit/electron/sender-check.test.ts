import { describe, expect, it } from 'vitest'
import { isTrustedSender, isTrustedUrl } from '../../../src/main/electron/sender-check'

const APP = ['app://sightline']
const ours = { isMainFrame: true, isOurWindow: true }

describe('isTrustedSender', () => {
  it('accepts the main frame of our window showing our renderer', () => {
    expect(isTrustedSender({ ...ours, frameUrl: 'app://sightline/index.html#/sources' }, APP)).toBe(
      true,
    )
  })

  it('refuses an iframe, another window, or a frame Electron no longer knows', () => {
    const url = 'app://sightline/index.html'
    expect(isTrustedSender({ ...ours, isMainFrame: false, frameUrl: url }, APP)).toBe(false)
    expect(isTrustedSender({ ...ours, isOurWindow: false, frameUrl: url }, APP)).toBe(false)
    expect(isTrustedSender({ ...ours, frameUrl: undefined }, APP)).toBe(false)
  })

  it.each([
    'https://evil.example/',
    'app://sightline.evil.example/index.html',
    'app://evil/index.html',
    'file:///work/main/out/renderer/index.html',
    'http://localhost:5173/',
    'app://user:pw@sightline/index.html',
    'not a url',
    '',
  ])('refuses a page at %s', (frameUrl) => {
    expect(isTrustedSender({ ...ours, frameUrl }, APP)).toBe(false)
  })
})

describe('isTrustedUrl', () => {
  const dev = ['http://localhost:5173']

  it('accepts the dev server only on its exact origin', () => {
    expect(isTrustedUrl('http://localhost:5173/src/main.tsx', dev)).toBe(true)
    expect(isTrustedUrl('http://localhost:5174/', dev)).toBe(false)
    expect(isTrustedUrl('https://localhost:5173/', dev)).toBe(false)
    expect(isTrustedUrl('http://localhost:5173@evil.example/', dev)).toBe(false)
  })

  it('compares scheme and host case-insensitively, as browsers do', () => {
    expect(isTrustedUrl('APP://Sightline/index.html', APP)).toBe(true)
  })
})
