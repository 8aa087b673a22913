import { Anchor, Center, Loader, Paper, Stack, Text, useComputedColorScheme } from '@mantine/core'
import { IconSitemap } from '@tabler/icons-react'
import { useCallback, useEffect, useMemo, useState } from 'react'
import type {
  LineageDirection,
  LineageGraph,
  LineageSuggestion,
} from '../../../shared/model/lineage'
import { useLineageSuggestions } from '../../api/lineage'
import { pageHref } from '../../app/routes'
import { ErrorAlert } from '../../components/error-alert'
import { PageHeader } from '../../components/page-header'
import '../catalogue/catalogue.css'
import { toggleTarget } from './display-elements'
import { ExportMenu } from './export-menu'
import { LineageCanvas } from './lineage-canvas'
import {
  expansionFor,
  focusFromHash,
  labelFromUrn,
  lineageHref,
  nodeTitles,
  pathMembers,
  type NodeTitles,
  urnLevel,
  withFieldsKey,
} from './lineage-logic'
import { LineagePanel } from './lineage-panel'
import { LineageTooltip, TOOLTIP_ID } from './lineage-tooltip'
import { useLineageUi } from './lineage-store'
import { LineageToolbar } from './lineage-toolbar'
import { pageElementsDrawer, type PageElements } from './page-elements'
import './lineage.css'
import { useLineageCy } from './use-lineage-cy'
import { useLineageView } from './use-lineage-view'
import { whenIdle } from './when-idle'

const NO_SUGGESTIONS: readonly LineageSuggestion[] = []
const NOTHING_DRAWN: PageElements = {
  elements: [],
  shown: [],
  parents: new Set(),
  folded: 0,
  madeConnectors: false,
}
/** The legend's platform for connectors drawn from an edge (no node of the graph). */
const CONNECTOR_PLATFORM = ['kafka-connect'] as const

/**
 * `#/lineage?urn=...` (a link from the catalogue, a bookmark) sets the focus; a focus chosen on
 * the page is written back with replaceState, so a reload or a copied address shows the same.
 */
function useFocusInLocation(focus: string | undefined, setFocus: (urn: string) => void): void {
  useEffect(() => {
    const apply = () => {
      const urn = focusFromHash(window.location.hash)
      if (urn) setFocus(urn)
    }
    apply()
    window.addEventListener('hashchange', apply)
    return () => window.removeEventListener('hashchange', apply)
  }, [setFocus])
  useEffect(() => {
    const href = lineageHref(focus)
    if (window.location.hash !== href) window.history.replaceState(null, '', href)
  }, [focus])
}

function NothingYet() {
  return (
    <Paper withBorder p="xl">
      <Stack align="center" gap="xs">
        <IconSitemap size={32} stroke={1.4} aria-hidden />
        <Text fw={600}>No lineage yet</Text>
        <Text size="sm" c="dimmed" ta="center" maw={560}>
          Lineage comes from the Kafka Connect configurations of a crawl, the declarations in
          catalog/lineage/ and the single-view model in catalog/model/. Crawl your sources first.
        </Text>
        <Anchor href={pageHref('catalogue')}>Go to the Catalogue</Anchor>
      </Stack>
    </Paper>
  )
}

/** What to say over a focus with no lineage: a node alone, with nothing in or out. */
function emptyFocus(
  graph: LineageGraph | undefined,
  focus: string | undefined,
  direction: LineageDirection,
  titles: NodeTitles,
): string | undefined {
  if (!graph || !focus || graph.edges.length > 0 || graph.nodes.length > 1) return undefined
  const name = titles.get(focus) ?? labelFromUrn(focus)
  if (direction === 'up') return `Nothing feeds ${name}: try Downstream or Both.`
  if (direction === 'down') return `Nothing reads ${name}: try Upstream or Both.`
  return `No lineage for ${name}: no connector, declaration or model reads or writes it.`
}

/**
 * Lineage: the estate as a graph, field by field, with search and focus, depth, direction and
 * level, the path between two nodes, the personal-data overlay, where every edge came from,
 * suggestions to decide in place, insights and exports.
 */
