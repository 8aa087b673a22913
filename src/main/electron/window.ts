import { BrowserWindow, screen } from 'electron'
import { secureWebPreferences } from './web-preferences'
import {
  MIN_WINDOW_SIZE,
  placeWindow,
  readWindowState,
  writeWindowState,
  type SavedWindowState,
} from './window-state'

export interface MainWindowOptions {
  preloadPath: string
  /** app://sightline/index.html, or the Vite dev server in development. */
  entryUrl: string
  /** <userData>/window-state.json */
  stateFile: string
}

/** Opens the main window where it was last, and remembers where it is when it closes. */
export async function createMainWindow(opts: MainWindowOptions): Promise<BrowserWindow> {
  const placement = placeWindow(
    await readWindowState(opts.stateFile),
    screen.getAllDisplays().map((d) => d.workArea),
    screen.getPrimaryDisplay().workArea,
  )
  const win = new BrowserWindow({
    ...placement.bounds,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    show: false,
    title: 'Sightline',
    backgroundColor: '#1a1b1e',
    webPreferences: secureWebPreferences(opts.preloadPath),
  })
  win.once('ready-to-show', () => {
    if (placement.isMaximized) win.maximize()
    win.show()
  })
  win.on('close', () => {
    const bounds = win.getNormalBounds()
    const state: SavedWindowState = { ...bounds, isMaximized: win.isMaximized() }
    try {
      writeWindowState(opts.stateFile, state)
    } catch (err) {
      console.warn('[sightline] could not remember the window position:', String(err))
    }
  })
  await win.loadURL(opts.entryUrl)
  return win
}
