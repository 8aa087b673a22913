import { ActionIcon, Badge, Group, Text, Tooltip } from '@mantine/core'
import { IconEye, IconEyeOff, IconKey, IconLink, IconSitemap } from '@tabler/icons-react'
import type { CatalogField } from '../../../shared/model/catalog'
import { lineageHref } from '../lineage/lineage-logic'
import { fieldDepth, formatCount } from './format'
import type { RevealedValues } from './reveal-modal'

/** Which optional columns an asset needs: relational tables have no "seen in" coverage. */
export interface Columns {
  seen: boolean
  values: boolean
}

export function gridTemplate(columns: Columns): string {
  return [
    'minmax(150px, 1.5fr)', // field
    'minmax(110px, 1.3fr)', // type
    '40px', // null
    columns.seen ? '84px' : '',
    columns.values ? 'minmax(110px, 1fr) minmax(130px, 1.5fr)' : '',
    '32px', // reveal
  ]
    .filter(Boolean)
    .join(' ')
}

export function headers(columns: Columns): string[] {
  return [
    'Field',
    'Type',
    'Null',
    ...(columns.seen ? ['Seen in'] : []),
    ...(columns.values ? ['Values', 'Examples'] : []),
    '',
  ]
}

function SeenIn({ field }: { field: CatalogField }) {
  if (!field.presence)
    return (
      <Text size="xs" c="dimmed">
        —
      </Text>
    )
  const { seen, of } = field.presence
  const percent = of > 0 ? Math.round((seen / of) * 100) : 0
  return (
    <div title={`Present in ${seen} of ${of} sampled records (${percent}%)`}>
      <Text size="xs">
        {formatCount(seen)} of {formatCount(of)}
      </Text>
      <div className="sl-cat-seen-bar" aria-hidden>
        <div style={{ width: `${percent}%` }} />
      </div>
    </div>
  )
}

/** Two short lines: distinct values, then nulls and lengths. */
function valueSummary(field: CatalogField): [string, string] | undefined {
  const v = field.values
  if (!v) return undefined
  const second = [`${formatCount(v.nulls)} nulls`]
  if (v.minLength !== undefined && v.maxLength !== undefined) {
    second.push(
      v.minLength === v.maxLength ? `len ${v.minLength}` : `len ${v.minLength}–${v.maxLength}`,
    )
  }
  return [`${formatCount(v.distinct)} distinct of ${formatCount(v.sampled)}`, second.join(' · ')]
}

function observedTypes(field: CatalogField): string {
  return field.types?.map((t) => t.type).join(' | ') ?? '—'
}

/** The cells of one field row: name and keys, types, coverage, value statistics, reveal. */
export function FieldCells({
  field,
  columns,
  samplesInMemory,
  revealed,
  onReveal,
  onHide,
}: {
  field: CatalogField
  columns: Columns
  samplesInMemory: boolean
  revealed: RevealedValues | undefined
  onReveal: () => void
  onHide: () => void
}) {
  const examples = field.values?.examples ?? []
  const summary = valueSummary(field)
  const canReveal = samplesInMemory && field.values !== undefined && field.values.sampled > 0
  const revealHint = !field.values
    ? 'No values were sampled for this field'
    : samplesInMemory
      ? `Reveal the sampled values of ${field.path}`
      : 'Samples are no longer in memory: crawl again to reveal values'
  return (
    <>
      <div role="cell" className="sl-cat-cell" style={{ paddingLeft: fieldDepth(field.path) * 14 }}>
        <Group gap={6} wrap="nowrap">
          <Text
            size="sm"
            ff="monospace"
            truncate
            title={field.description ?? field.path}
            style={{ minWidth: 0 }}
          >
            {field.name}
          </Text>
          {field.primaryKey ? (
            <Badge
              color="yellow"
              size="xs"
              leftSection={<IconKey size={10} />}
              title="Primary key"
              style={{ flexShrink: 0, overflow: 'visible' }}
            >
              PK
            </Badge>
          ) : null}
          {field.references ? (
            <Badge
              color="cyan"
              size="xs"
              leftSection={<IconLink size={10} />}
              title={`Foreign key to ${field.references}`}
              style={{ flexShrink: 0, overflow: 'visible' }}
            >
              FK
            </Badge>
          ) : null}
          <Tooltip label={`Lineage of ${field.path}`}>
            <ActionIcon
              component="a"
              href={lineageHref(field.urn)}
              variant="subtle"
              size="xs"
              ml="auto"
              aria-label={`Lineage of ${field.path}`}
              style={{ flexShrink: 0 }}
            >
              <IconSitemap size={12} />
            </ActionIcon>
          </Tooltip>
        </Group>
      </div>
      <div
        role="cell"
        className="sl-cat-cell"
        title={field.types?.map((t) => `${t.type}: ${t.count}`).join(', ')}
      >
        {field.declaredType ? (
          <Text
            size="sm"
            ff="monospace"
            truncate
            data-testid="declared-type"
            title={field.declaredType}
          >
            {field.declaredType}
          </Text>
        ) : null}
        {field.types?.length ? (
          <Text
            size="xs"
            c={field.declaredType ? 'dimmed' : undefined}
            truncate
            data-testid="observed-types"
          >
            {field.declaredType ? 'seen: ' : ''}
            {observedTypes(field)}
          </Text>
        ) : null}
        {!field.declaredType && !field.types?.length ? <Text size="sm">—</Text> : null}
      </div>
      <div role="cell">
        <Text
          size="sm"
          span
          c={field.nullable ? undefined : 'dimmed'}
          title={
            field.nullable ? 'Nullable' : field.nullable === false ? 'Not nullable' : undefined
          }
        >
          {field.nullable === undefined ? '—' : field.nullable ? 'yes' : 'no'}
        </Text>
      </div>
      {columns.seen ? (
        <div role="cell">
          <SeenIn field={field} />
        </div>
      ) : null}
      {columns.values ? (
        <>
          <div role="cell" className="sl-cat-cell" data-testid="value-stats">
            {summary ? (
              <>
                <Text size="xs" truncate>
                  {summary[0]}
                </Text>
                <Text size="xs" c="dimmed" truncate>
                  {summary[1]}
                </Text>
              </>
            ) : (
              <Text size="xs">—</Text>
            )}
          </div>
          <div role="cell" className="sl-cat-cell" title={examples.join(', ')}>
            <Text size="xs" ff="monospace" span data-testid="masked-examples">
              {examples.length ? examples.join(', ') : '—'}
            </Text>
          </div>
        </>
      ) : null}
      <div role="cell">
        <Tooltip label={revealed ? 'Hide the revealed values' : revealHint}>
          <ActionIcon
            aria-label={revealed ? `Hide values of ${field.path}` : `Reveal ${field.path}`}
            color={revealed ? 'orange' : undefined}
            disabled={!revealed && !canReveal}
            onClick={revealed ? onHide : onReveal}
          >
            {revealed ? <IconEyeOff size={16} /> : <IconEye size={16} />}
          </ActionIcon>
        </Tooltip>
      </div>
      {revealed ? (
        <div
          className="sl-cat-revealed"
          role="cell"
          aria-label={`Revealed values of ${field.path}`}
        >
          <Text size="xs" c="orange" fw={700} span>
            Revealed (this view only):{' '}
          </Text>
          <Text size="xs" ff="monospace" span data-testid="revealed-values">
            {revealed.map((value) => (value === null ? 'null' : String(value))).join(', ')}
          </Text>
        </div>
      ) : null}
    </>
  )
}
