/** Small async helpers of the MongoDB crawl's scheduling (crawl-mongodb.ts). */

/** Items pushed in any order, taken in the order they were pushed. */
export function readyQueue<T>(): { push: (item: T) => void; next: () => Promise<T> } {
  const items: T[] = []
  let wake: (() => void) | undefined
  return {
    push(item) {
      items.push(item)
      wake?.()
    },
    async next() {
      while (items.length === 0) await new Promise<void>((resolve) => (wake = resolve))
      wake = undefined
      return items.shift()!
    },
  }
}

/** Waits for every promise to settle, or `ms`, whichever comes first. */
export async function settleWithin(promises: Array<Promise<unknown>>, ms: number): Promise<void> {
  if (promises.length === 0) return
  let timer: NodeJS.Timeout | undefined
  await Promise.race([
    Promise.allSettled(promises),
    new Promise<void>((resolve) => (timer = setTimeout(resolve, ms))),
  ])
  clearTimeout(timer)
}

/** A tiny counting semaphore: at most `n` tasks run at once. */
export function limiter(n: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0
  const queue: Array<() => void> = []
  const next = () => {
    running--
    queue.shift()?.()
  }
  return <T>(task: () => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      const run = () => {
        running++
        task().then(resolve, reject).finally(next)
      }
      if (running < n) run()
      else queue.push(run)
    })
}
