/**
 * One value per state: `build(state)` runs again only when `getState()` answers a different
 * state (compared by identity: the lineage service hands out a new object per catalogue change),
 * and a build that fails is forgotten, so the next call tries again instead of repeating the
 * failure until the catalogue changes. Concurrent callers of one state share one build.
 */
export function memoByState<S, T>(
  getState: () => Promise<S>,
  build: (state: S) => T | Promise<T>,
): () => Promise<T> {
  let cached: { state: S; value: Promise<T> } | undefined
  return async () => {
    const state = await getState()
    if (!cached || cached.state !== state) {
      const value = Promise.resolve().then(() => build(state))
      cached = { state, value }
      value.catch(() => {
        if (cached?.value === value) cached = undefined
      })
    }
    return cached.value
  }
}
