import { Anchor, Badge, Code, Group, Stack, Text, Title } from '@mantine/core'
import type { EdgeOrigin, LineageEdge, TransformSpec } from '../../../shared/model/lineage'
import { describeTransform } from '../../../shared/lineage/transforms'
import { formatScore, labelFromUrn, shortClass, type NodeTitles } from './lineage-logic'
import { useLineageUi } from './lineage-store'

/** "trim, then lower-case", or what an edge without a transform means. */
export function transformText(transform: TransformSpec | undefined): string {
  return transform ? describeTransform(transform) : 'copied as is'
}

/** What a hop says after its process: the transformation of a field edge; nothing for assets. */
export function hopText(edge: LineageEdge): string {
  return edge.level === 'field'
    ? `${edge.via.name}: ${transformText(edge.transform)}`
    : edge.via.name
}

const ORIGIN_LABELS: Record<EdgeOrigin['kind'], string> = {
  extracted: 'Extracted',
  declared: 'Declared',
  'accepted-suggestion': 'Accepted suggestion',
  model: 'Single-view model',
}

export const ORIGIN_COLOURS: Record<EdgeOrigin['kind'], string> = {
  extracted: 'blue',
  declared: 'teal',
  'accepted-suggestion': 'grape',
  model: 'gray',
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <Text size="xs" c="dimmed" w={88} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <div style={{ minWidth: 0, flex: 1 }}>{children}</div>
    </Group>
  )
}

/** Where the edge came from, in the terms of its kind: keys, file and line, or score. */
export function OriginDetails({ origin }: { origin: EdgeOrigin }) {
  switch (origin.kind) {
    case 'extracted':
      return (
        <Stack gap={4} data-testid="edge-origin">
          <Row label="Connector">
            <Text size="sm">
              {origin.connector}{' '}
              <Text span size="xs" c="dimmed" title={origin.connectorClass}>
                ({shortClass(origin.connectorClass)})
              </Text>
            </Text>
          </Row>
          <Row label="Config keys">
            <Group gap={4}>
              {origin.configKeys.map((key) => (
                <Code key={key}>{key}</Code>
              ))}
            </Group>
          </Row>
          {origin.dynamic ? (
            <Text size="xs" c="orange">
              Dynamic mapping: the target depends on each record, so this edge is best effort.
            </Text>
          ) : null}
          {origin.note ? <Text size="xs">{origin.note}</Text> : null}
        </Stack>
      )
    case 'declared':
      return (
        <Stack gap={4} data-testid="edge-origin">
          <Row label="Declared in">
            <Code>{`${origin.file}:${origin.line}`}</Code>
          </Row>
        </Stack>
      )
    case 'accepted-suggestion':
      return (
        <Stack gap={4} data-testid="edge-origin">
          <Row label="Score">
            <Text size="sm">{formatScore(origin.score)}</Text>
          </Row>
          <Row label="Written to">
            <Code>{`${origin.file}:${origin.line}`}</Code>
          </Row>
          {origin.acceptedBy ? (
            <Row label="Accepted">
              <Text size="sm">
                by {origin.acceptedBy}
                {origin.acceptedAt ? ` on ${origin.acceptedAt.slice(0, 10)}` : ''}
              </Text>
            </Row>
          ) : null}
        </Stack>
      )
    case 'model':
      return (
        <Stack gap={4} data-testid="edge-origin">
          <Row label="Model file">
            <Code>{`${origin.file}:${origin.line}`}</Code>
          </Row>
        </Stack>
      )
  }
}

/** A node link inside the panel: selects that node. */
function NodeLink({ urn, label }: { urn: string; label: string }) {
  const select = useLineageUi((state) => state.select)
  return (
    <Anchor
      component="button"
      type="button"
      size="sm"
      ta="left"
      style={{ overflowWrap: 'anywhere' }}
      onClick={() => select({ kind: 'node', urn })}
    >
      {label}
    </Anchor>
  )
}

/** One edge: its two ends, the transformation, what carries it and where it came from. */
export function EdgeDetails({ edge, titles }: { edge: LineageEdge; titles: NodeTitles }) {
  const title = (urn: string) => titles.get(urn) ?? labelFromUrn(urn)
  return (
    <Stack gap="sm" data-testid="edge-details">
      <Group gap="xs" justify="space-between" wrap="nowrap">
        <Title order={3} size="h5">
          {edge.level === 'field' ? 'Field lineage' : 'Asset lineage'}
        </Title>
        <Badge color={ORIGIN_COLOURS[edge.origin.kind]}>{ORIGIN_LABELS[edge.origin.kind]}</Badge>
      </Group>
      <Row label="From">
        <NodeLink urn={edge.from} label={title(edge.from)} />
      </Row>
      <Row label="To">
        <NodeLink urn={edge.to} label={title(edge.to)} />
      </Row>
      {edge.level === 'field' ? (
        <Row label="Transform">
          <Text size="sm" fw={600} data-testid="edge-transform">
            {transformText(edge.transform)}
          </Text>
        </Row>
      ) : null}
      <Row label="Via">
        <Text size="sm">
          {edge.via.name}{' '}
          <Text span size="xs" c="dimmed">
            ({edge.via.kind})
          </Text>
        </Text>
      </Row>
      <OriginDetails origin={edge.origin} />
    </Stack>
  )
}
