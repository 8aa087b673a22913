import { contextBridge, ipcRenderer } from 'electron'
import { createSightlineBridge } from './bridge'

// Sandboxed and context-isolated: the page sees `window.sightline` and nothing else of Electron.
contextBridge.exposeInMainWorld('sightline', createSightlineBridge(ipcRenderer))
