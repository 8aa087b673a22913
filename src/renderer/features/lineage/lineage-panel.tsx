import { memo } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { Badge, Center, Stack, Tabs, Text } from '@mantine/core'
import type { LineageGraph, LineageSuggestion } from '../../../shared/model/lineage'
import { EdgeDetails } from './edge-details'
import { graphNode, type NodeTitles } from './lineage-logic'
import { useLineageUi, type LineagePanelTab } from './lineage-store'
import { NodeDetails } from './node-details'
import { InsightsPanel } from './insights-panel'
import { NodesList } from './nodes-list'
import { PathPanel } from './path-panel'
import { SuggestionCard, SuggestionsPanel } from './suggestions-panel'
import type { LineageView } from './use-lineage-view'

/** The selected node or edge (or suggestion), or a hint on how to pick one. */
function Details({
  graph,
  suggestions,
  titles,
}: {
  graph: LineageGraph | undefined
  suggestions: readonly LineageSuggestion[]
  titles: NodeTitles
}) {
  const selection = useLineageUi((state) => state.selection)
  if (graph && selection?.kind === 'node') {
    const node = graphNode(graph, selection.urn)
    if (node) return <NodeDetails key={node.urn} node={node} graph={graph} titles={titles} />
  }
  if (graph && selection?.kind === 'edge') {
    if (selection.members) {
      const members = graph.edges.filter((e) => selection.members!.includes(e.id))
      return (
        <Stack gap="md">
          <Text size="sm" fw={600}>
            {members.length} field edges drawn as one between collapsed assets
          </Text>
          {members.map((edge) => (
            <EdgeDetails key={edge.id} edge={edge} titles={titles} />
          ))}
        </Stack>
      )
    }
    const edge = graph.edges.find((e) => e.id === selection.id)
    if (edge) return <EdgeDetails edge={edge} titles={titles} />
    const suggestion = suggestions.find((s) => s.id === selection.id)
    if (suggestion) return <SuggestionCard suggestion={suggestion} titles={titles} selected />
  }
  return (
    <Center p="lg">
      <Text size="sm" c="dimmed" ta="center">
        Pick a node or an edge in the graph (or in the Nodes tab) to see where its values come from,
        how they are transformed and what depends on them.
      </Text>
    </Center>
  )
}

/** The side panel: details, path, suggestions, insights and the nodes list, as tabs. */
export const LineagePanel = memo(function LineagePanel({
  graph,
  path,
  pathLoading,
  pathError,
  suggestions,
  titles,
}: {
  graph: LineageView['graph']
  path: LineageView['path']
  pathLoading: boolean
  pathError: unknown
  suggestions: readonly LineageSuggestion[]
  titles: NodeTitles
}) {
  const ui = useLineageUi(
    useShallow((state) => ({ tab: state.tab, setTab: state.setTab, selection: state.selection })),
  )
  const open = suggestions.filter((s) => s.status === 'open').length
  const selectedEdge = ui.selection?.kind === 'edge' ? ui.selection.id : undefined
  return (
    <aside className="sl-lin-panel" aria-label="Lineage details">
      <Tabs
        value={ui.tab}
        onChange={(value) => ui.setTab((value ?? 'details') as LineagePanelTab)}
        keepMounted={false}
      >
        <Tabs.List grow>
          <Tabs.Tab value="details">Details</Tabs.Tab>
          <Tabs.Tab value="path">Path</Tabs.Tab>
          <Tabs.Tab
            value="suggestions"
            rightSection={
              open ? (
                <Badge size="xs" circle>
                  {open}
                </Badge>
              ) : null
            }
          >
            Suggestions
          </Tabs.Tab>
          <Tabs.Tab value="insights">Insights</Tabs.Tab>
          <Tabs.Tab value="nodes">Nodes</Tabs.Tab>
        </Tabs.List>
        <div className="sl-lin-panel-body">
          <Tabs.Panel value="details">
            <Details graph={graph} suggestions={suggestions} titles={titles} />
          </Tabs.Panel>
          <Tabs.Panel value="path">
            <PathPanel path={path} loading={pathLoading} error={pathError} titles={titles} />
          </Tabs.Panel>
          <Tabs.Panel value="suggestions">
            <SuggestionsPanel graph={graph} titles={titles} selectedId={selectedEdge} />
          </Tabs.Panel>
          <Tabs.Panel value="insights">
            <InsightsPanel />
          </Tabs.Panel>
          <Tabs.Panel value="nodes">
            <NodesList graph={graph} titles={titles} />
          </Tabs.Panel>
        </div>
      </Tabs>
    </aside>
  )
})
