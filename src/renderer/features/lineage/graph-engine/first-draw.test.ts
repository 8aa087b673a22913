import { describe, expect, it } from 'vitest'
import cytoscape from 'cytoscape'
import { prepareFirstDraw } from './first-draw'

const yieldTask = () => Promise.resolve()

describe('prepareFirstDraw (the held first frame of a big graph)', () => {
  it('on a headless instance only sets the view: there is no renderer to prepare', async () => {
    const cy = cytoscape({ headless: true, elements: [{ data: { id: 'a' } }] })
    let viewed = 0
    await prepareFirstDraw(cy, { sliceMs: 5, yieldTask, view: () => viewed++ })
    expect(viewed).toBe(1)
  })
})
