import { createHash } from 'node:crypto'
import type { AuditEntry, AuditVerifyResult } from '../../shared/model/audit'
import type { AuditHead } from '../store/catalog-store'

/** The prevHash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64)

/** JSON with keys sorted at every level and no whitespace: one text per value, so one hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value)
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(',')}]`
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
}

/** sha256 of the canonical JSON of the entry without its own hash (prevHash included). */
export function hashEntry(entry: Omit<AuditEntry, 'hash'> & { hash?: string }): string {
  const { hash: _ignored, ...rest } = entry
  return createHash('sha256').update(canonicalJson(rest)).digest('hex')
}

/**
 * Recomputes the chain in seq order and reports the first entry that breaks it: an altered
 * entry (its hash), a removed one (a gap in seq, or a recorded head beyond the last entry), or
 * entries put in another order (their seq and links no longer agree).
 */
export function verifyChain(
  entries: readonly AuditEntry[],
  recordedHead?: AuditHead,
): AuditVerifyResult {
  let prevHash = GENESIS_HASH
  let expectedSeq = 1
  for (const entry of entries) {
    if (entry.seq !== expectedSeq) {
      return {
        ok: false,
        entries: entries.length,
        firstBadSeq: expectedSeq,
        problem:
          entry.seq > expectedSeq
            ? `entry ${expectedSeq} is missing: the chain jumps to ${entry.seq}`
            : `entry ${entry.seq} is out of order (expected ${expectedSeq})`,
      }
    }
    if (hashEntry(entry) !== entry.hash) {
      return {
        ok: false,
        entries: entries.length,
        firstBadSeq: entry.seq,
        problem: `entry ${entry.seq} was altered: its content does not match its hash`,
      }
    }
    if (entry.prevHash !== prevHash) {
      return {
        ok: false,
        entries: entries.length,
        firstBadSeq: entry.seq,
        problem: `entry ${entry.seq} does not link to the entry before it`,
      }
    }
    prevHash = entry.hash
    expectedSeq++
  }
  const lastSeq = expectedSeq - 1
  if (recordedHead && (recordedHead.seq !== lastSeq || recordedHead.hash !== prevHash)) {
    return {
      ok: false,
      entries: entries.length,
      firstBadSeq: Math.min(lastSeq + 1, recordedHead.seq),
      problem:
        recordedHead.seq > lastSeq
          ? `entries ${lastSeq + 1} to ${recordedHead.seq} are missing from the end of the log`
          : `the last entry does not match the recorded head of the log`,
    }
  }
  if (!recordedHead && entries.length > 0) {
    return {
      ok: false,
      entries: entries.length,
      firstBadSeq: 1,
      problem: 'the recorded head of the log is missing',
    }
  }
  return { ok: true, entries: entries.length }
}
