import { describe, expect, it, vi } from 'vitest'
import { createSightlineBridge, type IpcRendererLike } from '../../../src/preload/bridge'
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../../src/shared/api/ipc-protocol'
import type { ApiMethod } from '../../../src/shared/api/contract'

type Listener = (event: unknown, ...args: unknown[]) => void

function fakeIpc(answer: (...args: unknown[]) => Promise<unknown>) {
  const listeners = new Map<string, Set<Listener>>()
  const ipc = {
    invoke: vi.fn((channel: string, ...args: unknown[]) => answer(channel, ...args)),
    on: (channel: string, listener: Listener) => {
      listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listener))
    },
    removeListener: (channel: string, listener: Listener) => {
      listeners.get(channel)?.delete(listener)
    },
  } satisfies IpcRendererLike
  const push = (payload: unknown) =>
    listeners.get(IPC_EVENT_CHANNEL)?.forEach((l) => l({ sender: 'ipcRenderer!' }, payload))
  return { ipc, push, listeners }
}

describe('preload bridge', () => {
  it('exposes exactly invoke and subscribe', () => {
    const bridge = createSightlineBridge(fakeIpc(async () => ({ result: 1 })).ipc)
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'subscribe'])
  })

  it('sends allowlisted calls on the one channel and unwraps the result', async () => {
    const { ipc } = fakeIpc(async () => ({ result: [{ name: 'crm' }] }))
    const bridge = createSightlineBridge(ipc)
    await expect(bridge.invoke('listSources', {})).resolves.toEqual([{ name: 'crm' }])
    expect(ipc.invoke).toHaveBeenCalledWith(IPC_INVOKE_CHANNEL, 'listSources', {})
  })

  it.each(['openDevTools', 'constructor', '__proto__', ''])(
    'rejects the method %j before sending anything',
    async (method) => {
      const { ipc } = fakeIpc(async () => ({ result: 'should not happen' }))
      const bridge = createSightlineBridge(ipc)
      await expect(bridge.invoke(method as ApiMethod, {} as never)).rejects.toMatchObject({
        code: 'bad-input',
      })
      expect(ipc.invoke).not.toHaveBeenCalled()
    },
  )

  it('rejects a non-object argument before sending anything', async () => {
    const { ipc } = fakeIpc(async () => ({ result: null }))
    const bridge = createSightlineBridge(ipc)
    await expect(bridge.invoke('getSource', ['crm'] as never)).rejects.toMatchObject({
      code: 'bad-input',
    })
    expect(ipc.invoke).not.toHaveBeenCalled()
  })

  it('rejects with the plain error shape main sent', async () => {
    const error = { code: 'not-found', message: 'No source named "x".' }
    const bridge = createSightlineBridge(fakeIpc(async () => ({ error })).ipc)
    const thrown = await bridge.invoke('getSource', { name: 'x' }).catch((e: unknown) => e)
    expect(thrown).toEqual(error)
    expect(thrown).not.toBeInstanceOf(Error)
  })

  it('turns a broken channel or answer into "internal"', async () => {
    const broken = createSightlineBridge(fakeIpc(() => Promise.reject(new Error('x'))).ipc)
    await expect(broken.invoke('listSources', {})).rejects.toMatchObject({ code: 'internal' })
    const malformed = createSightlineBridge(fakeIpc(async () => 'surprise').ipc)
    await expect(malformed.invoke('listSources', {})).rejects.toMatchObject({ code: 'internal' })
  })

  it('hands listeners the event payload only, and unsubscribes', () => {
    const { ipc, push, listeners } = fakeIpc(async () => ({ result: null }))
    const bridge = createSightlineBridge(ipc)
    const seen: unknown[][] = []
    const unsubscribe = bridge.subscribe((...args) => seen.push(args))
    push({ topic: 'sources.changed' })
    push('not an event')
    expect(seen).toEqual([[{ topic: 'sources.changed' }]])
    unsubscribe()
    expect(listeners.get(IPC_EVENT_CHANNEL)?.size).toBe(0)
  })
})
