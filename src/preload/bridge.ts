import type { ApiArg, ApiMethod, ApiResult, ApiTransport } from '../shared/api/contract'
import type { ApiEvent } from '../shared/model/jobs'
import { isApiMethod } from '../shared/api/contract'
import type { ApiErrorShape } from '../shared/api/errors'
import { isApiErrorShape } from '../shared/api/errors'
import {
  IPC_EVENT_CHANNEL,
  IPC_INVOKE_CHANNEL,
  isIpcInvokeResponse,
  isPlainObject,
} from '../shared/api/ipc-protocol'

/** The part of ipcRenderer the bridge uses; a fake in tests. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown
}

/**
 * `window.sightline`: exactly `invoke` and `subscribe` (DESIGN.md §2, §10.4). Unknown method
 * names and non-object arguments are rejected here, before anything is sent; main checks again.
 * Failures reject with a plain `{ code, message, details? }`, which contextBridge copies intact
 * (an Error would lose everything but its message on the way to the page).
 */
export function createSightlineBridge(ipc: IpcRendererLike): ApiTransport {
  return {
    async invoke<M extends ApiMethod>(method: M, arg: ApiArg<M>): Promise<ApiResult<M>> {
      if (!isApiMethod(method)) {
        throw badInput(`Unknown API method: ${describe(method)}.`)
      }
      if (!isPlainObject(arg)) {
        throw badInput(`The argument of ${method} must be a plain object.`)
      }
      let response: unknown
      try {
        response = await ipc.invoke(IPC_INVOKE_CHANNEL, method, arg)
      } catch {
        throw internal('The Sightline main process did not answer.')
      }
      if (!isIpcInvokeResponse(response)) throw internal('Malformed answer from main.')
      if ('error' in response) {
        throw isApiErrorShape(response.error) ? response.error : internal('Malformed error.')
      }
      return response.result as ApiResult<M>
    },

    subscribe(listener: (event: ApiEvent) => void): () => void {
      // The page gets the event payload only, never the IpcRendererEvent (it holds `sender`).
      const forward = (_event: unknown, payload: unknown): void => {
        if (isApiEvent(payload)) listener(payload)
      }
      ipc.on(IPC_EVENT_CHANNEL, forward)
      return () => {
        ipc.removeListener(IPC_EVENT_CHANNEL, forward)
      }
    },
  }
}

function isApiEvent(value: unknown): value is ApiEvent {
  return isPlainObject(value) && typeof value.topic === 'string'
}

function badInput(message: string): ApiErrorShape {
  return { code: 'bad-input', message }
}

function internal(message: string): ApiErrorShape {
  return { code: 'internal', message }
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value.slice(0, 60)) : typeof value
}
