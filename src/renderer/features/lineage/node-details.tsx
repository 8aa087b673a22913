import {
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  Stack,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core'
import {
  IconArrowsSplit,
  IconFocusCentered,
  IconFlag,
  IconFlagFilled,
  IconListDetails,
  IconPlus,
} from '@tabler/icons-react'
import type { LineageEdge, LineageGraph, LineageNode } from '../../../shared/model/lineage'
import { useLineageImpact } from '../../api/lineage'
import { ErrorAlert } from '../../components/error-alert'
import { useCatalogueUi } from '../catalogue/catalogue-store'
import { hopText } from './edge-details'
import {
  categoryGroup,
  categoryLabel,
  edgesOf,
  expansionFor,
  groupColour,
  labelFromUrn,
  type NodeTitles,
} from './lineage-logic'
import { useLineageUi, viewLevel } from './lineage-store'

const BY_LABELS = { classification: 'classifier', review: 'reviewer', lineage: 'lineage' } as const

function EdgeButton({
  edge,
  direction,
  title,
}: {
  edge: LineageEdge
  direction: 'up' | 'down'
  title: string
}) {
  const select = useLineageUi((state) => state.select)
  const arrow = direction === 'up' ? '←' : '→'
  return (
    <UnstyledButton
      className="sl-lin-edge-button"
      onClick={() => select({ kind: 'edge', id: edge.id })}
      aria-label={`${direction === 'up' ? 'From' : 'To'} ${title} via ${hopText(edge)}`}
    >
      <Text size="sm" truncate>
        {arrow} {title}
      </Text>
      <Text size="xs" c="dimmed" truncate>
        {hopText(edge)}
      </Text>
    </UnstyledButton>
  )
}

/** Everything downstream of the node, grouped by owner team, category and platform. */
function Impact({ urn }: { urn: string }) {
  const impact = useLineageImpact(urn)
  if (impact.isPending) return <Loader size="xs" aria-label="Loading impact" />
  if (impact.error) return <ErrorAlert error={impact.error} title="Could not compute the impact" />
  const { downstream, byOwner, byCategory, byPlatform } = impact.data
  if (downstream.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        Nothing downstream depends on it.
      </Text>
    )
  }
  return (
    <Stack gap={6} data-testid="impact">
      <Text size="sm">
        <Text span fw={700}>
          {downstream.length}
        </Text>{' '}
        downstream {downstream.length === 1 ? 'node' : 'nodes'}, up to{' '}
        {Math.max(...downstream.map((d) => d.hops))} hops away
      </Text>
      <Group gap={4} aria-label="Impact by owner">
        {byOwner.map(({ owner, count }) => (
          <Badge key={owner} variant="light" color="indigo">
            {owner} {count}
          </Badge>
        ))}
      </Group>
      <Group gap={4} aria-label="Impact by category">
        {byCategory.map(({ category, count }) => (
          <Badge key={category} variant="light" color="red">
            {categoryLabel(category)} {count}
          </Badge>
        ))}
      </Group>
      <Group gap={4} aria-label="Impact by platform">
        {byPlatform.map(({ platform, count }) => (
          <Badge key={platform} variant="outline" color="gray">
            {platform} {count}
          </Badge>
        ))}
      </Group>
    </Stack>
  )
}

