import { Button, Group, Paper, Stack, Text, UnstyledButton } from '@mantine/core'
import { IconAlertTriangle, IconChevronDown, IconChevronUp } from '@tabler/icons-react'
import type { CategoryId, PersonalDataSummary } from '../../../shared/model/personal-data'
import { formatCount } from '../catalogue/format'
import { NEEDS_REVIEW, summaryGroups, type MapFilters } from './map-logic'

function Chip({
  label,
  count,
  toReview,
  detail,
  active,
  special,
  onClick,
  testId,
}: {
  label: string
  count: number
  /** Fields still to review, shown beside the count when there are any. */
  toReview?: number
  detail?: string
  active: boolean
  special?: boolean
  onClick: () => void
  testId?: string
}) {
  return (
    <UnstyledButton
      className="sl-pd-chip"
      data-active={active || undefined}
      data-special={special || undefined}
      aria-pressed={active}
      title={detail}
      onClick={onClick}
      data-testid={testId}
    >
      <span className="sl-pd-chip-label">{label}</span>
      <span className="sl-pd-chip-count">{formatCount(count)}</span>
      {toReview ? (
        <span className="sl-pd-chip-review" title={`${toReview} to review`}>
          {formatCount(toReview)} to review
        </span>
      ) : null}
    </UnstyledButton>
  )
}

function Total({ label, value, onClick }: { label: string; value: number; onClick?: () => void }) {
  const body = (
    <Text size="sm" span>
      <Text span fw={700} data-testid={`total-${label.toLowerCase().replace(/\s+/g, '-')}`}>
        {formatCount(value)}
      </Text>{' '}
      <Text span c="dimmed" size="sm">
        {label}
      </Text>
    </Text>
  )
  return onClick ? (
    <UnstyledButton onClick={onClick} className="sl-pd-total">
      {body}
    </UnstyledButton>
  ) : (
    body
  )
}

/**
 * The whole map at a glance: categories by GDPR group (special categories stand out), then
 * sources. Every chip is a filter: clicking one shows only its fields, clicking it again clears it.
 */
export function SummaryPanel({
  summary,
  filters,
  onFilter,
  expanded,
  onToggle,
}: {
  summary: PersonalDataSummary
  filters: MapFilters
  onFilter: (patch: Partial<MapFilters>) => void
  expanded: boolean
  onToggle: () => void
}) {
  const groups = summaryGroups(summary)
  const only = (category: CategoryId) =>
    filters.categories.length === 1 && filters.categories[0] === category
  const onlySource = (source: string) =>
    filters.sources.length === 1 && filters.sources[0] === source
  const needsReview = summary.totals.suggested + summary.totals.reReview
  return (
    <Paper withBorder p="xs" component="section" aria-label="Personal data summary">
      <Stack gap={6}>
        <Group gap="lg" wrap="wrap">
          <Total label="personal fields" value={summary.totals.fields} />
          <Total
            label="need review"
            value={needsReview}
            onClick={() => onFilter({ reviewStates: [...NEEDS_REVIEW] })}
          />
          <Total
            label="confirmed"
            value={summary.totals.confirmed}
            onClick={() => onFilter({ reviewStates: ['confirmed', 'changed'] })}
          />
          <Total
            label="rejected"
            value={summary.totals.rejected}
            onClick={() => onFilter({ reviewStates: ['rejected'] })}
          />
          {summary.totals.reReview > 0 ? (
            <Group gap={4} c="orange">
              <IconAlertTriangle size={16} aria-hidden />
              <Total
                label="to re-review"
                value={summary.totals.reReview}
                onClick={() => onFilter({ reviewStates: ['re-review'] })}
              />
            </Group>
          ) : null}
          <Button
            size="compact-xs"
            variant="subtle"
            ml="auto"
            onClick={onToggle}
            aria-expanded={expanded}
            rightSection={expanded ? <IconChevronUp size={14} /> : <IconChevronDown size={14} />}
          >
            {expanded ? 'Hide categories' : 'Show categories and sources'}
          </Button>
        </Group>
        {expanded ? (
          <>
            <div role="list" aria-label="Categories" className="sl-pd-groups">
              {groups.map((group) => (
                <div
                  key={group.group}
                  role="listitem"
                  className="sl-pd-group"
                  data-special={group.group === 'special' || undefined}
                  aria-label={`${group.label}: ${group.fields} fields`}
                >
                  <Text size="xs" fw={700} tt="uppercase" c="dimmed" className="sl-pd-group-label">
                    {group.label}
                  </Text>
                  <div className="sl-pd-chips">
                    {group.categories.map((row) => (
                      <Chip
                        key={row.category}
                        label={row.definition.label}
                        count={row.fields}
                        detail={`${row.category}: ${row.fields} fields in ${row.sources} sources, ${row.confirmed} confirmed`}
                        active={only(row.category)}
                        special={row.definition.special}
                        testId={`category-${row.category}`}
                        onClick={() =>
                          onFilter({ categories: only(row.category) ? [] : [row.category] })
                        }
                      />
                    ))}
                  </div>
                </div>
              ))}
            </div>
            <div className="sl-pd-group" role="list" aria-label="Sources">
              <Text size="xs" fw={700} tt="uppercase" c="dimmed" className="sl-pd-group-label">
                Sources
              </Text>
              <div className="sl-pd-chips">
                {summary.bySource.map((row) => (
                  <div role="listitem" key={row.source}>
                    <Chip
                      label={row.source}
                      count={row.fields}
                      toReview={row.needsReview}
                      detail={`${row.source}: ${row.fields} fields in ${row.categories} categories, ${row.needsReview} need review`}
                      active={onlySource(row.source)}
                      testId={`source-${row.source}`}
                      onClick={() =>
                        onFilter({ sources: onlySource(row.source) ? [] : [row.source] })
                      }
                    />
                  </div>
                ))}
              </div>
            </div>
          </>
        ) : null}
      </Stack>
    </Paper>
  )
}
