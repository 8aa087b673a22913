import type Database from 'better-sqlite3'
import { ApiError } from '../../../shared/api/errors'
import {
  CONTAINER_KINDS,
  type AssetChange,
  type AssetKind,
  type CatalogAsset,
  type CatalogDiff,
  type CatalogSearchHit,
  type CatalogTreeNode,
  type CrawlSummary,
} from '../../../shared/model/catalog'
import type { SourceKind } from '../../../shared/model/sources'
import type { CatalogRepository, CrawlOutcome } from '../catalog-repository'
import { hashAsset } from './canonical'
import { SnapshotWriter } from './commit'
import { compareAssets } from './compare-assets'
import { CRAWL_SELECT, crawlIdOf, crawlNumber, rowToCrawl, type CrawlRow } from './crawl-rows'
import { SearchIndex, type SearchQuery } from './search-index'

type Db = Database.Database

/** Assets read per query while streaming the current catalogue. */
const PAGE = 500

interface DriftRow {
  urn: string
  body_id: number
  drift: Buffer
  kind: string
}

/**
 * CatalogRepository on SQLite (DESIGN.md §6). History is every crawl's snapshot as rows of
 * (crawl, urn, body) with bodies deduplicated by content hash; the current catalogue is one
 * crawl per source plus denormalised tree and search rows rebuilt in the commit's transaction.
 */
export class SqliteCatalogRepository implements CatalogRepository {
  private readonly writer: SnapshotWriter
  private readonly index: SearchIndex
  private readonly s

  constructor(private readonly db: Db) {
    this.writer = new SnapshotWriter(db)
    this.index = new SearchIndex(db)
    this.s = {
      begin: db.prepare(
        "INSERT INTO crawls (source, platform, status, started_at) VALUES (?, ?, 'running', ?)",
      ),
      crawl: db.prepare(`${CRAWL_SELECT} WHERE c.n = ?`),
      current: db.prepare(
        `${CRAWL_SELECT} WHERE c.n = (SELECT crawl FROM catalog_current WHERE source = ?)`,
      ),
      currentNumber: db.prepare('SELECT crawl FROM catalog_current WHERE source = ?').pluck(),
      finish: db.prepare(`UPDATE crawls SET status = ?, ended_at = ?, assets = ?, fields = ?,
        statements = ?, duration_ms = ?, error = ?, part_errors = ? WHERE n = ?`),
      listAll: db.prepare(`${CRAWL_SELECT} ORDER BY c.started_at DESC, c.n DESC LIMIT ?`),
      listSource: db.prepare(
        `${CRAWL_SELECT} WHERE c.source = ? ORDER BY c.started_at DESC, c.n DESC LIMIT ?`,
      ),
      children: db.prepare(`SELECT urn, kind, name, source, platform, child_count, field_count
        FROM current_assets WHERE source = ? AND parent IS ? ORDER BY name COLLATE NOCASE, name`),
      currentBody: db.prepare(`SELECT b.body, cc.crawl FROM current_assets a
        JOIN catalog_current cc ON cc.source = a.source JOIN asset_bodies b ON b.id = a.body_id
        WHERE a.urn = ?`),
      crawlBody: db
        .prepare(
          `SELECT b.body FROM crawl_assets ca JOIN asset_bodies b ON b.id = ca.body_id
          WHERE ca.crawl = ? AND ca.urn_id = (SELECT id FROM urns WHERE urn = ?)`,
        )
        .pluck(),
      body: db.prepare('SELECT body FROM asset_bodies WHERE id = ?').pluck(),
      drift: db.prepare(`SELECT u.urn, b.id AS body_id, b.drift, b.kind FROM crawl_assets ca
        JOIN asset_bodies b ON b.id = ca.body_id JOIN urns u ON u.id = ca.urn_id
        WHERE ca.crawl = ?`),
      page: db
        .prepare(
          `SELECT b.body FROM crawl_assets ca JOIN urns u ON u.id = ca.urn_id
          JOIN asset_bodies b ON b.id = ca.body_id
          WHERE ca.crawl = ? AND u.urn > ? ORDER BY u.urn LIMIT ?`,
        )
        .pluck(),
      sources: db.prepare('SELECT source, crawl FROM catalog_current ORDER BY source'),
    }
  }

