import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ApiHost } from '../../../src/main/api/host'
import { dispatchInvoke, registerIpcTransport } from '../../../src/main/electron/ipc-transport'
import type { SightlineApi } from '../../../src/shared/api/contract'
import { ApiError } from '../../../src/shared/api/errors'
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../../src/shared/api/ipc-protocol'
import type { ApiEvent } from '../../../src/shared/model/jobs'

const SECRET = 'hunter2-s3cret'

/** Only the methods a test calls; the rest would throw if reached. */
function fakeApi(overrides: Partial<SightlineApi>): SightlineApi {
  return new Proxy(overrides, {
    get: (target, name) =>
      (target as Record<string | symbol, unknown>)[name] ??
      (() => Promise.reject(new Error(`unexpected call to ${String(name)}`))),
  }) as SightlineApi
}

function fakeHost(api: SightlineApi) {
  const listeners = new Set<(event: ApiEvent) => void>()
  const host: ApiHost = {
    api,
    subscribe: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    keepStoreResident: async () => ({ state: 'off', fileBytes: 0 }),
    close: async () => undefined,
  }
  return { host, emit: (e: ApiEvent) => listeners.forEach((l) => l(e)), listeners }
}

function fakeIpcMain() {
  const handlers = new Map<string, (event: { trusted: boolean }, ...args: unknown[]) => unknown>()
  return {
    handlers,
    handle: (channel: string, listener: (e: { trusted: boolean }, ...a: unknown[]) => unknown) => {
      handlers.set(channel, listener)
    },
    removeHandler: (channel: string) => {
      handlers.delete(channel)
    },
  }
}

afterEach(() => vi.restoreAllMocks())

describe('dispatchInvoke', () => {
  it('answers { result } for an allowlisted method with a plain-object argument', async () => {
    const getSource = vi.fn(async ({ name }: { name: string }) => ({ name }) as never)
    const response = await dispatchInvoke(fakeApi({ getSource }), 'getSource', { name: 'crm' })
    expect(response).toEqual({ result: { name: 'crm' } })
    expect(getSource).toHaveBeenCalledWith({ name: 'crm' })
  })

  it.each(['constructor', '__proto__', 'toString', 'deleteEverything', 42, undefined])(
    'refuses the method %s without calling anything',
    async (method) => {
      const api = fakeApi({})
      const response = await dispatchInvoke(api, method, {})
      expect(response).toEqual({ error: { code: 'bad-input', message: 'Unknown API method.' } })
    },
  )

  it.each([[null], [[]], ['text'], [new Date()], [Object.create({ inherited: true })]])(
    'refuses a non-plain argument %#',
    async (arg) => {
      const listSources = vi.fn()
      const response = await dispatchInvoke(fakeApi({ listSources }), 'listSources', arg)
      expect(response).toMatchObject({ error: { code: 'bad-input' } })
      expect(listSources).not.toHaveBeenCalled()
    },
  )

  it('passes an ApiError on as its wire shape', async () => {
    const getSource = async () => {
      throw new ApiError('not-found', 'No source named "x".', { name: 'x' })
    }
    const response = await dispatchInvoke(fakeApi({ getSource }), 'getSource', { name: 'x' })
    expect(response).toEqual({
      error: { code: 'not-found', message: 'No source named "x".', details: { name: 'x' } },
    })
  })

  it('turns any other error into "internal" without its message, stack or a logged value', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const testSource = async () => {
      throw new Error(`driver said: password ${SECRET} rejected`)
    }
    const response = await dispatchInvoke(fakeApi({ testSource }), 'testSource', { name: 'x' })
    expect(response).toMatchObject({ error: { code: 'internal' } })
    expect(JSON.stringify(response)).not.toContain(SECRET)
    expect(JSON.stringify(response)).not.toContain('at ')
    expect(logged).toHaveBeenCalled()
    expect(JSON.stringify(logged.mock.calls)).not.toContain(SECRET)
  })
})

describe('registerIpcTransport', () => {
  it('answers only trusted senders, forwards events, and unregisters', async () => {
    const ipcMain = fakeIpcMain()
    const listSources = vi.fn(async () => [])
    const { host, emit, listeners } = fakeHost(fakeApi({ listSources }))
    const sent: [string, ApiEvent][] = []
    const dispose = registerIpcTransport<{ trusted: boolean }>({
      ipcMain,
      host,
      isTrustedSender: (event) => event.trusted,
      sendEvent: (channel, event) => sent.push([channel, event]),
    })
    const handler = ipcMain.handlers.get(IPC_INVOKE_CHANNEL)!

    expect(await handler({ trusted: false }, 'listSources', {})).toMatchObject({
      error: { code: 'unauthenticated' },
    })
    expect(listSources).not.toHaveBeenCalled()
    expect(await handler({ trusted: true }, 'listSources', {})).toEqual({ result: [] })

    emit({ topic: 'sources.changed' })
    expect(sent).toEqual([[IPC_EVENT_CHANNEL, { topic: 'sources.changed' }]])

    dispose()
    expect(ipcMain.handlers.has(IPC_INVOKE_CHANNEL)).toBe(false)
    expect(listeners.size).toBe(0)
  })
})
