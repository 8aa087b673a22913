/**
 * Raw sampled values, by field URN, from the last crawl of each source. In memory only (DESIGN.md
 * §3): never stored, never logged, never sent anywhere but an audited reveal or export. Bounded:
 * when the total passes the cap, the sources put longest ago are forgotten first.
 */

export type SampleValue = string | number | boolean | null

export interface CachedSamples {
  values: SampleValue[]
  sampledAt: string
}

interface SourceSamples {
  sampledAt: string
  fields: Map<string, SampleValue[]>
  size: number
}

export const DEFAULT_SAMPLE_CACHE_CAP = 500_000

/** Scalars as the API returns them; anything else as its JSON text. */
function toSampleValue(value: unknown): SampleValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value)
  if (typeof value === 'bigint') return value.toString()
  if (value instanceof Date) return value.toISOString()
  return JSON.stringify(value) ?? String(value)
}

/** The asset URN of a field URN: everything before `#`. */
export function assetUrnOf(fieldUrn: string): string {
  const hash = fieldUrn.indexOf('#')
  return hash < 0 ? fieldUrn : fieldUrn.slice(0, hash)
}

export class SampleCache {
  private readonly sources = new Map<string, SourceSamples>()
  private total = 0

  constructor(private readonly cap = DEFAULT_SAMPLE_CACHE_CAP) {}

  /** Replaces the source's samples with those of its latest crawl; evicts the oldest sources. */
  put(source: string, samples: Record<string, readonly unknown[]>, sampledAt: string): void {
    this.forget(source)
    const fields = new Map<string, SampleValue[]>()
    let size = 0
    for (const [urn, values] of Object.entries(samples)) {
      // One source larger than the whole cap keeps only what fits.
      const room = this.cap - size
      if (room <= 0) break
      const kept = values
        .slice(0, room)
        .filter((v) => v !== undefined)
        .map(toSampleValue)
      fields.set(urn, kept)
      size += kept.length
    }
    this.sources.set(source, { sampledAt, fields, size })
    this.total += size
    for (const [name, entry] of this.sources) {
      if (this.total <= this.cap) break
      if (name === source) continue
      this.sources.delete(name)
      this.total -= entry.size
    }
  }

  forget(source: string): void {
    const entry = this.sources.get(source)
    if (!entry) return
    this.sources.delete(source)
    this.total -= entry.size
  }

  get(fieldUrn: string): CachedSamples | undefined {
    for (const entry of this.sources.values()) {
      const values = entry.fields.get(fieldUrn)
      if (values) return { values: [...values], sampledAt: entry.sampledAt }
    }
    return undefined
  }

  /** Whether any field of the asset has samples in memory. */
  hasAsset(assetUrn: string): boolean {
    for (const entry of this.sources.values())
      for (const urn of entry.fields.keys()) if (assetUrnOf(urn) === assetUrn) return true
    return false
  }

  /** Values held, over every source. */
  get size(): number {
    return this.total
  }

  clear(): void {
    this.sources.clear()
    this.total = 0
  }
}
