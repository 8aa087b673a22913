import { Alert, Badge, Button, Group, List, Paper, Stack, Table, Text } from '@mantine/core'
import { IconAlertTriangle } from '@tabler/icons-react'
import { useState } from 'react'
import { describeTransform } from '../../../shared/lineage/transforms/describe'
import type { LookupPlan, LookupPlanStep, StepAccess } from '../../../shared/model/lookup'
import { fieldLabel, KIND_LABELS, PLATFORM_LABELS } from './lookup-logic'

const ACCESS_LABELS: Record<StepAccess, string> = {
  'primary-key': 'Primary key',
  index: 'Index',
  partition: 'One partition',
  'lookup-index': 'Lookup index',
  scan: 'Scan',
  unreachable: 'Cannot ask',
}

const ACCESS_COLORS: Record<StepAccess, string> = {
  'primary-key': 'teal',
  index: 'teal',
  partition: 'cyan',
  'lookup-index': 'cyan',
  scan: 'orange',
  unreachable: 'red',
}

function accessDetail(step: LookupPlanStep): string {
  if (step.access === 'partition' && step.partition !== undefined) {
    return `partition ${step.partition}`
  }
  return step.index ?? ''
}

function inputText(step: LookupPlanStep, steps: ReadonlyMap<string, LookupPlanStep>): string {
  if (step.input.kind === 'identifier') return `the ${KIND_LABELS[step.input.identifierKind]}`
  const from = steps.get(step.input.fromStep)
  const origin = from ? fieldLabel(from.fieldUrn) : step.input.fromStep
  const via = step.input.transform
    ? ` via ${step.input.inverted ? 'the inverse of ' : ''}${describeTransform(step.input.transform)}`
    : ''
  return `${step.input.fromField} found in ${origin}${via}`
}

/** "amper-pg: 2 by index, 3 scans · events: 1 partition" */
export function planSummary(plan: LookupPlan): Array<{ source: string; text: string }> {
  const bySource = new Map<string, Map<StepAccess, number>>()
  for (const step of plan.steps) {
    const counts = bySource.get(step.source) ?? new Map<StepAccess, number>()
    counts.set(step.access, (counts.get(step.access) ?? 0) + 1)
    bySource.set(step.source, counts)
  }
  return [...bySource.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([source, counts]) => ({
      source,
      text: [...counts.entries()]
        .map(([access, n]) => `${n} × ${ACCESS_LABELS[access].toLowerCase()}`)
        .join(', '),
    }))
}

/**
 * The dry run: which stores will be asked, by which field and index, and which cannot be. The
 * summary per source and the warnings first; every step on demand.
 */
export function PlanView({ plan, onClose }: { plan: LookupPlan; onClose: () => void }) {
  const byId = new Map(plan.steps.map((step) => [step.id, step]))
  const [showSteps, setShowSteps] = useState(false)
  return (
    <Paper withBorder p="md" role="region" aria-label="Lookup plan">
      <Stack gap="sm">
        <Group gap="xs" justify="space-between" wrap="nowrap">
          <Group gap="xs">
            <Text fw={600}>Plan</Text>
            <Badge variant="light">{KIND_LABELS[plan.identifier.kind]}</Badge>
            <Text size="sm" c="dimmed">
              {plan.steps.length} steps, pivots to depth {plan.depth}; {plan.identifier.reason}
            </Text>
          </Group>
          <Group gap={4} wrap="nowrap">
            <Button size="compact-sm" variant="subtle" onClick={() => setShowSteps(!showSteps)}>
              {showSteps ? 'Hide steps' : 'Show steps'}
            </Button>
            <Button size="compact-sm" variant="subtle" color="gray" onClick={onClose}>
              Close plan
            </Button>
          </Group>
        </Group>
        <Group gap="lg" role="group" aria-label="Stores to ask">
          {planSummary(plan).map(({ source, text }) => (
            <Text key={source} size="sm">
              <Text span fw={600} size="sm">
                {source}
              </Text>
              : {text}
            </Text>
          ))}
        </Group>
        {plan.warnings.length > 0 ? (
          <Alert
            color="orange"
            variant="light"
            icon={<IconAlertTriangle size={16} />}
            title={`${plan.warnings.length} warning${plan.warnings.length === 1 ? '' : 's'}`}
          >
            <List size="xs" spacing={2}>
              {plan.warnings.map((warning) => (
                <List.Item key={warning}>{warning}</List.Item>
              ))}
            </List>
          </Alert>
        ) : null}
        {showSteps ? (
          <Table.ScrollContainer minWidth={760}>
            <Table striped verticalSpacing={4} fz="sm" aria-label="Plan steps">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Source</Table.Th>
                  <Table.Th>Field</Table.Th>
                  <Table.Th>Access</Table.Th>
                  <Table.Th>Value from</Table.Th>
                  <Table.Th>Why</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {plan.steps.map((step) => (
                  <Table.Tr key={step.id} data-step={step.id}>
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {step.source}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {PLATFORM_LABELS[step.platform]}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" ff="monospace">
                        {fieldLabel(step.fieldUrn)}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {step.match} · {step.strength}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge color={ACCESS_COLORS[step.access]} variant="light">
                        {ACCESS_LABELS[step.access]}
                      </Badge>
                      <Text size="xs" c="dimmed">
                        {accessDetail(step)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{inputText(step, byId)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{step.reason}</Text>
                      {step.warning ? (
                        <Text size="xs" c="orange">
                          {step.warning}
                        </Text>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : null}
        {plan.unreachable.length > 0 ? (
          <Stack gap={2} aria-label="Cannot be asked">
            <Text size="sm" fw={600}>
              Cannot be asked
            </Text>
            {plan.unreachable.map((item) => (
              <Text key={item.assetUrn} size="sm">
                <Text span ff="monospace" size="sm">
                  {fieldLabel(item.assetUrn)}
                </Text>
                : {item.reason}
              </Text>
            ))}
          </Stack>
        ) : null}
      </Stack>
    </Paper>
  )
}
