import type { PersonalDataEntry, PersonalDataMap } from '../../../shared/model/personal-data'
import { csvCell } from '../../crawl/catalog-export'

/** Columns of the CSV report, in order (docs/personal-data.md, "Export schema"). */
export const PERSONAL_DATA_CSV_COLUMNS = [
  'field_urn',
  'asset_urn',
  'source',
  'platform',
  'location',
  'field_path',
  'category',
  'confidence',
  'review_state',
  'suggested',
  'decided_by',
  'decided_at',
  'decision_reason',
  're_review_reason',
  'evidence',
  'count',
  'purpose',
  'lawful_basis',
  'retention',
  'recipients',
  'via_lineage',
] as const

function row(e: PersonalDataEntry): unknown[] {
  return [
    e.urn,
    e.assetUrn,
    e.source,
    e.platform,
    e.location,
    e.fieldPath,
    e.category,
    e.confidence,
    e.reviewState,
    e.suggested,
    e.decision?.by,
    e.decision?.at,
    e.decision?.reason,
    e.reReviewReason,
    e.evidenceSummary,
    e.count,
    e.processing.purpose,
    e.processing.lawfulBasis,
    e.processing.retention,
    e.processing.recipients?.join('; '),
    e.viaLineage,
  ]
}

/** One row per field; RFC 4180 quoting and formula-safe cells (csvCell of the catalogue export). */
export function personalDataToCsv(map: PersonalDataMap): string {
  const lines = [PERSONAL_DATA_CSV_COLUMNS.join(',')]
  for (const e of map.entries) lines.push(row(e).map(csvCell).join(','))
  return `${lines.join('\r\n')}\r\n`
}
