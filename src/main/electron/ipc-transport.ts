import type { SightlineApi } from '../../shared/api/contract'
import type { ApiEvent } from '../../shared/model/jobs'
import { isApiMethod } from '../../shared/api/contract'
import { ApiError, toApiError } from '../../shared/api/errors'
import {
  IPC_EVENT_CHANNEL,
  IPC_INVOKE_CHANNEL,
  isPlainObject,
  type IpcInvokeResponse,
} from '../../shared/api/ipc-protocol'
import type { ApiHost } from '../api/host'

/** The part of Electron's ipcMain the transport uses (structural, so tests pass a fake). */
export interface IpcMainLike<E> {
  handle(channel: string, listener: (event: E, ...args: unknown[]) => Promise<unknown>): void
  removeHandler(channel: string): void
}

export interface IpcTransportOptions<E> {
  ipcMain: IpcMainLike<E>
  host: ApiHost
  /** The sender check of sender-check.ts, applied to each call before anything else. */
  isTrustedSender(event: E): boolean
  /** Delivers an event to the renderer (webContents.send on the main window, if open). */
  sendEvent(channel: string, event: ApiEvent): void
}

/**
 * Electron IPC transport of the one API (DESIGN.md §2): a single `sightline:invoke` handler for
 * the allowlisted methods, and the host's events forwarded on `sightline:event`. Returns a
 * function that removes both.
 */
export function registerIpcTransport<E>(opts: IpcTransportOptions<E>): () => void {
  opts.ipcMain.handle(IPC_INVOKE_CHANNEL, async (event, method, arg) => {
    if (!opts.isTrustedSender(event)) {
      return {
        error: { code: 'unauthenticated', message: 'This frame may not call Sightline.' },
      } satisfies IpcInvokeResponse
    }
    return dispatchInvoke(opts.host.api, method, arg)
  })
  const unsubscribe = opts.host.subscribe((event) => opts.sendEvent(IPC_EVENT_CHANNEL, event))
  return () => {
    unsubscribe()
    opts.ipcMain.removeHandler(IPC_INVOKE_CHANNEL)
  }
}

/**
 * Validates and runs one call. Never rejects: every failure becomes `{ error }` in the wire
 * shape, and anything that is not an ApiError becomes 'internal' without its message or stack.
 */
export async function dispatchInvoke(
  api: SightlineApi,
  method: unknown,
  arg: unknown,
): Promise<IpcInvokeResponse> {
  if (!isApiMethod(method)) {
    return { error: new ApiError('bad-input', 'Unknown API method.').toJSON() }
  }
  if (!isPlainObject(arg)) {
    return {
      error: new ApiError(
        'bad-input',
        `The argument of ${method} must be a plain object.`,
      ).toJSON(),
    }
  }
  try {
    const call = api[method] as (a: unknown) => Promise<unknown>
    const result = await call.call(api, arg)
    return { result }
  } catch (err) {
    const error = toApiError(err)
    if (error.code === 'internal') logInternalError(method, err)
    return { error }
  }
}

/**
 * A bug is logged for whoever debugs it, by stack frames only: an error's message may quote a
 * value read from a source, which is personal data and must never reach a log (DESIGN.md §3).
 */
function logInternalError(method: string, err: unknown): void {
  const frames = err instanceof Error && err.stack ? err.stack.split('\n').slice(1).join('\n') : ''
  const kind = err instanceof Error ? err.name : typeof err
  console.error(`[sightline] internal error in ${method} (${kind})\n${frames}`)
}