  async beginCrawl(crawl: {
    source: string
    platform: SourceKind
    startedAt: string
  }): Promise<string> {
    return String(this.s.begin.run(crawl.source, crawl.platform, crawl.startedAt).lastInsertRowid)
  }

  private crawlRow(id: string): CrawlRow | undefined {
    const n = crawlNumber(id)
    return n === undefined ? undefined : (this.s.crawl.get(n) as CrawlRow | undefined)
  }

  private requireCrawl(id: string): CrawlRow {
    const row = this.crawlRow(id)
    if (row === undefined) throw new ApiError('not-found', `There is no crawl ${id}.`)
    return row
  }

  async finishCrawl(id: string, outcome: CrawlOutcome): Promise<CrawlSummary> {
    const crawl = this.requireCrawl(id)
    if (crawl.status !== 'running') {
      throw new ApiError('conflict', `Crawl ${id} has already ended (${crawl.status}).`)
    }
    // The dedup hash is pure CPU, computed before the write lock is taken; the drift and search
    // hashes are computed inside it, and only for bodies new to the store.
    const items = outcome.assets.map(hashAsset)
    const commits = outcome.status === 'succeeded' || outcome.status === 'partial'
    const duration = Date.parse(outcome.endedAt) - Date.parse(crawl.started_at)
    const run = this.db.transaction(() => {
      // Checked again under the write lock: another process may have ended it meanwhile.
      if ((this.s.crawl.get(crawl.n) as CrawlRow).status !== 'running') {
        throw new ApiError('conflict', `Crawl ${id} has already ended.`)
      }
      const known = this.writer.writeSnapshot(crawl.n, items)
      let totals = { assets: known.size, fields: 0 }
      for (const asset of known.values()) totals.fields += asset.fields.length
      if (commits) {
        const previous = this.s.currentNumber.get(crawl.source) as number | undefined
        if (outcome.status === 'partial' && previous !== undefined && outcome.carryForward) {
          this.writer.carryForward(previous, crawl.n, outcome.carryForward)
        }
        totals = this.writer.makeCurrent(crawl.source, crawl.platform, crawl.n, known)
      }
      this.s.finish.run(
        outcome.status,
        outcome.endedAt,
        totals.assets,
        totals.fields,
        outcome.statements ?? null,
        Number.isFinite(duration) ? Math.max(0, duration) : null,
        outcome.error === undefined ? null : JSON.stringify(outcome.error),
        outcome.partErrors === undefined ? null : JSON.stringify(outcome.partErrors),
        crawl.n,
      )
    })
    // IMMEDIATE: the desktop app and the CLI may commit to one workspace at the same time.
    run.immediate()
    return rowToCrawl(this.s.crawl.get(crawl.n) as CrawlRow)
  }

  async listCrawls(query: { source?: string; limit: number }): Promise<CrawlSummary[]> {
    const rows =
      query.source === undefined
        ? this.s.listAll.all(query.limit)
        : this.s.listSource.all(query.source, query.limit)
    return (rows as CrawlRow[]).map(rowToCrawl)
  }

  async getCrawl(id: string): Promise<CrawlSummary | undefined> {
    const row = this.crawlRow(id)
    return row && rowToCrawl(row)
  }

  async currentCrawl(source: string): Promise<CrawlSummary | undefined> {
    const row = this.s.current.get(source) as CrawlRow | undefined
    return row && rowToCrawl(row)
  }

  async treeChildren(query: { source: string; parent?: string }): Promise<CatalogTreeNode[]> {
    const rows = this.s.children.all(query.source, query.parent ?? null) as Array<{
      urn: string
      kind: string
      name: string
      source: string
      platform: string
      child_count: number
      field_count: number
    }>
    return rows.map((row) => {
      const node: CatalogTreeNode = {
        id: row.urn,
        kind: row.kind as AssetKind,
        name: row.name,
        source: row.source,
        platform: row.platform as SourceKind,
        childCount: row.child_count,
      }
      if (!CONTAINER_KINDS.includes(row.kind as AssetKind)) node.fieldCount = row.field_count
      return node
    })
  }

  async search(query: SearchQuery): Promise<CatalogSearchHit[]> {
    return this.index.search(query)
  }

