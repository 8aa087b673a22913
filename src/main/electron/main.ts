import path from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  protocol,
  safeStorage,
  session,
  type IpcMainInvokeEvent,
} from 'electron'
import { buildContentSecurityPolicy } from '../../shared/security/csp'
import type { ApiHost } from '../api/host'
import { startBackgroundWork } from '../api/background-work'
import { APP_ENTRY_URL, APP_ORIGIN, APP_SCHEME } from './app-protocol'
import { registerIpcTransport } from './ipc-transport'
import { createSafeStorageSecretStore } from './safe-storage-secrets'
import { hardenSession, lockDownWebContents, serveRendererOnAppProtocol } from './security'
import { isTrustedSender } from './sender-check'
import { createMainWindow } from './window'
import { chooseWorkspace, readLastWorkspace, writeLastWorkspace } from './workspace-choice'

/*
 * The desktop composition root: one window, one ApiHost, the IPC transport between them.
 * Everything with logic lives in the pure modules beside this file (and their tests); this file
 * only wires Electron to them, because Electron itself cannot run in CI.
 */

const outMainDir = path.dirname(fileURLToPath(import.meta.url))
const preloadPath = path.join(outMainDir, '../preload/index.cjs')
const rendererDir = path.join(outMainDir, '../renderer')
// Set by `electron-vite dev`; a packaged app always serves its own built renderer.
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL
const devServerOrigin = devServerUrl ? new URL(devServerUrl).origin : undefined
const trustedOrigins = devServerOrigin ? [devServerOrigin] : [APP_ORIGIN]
const csp = buildContentSecurityPolicy(
  devServerOrigin ? { mode: 'development', devServerOrigin } : { mode: 'production' },
)

let host: ApiHost | undefined
let mainWindow: BrowserWindow | undefined
let hostClosed = false

// Must precede 'ready': a standard, secure scheme gets an origin, fetch and CSP like https.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
])
app.enableSandbox()

if (!app.requestSingleInstanceLock()) {
  // Another Sightline owns this user's data; it gets focus through 'second-instance'.
  app.quit()
} else {
  app.on('second-instance', () => {
    if (!mainWindow || mainWindow.isDestroyed()) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })
  lockDownWebContents(app, trustedOrigins)
  app.whenReady().then(start, fail)
}

async function start(): Promise<void> {
  const lastWorkspaceFile = path.join(app.getPath('userData'), 'last-workspace.json')
  const workspace = chooseWorkspace({
    argv: process.argv,
    env: process.env,
    cwd: process.cwd(),
    lastUsed: await readLastWorkspace(lastWorkspaceFile),
    defaultDir: path.join(app.getPath('documents'), 'Sightline'),
  })
  const secretStore = createSafeStorageSecretStore({ workspaceDir: workspace.dir, safeStorage })
  if (secretStore.warning) console.warn(`[sightline] ${secretStore.warning}`)
  // Imported here, not at the top: if the store's native module fails to load (built for the
  // wrong ABI), the user gets the error dialog below instead of a silent crash before 'ready'.
  const { createApiHost } = await import('../api/create-api-host')
  host = await createApiHost({ workspaceDir: workspace.dir, mode: 'desktop', secretStore })
  startBackgroundWork(host)
  await writeLastWorkspace(lastWorkspaceFile, workspace.dir)

  hardenSession(session.defaultSession, csp)
  serveRendererOnAppProtocol(protocol, rendererDir, csp)
  registerIpcTransport<IpcMainInvokeEvent>({
    ipcMain,
    host,
    isTrustedSender: (event) => {
      try {
        const frame = event.senderFrame
        return isTrustedSender(
          {
            frameUrl: frame?.url,
            isMainFrame: frame !== null && frame === event.sender.mainFrame,
            isOurWindow:
              mainWindow !== undefined &&
              BrowserWindow.fromWebContents(event.sender) === mainWindow,
          },
          trustedOrigins,
        )
      } catch {
        // A frame disposed mid-call throws on access: it is nobody we answer.
        return false
      }
    },
    sendEvent: (channel, event) => {
      if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(channel, event)
    },
  })
  await openMainWindow()

  app.on('activate', () => {
    // macOS: clicking the dock icon with no window open brings one back.
    if (BrowserWindow.getAllWindows().length === 0) openMainWindow().catch(fail)
  })
}

async function openMainWindow(): Promise<void> {
  mainWindow = await createMainWindow({
    preloadPath,
    entryUrl: devServerUrl ?? APP_ENTRY_URL,
    stateFile: path.join(app.getPath('userData'), 'window-state.json'),
  })
  mainWindow.on('closed', () => {
    mainWindow = undefined
  })
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})

app.on('before-quit', (event) => {
  if (!host || hostClosed) return
  // Let the store and running jobs close cleanly before the process ends.
  event.preventDefault()
  hostClosed = true
  host.close().finally(() => app.quit())
})

function fail(err: unknown): void {
  const message = err instanceof Error ? err.message : String(err)
  console.error('[sightline] could not start:', message)
  dialog.showErrorBox('Sightline could not start', message)
  app.exit(1)
}
