import type Database from 'better-sqlite3'
import type { AssetKind, CatalogAsset, CatalogSearchHit } from '../../../shared/model/catalog'
import type { SourceKind } from '../../../shared/model/sources'
import {
  assetTitle,
  fieldTitle,
  ftsPhrase,
  isPathTerm,
  pathWords,
  QUALIFIED_SQL,
  queryTerms,
  snippet,
} from './search-text'

type Db = Database.Database

interface SearchRow {
  id: number
  source: string
  platform: string
  kind: string
  urn: string
  asset_urn: string
  field_path: string | null
  is_field: number
  name: string
  name_lc: string
  title: string
  description: string | null
  tags: string | null
}

/** Which ranking tier a row came from: name tiers say `asset`/`field`, text tiers look closer. */
type Tier = 'name' | 'text'

export interface SearchQuery {
  text: string
  limit: number
  sources?: string[]
  kinds?: AssetKind[]
}

/** U+10FFFF sorts after every character: `[q, q + MAX)` is "starts with q". */
const MAX = '\u{10FFFF}'

/**
 * The search rows of the current catalogue and the ranked query over them. Ranking, best first:
 * exact name, name prefix, a word of the name starting with the query (CustomerEmail for `em`),
 * name substring (tblCust for `cust`), then display path / description / tag matches; within a
 * tier assets before fields, then shorter names. Each tier is a bounded query, so typing stays
 * fast however many rows a short query matches.
 */
export class SearchIndex {
  private readonly deleteText
  private readonly deleteRows
  private readonly assetId
  private readonly insertRow
  private readonly insertText
  private readonly findName
  private readonly insertName
  private readonly insertNameText
  private readonly statements = new Map<string, Database.Statement>()

