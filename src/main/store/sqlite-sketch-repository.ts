import type Database from 'better-sqlite3'
import type { FieldSketch, SketchRepository } from './sketch-repository'

interface SketchRow {
  source: string
  field_urn: string
  asset_urn: string
  variant: string
  hashes: Buffer
  distinct_count: number
  sampled: number
  population: number | null
  records_sampled: number | null
  id_prefix: string | null
  id_width: number | null
}

/** Hashes are below 2^53, so a Float64Array holds them exactly: 8 bytes each, no text. */
function packHashes(hashes: readonly number[]): Buffer {
  const array = Float64Array.from(hashes)
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength)
}

function unpackHashes(blob: Buffer): number[] {
  const copy = new Uint8Array(blob.byteLength)
  copy.set(blob)
  return Array.from(new Float64Array(copy.buffer))
}

/** The sketch table of the SQLite store (migration 3). */
export class SqliteSketchRepository implements SketchRepository {
  constructor(private readonly db: Database.Database) {}

  async replaceSource(source: string, sketches: readonly FieldSketch[]): Promise<void> {
    const remove = this.db.prepare('DELETE FROM field_sketches WHERE source = ?')
    const insert = this.db.prepare(`INSERT INTO field_sketches
      (source, field_urn, asset_urn, variant, hashes, distinct_count, sampled, population,
       records_sampled, id_prefix, id_width)
      VALUES (@source, @fieldUrn, @assetUrn, @variant, @hashes, @distinct, @sampled, @population,
       @recordsSampled, @idPrefix, @idWidth)`)
    this.db
      .transaction(() => {
        remove.run(source)
        for (const s of sketches)
          insert.run({
            source,
            fieldUrn: s.fieldUrn,
            assetUrn: s.assetUrn,
            variant: s.variant,
            hashes: packHashes(s.hashes),
            distinct: s.distinct,
            sampled: s.sampled,
            population: s.population ?? null,
            recordsSampled: s.recordsSampled ?? null,
            idPrefix: s.idFormat?.prefix ?? null,
            idWidth: s.idFormat?.width ?? null,
          })
      })
      .immediate()
  }

  async all(): Promise<FieldSketch[]> {
    const rows = this.db
      .prepare('SELECT * FROM field_sketches ORDER BY source, field_urn, variant')
      .all() as SketchRow[]
    return rows.map((r) => {
      const sketch: FieldSketch = {
        fieldUrn: r.field_urn,
        assetUrn: r.asset_urn,
        source: r.source,
        variant: r.variant,
        hashes: unpackHashes(r.hashes),
        distinct: r.distinct_count,
        sampled: r.sampled,
      }
      if (r.population !== null) sketch.population = r.population
      if (r.records_sampled !== null) sketch.recordsSampled = r.records_sampled
      if (r.id_prefix !== null && r.id_width !== null)
        sketch.idFormat = { prefix: r.id_prefix, width: r.id_width }
      return sketch
    })
  }

  async removeSource(source: string): Promise<void> {
    this.db.prepare('DELETE FROM field_sketches WHERE source = ?').run(source)
  }
}
