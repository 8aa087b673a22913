import type {
  AssetOwnership,
  CatalogAsset,
  CatalogField,
  CrawlSummary,
} from '../../shared/model/catalog'
import type { LineageEdge } from '../../shared/model/lineage'
import type { PersonalDataEntry } from '../../shared/model/personal-data'
import type { SampleValue } from './sample-cache'

/** The version of docs/catalog-export.md this code writes. Bump it with the document. */
export const CATALOG_EXPORT_SCHEMA_VERSION = 1
/** Raised on additions (1.1: `lineage` holds edges); readers of 1.0 keep working. */
export const CATALOG_EXPORT_SCHEMA_MINOR = 1

export interface ExportInput {
  generator: string
  exportedAt: string
  crawls: CrawlSummary[]
  assets: CatalogAsset[]
  ownershipFor: (urn: string) => AssetOwnership | undefined
  /** Raw samples by field URN; only when the export asked for them with a reason. */
  rawSamples?: (fieldUrn: string) => SampleValue[] | undefined
  /** The personal-data map's entries (issue 5), for review states; absent: suggestions only. */
  personalData?: readonly PersonalDataEntry[]
  /** Lineage edges touching the exported assets (issue 6); absent: `lineage` is empty. */
  lineage?: readonly LineageEdge[]
}

/**
 * A field's classification as exported: the labels with category and confidence, and from the
 * personal-data map the effective category and review state. Evidence stays in the app and in
 * the personal-data report (docs/personal-data.md).
 */
function exportedClassification(
  field: CatalogField,
  entry: PersonalDataEntry | undefined,
): Record<string, unknown> | undefined {
  const cls = field.classification
  if (!cls && !entry) return undefined
  return {
    labels: (cls?.labels ?? []).map((l) => ({ category: l.category, confidence: l.confidence })),
    ...(entry ? { category: entry.category, reviewState: entry.reviewState } : {}),
    ...(cls ? { rulePacks: cls.rulePacks, sampled: cls.sampled } : {}),
  }
}

function exportedField(
  field: CatalogField,
  input: ExportInput,
  entries: ReadonlyMap<string, PersonalDataEntry>,
): Record<string, unknown> {
  const { classification: _full, ...rest } = field
  const classification = exportedClassification(field, entries.get(field.urn))
  const raw = input.rawSamples?.(field.urn)
  return {
    ...rest,
    ...(classification ? { classification } : {}),
    ...(raw === undefined ? {} : { rawSamples: raw }),
  }
}

/** The JSON export (docs/catalog-export.md, schemaVersion 1.1). */
export function catalogToJson(input: ExportInput): string {
  const entries = new Map((input.personalData ?? []).map((e) => [e.urn, e]))
  const doc = {
    schemaVersion: CATALOG_EXPORT_SCHEMA_VERSION,
    schemaMinorVersion: CATALOG_EXPORT_SCHEMA_MINOR,
    generator: input.generator,
    exportedAt: input.exportedAt,
    rawSamples: input.rawSamples !== undefined,
    sources: input.crawls.map((c) => ({
      name: c.source,
      platform: c.platform,
      crawl: {
        id: c.id,
        status: c.status,
        startedAt: c.startedAt,
        ...(c.endedAt === undefined ? {} : { endedAt: c.endedAt }),
      },
    })),
    assets: input.assets.map((asset) => {
      const ownership = input.ownershipFor(asset.urn)
      return {
        ...asset,
        ...(ownership && Object.keys(ownership).length > 0 ? { ownership } : {}),
        fields: asset.fields.map((f) => exportedField(f, input, entries)),
      }
    }),
    // The personal-data map's entries (issue 5).
    classifications: input.personalData ?? [],
    // Lineage edges (issue 6): field edges and the asset edges they roll up into (docs/lineage.md).
    lineage: input.lineage ?? [],
  }
  return `${JSON.stringify(doc, null, 2)}\n`
}

export const CSV_COLUMNS = [
  'source',
  'platform',
  'asset_urn',
  'asset_kind',
  'asset_path',
  'asset_description',
  'owner',
  'domain',
  'field_urn',
  'field_path',
  'ordinal',
  'declared_type',
  'observed_types',
  'nullable',
  'primary_key',
  'references',
  'presence',
  'field_description',
  'sampled',
  'nulls',
  'distinct',
  'min_length',
  'max_length',
  'examples',
] as const

/**
 * RFC 4180 quoting. A cell a spreadsheet would run as a formula (`=`, `+`, `@`, tab, CR first) is
 * prefixed with `'`: catalogue text comes from sources and must not execute on opening.
 */
export function csvCell(value: unknown): string {
  if (value === undefined || value === null) return ''
  let text =
    typeof value === 'string'
      ? value
      : typeof value === 'object'
        ? JSON.stringify(value)
        : String(value)
  if (/^[=+@\t\r]/.test(text)) text = `'${text}`
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** The CSV export: one row per field; an asset without fields gets one row of its own. */
export function catalogToCsv(input: ExportInput): string {
  const columns: string[] = [...CSV_COLUMNS]
  if (input.rawSamples) columns.push('raw_samples')
  const lines = [columns.join(',')]
  for (const asset of input.assets) {
    const ownership = input.ownershipFor(asset.urn)
    const assetCells = [
      asset.source,
      asset.platform,
      asset.urn,
      asset.kind,
      asset.path.join('.'),
      asset.description,
      ownership?.owner?.id,
      ownership?.domain?.id,
    ]
    const fields: Array<CatalogField | undefined> =
      asset.fields.length > 0 ? asset.fields : [undefined]
    for (const f of fields) {
      const cells: unknown[] = [
        ...assetCells,
        f?.urn,
        f?.path,
        f?.ordinal,
        f?.declaredType,
        f?.types?.map((t) => `${t.type}:${t.count}`).join(' '),
        f?.nullable,
        f?.primaryKey,
        f?.references,
        f?.presence ? `${f.presence.seen}/${f.presence.of}` : undefined,
        f?.description,
        f?.values?.sampled,
        f?.values?.nulls,
        f?.values?.distinct,
        f?.values?.minLength,
        f?.values?.maxLength,
        f?.values?.examples.join(' | '),
      ]
      if (input.rawSamples) {
        const raw = f ? input.rawSamples(f.urn) : undefined
        cells.push(raw === undefined ? undefined : JSON.stringify(raw))
      }
      lines.push(cells.map(csvCell).join(','))
    }
  }
  return `${lines.join('\r\n')}\r\n`
}
