import { Alert, Badge, Divider, Group, Loader, Stack, Text, Title } from '@mantine/core'
import { IconAlertTriangle } from '@tabler/icons-react'
import type { ReactNode } from 'react'
import type {
  ClassificationLabel,
  EvidenceItem,
  NearMiss,
  PersonalDataEntry,
} from '../../../shared/model/personal-data'
import { useFieldClassification } from '../../api/personal-data'
import { ErrorAlert } from '../../components/error-alert'
import { DecisionHistory } from './decision-history'
import { ConfidenceBar, ReviewBadge } from './entries-table'
import { categoryOf } from './map-logic'
import { ProcessingEditor } from './processing-editor'
import { ReviewActions } from './review-actions'
import { SampleValues } from './sample-values'

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-label={title}>
      <Title order={4} size="sm" mb={4}>
        {title}
      </Title>
      {children}
    </section>
  )
}

function weightText(weight: number): string {
  return `${weight >= 0 ? '+' : '−'}${Math.abs(weight).toFixed(2)}`
}

function EvidenceLine({ item }: { item: EvidenceItem }) {
  return (
    <li className="sl-pd-evidence" data-testid="evidence-item">
      <Group gap={6} wrap="nowrap" align="flex-start">
        <Badge size="xs" variant="outline" color="gray" style={{ flexShrink: 0 }}>
          {item.kind}
        </Badge>
        <Stack gap={0} miw={0} style={{ flex: 1 }}>
          <Text size="sm">{item.detail}</Text>
          <Text size="xs" c="dimmed">
            <Text span ff="monospace" size="xs">
              {item.source}
            </Text>
            {item.matched !== undefined && item.of !== undefined
              ? ` · matched ${item.matched} of ${item.of}`
              : ''}
            {item.example ? (
              <>
                {' · e.g. '}
                <Text span ff="monospace" size="xs" data-testid="evidence-example">
                  {item.example}
                </Text>
              </>
            ) : null}
          </Text>
        </Stack>
        <Text
          size="xs"
          ff="monospace"
          c={item.weight >= 0 ? 'teal' : 'red'}
          title="Weight in the confidence"
          style={{ flexShrink: 0 }}
        >
          {weightText(item.weight)}
        </Text>
      </Group>
    </li>
  )
}

function LabelView({ label }: { label: ClassificationLabel }) {
  const category = categoryOf(label.category)
  return (
    <Stack gap={4} data-testid="label" data-category={label.category}>
      <Group gap="xs" justify="space-between" wrap="nowrap">
        <Text size="sm" fw={600} c={category.special ? 'red' : undefined}>
          {category.label}{' '}
          <Text span size="xs" c="dimmed" ff="monospace" fw={400}>
            {label.category}
          </Text>
        </Text>
        <ConfidenceBar value={label.confidence} />
      </Group>
      {label.share !== undefined ? (
        <Text size="xs" c="dimmed">
          {Math.round(label.share * 100)}% of sampled values hold personal data
        </Text>
      ) : null}
      <ul className="sl-pd-list">
        {label.evidence.map((item, index) => (
          <EvidenceLine key={`${item.source}-${index}`} item={item} />
        ))}
      </ul>
    </Stack>
  )
}

function NearMissView({ miss }: { miss: NearMiss }) {
  return (
    <li data-testid="near-miss">
      <Text size="sm">
        <Text span fw={600}>
          {categoryOf(miss.category).label}
        </Text>{' '}
        <Text span size="xs" c="dimmed" ff="monospace">
          {miss.category}
        </Text>
        : {miss.reason}
      </Text>
    </li>
  )
}

/** Everything behind one field's classification, its review actions and its processing. */
export function EvidencePanel({ entry }: { entry: PersonalDataEntry }) {
  const detail = useFieldClassification(entry.urn)
  const classification = detail.data?.classification
  const category = categoryOf(entry.category)
  return (
    <Stack gap="sm" component="section" aria-label="Evidence" p="sm">
      <Stack gap={2}>
        <Group gap="xs" justify="space-between" wrap="nowrap" align="flex-start">
          <Title order={3} size="h5" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
            {entry.location}
          </Title>
          <div style={{ flexShrink: 0 }}>
            <ReviewBadge entry={entry} />
          </div>
        </Group>
        <Text size="xs" c="dimmed">
          {entry.source} · {entry.platform}
          {entry.count !== undefined ? ` · ${entry.count.toLocaleString()} records` : ''}
        </Text>
        <Text size="sm" data-testid="panel-category">
          <Text span fw={600} c={category.special ? 'red' : undefined}>
            {category.label}
          </Text>{' '}
          <Text span size="xs" c="dimmed" ff="monospace">
            {entry.category}
          </Text>
          {entry.suggested && entry.suggested !== entry.category ? (
            <Text span size="xs" c="dimmed">
              {' '}
              (suggested: {categoryOf(entry.suggested).label})
            </Text>
          ) : null}
        </Text>
        {entry.viaLineage ? (
          <Text size="xs" c="dimmed">
            Personal by lineage from {entry.viaLineage}
          </Text>
        ) : null}
      </Stack>
      {entry.reReviewReason ? (
        <Alert color="orange" variant="light" icon={<IconAlertTriangle size={16} />} p="xs">
          <Text size="sm">Needs re-review: {entry.reReviewReason}</Text>
        </Alert>
      ) : null}

      <ReviewActions entry={entry} />
      <Divider />

      {detail.isPending ? (
        <Loader size="xs" aria-label="Loading evidence" />
      ) : detail.error ? (
        <ErrorAlert error={detail.error} title="Could not read the evidence" />
      ) : (
        <>
          <Section title="Labels">
            {classification?.labels.length ? (
              <Stack gap="sm">
                {classification.labels.map((label) => (
                  <LabelView key={label.category} label={label} />
                ))}
              </Stack>
            ) : (
              <Text size="sm" c="dimmed">
                The classifier suggests no category for this field.
              </Text>
            )}
          </Section>
          {classification?.nearMisses.length ? (
            <Section title="Near misses">
              <ul className="sl-pd-list">
                {classification.nearMisses.map((miss, index) => (
                  <NearMissView key={`${miss.category}-${index}`} miss={miss} />
                ))}
              </ul>
            </Section>
          ) : null}
          {classification ? (
            <Text size="xs" c="dimmed">
              {classification.sampled} values sampled · rules {classification.rulePacks.join(', ')}
            </Text>
          ) : null}
        </>
      )}

      <Section title="Sampled values">
        <SampleValues key={entry.urn} entry={entry} />
      </Section>
      <Section title="Processing (Article 30)">
        <ProcessingEditor key={entry.urn} entry={entry} />
      </Section>
      <Section title="Decisions">
        <DecisionHistory urn={entry.urn} decision={detail.data?.decision ?? entry.decision} />
      </Section>
    </Stack>
  )
}
