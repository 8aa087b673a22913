/**
 * Bounded concurrency for connectors: how many requests of one crawl or one lookup step go to a
 * server at once (the registry crawl's HTTP requests, a Kafka step's partitions).
 */

/**
 * Runs `fn` over `items` with at most `limit` in flight, results in input order. Stops starting
 * new work once the signal fires; the first rejection rejects the whole (callers that want to
 * keep going catch inside `fn`).
 */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
  signal?: AbortSignal,
): Promise<R[]> {
  const out = new Array<R>(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      if (signal?.aborted) return
      const i = next++
      out[i] = await fn(items[i]!, i)
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker))
  return out
}

/**
 * A counting semaphore: `await gate(signal)` resolves a release function once a slot is free, or
 * undefined when the signal fires first (the waiter leaves the queue).
 */
export function createLimiter(
  limit: number,
): (signal?: AbortSignal) => Promise<(() => void) | undefined> {
  let active = 0
  const waiting: Array<() => void> = []
  const release = () => {
    active--
    waiting.shift()?.()
  }
  return (signal) =>
    new Promise((resolve) => {
      const start = () => {
        signal?.removeEventListener('abort', onAbort)
        active++
        let released = false
        resolve(() => {
          if (released) return
          released = true
          release()
        })
      }
      const onAbort = () => {
        const i = waiting.indexOf(start)
        if (i >= 0) waiting.splice(i, 1)
        resolve(undefined)
      }
      if (signal?.aborted) return resolve(undefined)
      if (active < Math.max(1, limit)) return start()
      waiting.push(start)
      signal?.addEventListener('abort', onAbort, { once: true })
    })
}