  constructor(private readonly db: Db) {
    // asset_id is the asset's interned URN id (table urns): a small integer key per asset.
    const asset = '(SELECT id FROM urns WHERE urn = ?)'
    this.deleteText = db.prepare(`DELETE FROM search_text WHERE rowid IN (SELECT id FROM search_rows
      WHERE asset_id = ${asset} AND (description IS NOT NULL OR tags IS NOT NULL))`)
    this.deleteRows = db.prepare(`DELETE FROM search_rows WHERE asset_id = ${asset}`)
    this.assetId = db.prepare('SELECT id FROM urns WHERE urn = ?').pluck()
    this.insertRow = db.prepare(`INSERT INTO search_rows
      (source, platform, kind, urn, asset_urn, asset_id, field_path, is_field, name, name_lc,
       name_id, title, description, tags)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    this.insertText = db.prepare(
      'INSERT INTO search_text (rowid, description, tags) VALUES (?, ?, ?)',
    )
    this.findName = db.prepare('SELECT id FROM search_names WHERE name_lc = ?').pluck()
    this.insertName = db.prepare('INSERT INTO search_names (name_lc) VALUES (?)')
    this.insertNameText = db.prepare('INSERT INTO search_name_text (rowid, name) VALUES (?, ?)')
  }

  /**
   * Removes the rows of `removed` and of `changed` assets and adds those of `changed`; runs
   * inside the commit's transaction. Distinct names are indexed once and kept (a name that no
   * row uses any more simply matches nothing). `added` names changed assets that were not in
   * the source's catalogue before: they have no rows to delete (a first crawl of 5,000 tables
   * saves two DELETEs per asset).
   */
  replace(
    source: string,
    platform: string,
    removed: readonly string[],
    changed: readonly CatalogAsset[],
    added: ReadonlySet<string> = new Set(),
  ): void {
    for (const urn of removed) this.remove(urn)
    const names = new Map<string, number>()
    const nameId = (name: string): number => {
      const lc = name.toLowerCase()
      let id = names.get(lc) ?? (this.findName.get(lc) as number | undefined)
      if (id === undefined) {
        id = Number(this.insertName.run(lc).lastInsertRowid)
        this.insertNameText.run(id, lc)
      }
      names.set(lc, id)
      return id
    }
    for (const asset of changed) {
      if (!added.has(asset.urn)) this.remove(asset.urn)
      // The snapshot interned every URN of the catalogue before its search rows are written.
      const assetId = this.assetId.get(asset.urn) as number
      const title = assetTitle(asset.path, asset.name)
      const tags = asset.tags && asset.tags.length > 0 ? asset.tags.join(' ') : null
      const add = (
        field: CatalogAsset['fields'][number] | null,
        name: string,
        rowTitle: string,
        description: string | null,
        rowTags: string | null,
      ): void => {
        const id = this.insertRow.run(
          source,
          platform,
          asset.kind,
          field?.urn ?? asset.urn,
          asset.urn,
          assetId,
          field?.path ?? null,
          field === null ? 0 : 1,
          name,
          name.toLowerCase(),
          nameId(name),
          rowTitle,
          description,
          rowTags,
        ).lastInsertRowid
        if (description !== null || rowTags !== null) this.insertText.run(id, description, rowTags)
      }
      add(null, asset.name, title, asset.description ?? null, tags)
      for (const field of asset.fields) {
        add(field, field.name, fieldTitle(title, field.path), field.description ?? null, null)
      }
    }
  }

  private remove(assetUrn: string): void {
    this.deleteText.run(assetUrn)
    this.deleteRows.run(assetUrn)
  }

  private prepared(sql: string): Database.Statement {
    let statement = this.statements.get(sql)
    if (statement === undefined) {
      statement = this.db.prepare(sql)
      this.statements.set(sql, statement)
    }
    return statement
  }

  search(query: SearchQuery): CatalogSearchHit[] {
    const terms = queryTerms(query.text)
    const limit = Math.max(0, Math.floor(query.limit))
    if (terms.length === 0 || limit === 0) return []
    // Filters are bound parameters; only their count shapes the SQL (and the statement cache).
    let filter = ''
    const params: string[] = []
    if (query.sources) {
      filter += ` AND r.source IN (${query.sources.map(() => '?').join(',') || 'NULL'})`
      params.push(...query.sources)
    }
    if (query.kinds) {
      filter += ` AND r.kind IN (${query.kinds.map(() => '?').join(',') || 'NULL'})`
      params.push(...query.kinds)
    }
    const hits = new Map<string, CatalogSearchHit>()
    // Snippets mark the words of a typed path: the title shows `Customer › Email`, not the dot.
    const marks = terms.some(isPathTerm) ? pathWords(terms) : terms
    // Bound in SQL order: the tier's WHERE values, the filters, its ORDER BY values, the limit.
    const take = (tier: Tier, sql: string, where: unknown[], orderBy: unknown[] = []): void => {
      if (hits.size >= limit) return
      const rows = this.prepared(sql).all(...where, ...params, ...orderBy, limit) as SearchRow[]
      for (const row of rows) {
        if (hits.size >= limit) return
        if (!hits.has(row.urn)) hits.set(row.urn, toHit(row, marks, tier))
      }
    }
    const byName = 'ORDER BY r.is_field, length(r.name), r.name_lc, r.title LIMIT ?'
    if (terms.length === 1 && !isPathTerm(terms[0]!)) {
      const q = terms[0]!
      // Exact names in index order (assets first): thousands of `Id` columns need no sort.
      take(
        'name',
        `SELECT r.* FROM search_rows r WHERE r.is_field IN (0, 1) AND r.name_lc = ?${filter}
         ORDER BY r.is_field LIMIT ?`,
        [q],
      )
      for (const isField of [0, 1]) {
        take(
          'name',
          `SELECT r.* FROM search_rows r WHERE r.is_field = ? AND r.name_lc > ? AND r.name_lc < ?${filter}
           ORDER BY r.name_lc LIMIT ?`,
          [isField, q, q + MAX],
        )
      }
      if (q.length >= 3) {
        take(
          'name',
          `SELECT r.* FROM search_rows r WHERE r.name_id IN
             (SELECT rowid FROM search_name_text WHERE search_name_text MATCH ?)${filter} ${byName}`,
          [ftsPhrase(q)],
        )
        take(
          'text',
          `SELECT r.* FROM search_rows r WHERE r.id IN
             (SELECT rowid FROM search_text WHERE search_text MATCH ?)${filter}
           ORDER BY r.is_field, length(r.title), r.title LIMIT ?`,
          [ftsPhrase(q)],
        )
      }
      return [...hits.values()]
    }
    // Several terms, or a dotted path: each term somewhere in the qualified name (title read as
    // one dotted path, so `contact.email` and `crm Customer.Email` match across the asset / field
    // boundary), description or tags. Candidates come from one word (the longest first): rows
    // whose name, description or tags hold it, and the fields of assets whose name does; all
    // terms are then checked against the candidates' text. A word found only in a database or
    // schema name (`singleview` of `singleview customers email`) gives no candidates, so the
    // next longest word is tried, up to three.
    const words = pathWords(terms)
    const haystack = `(${QUALIFIED_SQL} || ' ' || lower(r.title || ' ' || coalesce(r.description, '') || ' ' || coalesce(r.tags, '')))`
    const all = terms.map(() => ` AND instr(${haystack}, ?) > 0`).join('')
    const nameHasAll = words.map(() => 'instr(r.name_lc, ?) > 0').join(' AND ')
    // Best first: the name holds every word; then the path ends with the last term (the row's
    // own name is the last thing typed: crm.dbo.Customer › Email for `crm Customer.Email`).
    const last = terms[terms.length - 1]!
    const endsWithLast = `substr('.' || ${QUALIFIED_SQL}, -(length(?) + 1)) = '.' || ?`
    const order = `ORDER BY (${nameHasAll}) DESC, (${endsWithLast}) DESC, r.is_field, length(r.title), r.title LIMIT ?`
    const orderValues = [...words, last, last]
    const drivers = words
      .filter((w) => w.length >= 3)
      .sort((a, b) => b.length - a.length)
      .slice(0, 3)
    for (const driver of drivers) {
      take(
        'text',
        `WITH names AS (SELECT rowid AS id FROM search_name_text WHERE search_name_text MATCH ?),
         direct AS (SELECT id FROM search_rows WHERE name_id IN names
                    UNION SELECT rowid FROM search_text WHERE search_text MATCH ?),
         assets AS (SELECT asset_id FROM search_rows WHERE is_field = 0 AND name_id IN names)
         SELECT r.* FROM search_rows r WHERE (r.id IN direct OR r.asset_id IN assets)${all}${filter}
         ${order}`,
        [ftsPhrase(driver), ftsPhrase(driver), ...terms],
        orderValues,
      )
      if (hits.size > 0) break
    }
    if (drivers.length === 0) {
      take(
        'text',
        `SELECT r.* FROM search_rows r WHERE 1${all}${filter} ${order}`,
        terms,
        orderValues,
      )
    }
    return [...hits.values()]
  }
}

function toHit(row: SearchRow, terms: readonly string[], tier: Tier): CatalogSearchHit {
  const isField = row.is_field === 1
  const hit: CatalogSearchHit = {
    urn: row.urn,
    assetUrn: row.asset_urn,
    kind: row.kind as AssetKind,
    source: row.source,
    platform: row.platform as SourceKind,
    title: row.title,
    matched: isField ? 'field' : 'asset',
  }
  if (row.field_path !== null) hit.fieldPath = row.field_path
  const shown = isField ? row.field_path! : row.name
  const inName = terms.every((t) => row.name_lc.includes(t))
  if (tier === 'name' || inName) {
    hit.snippet = snippet(shown, terms) ?? snippet(row.name, terms)
    return hit
  }
  const inDescription = row.description !== null && snippet(row.description, terms)
  const inTags = row.tags !== null && snippet(row.tags, terms)
  if (inDescription) {
    hit.matched = 'description'
    hit.snippet = inDescription
  } else if (inTags) {
    hit.matched = 'tag'
    hit.snippet = inTags
  } else {
    hit.snippet = snippet(row.title, terms)
  }
  return hit
}
