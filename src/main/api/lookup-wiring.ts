import { ApiError } from '../../shared/api/errors'
import type { AuditLog } from '../audit/audit-log'
import type { JobRunner } from '../jobs/job-runner'
import type { LineageService } from '../lineage/lineage-service'
import { buildLookupContext } from '../lookup/lookup-context'
import { loadLookupParts } from '../lookup/lookup-parts'
import { LookupService } from '../lookup/lookup-service'
import type { SecretStore } from '../secrets/secret-store'
import type { ClassificationsFile } from '../workspace/classifications-file'
import type { ProcessingFile } from '../workspace/processing-file'
import type { SourcesFile } from '../workspace/sources-file'
import { APP_VERSION } from './app-info-api'
import { resolveEntry } from './source-records'
import type { ConnectorFactory } from './source-testing'

export interface LookupWiringDeps {
  lineage: LineageService
  classifications: ClassificationsFile
  processing: ProcessingFile
  sourcesFile: SourcesFile
  secretStore: SecretStore
  env: NodeJS.ProcessEnv
  workspace: string
  audit: AuditLog
  jobs: JobRunner
  loadConnectorFactory: () => Promise<ConnectorFactory>
}

/** Reads a catalog/ file; a broken one is reported where it is edited, not in every lookup. */
function lenient<T>(read: () => T, fallback: T): T {
  try {
    return read()
  } catch {
    return fallback
  }
}

/** The composition root's lookup: lineage and the personal-data map in, connectors per source. */
export function createLookupService(deps: LookupWiringDeps): LookupService {
  return new LookupService({
    context: async () =>
      buildLookupContext({
        state: await deps.lineage.state(),
        decisions: lenient(() => deps.classifications.readMap(), new Map()),
        processing: lenient(() => deps.processing.read(), []),
        workspace: deps.workspace,
      }),
    parts: loadLookupParts,
    openConnector: async (name) => {
      const entry = deps.sourcesFile.read().find((e) => e.name === name)
      if (!entry) throw new ApiError('not-found', `No source named "${name}".`, { name })
      const factory = await deps.loadConnectorFactory()
      return factory(await resolveEntry(entry, deps.secretStore, deps.env))
    },
    audit: deps.audit,
    jobs: deps.jobs,
    generator: `sightline ${APP_VERSION}`,
  })
}
