import { describe, expect, it } from 'vitest'
import { secureWebPreferences } from '../../../src/main/electron/web-preferences'

describe('secureWebPreferences', () => {
  it('isolates and sandboxes the renderer, with no Node and web security on', () => {
    expect(secureWebPreferences('/app/out/preload/index.cjs')).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    })
  })
})
