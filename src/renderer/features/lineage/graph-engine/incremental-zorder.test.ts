import cytoscape, { type ElementDefinition } from 'cytoscape'
import { describe, expect, it } from 'vitest'
import { compareKeys, mergeSorted, zOrderKey, type ZEle } from './incremental-zorder'

describe('mergeSorted (re-placing a few elements in a sorted order)', () => {
  const byValue = (a: number, b: number) => a - b

  it('puts new and changed elements where a full sort would, and drops the refused ones', () => {
    const sorted = [1, 3, 5, 7, 9]
    // 5 changed (now sorts as itself, still in place); 4, 10 and 0 are new; 11 is refused.
    expect(mergeSorted(sorted, new Set([4, 10, 0, 5, 11]), byValue, (x) => x !== 11)).toEqual([
      0, 1, 3, 4, 5, 7, 9, 10,
    ])
  })

  it('takes a changed element out of its old place', () => {
    const ids = ['a', 'b', 'c', 'd']
    const rank = new Map([
      ['a', 0],
      ['b', 1],
      ['c', 2],
      ['d', 3],
    ])
    rank.set('b', 5) // b now sorts last
    const byRank = (x: string, y: string) => rank.get(x)! - rank.get(y)!
    expect(mergeSorted(ids, new Set(['b']), byRank)).toEqual(['a', 'c', 'd', 'b'])
  })
})

describe('zOrderKey (cytoscape draw order as keys)', () => {
  it('orders a compound graph exactly as cytoscape sortByZIndex does', () => {
    const elements: ElementDefinition[] = [
      { data: { id: 'a' } },
      { data: { id: 'p' } },
      { data: { id: 'f1', parent: 'p' } },
      { data: { id: 'q', parent: 'p' } },
      { data: { id: 'g', parent: 'q' } },
      { data: { id: 'b' }, classes: 'top' },
      { data: { id: 'e1', source: 'a', target: 'p' } },
      { data: { id: 'e2', source: 'a', target: 'f1' } },
      { data: { id: 'e3', source: 'g', target: 'b' } },
      { data: { id: 'e4', source: 'a', target: 'b' }, classes: 'raised' },
      { data: { id: 'e5', source: 'p', target: 'q' } },
    ]
    const cy = cytoscape({
      headless: true,
      styleEnabled: true,
      elements,
      style: [
        { selector: '.raised', style: { 'z-index': 10 } },
        { selector: '.top', style: { 'z-compound-depth': 'top' } },
      ],
    })
    const hasCompounds = (cy as unknown as { hasCompoundNodes(): boolean }).hasCompoundNodes()
    const expected = (cy.elements() as unknown as { sortByZIndex(): cytoscape.Collection })
      .sortByZIndex()
      .map((e) => e.id())
    const keyed = cy
      .elements()
      .toArray()
      .sort((x, y) =>
        compareKeys(
          zOrderKey(x as unknown as ZEle, hasCompounds),
          zOrderKey(y as unknown as ZEle, hasCompounds),
        ),
      )
      .map((e) => e.id())
    expect(keyed).toEqual(expected)
  })
})
