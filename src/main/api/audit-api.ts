import type { AuditEntry, AuditVerifyResult } from '../../shared/model/audit'
import type { AuditLog } from '../audit/audit-log'
import { emptyArg, listAuditArg } from './schemas'
import { parseArg } from './validate'

export function createAuditApi(audit: AuditLog) {
  return {
    async listAudit(arg: unknown): Promise<AuditEntry[]> {
      return audit.list(parseArg(listAuditArg, arg))
    },
    async verifyAudit(arg: unknown): Promise<AuditVerifyResult> {
      parseArg(emptyArg, arg)
      return audit.verify()
    },
  }
}