/** One node: what it is, who owns it, its personal data and why, its edges and its impact. */
export function NodeDetails({
  node,
  graph,
  titles,
}: {
  node: LineageNode
  graph: LineageGraph
  titles: NodeTitles
}) {
  const ui = useLineageUi()
  const openInCatalogue = useCatalogueUi((state) => state.select)
  const { upstream, downstream } = edgesOf(graph, node.urn)
  const title = (urn: string) => titles.get(urn) ?? labelFromUrn(urn)
  const onFrontier = graph.frontier.includes(node.urn)
  const collapsed = graph.collapsed?.[node.urn]
  const pd = node.personalData
  const assetUrn = node.level === 'asset' ? node.urn : node.assetUrn
  return (
    <Stack gap="sm" data-testid="node-details">
      <Stack gap={2}>
        <Group gap="xs" wrap="nowrap">
          <Title order={3} size="h5" style={{ overflowWrap: 'anywhere' }}>
            {title(node.urn)}
          </Title>
          <Badge size="sm" color="gray" style={{ flexShrink: 0 }}>
            {node.level === 'field' ? 'Field' : node.kind}
          </Badge>
        </Group>
        <Text size="xs" ff="monospace" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          {node.urn}
        </Text>
        <Text size="sm">
          {node.platform} · {node.source}
          {node.owner ? ` · owned by ${node.owner}` : ' · no owner'}
          {node.state ? ` · ${node.state}` : ''}
        </Text>
        {!node.catalogued ? (
          <Text size="xs" c="orange">
            Known only from a configuration or declaration: not in the catalogue.
          </Text>
        ) : null}
      </Stack>
      {pd ? (
        <Stack gap={2} data-testid="node-personal-data">
          <Group gap={6}>
            <Badge color={groupColour(categoryGroup(pd.category))} variant="filled">
              {categoryLabel(pd.category)}
            </Badge>
            <Text size="xs" c="dimmed">
              by {BY_LABELS[pd.by]}
              {pd.hops ? ` · ${pd.hops} ${pd.hops === 1 ? 'hop' : 'hops'}` : ''}
            </Text>
          </Group>
          <Text size="sm">{pd.reason}</Text>
        </Stack>
      ) : null}
      <Group gap={6}>
        {ui.focus !== node.urn ? (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconFocusCentered size={14} />}
            onClick={() => ui.setFocus(node.urn)}
          >
            Focus here
          </Button>
        ) : null}
        {onFrontier || collapsed ? (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconPlus size={14} />}
            onClick={() => {
              const expansion = expansionFor(graph, node.urn)
              if (expansion) ui.expand(expansion)
            }}
          >
            {collapsed ? `Show ${collapsed} more` : 'Expand'}
          </Button>
        ) : null}
        {node.level === 'asset' && node.fieldCount ? (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconListDetails size={14} />}
            onClick={() => ui.toggleAsset(node.urn, viewLevel(ui) === 'asset')}
          >
            {ui.expandedAssets.includes(node.urn)
              ? 'Hide fields'
              : `Show fields (${node.fieldCount})`}
          </Button>
        ) : null}
        <Button
          size="xs"
          variant="default"
          leftSection={<IconFlag size={14} />}
          onClick={() => ui.setPathFrom(node.urn)}
        >
          Path from here
        </Button>
        <Button
          size="xs"
          variant="default"
          leftSection={<IconFlagFilled size={14} />}
          onClick={() => ui.setPathTo(node.urn)}
        >
          Path to here
        </Button>
        {assetUrn && node.catalogued ? (
          <Anchor
            size="sm"
            href="#/catalogue"
            onClick={() =>
              openInCatalogue(assetUrn, node.level === 'field' ? node.path : undefined)
            }
          >
            Open in catalogue
          </Anchor>
        ) : null}
      </Group>
      <Stack gap={4}>
        <Text size="xs" fw={700} tt="uppercase" c="dimmed">
          Upstream ({upstream.length})
        </Text>
        <div role="list" aria-label="Upstream edges">
          {upstream.map((edge) => (
            <div role="listitem" key={edge.id}>
              <EdgeButton edge={edge} direction="up" title={title(edge.from)} />
            </div>
          ))}
        </div>
        <Text size="xs" fw={700} tt="uppercase" c="dimmed">
          Downstream ({downstream.length})
        </Text>
        <div role="list" aria-label="Downstream edges">
          {downstream.map((edge) => (
            <div role="listitem" key={edge.id}>
              <EdgeButton edge={edge} direction="down" title={title(edge.to)} />
            </div>
          ))}
        </div>
      </Stack>
      <Stack gap={4}>
        <Group gap={6}>
          <IconArrowsSplit size={14} aria-hidden />
          <Text size="xs" fw={700} tt="uppercase" c="dimmed">
            Impact
          </Text>
        </Group>
        <Impact urn={node.urn} />
      </Stack>
    </Stack>
  )
}
