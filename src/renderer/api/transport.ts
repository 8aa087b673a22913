import type { ApiTransport } from '../../shared/api'
import { getBridge } from './bridge'
import { createHttpTransport } from './http-transport'
import { createIpcTransport } from './ipc-transport'

/** IPC when the Electron preload's bridge exists, HTTP otherwise: the UI cannot tell. */
export function createDefaultTransport(): ApiTransport {
  const bridge = getBridge()
  return bridge ? createIpcTransport(bridge) : createHttpTransport()
}
