import { Anchor, Badge, Group, Loader, Paper, Stack, Text } from '@mantine/core'
import type { LineageInsight, LineageInsightKind } from '../../../shared/model/lineage'
import { useLineageInsights } from '../../api/lineage'
import { ErrorAlert } from '../../components/error-alert'
import { labelFromUrn } from './lineage-logic'
import { useLineageUi } from './lineage-store'

const KIND_LABELS: Record<LineageInsightKind, string> = {
  'connector-failed': 'Failed connectors',
  'cdc-not-captured': 'CDC enabled, not captured',
  'captured-without-cdc': 'Captured without CDC',
  'personal-data-flow': 'Personal data flows',
  'topic-unconsumed': 'Topics nobody reads',
  'dangling-edge': 'Names the catalogue lacks',
}

const SEVERITY_COLOURS = { error: 'red', warning: 'orange', info: 'blue' } as const
const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const

/** Insights grouped by kind, the worst kinds first. */
export function groupInsights(
  insights: readonly LineageInsight[],
): Array<[LineageInsightKind, LineageInsight[]]> {
  const groups = new Map<LineageInsightKind, LineageInsight[]>()
  for (const insight of insights) {
    groups.set(insight.kind, [...(groups.get(insight.kind) ?? []), insight])
  }
  const worst = (items: LineageInsight[]) =>
    Math.min(...items.map((item) => SEVERITY_ORDER[item.severity]))
  return [...groups.entries()].sort((a, b) => worst(a[1]) - worst(b[1]))
}

/** Estate insights: what the configurations and the catalogue say together. */
export function InsightsPanel() {
  const insights = useLineageInsights()
  const setFocus = useLineageUi((state) => state.setFocus)
  if (insights.isPending) return <Loader size="xs" aria-label="Loading insights" />
  if (insights.error)
    return <ErrorAlert error={insights.error} title="Could not compute the insights" />
  if (insights.data.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        Nothing to report: every CDC table is captured, every topic read, every connector running.
      </Text>
    )
  }
  return (
    <Stack gap="sm">
      {groupInsights(insights.data).map(([kind, items]) => (
        <section key={kind} aria-label={KIND_LABELS[kind]}>
          <Text size="xs" fw={700} tt="uppercase" c="dimmed" mb={4}>
            {KIND_LABELS[kind]} ({items.length})
          </Text>
          <Stack gap={4}>
            {items.map((insight) => (
              <Paper key={`${insight.kind}-${insight.urn}`} withBorder p={6} data-testid="insight">
                <Group gap={6} wrap="nowrap" align="flex-start">
                  <Badge
                    size="xs"
                    color={SEVERITY_COLOURS[insight.severity]}
                    mt={3}
                    style={{ flexShrink: 0 }}
                  >
                    {insight.severity}
                  </Badge>
                  <Stack gap={2} miw={0}>
                    <Text size="sm">{insight.message}</Text>
                    <Anchor
                      component="button"
                      type="button"
                      size="xs"
                      ta="left"
                      onClick={() => setFocus(insight.urn)}
                    >
                      Focus {labelFromUrn(insight.urn)}
                    </Anchor>
                  </Stack>
                </Group>
              </Paper>
            ))}
          </Stack>
        </section>
      ))}
    </Stack>
  )
}
