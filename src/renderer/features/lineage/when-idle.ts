/** Time an idle step leaves to the browser at the end of an idle period (its frame's work). */
const MARGIN_MS = 4

/**
 * Runs `step` in the browser's idle periods until it says it is done: `step(more)` works while
 * `more()` is true (time is left in the period) and returns true when there is nothing left.
 * Returns a cancel function. requestIdleCallback never runs during a frame's work or input
 * handling; where it is missing, a timeout with an 8 ms budget stands in.
 */
export function whenIdle(step: (more: () => boolean) => boolean): () => void {
  let cancelled = false
  let cancel = () => {}
  const schedule = () => {
    if (typeof requestIdleCallback === 'function') {
      const handle = requestIdleCallback((deadline) =>
        run(() => deadline.timeRemaining() > MARGIN_MS),
      )
      cancel = () => cancelIdleCallback(handle)
    } else {
      const handle = setTimeout(() => {
        const end = performance.now() + 8
        run(() => performance.now() < end)
      }, 50)
      cancel = () => clearTimeout(handle)
    }
  }
  const run = (more: () => boolean) => {
    if (cancelled) return
    if (!step(more)) schedule()
  }
  schedule()
  return () => {
    cancelled = true
    cancel()
  }
}