  async getAsset(
    urn: string,
    crawlId?: string,
  ): Promise<{ asset: CatalogAsset; crawl: CrawlSummary } | undefined> {
    // A field's URN names its asset before the `#`.
    const assetUrn = urn.split('#')[0]!
    if (crawlId !== undefined) {
      const crawl = this.crawlRow(crawlId)
      if (crawl === undefined) return undefined
      const body = this.s.crawlBody.get(crawl.n, assetUrn) as string | undefined
      return body === undefined
        ? undefined
        : { asset: JSON.parse(body) as CatalogAsset, crawl: rowToCrawl(crawl) }
    }
    const row = this.s.currentBody.get(assetUrn) as { body: string; crawl: number } | undefined
    if (row === undefined) return undefined
    return {
      asset: JSON.parse(row.body) as CatalogAsset,
      crawl: rowToCrawl(this.s.crawl.get(row.crawl) as CrawlRow),
    }
  }

  async diff(fromCrawlId: string, toCrawlId: string): Promise<CatalogDiff> {
    const from = this.requireCrawl(fromCrawlId)
    const to = this.requireCrawl(toCrawlId)
    if (from.source !== to.source) {
      throw new ApiError('bad-input', 'Drift compares two crawls of one source.', {
        from: from.source,
        to: to.source,
      })
    }
    const before = new Map((this.s.drift.all(from.n) as DriftRow[]).map((r) => [r.urn, r]))
    const after = new Map((this.s.drift.all(to.n) as DriftRow[]).map((r) => [r.urn, r]))
    const parse = (row: DriftRow): CatalogAsset =>
      JSON.parse(this.s.body.get(row.body_id) as string) as CatalogAsset
    const changes: AssetChange[] = []
    const summary = {
      added: 0,
      removed: 0,
      changed: 0,
      fieldsAdded: 0,
      fieldsRemoved: 0,
      fieldsChanged: 0,
    }
    const simple = (row: DriftRow, change: 'added' | 'removed'): AssetChange => ({
      urn: row.urn,
      kind: row.kind as AssetKind,
      source: to.source,
      change,
      fields: [],
    })
    for (const [urn, old] of before) {
      const now = after.get(urn)
      if (now === undefined) {
        changes.push(simple(old, 'removed'))
        summary.removed++
      } else if (!old.drift.equals(now.drift)) {
        const change = compareAssets(parse(old), parse(now))
        if (change === undefined) continue
        changes.push(change)
        summary.changed++
        for (const f of change.fields) {
          if (f.change === 'added') summary.fieldsAdded++
          else if (f.change === 'removed') summary.fieldsRemoved++
          else summary.fieldsChanged++
        }
      }
    }
    for (const [urn, now] of after) {
      if (!before.has(urn)) {
        changes.push(simple(now, 'added'))
        summary.added++
      }
    }
    changes.sort((a, b) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0))
    const ref = (row: CrawlRow): Pick<CrawlSummary, 'id' | 'source' | 'startedAt'> => ({
      id: String(row.n),
      source: row.source,
      startedAt: row.started_at,
    })
    return { source: to.source, from: ref(from), to: ref(to), summary, changes }
  }

  async *currentAssets(query: { sources?: string[] }): AsyncIterable<CatalogAsset> {
    // The crawl ids are fixed up front and snapshots never change: a commit while the caller
    // is still reading does not mix two catalogues. Pages keep no cursor open across awaits.
    const wanted = query.sources && new Set(query.sources)
    const current = (this.s.sources.all() as Array<{ source: string; crawl: number }>).filter(
      (c) => wanted === undefined || wanted.has(c.source),
    )
    for (const { crawl } of current) {
      let after = ''
      for (;;) {
        const bodies = this.s.page.all(crawl, after, PAGE) as string[]
        for (const body of bodies) {
          const asset = JSON.parse(body) as CatalogAsset
          after = asset.urn
          yield asset
        }
        if (bodies.length < PAGE) break
      }
    }
  }

  async catalogedSources(): Promise<string[]> {
    return (this.s.sources.all() as Array<{ source: string }>).map((r) => r.source)
  }

  async currentCrawlIds(): Promise<Array<{ source: string; crawlId: string }>> {
    const rows = this.s.sources.all() as Array<{ source: string; crawl: number }>
    return rows.map((r) => ({ source: r.source, crawlId: crawlIdOf(r.crawl) }))
  }
}
