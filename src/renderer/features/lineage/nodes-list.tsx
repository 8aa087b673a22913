import { Badge, Group, Stack, Text, TextInput, UnstyledButton } from '@mantine/core'
import { IconFilter } from '@tabler/icons-react'
import { useState } from 'react'
import type { LineageGraph } from '../../../shared/model/lineage'
import { categoryGroup, groupColour, type NodeTitles } from './lineage-logic'
import { useLineageUi } from './lineage-store'

const SHOWN_LIMIT = 300

/**
 * The graph's nodes as a list: the keyboard and screen-reader way into the canvas. Enter selects;
 * the details tab then offers focus, expand and path actions.
 */
export function NodesList({
  graph,
  titles,
}: {
  graph: LineageGraph | undefined
  titles: NodeTitles
}) {
  const ui = useLineageUi()
  const [text, setText] = useState('')
  const needle = text.trim().toLowerCase()
  const frontier = new Set(graph?.frontier ?? [])
  const nodes = (graph?.nodes ?? [])
    .map((node) => ({ node, title: titles.get(node.urn) ?? node.label }))
    .filter(({ title }) => !needle || title.toLowerCase().includes(needle))
    .sort((a, b) => a.title.localeCompare(b.title))
  return (
    <Stack gap="xs">
      <TextInput
        size="xs"
        aria-label="Filter nodes"
        placeholder="Filter nodes"
        leftSection={<IconFilter size={14} aria-hidden />}
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
      />
      <div role="list" aria-label="Nodes in view">
        {nodes.slice(0, SHOWN_LIMIT).map(({ node, title }) => {
          const selected = ui.selection?.kind === 'node' && ui.selection.urn === node.urn
          return (
            <div role="listitem" key={node.urn}>
              <UnstyledButton
                className="sl-lin-node-button"
                data-selected={selected || undefined}
                aria-current={selected || undefined}
                data-urn={node.urn}
                onClick={() => ui.select({ kind: 'node', urn: node.urn })}
                onDoubleClick={() => ui.setFocus(node.urn)}
              >
                <Group gap={6} wrap="nowrap">
                  {node.personalData && ui.overlay ? (
                    <span
                      className="sl-lin-dot"
                      style={{ background: groupColour(categoryGroup(node.personalData.category)) }}
                      aria-hidden
                    />
                  ) : null}
                  <Text size="sm" truncate title={title}>
                    {title}
                  </Text>
                  <Text size="xs" c="dimmed" ml="auto" style={{ flexShrink: 0 }}>
                    {node.platform}
                  </Text>
                  {frontier.has(node.urn) ? (
                    <Badge size="xs" variant="outline" title="More beyond the depth">
                      +
                    </Badge>
                  ) : null}
                </Group>
              </UnstyledButton>
            </div>
          )
        })}
      </div>
      {nodes.length > SHOWN_LIMIT ? (
        <Text size="xs" c="dimmed">
          {nodes.length - SHOWN_LIMIT} more: filter to find them.
        </Text>
      ) : null}
    </Stack>
  )
}
