import type { Connector } from '../../connectors/connector'

/**
 * Connectors kept across lookups (issue 7, speed): a lookup used to open every source's connector
 * and close it at the end, so each lookup paid a new PostgreSQL connection (TLS, auth), a new
 * MongoDB client and a Kafka metadata round, and re-read each table's columns. A lookup now
 * takes a connector from its source's pool and gives it back; the next lookup reuses it, with
 * its connections and the table details it read.
 *
 * A pooled connector is only reused while it is still right for the source:
 * - the source's version (`version`: its sources.yaml entry and secrets as resolved) is the same;
 *   a changed source's idle connectors are closed when next asked for, or when they idle out;
 * - the catalogue is the same (`generation`, the lineage snapshot the lookup planned from): a
 *   recrawl may have changed a table, and connectors cache table details;
 * - the lookup that used it went well: one that failed, was cancelled, or found the source down
 *   or timing out closes its connector instead (the connection may be half-used or dead).
 * Each lookup holds its own connectors (never shared by two lookups at once), so one lookup's
 * cancellation cannot end another's statement. Idle connectors close after `idleMs`; `close()`
 * (source change, app stop) closes all.
 */

export interface ConnectorPoolDeps {
  open: (source: string) => Promise<Connector>
  /** A string that changes when the source's definition or secrets change; none: never. */
  version?: (source: string) => Promise<string>
  /** Idle connectors close after this long; default 5 minutes. */
  idleMs?: number
  /** Idle connectors kept per source (one per concurrent lookup); default 2. */
  maxIdle?: number
}

/** A connector taken from the pool for one lookup; `release` gives it back or closes it. */
export interface ConnectorLease {
  connector: Connector
  /** `reuse: false` closes it (the source failed, the lookup was cancelled). */
  release(reuse: boolean): Promise<void>
}

interface Idle {
  connector: Connector
  version: string
  generation: unknown
  timer: ReturnType<typeof setTimeout>
}

export class ConnectorPool {
  private readonly idle = new Map<string, Idle[]>()
  private closed = false

  constructor(private readonly deps: ConnectorPoolDeps) {}

  /** An idle connector of `source` still right for it, or a new one. */
  async acquire(source: string, generation?: unknown): Promise<ConnectorLease> {
    const version = (await this.deps.version?.(source)) ?? ''
    const list = this.idle.get(source) ?? []
    let kept: Idle | undefined
    for (const entry of [...list]) {
      if (entry.version === version && entry.generation === generation && !kept) {
        kept = entry
        continue
      }
      // The source or the catalogue changed since it was pooled: it is not reused.
      this.drop(source, entry)
      void entry.connector.close().catch(() => undefined)
    }
    if (kept) this.drop(source, kept)
    const connector = kept?.connector ?? (await this.deps.open(source))
    let released = false
    return {
      connector,
      release: async (reuse) => {
        if (released) return
        released = true
        if (!reuse || this.closed) return connector.close().catch(() => undefined)
        this.park(source, { connector, version, generation })
      },
    }
  }

  /** Idle connectors per source (tests and status). */
  idleCount(source: string): number {
    return this.idle.get(source)?.length ?? 0
  }

  /** Closes every idle connector of `source` (its definition changed). */
  async closeSource(source: string): Promise<void> {
    const list = [...(this.idle.get(source) ?? [])]
    for (const entry of list) this.drop(source, entry)
    await Promise.all(list.map((e) => e.connector.close().catch(() => undefined)))
  }

  /** Closes every idle connector; connectors still leased close when released. */
  async close(): Promise<void> {
    this.closed = true
    await Promise.all([...this.idle.keys()].map((s) => this.closeSource(s)))
  }

  private park(source: string, entry: Omit<Idle, 'timer'>): void {
    const list = this.idle.get(source) ?? []
    const idle: Idle = {
      ...entry,
      timer: setTimeout(() => {
        this.drop(source, idle)
        void idle.connector.close().catch(() => undefined)
      }, this.deps.idleMs ?? 300_000),
    }
    // An idle connector must not keep a CLI process alive.
    idle.timer.unref?.()
    list.push(idle)
    this.idle.set(source, list)
    const max = this.deps.maxIdle ?? 2
    while (list.length > max) {
      const oldest = list[0]!
      this.drop(source, oldest)
      void oldest.connector.close().catch(() => undefined)
    }
  }

  private drop(source: string, entry: Idle): void {
    clearTimeout(entry.timer)
    const list = this.idle.get(source)
    const i = list?.indexOf(entry) ?? -1
    if (list && i >= 0) list.splice(i, 1)
    if (list && list.length === 0) this.idle.delete(source)
  }
}
