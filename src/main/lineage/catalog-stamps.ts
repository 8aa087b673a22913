import { readdirSync, statSync, watch, type FSWatcher } from 'node:fs'
import path from 'node:path'
import { catalogWrites } from '../workspace/catalog-yaml'

/** mtime and size of every file under `dir` (recursively), for the lineage cache key. */
export function fileStamps(dir: string, out: string[] = []): string[] {
  let entries: string[]
  try {
    entries = readdirSync(dir).sort()
  } catch {
    return out
  }
  for (const name of entries) {
    const file = path.join(dir, name)
    try {
      const s = statSync(file)
      if (s.isDirectory()) fileStamps(file, out)
      else out.push(`${file}:${s.mtimeMs}:${s.size}`)
    } catch {
      // Removed between the listing and the stat: the next call sees the new state.
    }
  }
  return out
}

/**
 * The catalog/ folder's file stamps. A caller that accepts a listing up to `maxAgeMs` old gets
 * the last one unless something may have changed: a write through this process (saveCatalogYaml
 * counts them) or a change the folder's watcher saw. The age bound is the backstop where
 * watching fails or misses (NFS, a folder created later) and for an edit made an instant ago
 * whose event has not been delivered yet. A lookup asks for the lineage state several times
 * (its context, each index probe's fields); listing and stat-ing every file each time cost
 * ~3 ms of a lookup. Callers that must see every edit at once (the lineage API) pass 0.
 */
export class CatalogStamps {
  private listed: { stamps: string[]; at: number; writes: number } | undefined
  private watcher: FSWatcher | undefined
  private watching = false

  constructor(
    private readonly dir: string,
    private readonly now: () => number = () => performance.now(),
  ) {}

  current(maxAgeMs = 0): string[] {
    this.watch()
    const kept = this.listed
    if (kept && kept.writes === catalogWrites() && this.now() - kept.at < maxAgeMs)
      return kept.stamps
    // Counted before listing: a write landing during the listing is listed again next time.
    const writes = catalogWrites()
    const stamps = fileStamps(this.dir)
    this.listed = { stamps, at: this.now(), writes }
    return stamps
  }

  /** Forget the listing (this process wrote within one mtime tick, or is told so). */
  forget(): void {
    this.listed = undefined
  }

  close(): void {
    this.watcher?.close()
    this.watcher = undefined
  }

  private watch(): void {
    if (this.watching) return
    this.watching = true
    try {
      this.watcher = watch(this.dir, { recursive: true, persistent: false }, () => this.forget())
      this.watcher.on('error', () => {
        // Watching stopped (the folder went away): the age bound alone keeps the listing honest.
        this.close()
        this.forget()
      })
    } catch {
      // No such folder yet, or no recursive watching here: the age bound is the backstop.
    }
  }
}
