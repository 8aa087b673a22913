import {
  IconBox,
  IconDatabase,
  IconEye,
  IconFileDatabase,
  IconFolder,
  IconPlugConnected,
  IconSchema,
  IconServer2,
  IconTable,
  IconTopologyStar3,
  type Icon,
} from '@tabler/icons-react'
import type { AssetKind, CatalogTreeNode } from '../../../shared/model/catalog'

export const ASSET_KIND_ICONS: Record<AssetKind, Icon> = {
  database: IconDatabase,
  schema: IconFolder,
  table: IconTable,
  view: IconEye,
  cluster: IconServer2,
  topic: IconTopologyStar3,
  collection: IconFileDatabase,
  connector: IconPlugConnected,
  subject: IconSchema,
}

export const ASSET_KIND_LABELS: Record<AssetKind, string> = {
  database: 'Database',
  schema: 'Schema',
  table: 'Table',
  view: 'View',
  cluster: 'Cluster',
  topic: 'Topic',
  collection: 'Collection',
  connector: 'Connector',
  subject: 'Subject',
}

/** Tree icons: a box for a source, the asset kind's icon otherwise. */
export const NODE_ICONS: Record<CatalogTreeNode['kind'], Icon> = {
  source: IconBox,
  ...ASSET_KIND_ICONS,
}

const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 })

export function formatCount(value: number | undefined): string {
  return value === undefined ? '—' : integer.format(value)
}

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' })

export function formatTime(iso: string | undefined): string {
  if (!iso) return '—'
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? iso : timeFormat.format(date)
}

/** Depth of a field path, for indentation: `a.b[].c` -> 2. */
export function fieldDepth(path: string): number {
  return path.split('.').length - 1
}
