import { describe, expect, it } from 'vitest'
import {
  cacheLevel,
  layerFits,
  queueLayersInSlices,
  unionOfBoxes,
  type LayerQueueing,
} from './queue-layers'

const ele = (x1: number, y1: number, x2: number, y2: number) => ({
  _private: { bbCache: { x1, y1, x2, y2 }, rscratch: {} as Record<string, unknown> },
})

function fakeCache(): LayerQueueing & { queued: unknown[]; made: unknown[] } {
  const queued: unknown[] = []
  const made: unknown[] = []
  return {
    layersByLevel: {},
    queued,
    made,
    makeLayer(bb, lvl) {
      const layer = { eles: [] as unknown[], bb, lvl }
      made.push(layer)
      return layer
    },
    queueLayer(_layer, e) {
      queued.push(e)
    },
  }
}

const opts = { sliceMs: 5, yieldTask: () => Promise.resolve() }

describe('the layered cache level and size rules (cytoscape 3.34)', () => {
  it('picks the level as getLayers does, none when zoomed in too far', () => {
    expect(cacheLevel(0.013, 1)).toBe(-4)
    expect(cacheLevel(0.3, 1)).toBe(-1)
    expect(cacheLevel(1, 1)).toBe(0)
    expect(cacheLevel(4, 1)).toBeUndefined()
  })

  it('fits a layer within 32,767 px a side and 4,000² px', () => {
    expect(layerFits({ x1: 0, y1: 0, x2: 3000, y2: 3000 }, 0)).toBe(true)
    expect(layerFits({ x1: 0, y1: 0, x2: 8000, y2: 61000 }, 0)).toBe(false)
    expect(layerFits({ x1: 0, y1: 0, x2: 8000, y2: 61000 }, -4)).toBe(true)
  })

  it('unites cached boxes, and gives up on an element without one', () => {
    expect(unionOfBoxes([ele(0, 0, 10, 10), ele(-5, 2, 3, 20)])).toEqual({
      x1: -5,
      y1: 0,
      x2: 10,
      y2: 20,
      w: 15,
      h: 20,
    })
    const none = { _private: { bbCache: null, rscratch: {} } }
    expect(unionOfBoxes([ele(0, 0, 1, 1), none])).toBeUndefined()
  })
})

describe('queueLayersInSlices', () => {
  it('makes one layer over all boxes and queues every element in order, as getLayers does', async () => {
    const ltc = fakeCache()
    const eles = Array.from({ length: 500 }, (_, i) => ele(i, 0, i + 10, 10))
    expect(await queueLayersInSlices(ltc, eles, 0.5, 1, opts)).toBe(true)
    expect(ltc.made).toHaveLength(1)
    expect(ltc.layersByLevel[-1]).toEqual(ltc.made)
    expect(ltc.queued).toEqual(eles)
    expect((ltc.made[0] as { eles: unknown[] }).eles).toEqual(eles)
    expect(eles[3]!._private.rscratch.imgLayerCaches).toEqual({ [-1]: ltc.made[0] })
  })

  it('leaves a level that has layers to getLayers, and does nothing where no layer fits', async () => {
    const ltc = fakeCache()
    ltc.layersByLevel[0] = [{ eles: [] }]
    expect(await queueLayersInSlices(ltc, [ele(0, 0, 1, 1)], 1, 1, opts)).toBe(false)
    const big = fakeCache()
    expect(await queueLayersInSlices(big, [ele(0, 0, 8000, 61000)], 1, 1, opts)).toBe(true)
    expect(big.made).toHaveLength(0)
  })
})
