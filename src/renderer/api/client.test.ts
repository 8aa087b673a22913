import { describe, expect, it } from 'vitest'
import { API_METHODS, type ApiTransport } from '../../shared/api'
import { createApiClient } from './client'

function recordingTransport() {
  const calls: Array<{ method: string; arg: unknown }> = []
  const transport: ApiTransport = {
    invoke: async (method, arg) => {
      calls.push({ method, arg })
      return { echoed: method } as never
    },
    subscribe: () => () => undefined,
  }
  return { calls, transport }
}

describe('createApiClient', () => {
  it('turns every contract method into a transport call with its one argument', async () => {
    const { calls, transport } = recordingTransport()
    const api = createApiClient(transport)
    await expect(api.getSource({ name: 'crm-pg' })).resolves.toEqual({ echoed: 'getSource' })
    await api.listSources({})
    expect(calls).toEqual([
      { method: 'getSource', arg: { name: 'crm-pg' } },
      { method: 'listSources', arg: {} },
    ])
  })

  it('exposes exactly the contract methods', () => {
    const api = createApiClient(recordingTransport().transport)
    expect(Object.keys(api).sort()).toEqual([...API_METHODS].sort())
    expect((api as unknown as Record<string, unknown>).then).toBeUndefined() // not mistaken for a promise
    expect('evalSomething' in api).toBe(false)
  })
})
