import type { LookupResult } from '../../shared/model/lookup'
import type { RecognisedIdentifier } from './identifiers/identifier-kinds'
import type { RawRecord } from './lookup-inputs'

/** One finished (or running) lookup as main keeps it: the only place raw values live. */
export interface KeptLookup {
  lookupId: string
  identifier: RecognisedIdentifier
  reason: string
  /** Undefined while the lookup runs. */
  result?: LookupResult
  raw: Map<string, RawRecord>
}

/**
 * The last N lookups of this process, raw values included, in memory only (DESIGN.md §3): they
 * leave it only through an audited reveal or export, and are dropped when N is passed or the
 * host closes. Never persisted, never logged.
 */
export class LookupMemory {
  private readonly kept = new Map<string, KeptLookup>()

  constructor(private readonly capacity = 20) {}

  put(lookup: KeptLookup): void {
    this.kept.delete(lookup.lookupId)
    this.kept.set(lookup.lookupId, lookup)
    while (this.kept.size > this.capacity) {
      const oldest = this.kept.keys().next().value as string
      this.kept.get(oldest)?.raw.clear()
      this.kept.delete(oldest)
    }
  }

  get(lookupId: string): KeptLookup | undefined {
    return this.kept.get(lookupId)
  }

  get size(): number {
    return this.kept.size
  }

  clear(): void {
    for (const lookup of this.kept.values()) lookup.raw.clear()
    this.kept.clear()
  }
}
