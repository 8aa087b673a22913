/**
 * Promises that give up as soon as a signal aborts: the Kafka client's requests take no signal,
 * so the crawl, the lookup and the lookup index wrap them with this one helper.
 */
export type Abortable = <T>(p: Promise<T>) => Promise<T>

/** Wraps promises so that aborting `signal` rejects them with `cancelled()` at once. */
export function abortableBy(signal: AbortSignal | undefined, cancelled: () => Error): Abortable {
  return <T>(p: Promise<T>): Promise<T> => {
    if (!signal) return p
    if (signal.aborted) {
      p.catch(() => {})
      return Promise.reject(cancelled())
    }
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(cancelled())
      signal.addEventListener('abort', onAbort, { once: true })
      p.then(
        (v) => {
          signal.removeEventListener('abort', onAbort)
          resolve(v)
        },
        (e: unknown) => {
          signal.removeEventListener('abort', onAbort)
          reject(e)
        },
      )
    })
  }
}
