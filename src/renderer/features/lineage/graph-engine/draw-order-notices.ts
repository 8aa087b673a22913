/**
 * Which of cytoscape's 'add' and 'zorder' notices the cached draw order already accounts for
 * (incremental-zorder.ts).
 *
 * cytoscape queues the notices it gives its renderer while a batch is open and hands them over
 * when the batch ends. The overview's first frame is prepared inside such a batch
 * (first-draw.ts): the draw order is sorted there, in slices, and then the batch's end notified
 * the renderer of the add of all 15,000 elements and of the z-order of 5,000 nodes (their first
 * style), all from before that sort. Taken at their word, those notices re-sorted every element
 * in the first frame (bench/graph: 20-32 ms of a 50-60 ms task, issue 6's opening target).
 *
 * So each notice is numbered when cytoscape's core hears it, batched or not, and a full sort
 * records the number it started at: it read every element's key after the notices numbered
 * below it, so those need no re-placing when they arrive.
 */
export class DrawOrderNotices {
  private last = 0
  /** Notices numbered below this are accounted for by the cached order's full sort. */
  private sortedFrom = 0
  private readonly numbered = new WeakMap<object, number>()

  /** cytoscape's core was told of an add or a z-order change of these elements. */
  heard(eles: ArrayLike<object>): void {
    const n = ++this.last
    for (let i = 0; i < eles.length; i++) this.numbered.set(eles[i]!, n)
  }

  /** A full sort starts reading keys: returns its number, for `fullSortCached`. */
  fullSortStarts(): number {
    return ++this.last
  }

  /** The order of the full sort numbered `n` is now the renderer's cached one. */
  fullSortCached(n: number): void {
    this.sortedFrom = n
  }

  /**
   * Whether the cached order already has `ele` where its key puts it: its latest notice came
   * before the cached order's full sort started. An element never noticed is not.
   */
  accountedFor(ele: object): boolean {
    const n = this.numbered.get(ele)
    return n !== undefined && n < this.sortedFrom
  }
}
