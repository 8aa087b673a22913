import { describe, expect, it } from 'vitest'
import { startBackgroundWork } from '../../../src/main/api/background-work'
import type { ApiHost } from '../../../src/main/api/host'

function fakeHost(fail = false) {
  const calls: string[] = []
  const answer = () => (fail ? Promise.reject(new Error('down')) : Promise.resolve())
  const host = {
    api: {
      controlLookupIndex: (arg: { action: string }) => {
        calls.push(`index ${arg.action}`)
        return answer()
      },
    },
    keepStoreResident: () => {
      calls.push('resident')
      return answer()
    },
  } as unknown as ApiHost
  return { host, calls }
}

describe('what a long-running host starts', () => {
  it('keeps the lookup index current and the store in memory', () => {
    const { host, calls } = fakeHost()
    startBackgroundWork(host, {})
    expect(calls).toEqual(['index start', 'resident'])
  })

  it('leaves the index stopped with SIGHTLINE_LOOKUP_INDEX=off, the store still resident', () => {
    const { host, calls } = fakeHost()
    startBackgroundWork(host, { SIGHTLINE_LOOKUP_INDEX: 'off' })
    expect(calls).toEqual(['resident'])
  })

  it('never throws or leaves a rejection unhandled when either fails', async () => {
    const { host, calls } = fakeHost(true)
    expect(() => startBackgroundWork(host, {})).not.toThrow()
    await new Promise((r) => setTimeout(r, 10))
    expect(calls).toHaveLength(2)
  })
})
