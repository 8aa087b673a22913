/**
 * One way of counting catalogue coverage, for Sightline and for the DataHub CLI alike (issue 4,
 * item 6). Each side maps its own output onto CoverageAsset; everything after that is shared, so
 * the two columns of the coverage table are counted by the same code.
 */

/** The kinds of asset the benchmark counts; everything else (containers, subjects) is ignored. */
export type CoverageKind = 'table' | 'view' | 'topic' | 'collection' | 'connector'

/** One asset as the coverage count sees it. */
export interface CoverageAsset {
  kind: CoverageKind
  /** Display name, `db.schema.table` / topic / `db.collection` / connector name. */
  name: string
  /** Field paths as the tool reports them (normalised by `normalisePath` before counting). */
  fieldPaths: string[]
  /** Columns of the primary key (relational); empty when none. */
  primaryKeyColumns: string[]
  /** Foreign-key constraints declared on this table. */
  foreignKeys: number
}

export interface Coverage {
  /** Objects of PostgreSQL extensions (pg_stat_statements' views), listed apart. */
  extensionObjects: number
  tables: number
  views: number
  columns: number
  primaryKeys: number
  primaryKeyColumns: number
  foreignKeys: number
  topics: number
  /** Topics that are not Kafka's or the Connect worker's own (see isInternalTopic). */
  applicationTopics: number
  /** Application topics that got at least one field (a registry schema or an inferred one). */
  topicsWithFields: number
  /** Leaf field paths over the application topics. */
  topicFields: number
  collections: number
  collectionsWithFields: number
  /** Leaf document field paths over all collections. */
  documentFieldPaths: number
  connectors: number
}

/**
 * Kafka's own topics (`__consumer_offsets`...) and the estate Connect worker's storage topics
 * (`sightline-connect-{configs,offsets,status}`, test/estate/config): counted apart, because
 * Sightline hides internal topics by default and DataHub lists the Connect ones.
 */
export function isInternalTopic(name: string): boolean {
  return name.startsWith('_') || /^sightline-connect-(configs|offsets|status)$/.test(name)
}

/**
 * Objects an extension installed (the estate's pg_stat_statements views in `public` of each
 * database): Sightline leaves extension-owned objects out by design (pg_depend deptype 'e'),
 * DataHub lists them; counted apart so the table and column rows compare like with like.
 */
export function isExtensionObject(name: string): boolean {
  return /(^|\.)pg_stat_statements(_info)?$/.test(name)
}

/**
 * A comparable path: array markers dropped (`addresses[].town` and `addresses.town` are one path),
 * DataHub's v2 type annotations dropped (`[version=2.0].[type=X].[type=long].id` -> `id`).
 */
export function normalisePath(path: string): string {
  return path
    .replace(/\[[^\]=]*=[^\]]*\]\.?/g, '')
    .split('.')
    .map((seg) => seg.replace(/\[\]$/, ''))
    .filter((seg) => seg !== '')
    .join('.')
}

/**
 * Paths that have no child among the others: `addresses` does not count when `addresses.town` is
 * there, so a tool that also lists intermediate objects does not score twice for one field.
 */
export function leafPaths(paths: string[]): string[] {
  const set = new Set(paths.map(normalisePath).filter((p) => p !== ''))
  const sorted = [...set].sort()
  return sorted.filter((p, i) => !(sorted[i + 1] ?? '').startsWith(`${p}.`))
}

/** Counts a tool's assets the one shared way. */
export function countCoverage(assets: CoverageAsset[]): Coverage {
  const c: Coverage = {
    extensionObjects: 0,
    tables: 0,
    views: 0,
    columns: 0,
    primaryKeys: 0,
    primaryKeyColumns: 0,
    foreignKeys: 0,
    topics: 0,
    applicationTopics: 0,
    topicsWithFields: 0,
    topicFields: 0,
    collections: 0,
    collectionsWithFields: 0,
    documentFieldPaths: 0,
    connectors: 0,
  }
  for (const a of assets) {
    const leaves = leafPaths(a.fieldPaths).length
    switch (a.kind) {
      case 'table':
      case 'view':
        if (isExtensionObject(a.name)) {
          c.extensionObjects++
          break
        }
        if (a.kind === 'table') c.tables++
        else c.views++
        c.columns += leaves
        if (a.primaryKeyColumns.length > 0) c.primaryKeys++
        c.primaryKeyColumns += a.primaryKeyColumns.length
        c.foreignKeys += a.foreignKeys
        break
      case 'topic':
        c.topics++
        if (isInternalTopic(a.name)) break
        c.applicationTopics++
        if (leaves > 0) c.topicsWithFields++
        c.topicFields += leaves
        break
      case 'collection':
        c.collections++
        if (leaves > 0) c.collectionsWithFields++
        c.documentFieldPaths += leaves
        break
      case 'connector':
        c.connectors++
        break
    }
  }
  return c
}

/** Rows of the coverage table, in the order the report prints them. */
export const COVERAGE_ROWS: Array<{ key: keyof Coverage; label: string; likeForLike: boolean }> = [
  {
    key: 'extensionObjects',
    label: 'extension views (pg_stat_statements), listed apart',
    likeForLike: false,
  },
  { key: 'tables', label: 'tables', likeForLike: true },
  { key: 'views', label: 'views', likeForLike: true },
  { key: 'columns', label: 'columns (tables + views)', likeForLike: true },
  { key: 'primaryKeys', label: 'primary keys (tables with one)', likeForLike: true },
  { key: 'primaryKeyColumns', label: 'primary-key columns', likeForLike: true },
  { key: 'foreignKeys', label: 'foreign keys', likeForLike: true },
  { key: 'topics', label: 'topics (all listed, internal ones included)', likeForLike: false },
  { key: 'applicationTopics', label: 'topics (not Kafka/Connect internal)', likeForLike: true },
  {
    key: 'topicsWithFields',
    label: 'of those, with a schema (registry or inferred)',
    likeForLike: true,
  },
  { key: 'topicFields', label: 'their fields (leaf paths)', likeForLike: true },
  { key: 'collections', label: 'collections', likeForLike: true },
  { key: 'collectionsWithFields', label: 'collections with an inferred schema', likeForLike: true },
  { key: 'documentFieldPaths', label: 'document field paths (leaf paths)', likeForLike: true },
  { key: 'connectors', label: 'connectors', likeForLike: true },
]
