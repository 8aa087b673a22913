import { Stack, Text } from '@mantine/core'
import type { AuditEntry } from '../../../shared/model/audit'
import type { ReviewDecision } from '../../../shared/model/personal-data'
import { useAuditEntries } from '../../api/audit'
import { formatTime } from '../catalogue/format'
import { categoryOf } from './map-logic'

/** The audit log's review entries about one field, newest first. */
export function reviewEntriesFor(entries: readonly AuditEntry[], urn: string): AuditEntry[] {
  return entries.filter(
    (entry) => entry.action === 'review' && (entry.target === urn || entry.fields?.includes(urn)),
  )
}

/** What an audit review entry did, from its details when the API put them there. */
function describe(entry: AuditEntry): string {
  const details = entry.details ?? {}
  const decision = typeof details.decision === 'string' ? details.decision : undefined
  const category = typeof details.category === 'string' ? details.category : undefined
  if (decision && category) return `${decision} ${categoryOf(category).label}`
  if (decision) return decision
  return 'review'
}

/**
 * Who decided what, when and why: the decision in force (catalog/classifications.yaml), then
 * every review of this field in the audit log (which also keeps undone decisions).
 */
export function DecisionHistory({ urn, decision }: { urn: string; decision?: ReviewDecision }) {
  const audit = useAuditEntries()
  const history = reviewEntriesFor(audit.data ?? [], urn)
  return (
    <Stack gap={6} data-testid="decision-history">
      {decision ? (
        <Text size="sm" data-testid="current-decision">
          <Text span fw={600}>
            {decision.decision} {categoryOf(decision.category).label}
          </Text>{' '}
          by {decision.by}, {formatTime(decision.at)}
          {decision.reason ? (
            <Text span c="dimmed">
              {' '}
              — “{decision.reason}”
            </Text>
          ) : null}
        </Text>
      ) : (
        <Text size="sm" c="dimmed">
          No decision yet: the category shown is the classifier’s suggestion.
        </Text>
      )}
      {history.length ? (
        <Stack gap={2} component="ol" aria-label="Review history" className="sl-pd-history">
          {history.map((entry) => (
            <Text size="xs" key={entry.seq} component="li">
              {formatTime(entry.at)} · {entry.actor} · {describe(entry)}
              {entry.reason ? ` — “${entry.reason}”` : ''}
            </Text>
          ))}
        </Stack>
      ) : null}
    </Stack>
  )
}
