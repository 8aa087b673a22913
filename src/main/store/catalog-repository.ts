import type { ApiErrorShape } from '../../shared/api/errors'
import type {
  AssetKind,
  CatalogAsset,
  CatalogDiff,
  CatalogSearchHit,
  CatalogTreeNode,
  CrawlStatus,
  CrawlSummary,
} from '../../shared/model/catalog'
import type { SourceKind } from '../../shared/model/sources'

/** How a crawl of one source ended, as the pipeline hands it to the store. */
export interface CrawlOutcome {
  status: Exclude<CrawlStatus, 'running'>
  endedAt: string
  /**
   * Everything gathered. For `succeeded` and `partial` this becomes the source's current catalogue,
   * atomically. For `failed` and `cancelled` it is kept apart with the crawl, labelled, and the
   * current catalogue is untouched.
   */
  assets: CatalogAsset[]
  /**
   * URNs of parts (a database, a topic...) that failed in a `partial` crawl: the previous current
   * catalogue's assets at or under these URNs are carried forward into the new one, so nothing
   * already catalogued is lost because one database was unreachable this time.
   */
  carryForward?: string[]
  error?: ApiErrorShape
  partErrors?: Array<{ part: string; error: ApiErrorShape }>
  statements?: number
}

/**
 * The catalogue half of the store (DESIGN.md §6): crawl history, per-source atomic commits, the
 * current catalogue, drift, full-text search. Nothing here is SQL, so a MongoDB implementation for a
 * shared team catalogue can follow.
 */
export interface CatalogRepository {
  /** Records a running crawl and returns its id. */
  beginCrawl(crawl: { source: string; platform: SourceKind; startedAt: string }): Promise<string>
  /** Ends a crawl (see CrawlOutcome); one transaction. */
  finishCrawl(id: string, outcome: CrawlOutcome): Promise<CrawlSummary>
  /** Newest first. */
  listCrawls(query: { source?: string; limit: number }): Promise<CrawlSummary[]>
  getCrawl(id: string): Promise<CrawlSummary | undefined>
  /** The source's current crawl, if it has ever been crawled successfully. */
  currentCrawl(source: string): Promise<CrawlSummary | undefined>
  /**
   * Children in the current catalogue: without `parent`, the top-level assets of `source`
   * (databases, topics, the cluster...); else the assets whose parent is `parent`.
   */
  treeChildren(query: { source: string; parent?: string }): Promise<CatalogTreeNode[]>
  /** Full-text search over the current catalogue (names, paths, descriptions, tags). */
  search(query: {
    text: string
    limit: number
    sources?: string[]
    kinds?: AssetKind[]
  }): Promise<CatalogSearchHit[]>
  /** An asset of the current catalogue, or of the given crawl's snapshot. */
  getAsset(
    urn: string,
    crawlId?: string,
  ): Promise<{ asset: CatalogAsset; crawl: CrawlSummary } | undefined>
  /** Drift between two crawls of one source (`from` older). */
  diff(fromCrawlId: string, toCrawlId: string): Promise<CatalogDiff>
  /** The current catalogue, asset by asset, sources in name order, assets in URN order. */
  currentAssets(query: { sources?: string[] }): AsyncIterable<CatalogAsset>
  /** Sources that have a current catalogue. */
  catalogedSources(): Promise<string[]>
  /**
   * Each cataloged source's current crawl id, sources in name order, in one read: what a cache
   * of the whole catalogue (the lineage state) compares, a dozen times a lookup.
   */
  currentCrawlIds(): Promise<Array<{ source: string; crawlId: string }>>
}
