import { createHmac } from 'node:crypto'
import { ApiError } from '../../shared/api/errors'
import {
  AUDIT_ACTIONS_NEEDING_REASON,
  type AuditAction,
  type AuditEntry,
  type AuditVerifyResult,
} from '../../shared/model/audit'
import type { CatalogStore } from '../store/catalog-store'
import { GENESIS_HASH, hashEntry, verifyChain } from './hash-chain'

/** What a feature records; the log adds who, when, the sequence and the chain. */
export interface AuditRecordInput {
  action: AuditAction
  /** A source name or URN, never a personal value. */
  target?: string
  /**
   * The identifier looked up or revealed (an email, a customer id). Only its HMAC with the
   * workspace key is stored: a plain hash of an email is reversible by dictionary.
   */
  subject?: string
  fields?: string[]
  reason?: string
  details?: Record<string, unknown>
}

/** Lower-case, trimmed, Unicode-normalised, inner whitespace collapsed: one person, one HMAC. */
export function normaliseIdentifier(identifier: string): string {
  return identifier.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase()
}

export const DEFAULT_AUDIT_PAGE = 100
export const MAX_AUDIT_PAGE = 1000

/** The append-only, hash-chained audit log of DESIGN.md §3. */
export class AuditLog {
  constructor(
    private readonly store: CatalogStore,
    private readonly actor: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async subjectHmac(identifier: string): Promise<string> {
    const key = await this.store.workspaceKey()
    return createHmac('sha256', key).update(normaliseIdentifier(identifier)).digest('hex')
  }

  async record(input: AuditRecordInput): Promise<AuditEntry> {
    const reason = input.reason?.trim()
    if (AUDIT_ACTIONS_NEEDING_REASON.includes(input.action) && !reason) {
      throw new ApiError('bad-input', `A reason is required to ${input.action} personal data.`, {
        field: 'reason',
      })
    }
    const subjectHmac =
      input.subject === undefined ? undefined : await this.subjectHmac(input.subject)
    const at = this.now().toISOString()
    return this.store.audit.append((head) => {
      const body: Omit<AuditEntry, 'hash'> = {
        seq: (head?.seq ?? 0) + 1,
        at,
        actor: this.actor,
        action: input.action,
        prevHash: head?.hash ?? GENESIS_HASH,
      }
      if (input.target !== undefined) body.target = input.target
      if (subjectHmac !== undefined) body.subjectHmac = subjectHmac
      if (input.fields !== undefined) body.fields = [...input.fields]
      if (reason) body.reason = reason
      if (input.details !== undefined) body.details = input.details
      // Round-trip through JSON so the hashed value is exactly what the store gives back.
      const plain = JSON.parse(JSON.stringify(body)) as Omit<AuditEntry, 'hash'>
      return { ...plain, hash: hashEntry(plain) }
    })
  }

  /** Newest first. */
  async list(query: { limit?: number; beforeSeq?: number } = {}): Promise<AuditEntry[]> {
    const limit = Math.min(query.limit ?? DEFAULT_AUDIT_PAGE, MAX_AUDIT_PAGE)
    return this.store.audit.list(
      query.beforeSeq === undefined ? { limit } : { limit, beforeSeq: query.beforeSeq },
    )
  }

  async verify(): Promise<AuditVerifyResult> {
    return verifyChain(await this.store.audit.all(), await this.store.audit.recordedHead())
  }
}
