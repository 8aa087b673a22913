import type { AuditEntry } from '../../shared/model/audit'
import type { IdentifierKind, LookupHistoryEntry } from '../../shared/model/lookup'
import type { AuditLog } from '../audit/audit-log'

/** How far back the history reads the log: 20 pages of 1000 entries. */
const MAX_PAGES = 20
const PAGE = 1000

/**
 * The lookup history, from the audit log (issue 7 item 6): each lookup is two `lookup` entries,
 * `started` (who, when, why, the identifier's HMAC) and its outcome (sources answered, records);
 * joined here by lookup id, newest first. A lookup whose outcome was never written (the process
 * died) shows with no sources.
 */
export async function lookupHistory(audit: AuditLog, limit: number): Promise<LookupHistoryEntry[]> {
  const started: LookupHistoryEntry[] = []
  const outcomes = new Map<string, AuditEntry>()
  let beforeSeq: number | undefined
  for (let page = 0; page < MAX_PAGES && started.length < limit; page++) {
    const entries = await audit.list(
      beforeSeq === undefined ? { limit: PAGE } : { limit: PAGE, beforeSeq },
    )
    if (entries.length === 0) break
    for (const entry of entries) {
      if (entry.action !== 'lookup') continue
      const details = entry.details ?? {}
      const lookupId = typeof details.lookupId === 'string' ? details.lookupId : undefined
      if (!lookupId) continue
      if (details.phase !== 'started') {
        outcomes.set(lookupId, entry)
        continue
      }
      if (started.length >= limit) continue
      started.push({
        lookupId,
        at: entry.at,
        actor: entry.actor,
        kind: details.kind as IdentifierKind,
        identifierHmac: entry.subjectHmac ?? '',
        reason: entry.reason ?? '',
        sourcesAnswered: [],
        records: 0,
      })
    }
    beforeSeq = entries.at(-1)!.seq
  }
  for (const entry of started) {
    const details = outcomes.get(entry.lookupId)?.details
    if (!details) continue
    if (Array.isArray(details.sourcesAnswered))
      entry.sourcesAnswered = details.sourcesAnswered.filter(
        (s): s is string => typeof s === 'string',
      )
    if (typeof details.records === 'number') entry.records = details.records
  }
  return started
}
