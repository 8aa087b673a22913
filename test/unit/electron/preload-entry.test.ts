import { describe, expect, it, vi } from 'vitest'

// The real 'electron' cannot load here (no binary); the preload only needs these two objects.
const exposed = vi.hoisted(() => [] as [string, unknown][])
vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, api: unknown) => exposed.push([key, api]),
  },
  ipcRenderer: { invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn() },
}))

describe('preload entry', () => {
  it('exposes window.sightline with exactly invoke and subscribe, and nothing else', async () => {
    await import('../../../src/preload/index')
    expect(exposed.map(([key]) => key)).toEqual(['sightline'])
    const api = exposed[0]![1] as Record<string, unknown>
    expect(Object.keys(api).sort()).toEqual(['invoke', 'subscribe'])
    expect(typeof api.invoke).toBe('function')
    expect(typeof api.subscribe).toBe('function')
  })
})
