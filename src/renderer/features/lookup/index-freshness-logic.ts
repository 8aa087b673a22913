import type { LookupIndexStatus } from '../../../shared/model/lookup'
import type { StoreResidency } from '../../../shared/model/store-residency'

/**
 * Words for the Kafka lookup index's freshness (issue 7 item 4): what the index has not indexed
 * yet cannot be found through it, so the Lookup page says how far behind it is and how old.
 */

/** "just now", "12 s ago", "4 min ago", "3 h ago", "2 d ago"; "never" before a first catch-up. */
export function ageText(ms: number | undefined): string {
  if (ms === undefined) return 'never'
  if (ms < 1_000) return 'just now'
  if (ms < 60_000) return `${Math.floor(ms / 1_000)} s ago`
  if (ms < 3_600_000) return `${Math.floor(ms / 60_000)} min ago`
  if (ms < 86_400_000) return `${Math.floor(ms / 3_600_000)} h ago`
  return `${Math.floor(ms / 86_400_000)} d ago`
}

/** Whole percent indexed, never 100 before the last message is in. */
export function percentIndexed(progress: number): number {
  const pct = Math.floor(Math.max(0, Math.min(1, progress)) * 100)
  return progress < 1 && pct === 100 ? 99 : pct
}

/** Messages not indexed yet, over every topic of the source. */
export function totalLag(status: LookupIndexStatus): number {
  return (status.freshness?.topics ?? []).reduce((n, t) => n + t.lag, 0)
}

const count = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`

/** The badge: "building 42%", "current", "12 messages behind", "stopped", "failed". */
export function indexStateText(status: LookupIndexStatus): string {
  switch (status.state) {
    case 'building':
      return `building ${percentIndexed(status.progress)}%`
    case 'current':
      return 'current'
    case 'behind':
      return `${count(totalLag(status), 'message')} behind`
    case 'failed':
      return 'failed'
    case 'no-fields':
      return 'no identifier fields'
    default:
      return 'stopped'
  }
}

export const INDEX_STATE_COLORS: Record<LookupIndexStatus['state'], string> = {
  building: 'blue',
  current: 'green',
  behind: 'yellow',
  failed: 'red',
  stopped: 'gray',
  'no-fields': 'gray',
}

/** The line under the badge: entries, last catch-up, and what is not indexed yet. */
export function indexDetails(status: LookupIndexStatus): string {
  const lag = totalLag(status)
  return [
    count(status.freshness?.entries ?? 0, 'entry', 'entries'),
    `last caught up ${ageText(status.ageMs)}`,
    lag > 0 ? `${count(lag, 'message')} not indexed yet` : 'nothing left to index',
    status.freshness && !status.freshness.live ? 'Kafka not asked' : '',
  ]
    .filter(Boolean)
    .join(' · ')
}

/** One topic: "current" or "1,204 behind" (per partition in the tooltip). */
export function topicLagText(topic: { lag: number }): string {
  return topic.lag === 0 ? 'current' : `${topic.lag.toLocaleString('en-GB')} behind`
}

const size = (bytes: number) =>
  bytes >= 1024 ** 3
    ? `${(bytes / 1024 ** 3).toFixed(1)} GB`
    : bytes >= 1024 ** 2
      ? `${Math.round(bytes / 1024 ** 2)} MB`
      : `${Math.max(1, Math.round(bytes / 1024))} KB`

/**
 * Whether the store (the index is most of it) is kept in memory, in a few words, and the longer
 * reason for a tooltip: a lookup's index probes wait on the disk when it is not.
 */
export function storeResidencyText(r: StoreResidency): { text: string; detail: string } {
  switch (r.state) {
    case 'resident': {
      const held = r.residentBytes ?? r.fileBytes
      return {
        text:
          held < r.fileBytes
            ? `in memory (${size(held)} of ${size(r.fileBytes)})`
            : `in memory (${size(held)})`,
        detail: `The workspace store, lookup index included, is kept in memory while Sightline runs: ${size(r.fileBytes)} on disk, ${size(held)} in memory; its last pass took ${((r.lastPassMs ?? 0) / 1000).toFixed(1)} s.${held < r.fileBytes ? ' What it grew by since is read in within a minute.' : ''}`,
      }
    }
    case 'warming':
      return {
        text: 'loading into memory…',
        detail: `The workspace store (${size(r.fileBytes)}) is being read into memory; until then lookups may wait on the disk.`,
      }
    case 'too-large':
    case 'failed':
      return { text: 'read from disk', detail: r.message ?? 'The store is not kept in memory.' }
    default:
      return {
        text: 'read from disk',
        detail: 'The store is not kept in memory in this process (one-shot commands do not).',
      }
  }
}
