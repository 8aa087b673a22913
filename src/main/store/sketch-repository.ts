/**
 * Sketches of sampled values (issue 6 item 4, DESIGN.md §3): what the store keeps so that lineage
 * can be inferred after the raw samples are gone. A sketch holds numbers only — keyed hashes
 * (HMAC-SHA-256 with the workspace key) of normalised values, bottom-k — plus counts and, for id
 * variants, the id's format (prefix letters and width). Never a value.
 */
export interface FieldSketch {
  /** The field's URN. */
  fieldUrn: string
  /** The owning asset's URN. */
  assetUrn: string
  source: string
  /** The normalisation the values went through: `as-is`, `trim-lower`, `e164-gb`, `id-core`... */
  variant: string
  /** The k smallest keyed hashes (52-bit integers), ascending, of the distinct normalised values. */
  hashes: number[]
  /** Distinct normalised values in the sample (exact: counted before the sketch is cut to k). */
  distinct: number
  /** Non-null values sampled. */
  sampled: number
  /** Records the asset holds (rows, messages, documents) as the crawl counted them, if known. */
  population?: number
  /** Records sampled from the asset, if known: with `population`, the sampling fraction. */
  recordsSampled?: number
  /** The id format for `id-core` (`C00000042` -> prefix C, width 8). */
  idFormat?: { prefix: string; width: number }
}

export interface SketchRepository {
  /** Replaces every sketch of the source with these, atomically (one committed crawl's worth). */
  replaceSource(source: string, sketches: readonly FieldSketch[]): Promise<void>
  /** Every sketch of every source. */
  all(): Promise<FieldSketch[]>
  /** Drops the source's sketches (the source was removed). */
  removeSource(source: string): Promise<void>
}
