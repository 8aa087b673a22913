import type { ApiErrorShape, JobView } from '../../../shared/api'
import type {
  CrawlJobResult,
  CrawlSourceProgress,
  CrawlSummary,
  OwnersView,
} from '../../../shared/model/catalog'

/** One source's line in the crawl panel. */
export interface CrawlSourceLine {
  source: string
  state: CrawlSourceProgress['state']
  done: number
  total?: number
  assets: number
  message?: string
  error?: ApiErrorShape
}

function crawlsOf(result: unknown): CrawlSummary[] {
  if (typeof result !== 'object' || result === null) return []
  const crawls = (result as Partial<CrawlJobResult>).crawls
  return Array.isArray(crawls) ? crawls : []
}

/**
 * Per-source lines from the job's partial events, completed by its final result: events can be
 * missed (a reconnecting stream), the result cannot, so once the job ends the result wins.
 */
export function crawlSourceLines(
  progress: Readonly<Record<string, CrawlSourceProgress>> | undefined,
  job: JobView | undefined,
): CrawlSourceLine[] {
  const lines = new Map<string, CrawlSourceLine>()
  for (const p of Object.values(progress ?? {})) {
    lines.set(p.source, {
      source: p.source,
      state: p.state,
      done: p.done,
      total: p.total,
      assets: p.assets,
      message: p.message,
      error: p.error,
    })
  }
  for (const crawl of crawlsOf(job?.result)) {
    const before = lines.get(crawl.source)
    lines.set(crawl.source, {
      source: crawl.source,
      state: crawl.status === 'running' ? 'running' : crawl.status,
      done: before?.total ?? before?.done ?? 1,
      total: before?.total ?? before?.done ?? 1,
      assets: crawl.assets,
      message: before?.message,
      error: crawl.error ?? before?.error,
    })
  }
  // A cancelled or failed job leaves sources that never reported an end: say so.
  if (job && job.state !== 'running' && job.state !== 'queued') {
    for (const line of lines.values()) {
      if (line.state === 'queued' || line.state === 'running') {
        line.state = job.state === 'cancelled' ? 'cancelled' : 'failed'
      }
    }
  }
  return [...lines.values()].sort((a, b) => a.source.localeCompare(b.source))
}

/** 0–100 for a progress bar; an unknown total shows as indeterminate progress (undefined). */
export function linePercent(line: CrawlSourceLine): number | undefined {
  if (line.state !== 'queued' && line.state !== 'running') return 100
  if (!line.total) return line.state === 'queued' ? 0 : undefined
  return Math.min(100, Math.round((line.done / line.total) * 100))
}

/** The exact-match rule for a URN as it stands, to restore on Undo (nulls clear it). */
export function ruleToRestore(
  owners: OwnersView | undefined,
  match: string,
): { match: string; owner: string | null; domain: string | null } {
  const rule = owners?.rules.find((candidate) => candidate.match === match)
  return { match, owner: rule?.owner ?? null, domain: rule?.domain ?? null }
}