export function LineagePage() {
  const ui = useLineageUi()
  useFocusInLocation(ui.focus, ui.setFocus)
  const view = useLineageView()
  const suggestions = useLineageSuggestions()
  const theme = useComputedColorScheme('light', { getInitialValueInEffect: false })

  const { graph, path } = view
  const allSuggestions = suggestions.data
  const titles = useMemo(() => nodeTitles(graph), [graph])
  const pathNodes = useMemo(() => pathMembers(path).nodes, [path])
  const selectedUrn = ui.selection?.kind === 'node' ? ui.selection.urn : undefined
  // Only a field can be folded away, so only a selected field is kept in view: selecting an asset
  // does not recompute the page's elements (15,000 of them on a big overview).
  const selectedField = selectedUrn && urnLevel(selectedUrn) === 'field' ? selectedUrn : undefined
  // The opened assets that change the drawing: those with fields in the graph (not one whose
  // fields are still being fetched: the render before they come recomputes nothing).
  const opened = withFieldsKey(graph, ui.expandedAssets)
  const showingAll = withFieldsKey(graph, ui.allFieldsAssets)
  const level = view.query?.level ?? 'asset'
  const expanded = useMemo(() => {
    // At field level every asset opens to its fields; at asset level only those the user opened.
    const assets = new Set(opened ? opened.split('\n') : [])
    if (level === 'field' && graph)
      for (const node of graph.nodes) if (node.level === 'asset') assets.add(node.urn)
    return assets
  }, [graph, opened, level])
  const showAll = useMemo(() => new Set(showingAll ? showingAll.split('\n') : []), [showingAll])
  const keep = useMemo(() => {
    // Never folded away: the path's nodes and a selected field (the focus is kept anyway).
    const kept = new Set(pathNodes)
    if (selectedField) kept.add(selectedField)
    return kept
  }, [pathNodes, selectedField])
  // Fields on no path folded, connectors on their paths, labels that keep their end; an expand
  // drawn from the last drawing (page-elements.ts), not from the whole graph again.
  const [drawer] = useState(pageElementsDrawer)
  const { parts } = view
  const drawn = useMemo(() => {
    if (!graph || !parts) return undefined
    const input = {
      graph,
      suggestions: allSuggestions ?? NO_SUGGESTIONS,
      expanded,
      showAll,
      keep,
      overlay: ui.overlay,
    }
    return drawer.draw(input, parts)
  }, [drawer, graph, parts, allSuggestions, expanded, showAll, keep, ui.overlay])
  const display = drawn?.output ?? NOTHING_DRAWN
  const { parents, folded, elements } = display
  const pathEdges = useMemo(() => pathMembers(path).edges, [path])
  const extraPlatforms = display.madeConnectors ? CONNECTOR_PLATFORM : undefined

  const cy = useLineageCy({
    elements,
    theme,
    questionKey: `${ui.focus ?? ''}|${ui.direction}|${ui.depth}|${view.query?.level ?? ''}`,
    selection: ui.selection,
    pathEdges,
    onSelect: (selection) => {
      // "+N more fields" / "Show fewer fields" are controls, not lineage nodes.
      const toggle = selection?.kind === 'node' ? toggleTarget(selection.urn) : undefined
      if (toggle) ui.setAllFields(toggle.asset, toggle.showAll)
      else if (selection) ui.inspect(selection)
      else ui.select(undefined)
    },
    onOpen: (urn) => {
      if (toggleTarget(urn)) return
      const expansion = expansionFor(graph, urn)
      if (expansion) ui.expand(expansion)
      else ui.setFocus(urn)
    },
  })

  useEffect(() => {
    // What the next expand reads of this drawing, built when the page is idle. Not while a
    // layout runs: its slices share the main thread with the idle steps (issue 6: no task over
    // 50 ms during layout).
    if (cy.layingOut) return undefined
    return whenIdle(drawer.prepare)
  }, [drawer, drawn, cy.layingOut])

  // The parts of the page an expand does not change, made once per what they show: React skips
  // rendering them again (the toolbar, the panel and the canvas are memoised too).
  const { getCy } = cy
  const header = useMemo(
    () => (
      <PageHeader
        title="Lineage"
        description="How values move through the estate: from each source column through Kafka to the single view, field by field."
        actions={
          <ExportMenu getCy={getCy} focus={ui.focus} direction={ui.direction} depth={ui.depth} />
        }
      />
    ),
    [getCy, ui.focus, ui.direction, ui.depth],
  )
  const { select } = ui
  const clearSelection = useCallback(() => select(undefined), [select])
  const tooltip = useMemo(
    () => <LineageTooltip cy={cy.cy} graph={graph} selection={ui.selection} />,
    [cy.cy, graph, ui.selection],
  )

  const emptyOverview = !ui.focus && graph !== undefined && graph.nodes.length === 0
  return (
    <Stack
      gap="sm"
      h="calc(100dvh - var(--app-shell-header-height, 48px) - 2 * var(--mantine-spacing-md))"
    >
      {header}
      <div style={{ marginTop: -8 }}>
        <LineageToolbar
          busy={view.fetching || cy.layingOut}
          onFit={cy.fit}
          onRelayout={cy.relayout}
        />
      </div>
      {view.error ? (
        <Stack gap={4}>
          <ErrorAlert error={view.error} title="Could not read the lineage" />
          {ui.focus ? (
            <Anchor
              component="button"
              size="sm"
              style={{ alignSelf: 'flex-start' }}
              onClick={() => ui.setFocus(undefined)}
            >
              Show the whole estate instead
            </Anchor>
          ) : null}
        </Stack>
      ) : null}
      {emptyOverview ? (
        <NothingYet />
      ) : (
        <div className="sl-lin-layout">
          <div className="sl-lin-main">
            {view.loading && !graph ? (
              <Center className="sl-lin-loading">
                <Loader size="sm" aria-label="Loading the lineage" />
              </Center>
            ) : null}
            <LineageCanvas
              containerRef={cy.containerRef}
              layingOut={cy.layingOut}
              getCy={cy.getCy}
              onFit={cy.fit}
              graph={graph}
              overlay={ui.overlay}
              noOverlay={parents}
              onEscape={clearSelection}
              empty={emptyFocus(graph, ui.focus, ui.direction, titles)}
              describedBy={TOOLTIP_ID}
              folded={folded}
              extraPlatforms={extraPlatforms}
              drawnBy={drawn?.drawn.by}
              overlayChildren={tooltip}
            />
          </div>
          <LineagePanel
            graph={graph}
            path={path}
            pathLoading={view.pathLoading}
            pathError={view.pathError}
            suggestions={allSuggestions ?? NO_SUGGESTIONS}
            titles={titles}
          />
        </div>
      )}
    </Stack>
  )
}
