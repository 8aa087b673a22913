import { describe, expect, it } from 'vitest'
import { LayerRasteriser, nextLayerContext, RASTER_EVERY } from './rasterise-layers'

/** A layered cache whose queue head is `layer`, with a context that counts its reads. */
function fakeCache() {
  const reads: string[] = []
  const context = (name: string) => ({ getImageData: () => void reads.push(name) })
  const layers = [{ context: context('a') }, { context: context('b') }]
  let head = 0
  const ltc = { layersQueue: { peek: () => layers[head] } }
  return { ltc, reads, next: () => void (head = 1) }
}

describe('LayerRasteriser', () => {
  it('reads each layer drawn into once every RASTER_EVERY elements and at the end', () => {
    const { ltc, reads, next } = fakeCache()
    const raster = new LayerRasteriser()
    for (let i = 0; i < RASTER_EVERY - 1; i++) raster.beforeDequeue(ltc)
    expect(reads).toEqual([])
    raster.beforeDequeue(ltc)
    expect(reads).toEqual(['a'])
    raster.beforeDequeue(ltc)
    next()
    raster.beforeDequeue(ltc)
    raster.rasterise()
    expect(reads).toEqual(['a', 'a', 'b'])
    raster.rasterise()
    expect(reads).toEqual(['a', 'a', 'b'])
  })

  it('reads nothing from a cache without the expected queue', () => {
    expect(nextLayerContext({})).toBeUndefined()
    expect(nextLayerContext({ layersQueue: { peek: () => ({ context: {} }) } })).toBeUndefined()
    const raster = new LayerRasteriser()
    for (let i = 0; i < 2 * RASTER_EVERY; i++) raster.beforeDequeue({})
    raster.rasterise()
  })
})
