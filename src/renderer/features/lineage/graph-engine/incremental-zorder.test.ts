import cytoscape, { type Core, type ElementDefinition } from 'cytoscape'
import { describe, expect, it } from 'vitest'
import {
  compareKeys,
  installIncrementalZOrder,
  mergeSorted,
  sortDrawOrderInSlices,
  zOrderKey,
  type ZEle,
} from './incremental-zorder'

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

describe('installIncrementalZOrder: notices a batch queued before the draw order was sorted', () => {
  /** An element as the z-order key reads it: a node with a z-index, in the order added. */
  interface FakeEle {
    id: string
    zIndex: number
    index: number
    /** Held by the user's pointer (cytoscape's `grabbed()`). */
    held?: boolean
  }
  const asEle = (e: FakeEle) =>
    Object.assign(e, {
      grabbed: () => e.held === true,
      _private: { rscratch: {} as { inDragLayer?: boolean } },
      removed: () => false,
      isNode: () => true,
      isParent: () => false,
      parent: () => [],
      connectedEdges: () => [],
      interactive: () => true,
      data: () => undefined,
      parents: () => ({ length: 0 }),
      source: () => e,
      target: () => e,
      poolIndex: () => e.index,
      // 'auto' for z-compound-depth and z-index-compare, cytoscape's defaults.
      pstyle: (name: string) => ({ value: name === 'z-index' ? e.zIndex : 'auto' }),
    })
  type Ele = ReturnType<typeof asEle>
  const byKey = (a: Ele, b: Ele) => a.zIndex - b.zIndex || a.index - b.index

  /** cytoscape 3.34's canvas renderer as far as the draw order goes. */
  function fakeRenderer(all: Ele[]) {
    return {
      fullSorts: 0,
      dragSplits: 0,
      cachedZSortedEles: null as
        (Ele[] & { interactive?: Ele[]; drag?: Ele[]; nondrag?: Ele[] }) | null,
      notify(eventName: string, _eles?: ArrayLike<Ele>) {
        if (['add', 'remove', 'zorder'].includes(eventName)) this.cachedZSortedEles = null
      },
      getCachedZSortedEles(forceRecalc?: boolean) {
        if (forceRecalc || !this.cachedZSortedEles) {
          this.fullSorts++
          const eles: Ele[] & { interactive?: Ele[] } = [...all].sort(byKey)
          eles.interactive = eles
          this.cachedZSortedEles = eles
          this.updateCachedGrabbedEles()
        }
        return this.cachedZSortedEles
      },
      /** cytoscape's split: grabbed elements in the drag layer, the others not. */
      updateCachedGrabbedEles() {
        const eles = this.cachedZSortedEles
        if (!eles) return
        this.dragSplits++
        eles.drag = eles.filter((e) => e.grabbed())
        eles.nondrag = eles.filter((e) => !e.grabbed())
      },
    }
  }

  /** cytoscape's core: notices queue while a batch is open and reach the renderer at its end. */
  function fakeCore() {
    const all: Ele[] = []
    const r = fakeRenderer(all)
    let batching = false
    const queued = new Map<string, Set<Ele>>()
    const cy = {
      renderer: () => r,
      hasCompoundNodes: () => false,
      mutableElements: () => ({ toArray: () => [...all] }),
      notify(eventName: string, eles: ArrayLike<Ele>) {
        if (!batching) return r.notify(eventName)
        const q = queued.get(eventName) ?? new Set()
        for (let i = 0; i < eles.length; i++) q.add(eles[i]!)
        queued.set(eventName, q)
      },
      add(e: FakeEle) {
        const ele = asEle(e)
        all.push(ele)
        cy.notify('add', [ele])
        return ele
      },
      startBatch: () => void (batching = true),
      endBatch() {
        batching = false
        for (const [eventName, eles] of queued) r.notify(eventName, [...eles])
        queued.clear()
      },
    }
    return { cy, r, all }
  }

  const sortInSlices = (cy: unknown) =>
    sortDrawOrderInSlices(cy as Core, { sliceMs: 1, yieldTask: async () => undefined })

  function fillInABatch() {
    const core = fakeCore()
    installIncrementalZOrder(core.cy as unknown as Core)
    core.r.getCachedZSortedEles() // a frame drawn before: an empty order cached
    core.cy.startBatch()
    const eles = Array.from({ length: 300 }, (_, i) =>
      core.cy.add({ id: `n${i}`, zIndex: (i * 7919) % 13, index: i }),
    )
    // Their first style: a z-order notice each, queued like the adds.
    core.cy.notify('zorder', eles.slice(0, 200))
    return { ...core, eles }
  }

  /** The filled batch sorted in slices, ended and drawn once: the order cached, as after an opening. */
  async function drawnOnce() {
    const core = fillInABatch()
    await sortInSlices(core.cy)
    core.cy.endBatch()
    core.r.getCachedZSortedEles()
    return core
  }

  /** One element added in a batch of its own, then the order as the next frame reads it. */
  function addAndDraw(core: ReturnType<typeof fakeCore>, e: FakeEle) {
    core.cy.startBatch()
    const ele = core.cy.add(e)
    core.cy.endBatch()
    return { ele, order: core.r.getCachedZSortedEles() }
  }

  it('keeps the order sorted in slices when the batch ends with notices from before it', async () => {
    const { cy, r, all } = fillInABatch()
    const sorted = await sortInSlices(cy)
    const sortsBefore = r.fullSorts
    cy.endBatch()
    const order = r.getCachedZSortedEles()
    expect(order).toBe(sorted)
    expect(r.fullSorts).toBe(sortsBefore)
    expect(order.map((e) => e.id)).toEqual([...all].sort(byKey).map((e) => e.id))
  })

  it('re-places an element whose z-order changed after the sort, in the same batch', async () => {
    const { cy, r, all, eles } = fillInABatch()
    await sortInSlices(cy)
    const sortsBefore = r.fullSorts
    const moved = eles[5]!
    moved.zIndex = 99
    cy.notify('zorder', [moved]) // merged into the batch's earlier notice of it
    cy.endBatch()
    const order = r.getCachedZSortedEles()
    expect(order.at(-1)).toBe(moved)
    expect(order.map((e) => e.id)).toEqual([...all].sort(byKey).map((e) => e.id))
    expect(r.fullSorts).toBe(sortsBefore) // re-placed, not sorted afresh
  })

  it('keeps the keys it read: a later add reads only its own, a full sort forgets them', async () => {
    const { cy, r, all, eles } = await drawnOnce()
    /** Key reads, counted by their z-index read (one per key). */
    const reads = new Map<string, number>()
    const counted = (ele: Ele) => {
      const pstyle = ele.pstyle
      ele.pstyle = (name: string) => {
        if (name === 'z-index') reads.set(ele.id, (reads.get(ele.id) ?? 0) + 1)
        return pstyle(name)
      }
      return ele
    }
    all.forEach(counted)
    const addOne = (e: FakeEle) => {
      const ele = counted(asEle(e))
      cy.startBatch()
      all.push(ele)
      cy.notify('add', [ele])
      cy.endBatch()
      return r.getCachedZSortedEles()
    }
    // Placed by binary search among 300 kept keys: only its own is read.
    let order = addOne({ id: 'late', zIndex: 6, index: 300 })
    expect(order.map((e) => e.id)).toEqual([...all].sort(byKey).map((e) => e.id))
    expect([...reads]).toEqual([['late', 1]])
    // A remove: cytoscape sorts everything (and renumbers: an element takes the removed one's
    // place in its pool), so every key is read afresh after it.
    const gone = eles[10]!
    all.splice(all.indexOf(gone), 1)
    all.at(-1)!.index = gone.index
    r.notify('remove', [gone])
    r.getCachedZSortedEles()
    reads.clear()
    order = addOne({ id: 'after', zIndex: 6, index: 301 })
    expect(order.map((e) => e.id)).toEqual([...all].sort(byKey).map((e) => e.id))
    expect(reads.size).toBeGreaterThan(1)
  })

  it('re-places elements added after the sort', async () => {
    const { cy, r, all } = fillInABatch()
    await sortInSlices(cy)
    const late = cy.add({ id: 'late', zIndex: -1, index: 300 })
    cy.endBatch()
    const order = r.getCachedZSortedEles()
    expect(order[0]).toBe(late)
    expect(order.map((e) => e.id)).toEqual([...all].sort(byKey).map((e) => e.id))
  })

  it('splits off the drag layer without a pass over the order when nothing is dragged', async () => {
    const core = await drawnOnce()
    const { r, all } = core
    const splits = r.dragSplits
    const { order } = addAndDraw(core, { id: 'late', zIndex: 3, index: 300 })
    expect(r.dragSplits).toBe(splits)
    expect(order.drag).toEqual([])
    expect(order.nondrag!.map((e) => e.id)).toEqual([...all].sort(byKey).map((e) => e.id))
  })

  it('leaves the split to cytoscape while an element is held, or a re-placed one is', async () => {
    const core = await drawnOnce()
    const { r, eles } = core
    // A new element held as it comes (a re-placed element in the drag layer).
    let splits = r.dragSplits
    const { ele: held, order: first } = addAndDraw(core, {
      id: 'held',
      zIndex: 3,
      index: 300,
      held: true,
    })
    expect(r.dragSplits).toBe(splits + 1)
    expect(first.drag).toEqual([held])
    expect(first.nondrag).not.toContain(held)
    // Something held from before: the cached order's drag layer is not empty.
    splits = r.dragSplits
    const { order } = addAndDraw(core, { id: 'later', zIndex: 1, index: 301 })
    expect(r.dragSplits).toBe(splits + 1)
    expect(order.drag).toEqual([held])
    expect(order.nondrag).toHaveLength(eles.length + 1)
  })
})
