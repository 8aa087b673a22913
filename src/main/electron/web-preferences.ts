import type { WebPreferences } from 'electron'

/**
 * The renderer's privileges (DESIGN.md §8): isolated, sandboxed, no Node, web security on. The
 * preload is its only door, and it opens onto `window.sightline` alone.
 */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  }
}
