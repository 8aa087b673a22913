import type { ApiErrorShape } from '../../../shared/api/errors'
import type { CrawlStatus, CrawlSummary } from '../../../shared/model/catalog'
import type { SourceKind } from '../../../shared/model/sources'

/** A row of `crawls` joined with whether it is its source's current crawl. */
export interface CrawlRow {
  n: number
  source: string
  platform: string
  status: string
  started_at: string
  ended_at: string | null
  assets: number
  fields: number
  statements: number | null
  duration_ms: number | null
  error: string | null
  part_errors: string | null
  current: number
}

/** Selects CrawlRow columns; append WHERE / ORDER BY. */
export const CRAWL_SELECT = `SELECT c.*, (cc.crawl IS NOT NULL) AS current
  FROM crawls c LEFT JOIN catalog_current cc ON cc.source = c.source AND cc.crawl = c.n`

/** Crawl ids are the row number as text: opaque to callers, short to type in the CLI. */
export function crawlNumber(id: string): number | undefined {
  return /^[1-9][0-9]{0,15}$/.test(id) ? Number(id) : undefined
}

/** The id of the crawl numbered `n` (crawlNumber's inverse). */
export function crawlIdOf(n: number): string {
  return String(n)
}

export function rowToCrawl(row: CrawlRow): CrawlSummary {
  const crawl: CrawlSummary = {
    id: crawlIdOf(row.n),
    source: row.source,
    platform: row.platform as SourceKind,
    status: row.status as CrawlStatus,
    startedAt: row.started_at,
    assets: row.assets,
    fields: row.fields,
    current: row.current === 1,
  }
  if (row.ended_at !== null) crawl.endedAt = row.ended_at
  if (row.statements !== null) crawl.statements = row.statements
  if (row.duration_ms !== null) crawl.durationMs = row.duration_ms
  if (row.error !== null) crawl.error = JSON.parse(row.error) as ApiErrorShape
  if (row.part_errors !== null) {
    crawl.partErrors = JSON.parse(row.part_errors) as CrawlSummary['partErrors']
  }
  return crawl
}
