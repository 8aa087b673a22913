/** Actions written to the append-only, hash-chained audit log (DESIGN.md §3). */
export const AUDIT_ACTIONS = [
  'source.add',
  'source.update',
  'source.remove',
  'source.test',
  'lookup', // a customer lookup
  'reveal', // an unmasked value shown; reason required
  'export', // personal data leaves the app; reason required
  'review', // a personal-data classification decision
  'crawl', // a crawl of one or more sources (no values)
  'owners.change', // catalog/owners.yaml edited through the app
  'lineage.decide', // an inferred lineage suggestion accepted, rejected or reopened
] as const
export type AuditAction = (typeof AUDIT_ACTIONS)[number]

/** Actions that must carry a reason. */
export const AUDIT_ACTIONS_NEEDING_REASON: readonly AuditAction[] = ['reveal', 'export']

export interface AuditEntry {
  seq: number
  /** ISO 8601 UTC */
  at: string
  /** OS user or configured name */
  actor: string
  action: AuditAction
  /** What was acted on: a source name or URN. Never a personal value. */
  target?: string
  /** HMAC (per-workspace key) of the identifier looked up or revealed, hex. */
  subjectHmac?: string
  /** Field URNs revealed or exported. */
  fields?: string[]
  reason?: string
  /** Plain JSON extras, never personal values. */
  details?: Record<string, unknown>
  prevHash: string
  hash: string
}

export interface AuditVerifyResult {
  ok: boolean
  entries: number
  /** First entry whose hash or chain link does not match. */
  firstBadSeq?: number
  problem?: string
}
