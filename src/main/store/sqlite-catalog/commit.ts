import type Database from 'better-sqlite3'
import type { CatalogAsset } from '../../../shared/model/catalog'
import { driftHash, searchHash, type HashedAsset } from './canonical'
import { SearchIndex } from './search-index'

type Db = Database.Database

/** The escape-free bounds of "starts with `prefix`": [prefix, prefix + U+10FFFF). */
function childRange(urn: string, separator: '/' | '#'): [string, string] {
  return [`${urn}${separator}`, `${urn}${separator}\u{10FFFF}`]
}

interface SnapshotRow {
  body_id: number
  urn: string
  parent: string | null
  kind: string
  name: string
  field_count: number
  search_hash: Buffer
}

/**
 * Writes crawl snapshots and swaps a source's current catalogue. Every method runs inside the
 * caller's transaction (SqliteCatalogRepository.finishCrawl), so a commit is all or nothing.
 */
export class SnapshotWriter {
  private readonly findUrn
  private readonly insertUrn
  private readonly findBody
  private readonly insertBody
  private readonly insertCrawlAsset
  private readonly carried
  private readonly snapshot
  private readonly body
  private readonly currentHashes
  private readonly deleteCurrent
  private readonly insertCurrent
  private readonly setCurrent
  private readonly search: SearchIndex

  constructor(db: Db) {
    this.findUrn = db.prepare('SELECT id FROM urns WHERE urn = ?').pluck()
    this.insertUrn = db.prepare('INSERT INTO urns (urn) VALUES (?)')
    this.findBody = db.prepare('SELECT id FROM asset_bodies WHERE hash = ?').pluck()
    this.insertBody = db.prepare(`INSERT INTO asset_bodies
      (hash, drift, urn_id, parent, kind, name, field_count, search_hash, body)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    this.insertCrawlAsset = db.prepare(
      'INSERT OR IGNORE INTO crawl_assets (crawl, urn_id, body_id) VALUES (?, ?, ?)',
    )
    // Assets of a crawl at or under a URN: the URN itself, `<urn>/...` (children) and
    // `<urn>#...` (fields); `.../crm2` is not under `.../crm`.
    this.carried = db.prepare(`SELECT ca.urn_id, ca.body_id
      FROM crawl_assets ca JOIN urns u ON u.id = ca.urn_id
      WHERE ca.crawl = ? AND (u.urn = ? OR (u.urn >= ? AND u.urn < ?) OR (u.urn >= ? AND u.urn < ?))`)
    this.snapshot = db.prepare(`SELECT b.id AS body_id, u.urn, b.parent, b.kind, b.name,
        b.field_count, b.search_hash
      FROM crawl_assets ca JOIN asset_bodies b ON b.id = ca.body_id JOIN urns u ON u.id = ca.urn_id
      WHERE ca.crawl = ? ORDER BY u.urn`)
    this.body = db.prepare('SELECT body FROM asset_bodies WHERE id = ?').pluck()
    this.currentHashes = db.prepare('SELECT urn, search_hash FROM current_assets WHERE source = ?')
    this.deleteCurrent = db.prepare('DELETE FROM current_assets WHERE source = ?')
    this.insertCurrent = db.prepare(`INSERT INTO current_assets
      (urn, source, platform, parent, kind, name, field_count, child_count, body_id, search_hash)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    this.setCurrent = db.prepare(`INSERT INTO catalog_current (source, crawl) VALUES (?, ?)
      ON CONFLICT (source) DO UPDATE SET crawl = excluded.crawl`)
    this.search = new SearchIndex(db)
  }

  private urnId(urn: string): number {
    const id = this.findUrn.get(urn) as number | undefined
    return id ?? Number(this.insertUrn.run(urn).lastInsertRowid)
  }

  private bodyId(item: HashedAsset, urnId: number): number {
    const id = this.findBody.get(item.hash) as number | undefined
    if (id !== undefined) return id
    const a = item.asset
    return Number(
      this.insertBody.run(
        item.hash,
        driftHash(a),
        urnId,
        a.parent ?? null,
        a.kind,
        a.name,
        a.fields.length,
        searchHash(a),
        item.body,
      ).lastInsertRowid,
    )
  }

  /**
   * Stores a crawl's gathered assets as its snapshot (bodies deduplicated by hash). The first of
   * two assets with one URN wins. Returns the body ids written, for reuse of the parsed assets.
   */
  writeSnapshot(crawl: number, items: readonly HashedAsset[]): Map<number, CatalogAsset> {
    const written = new Map<number, CatalogAsset>()
    for (const item of items) {
      const urnId = this.urnId(item.asset.urn)
      const bodyId = this.bodyId(item, urnId)
      if (this.insertCrawlAsset.run(crawl, urnId, bodyId).changes > 0) {
        written.set(bodyId, item.asset)
      }
    }
    return written
  }

  /** Copies the previous crawl's assets at or under each URN that this crawl lacks. */
  carryForward(from: number, to: number, urns: readonly string[]): void {
    for (const urn of urns) {
      const [childFrom, childTo] = childRange(urn, '/')
      const [fieldFrom, fieldTo] = childRange(urn, '#')
      const rows = this.carried.all(from, urn, childFrom, childTo, fieldFrom, fieldTo) as Array<{
        urn_id: number
        body_id: number
      }>
      for (const row of rows) this.insertCrawlAsset.run(to, row.urn_id, row.body_id)
    }
  }

  /**
   * Makes `crawl` the source's current catalogue: the denormalised tree rows are rebuilt from
   * its snapshot, and the search rows of assets whose searchable text changed are replaced.
   * `known` holds assets already parsed (by body id); others are parsed only when needed.
   */
  makeCurrent(
    source: string,
    platform: string,
    crawl: number,
    known: ReadonlyMap<number, CatalogAsset>,
  ): { assets: number; fields: number } {
    this.setCurrent.run(source, crawl)
    const before = new Map(
      (this.currentHashes.all(source) as Array<{ urn: string; search_hash: Buffer }>).map((r) => [
        r.urn,
        r.search_hash,
      ]),
    )
    this.deleteCurrent.run(source)
    const rows = this.snapshot.all(crawl) as SnapshotRow[]
    const children = new Map<string, number>()
    for (const row of rows) {
      if (row.parent !== null) children.set(row.parent, (children.get(row.parent) ?? 0) + 1)
    }
    let fields = 0
    const changed: CatalogAsset[] = []
    const added = new Set<string>()
    for (const row of rows) {
      fields += row.field_count
      this.insertCurrent.run(
        row.urn,
        source,
        platform,
        row.parent,
        row.kind,
        row.name,
        row.field_count,
        children.get(row.urn) ?? 0,
        row.body_id,
        row.search_hash,
      )
      const old = before.get(row.urn)
      before.delete(row.urn)
      if (old === undefined) added.add(row.urn)
      if (old === undefined || !old.equals(row.search_hash)) {
        changed.push(
          known.get(row.body_id) ??
            (JSON.parse(this.body.get(row.body_id) as string) as CatalogAsset),
        )
      }
    }
    // What is left in `before` is no longer in the catalogue.
    this.search.replace(source, platform, [...before.keys()], changed, added)
    return { assets: rows.length, fields }
  }
}
