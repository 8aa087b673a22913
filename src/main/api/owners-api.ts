import { z } from 'zod'
import type { AssetOwnership, OwnersView } from '../../shared/model/catalog'
import type { AuditLog } from '../audit/audit-log'
import { matchSchema, type OwnersFile } from '../workspace/owners-file'
import { emptyArg } from './schemas'
import { parseArg } from './validate'

export interface OwnersApiDeps {
  file: OwnersFile
  audit: AuditLog
}

const idOrNull = z.string().trim().min(1, 'an id cannot be empty').nullable().optional()

const setOwnershipArg = z
  .object({ match: matchSchema, owner: idOrNull, domain: idOrNull })
  .strict()
  .refine((a) => a.owner !== undefined || a.domain !== undefined, {
    message: 'give an owner, a domain, or null to clear one',
    path: ['owner'],
  })

const urnArg = z
  .object({ urn: z.string().regex(/^[a-z][a-z0-9+.-]*:\/\/\S+$/, 'not a URN') })
  .strict()

/** catalog/owners.yaml behind the API: read, resolve for a URN, and edit one rule (audited). */
export function createOwnersApi(deps: OwnersApiDeps) {
  const { file, audit } = deps
  // owners.yaml is rewritten whole: one change at a time.
  let queue: Promise<unknown> = Promise.resolve()
  const serialised = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work)
    queue = next.catch(() => undefined)
    return next
  }

  return {
    async getOwners(arg: unknown): Promise<OwnersView> {
      parseArg(emptyArg, arg)
      return file.read()
    },

    async setOwnership(arg: unknown): Promise<OwnersView> {
      const { match, owner, domain } = parseArg(setOwnershipArg, arg)
      return serialised(async () => {
        const before = file.read().rules.find((r) => r.match === match)
        const change: { owner?: string | null; domain?: string | null } = {}
        if (owner !== undefined) change.owner = owner
        if (domain !== undefined) change.domain = domain
        const view = file.setRule(match, change)
        const after = view.rules.find((r) => r.match === match)
        await audit.record({
          action: 'owners.change',
          target: match,
          details: {
            before: before ? { owner: before.owner ?? null, domain: before.domain ?? null } : null,
            after: after ? { owner: after.owner ?? null, domain: after.domain ?? null } : null,
          },
        })
        return view
      })
    },

    async getOwnership(arg: unknown): Promise<AssetOwnership> {
      const { urn } = parseArg(urnArg, arg)
      return file.ownershipFor(urn)
    },
  }
}
