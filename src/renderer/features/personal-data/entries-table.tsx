import { Badge, Text, Tooltip, UnstyledButton } from '@mantine/core'
import { IconArrowDown, IconArrowUp, IconArrowsSort } from '@tabler/icons-react'
import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useRef } from 'react'
import type { PersonalDataEntry } from '../../../shared/model/personal-data'
import {
  REVIEW_STATE_COLORS,
  REVIEW_STATE_LABELS,
  categoryOf,
  formatConfidence,
  type MapSort,
  type SortKey,
} from './map-logic'

const TEMPLATE = {
  gridTemplateColumns: 'minmax(220px, 2.4fr) minmax(150px, 1.2fr) 112px 92px',
}

/** A confidence as a bar and a number; colours say how sure, the number says exactly. */
export function ConfidenceBar({ value }: { value: number }) {
  const percent = Math.round(value * 100)
  const tone = percent >= 90 ? 'high' : percent >= 70 ? 'medium' : 'low'
  return (
    <div
      className="sl-pd-confidence"
      role="meter"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-label="Confidence"
    >
      <div className="sl-pd-confidence-bar" data-tone={tone} aria-hidden>
        <div style={{ width: `${percent}%` }} />
      </div>
      <Text size="xs" fw={600} span data-testid="confidence">
        {formatConfidence(value)}
      </Text>
    </div>
  )
}

export function ReviewBadge({ entry }: { entry: PersonalDataEntry }) {
  const badge = (
    <Badge
      color={REVIEW_STATE_COLORS[entry.reviewState]}
      variant={entry.reviewState === 'suggested' ? 'light' : 'filled'}
      size="sm"
      data-testid="review-state"
    >
      {REVIEW_STATE_LABELS[entry.reviewState]}
    </Badge>
  )
  return entry.reReviewReason ? <Tooltip label={entry.reReviewReason}>{badge}</Tooltip> : badge
}

function SortHeader({
  label,
  by,
  sort,
  onSort,
}: {
  label: string
  by: SortKey
  sort: MapSort
  onSort: (by: SortKey) => void
}) {
  const active = sort.by === by
  const Icon = !active ? IconArrowsSort : sort.direction === 'asc' ? IconArrowUp : IconArrowDown
  return (
    <div
      role="columnheader"
      className="sl-cat-cell"
      aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
    >
      <UnstyledButton onClick={() => onSort(by)} className="sl-pd-sort" fw={600} fz="sm">
        {label} <Icon size={13} aria-hidden />
      </UnstyledButton>
    </div>
  )
}

/**
 * Every field of the (filtered) map, virtualised: a catalogue can hold thousands of personal
 * fields. The selected row is the one the keyboard shortcuts act on.
 */
export function EntriesTable({
  entries,
  selectedUrn,
  sort,
  onSort,
  onSelect,
}: {
  entries: PersonalDataEntry[]
  selectedUrn: string | undefined
  sort: MapSort
  onSort: (by: SortKey) => void
  onSelect: (urn: string) => void
}) {
  const scrollRef = useRef<HTMLDivElement>(null)
  // The virtualiser is read afresh on every render, so the compiler's memoising is not needed.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 48,
    overscan: 10,
  })

  // Keep the selected row in view as j/k or the arrows move it.
  useEffect(() => {
    const index = entries.findIndex((entry) => entry.urn === selectedUrn)
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' })
  }, [selectedUrn, entries, virtualizer])

  return (
    <div ref={scrollRef} className="sl-pd-table">
      <div role="grid" aria-label="Personal data fields" aria-rowcount={entries.length + 1}>
        <div role="row" aria-rowindex={1} className="sl-pd-grid sl-pd-head" style={TEMPLATE}>
          <SortHeader label="Location" by="location" sort={sort} onSort={onSort} />
          <div role="columnheader" className="sl-cat-cell">
            Category
          </div>
          <SortHeader label="Confidence" by="confidence" sort={sort} onSort={onSort} />
          <div role="columnheader" className="sl-cat-cell">
            Review
          </div>
        </div>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const entry = entries[item.index]!
            const category = categoryOf(entry.category)
            const selected = entry.urn === selectedUrn
            return (
              <div
                key={entry.urn}
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={selected}
                data-index={item.index}
                data-urn={entry.urn}
                data-selected={selected || undefined}
                ref={virtualizer.measureElement}
                className="sl-pd-grid sl-pd-row"
                onClick={() => onSelect(entry.urn)}
                style={{
                  ...TEMPLATE,
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  transform: `translateY(${item.start}px)`,
                }}
              >
                <div role="gridcell" className="sl-cat-cell">
                  <Text size="sm" ff="monospace" fw={600} truncate title={entry.urn}>
                    {entry.location}
                  </Text>
                  <Text size="xs" c="dimmed" truncate title={entry.evidenceSummary}>
                    <Text span size="xs" fw={600} c="dimmed">
                      {entry.source}
                    </Text>
                    {' · '}
                    <span data-testid="evidence-summary">{entry.evidenceSummary}</span>
                  </Text>
                </div>
                <div role="gridcell" className="sl-cat-cell">
                  <Text
                    size="sm"
                    truncate
                    c={category.special ? 'red' : undefined}
                    fw={category.special ? 600 : undefined}
                    data-testid="category-label"
                  >
                    {category.label}
                  </Text>
                  <Text size="xs" c="dimmed" ff="monospace" truncate data-testid="category-id">
                    {entry.category}
                  </Text>
                </div>
                <div role="gridcell">
                  <ConfidenceBar value={entry.confidence} />
                </div>
                <div role="gridcell">
                  <ReviewBadge entry={entry} />
                </div>
              </div>
            )
          })}
        </div>
      </div>
    </div>
  )
}
