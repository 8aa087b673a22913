import { describe, expect, it } from 'vitest'
import { cacheLabelMeasurements, MAX_ENTRIES, measureKey } from './label-measure-cache'

/** An element whose style answers what `calculateLabelDimensions` reads. */
const ele = (style: Record<string, string | number>) => ({
  pstyle: (name: string) => {
    const value = style[name]
    return typeof value === 'number' ? { pfValue: value } : { strValue: value ?? '' }
  },
})
const field = ele({
  'font-style': 'normal',
  'font-weight': 'normal',
  'font-size': 10,
  'font-family': 'system-ui, sans-serif',
  'text-metrics': 'font',
})
const bigger = ele({
  'font-style': 'normal',
  'font-weight': 'bold',
  'font-size': 11,
  'font-family': 'system-ui, sans-serif',
  'text-metrics': 'font',
})

function fakeRenderer() {
  const measured: string[] = []
  const renderer = {
    calculateLabelDimensions(e: typeof field, text: string) {
      measured.push(text)
      const size = e.pstyle('font-size').pfValue ?? 0
      return {
        width: text.length * size,
        height: size,
        labelActualAscent: 0,
        labelActualDescent: 0,
      }
    },
  }
  return { renderer, measured }
}

describe('cacheLabelMeasurements', () => {
  it('measures a text once per font and answers the same dimensions after', () => {
    const { renderer, measured } = fakeRenderer()
    const plain = renderer.calculateLabelDimensions(field, 'after.email')
    expect(cacheLabelMeasurements(renderer)).toBe(true)
    const first = renderer.calculateLabelDimensions(field, 'after.email')
    const again = renderer.calculateLabelDimensions(field, 'after.email')
    expect(first).toEqual(plain)
    expect(again).toBe(first)
    // Another font is another measurement.
    expect(renderer.calculateLabelDimensions(bigger, 'after.email').width).toBe(11 * 11)
    expect(renderer.calculateLabelDimensions(field, '')).toEqual({
      width: 0,
      height: 10,
      labelActualAscent: 0,
      labelActualDescent: 0,
    })
    renderer.calculateLabelDimensions(field, '')
    expect(measured).toEqual(['after.email', 'after.email', 'after.email', ''])
  })

  it('keys on font, metrics mode and text', () => {
    expect(measureKey(field, 'a')).not.toBe(measureKey(bigger, 'a'))
    expect(measureKey(field, 'a')).not.toBe(measureKey(field, 'b'))
    expect(measureKey(field, 'a')).toBe(measureKey(ele({ ...styleOf(field) }), 'a'))
  })

  it('starts again past its size limit, and when fonts change', () => {
    const { renderer, measured } = fakeRenderer()
    const fonts = new EventTarget() as unknown as FontFaceSet
    cacheLabelMeasurements(renderer, fonts)
    renderer.calculateLabelDimensions(field, 'x')
    fonts.dispatchEvent(new Event('loadingdone'))
    renderer.calculateLabelDimensions(field, 'x')
    expect(measured).toEqual(['x', 'x'])
    for (let i = 0; i <= MAX_ENTRIES; i++) renderer.calculateLabelDimensions(field, `t${i}`)
    measured.length = 0
    renderer.calculateLabelDimensions(field, 'x')
    expect(measured).toEqual(['x'])
  })

  it('installs nothing on a renderer without the method', () => {
    const other = {}
    expect(cacheLabelMeasurements(other)).toBe(false)
    expect(other).toEqual({})
  })
})

function styleOf(e: typeof field): Record<string, string | number> {
  const out: Record<string, string | number> = {}
  for (const name of ['font-style', 'font-weight', 'font-family', 'text-metrics']) {
    out[name] = e.pstyle(name).strValue ?? ''
  }
  out['font-size'] = e.pstyle('font-size').pfValue ?? 0
  return out
}
