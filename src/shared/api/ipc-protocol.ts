import type { ApiErrorShape } from './errors'

/**
 * The Electron IPC wire protocol, shared by the preload (src/preload) and main
 * (src/main/electron/ipc-transport.ts). One channel carries every allowlisted method (DESIGN.md
 * §10.3: derive the transport from the interface, never a channel per method).
 */
export const IPC_INVOKE_CHANNEL = 'sightline:invoke'
/** Main -> renderer: every ApiEvent of the host. */
export const IPC_EVENT_CHANNEL = 'sightline:event'

/**
 * What main answers to an invoke. Main never rejects: a rejection from ipcMain.handle reaches
 * the renderer as an Error whose message embeds the main-side error text, and could leak a stack.
 */
export type IpcInvokeResponse = { result: unknown } | { error: ApiErrorShape }

export function isIpcInvokeResponse(value: unknown): value is IpcInvokeResponse {
  if (typeof value !== 'object' || value === null) return false
  return 'result' in value || 'error' in value
}

/**
 * A plain object: what every API method takes (DESIGN.md §2). Rejects arrays, null, class
 * instances and anything with a prototype other than Object's.
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const proto: unknown = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}
