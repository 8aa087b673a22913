import {
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  Paper,
  SegmentedControl,
  Stack,
  Text,
} from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { IconCheck, IconArrowBackUp, IconX } from '@tabler/icons-react'
import { useState } from 'react'
import type { LineageGraph, LineageSuggestion } from '../../../shared/model/lineage'
import { useDecideLineageSuggestion, useLineageSuggestions } from '../../api/lineage'
import { toDisplayError } from '../../api/remote-error'
import { ErrorAlert } from '../../components/error-alert'
import { transformText } from './edge-details'
import { FindSuggestions } from './find-suggestions'
import {
  formatPercent,
  formatScore,
  labelFromUrn,
  sortSuggestions,
  suggestionsInView,
  type NodeTitles,
} from './lineage-logic'
import { useLineageUi } from './lineage-store'

type Filter = 'view' | 'open' | 'decided'

const STATUS_COLOURS = { open: 'gray', accepted: 'teal', rejected: 'red' } as const

/** One suggestion: its ends, the transformation, score and evidence, and the decision in place. */
export function SuggestionCard({
  suggestion,
  titles,
  selected,
}: {
  suggestion: LineageSuggestion
  titles: NodeTitles
  selected?: boolean
}) {
  const decide = useDecideLineageSuggestion()
  const inspect = useLineageUi((state) => state.inspect)
  const title = (urn: string) => titles.get(urn) ?? labelFromUrn(urn)
  const { evidence } = suggestion
  const name = `${title(suggestion.from)} → ${title(suggestion.to)}`
  const run = (decision: LineageSuggestion['status']) =>
    decide.mutate(
      { id: suggestion.id, decision },
      {
        onError: (error) =>
          notifications.show({
            color: 'red',
            title: 'Could not record the decision',
            message: toDisplayError(error).message,
            closeButtonProps: { 'aria-label': 'Dismiss notification' },
          }),
      },
    )
  return (
    <Paper
      withBorder
      p="xs"
      role="group"
      aria-label={`Suggestion ${name}`}
      data-suggestion={suggestion.id}
      data-selected={selected || undefined}
      className="sl-lin-suggestion"
    >
      <Stack gap={4}>
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Anchor
            component="button"
            type="button"
            size="sm"
            fw={600}
            ta="left"
            style={{ overflowWrap: 'anywhere' }}
            onClick={() => inspect({ kind: 'edge', id: suggestion.id })}
          >
            {name}
          </Anchor>
          <Badge
            color={STATUS_COLOURS[suggestion.status]}
            data-testid="suggestion-status"
            style={{ flexShrink: 0, overflow: 'visible' }}
          >
            {suggestion.status}
          </Badge>
        </Group>
        <Text size="xs">
          <Text span fw={600}>
            {transformText(suggestion.transform)}
          </Text>{' '}
          · score {formatScore(suggestion.score)}
        </Text>
        <Text size="xs" c="dimmed" data-testid="suggestion-evidence">
          {formatPercent(evidence.containment)} of {evidence.fromDistinct} values found after{' '}
          {evidence.normalisation} (Jaccard {formatScore(evidence.jaccard)}) · names{' '}
          {formatPercent(evidence.nameSimilarity)} alike ·{' '}
          {evidence.typeCompatible ? 'types compatible' : 'types differ'}
          {evidence.notes?.length ? ` · ${evidence.notes.join('; ')}` : ''}
        </Text>
        <Group gap={6}>
          {suggestion.status === 'open' ? (
            <>
              <Button
                size="compact-xs"
                color="teal"
                leftSection={<IconCheck size={12} />}
                loading={decide.isPending && decide.variables?.decision === 'accepted'}
                disabled={decide.isPending}
                onClick={() => run('accepted')}
                aria-label={`Accept ${name}`}
              >
                Accept
              </Button>
              <Button
                size="compact-xs"
                color="red"
                variant="light"
                leftSection={<IconX size={12} />}
                loading={decide.isPending && decide.variables?.decision === 'rejected'}
                disabled={decide.isPending}
                onClick={() => run('rejected')}
                aria-label={`Reject ${name}`}
              >
                Reject
              </Button>
            </>
          ) : (
            <>
              <Button
                size="compact-xs"
                variant="default"
                leftSection={<IconArrowBackUp size={12} />}
                loading={decide.isPending}
                onClick={() => run('open')}
                aria-label={`Undo ${suggestion.status} ${name}`}
              >
                Undo
              </Button>
              <Text size="xs" c="dimmed">
                {suggestion.status === 'accepted'
                  ? 'Written to catalog/lineage/accepted.yaml'
                  : 'Remembered: it will not be suggested again'}
                {suggestion.decidedBy ? ` · by ${suggestion.decidedBy}` : ''}
              </Text>
            </>
          )}
        </Group>
      </Stack>
    </Paper>
  )
}

/** Inferred lineage: the suggestions touching the view first, all open ones, the decided ones. */
export function SuggestionsPanel({
  graph,
  titles,
  selectedId,
}: {
  graph: LineageGraph | undefined
  titles: NodeTitles
  selectedId?: string
}) {
  const suggestions = useLineageSuggestions()
  const [filter, setFilter] = useState<Filter>('view')
  if (suggestions.isPending) return <Loader size="xs" aria-label="Loading suggestions" />
  if (suggestions.error)
    return <ErrorAlert error={suggestions.error} title="Could not read the suggestions" />
  const all = suggestions.data
  // Decided ones stay listed under "in view" until the user moves on, so Undo stays in place.
  const shown = sortSuggestions(
    filter === 'view'
      ? [
          ...suggestionsInView(all, graph),
          ...all.filter((s) => s.status !== 'open' && s.decidedAt && inGraph(s, graph)),
        ]
      : filter === 'open'
        ? all.filter((s) => s.status === 'open')
        : all.filter((s) => s.status !== 'open'),
  )
  return (
    <Stack gap="xs">
      <FindSuggestions />
      <SegmentedControl
        size="xs"
        aria-label="Which suggestions"
        value={filter}
        onChange={(value) => setFilter(value as Filter)}
        data={[
          { value: 'view', label: 'In view' },
          { value: 'open', label: `Open (${all.filter((s) => s.status === 'open').length})` },
          { value: 'decided', label: 'Decided' },
        ]}
      />
      {shown.length === 0 ? (
        <Text size="sm" c="dimmed">
          {filter === 'view'
            ? 'No open suggestion touches the nodes on screen.'
            : filter === 'open'
              ? 'No open suggestions: every inferred edge has been decided.'
              : 'No decisions yet.'}
        </Text>
      ) : (
        <div role="list" aria-label="Suggestions">
          <Stack gap={6}>
            {shown.map((suggestion) => (
              <div role="listitem" key={suggestion.id}>
                <SuggestionCard
                  suggestion={suggestion}
                  titles={titles}
                  selected={suggestion.id === selectedId}
                />
              </div>
            ))}
          </Stack>
        </div>
      )}
    </Stack>
  )
}

function inGraph(suggestion: LineageSuggestion, graph: LineageGraph | undefined): boolean {
  return (
    graph?.nodes.some((node) => node.urn === suggestion.from || node.urn === suggestion.to) ?? false
  )
}
