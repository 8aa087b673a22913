import type { BoundingBox12, Core, EdgeSingular, ElementDefinition } from 'cytoscape'
import { useCallback, useEffect, useRef, useState } from 'react'
import { createLineageCy } from './graph-engine/create-cy'
import { elementCount } from './graph-engine/element-count'
import { layoutWithElk } from './graph-engine/elk-layout'
import { fitBounds } from './graph-engine/first-draw'
import { patchElements } from './graph-engine/patch-elements'
import { patchElementsInSlices, SLICED_ADD_FROM } from './graph-engine/add-in-slices'
import { selectOnly, trackSelection } from './graph-engine/selected-elements'
import type { LineageEdgeData } from './graph-engine/to-elements'
import { cyIdOf, fitView, highlightPath, MAX_FIT_ZOOM, selectionOfEdge } from './cy-selection'
import { pageStylesheet } from './page-styles'
import type { LineageSelection } from './lineage-store'

export interface LineageCyOptions {
  elements: ElementDefinition[]
  theme: 'light' | 'dark'
  /**
   * The question the graph answers (focus, direction, depth, level). When only nodes were added
   * and the question is the same (an expansion), only the new nodes are laid out.
   */
  questionKey: string
  selection: LineageSelection | undefined
  /** Lineage edge ids of the highlighted path (empty: no highlight). */
  pathEdges: ReadonlySet<string>
  onSelect: (selection: LineageSelection | undefined) => void
  /** Double-click on a node: expand a frontier node, focus any other. */
  onOpen: (urn: string) => void
}

export interface LineageCyHandle {
  containerRef: (element: HTMLDivElement | null) => void
  /** The instance for exports; undefined before mount. */
  getCy: () => Core | undefined
  /** The same instance as state, for components that listen to its events (the tooltip). */
  cy: Core | undefined
  fit: () => void
  relayout: () => void
  /** True while ELK computes positions in its worker. */
  layingOut: boolean
}

const FIT_PADDING = 32
/** Node count above which an expansion lays out only the new nodes. */
const INCREMENTAL_FROM = 300

/**
 * The one owner of the cytoscape instance (DESIGN.md §7, after react-cytoscapejs): created once on
 * the container, patched inside cy.batch() by patchElements, laid out only when a patch changed
 * the nodes or their parents (a new focus, depth, expansion: only the new nodes when an expansion
 * added some; class changes for selection, path and overlay are patched in place), destroyed on
 * unmount. Theme, path
 * highlight and selection are applied to the same instance, never by anyone else.
 */
export function useLineageCy(options: LineageCyOptions): LineageCyHandle {
  const [container, setContainer] = useState<HTMLDivElement | null>(null)
  const cyRef = useRef<Core | undefined>(undefined)
  const [cyState, setCyState] = useState<Core | undefined>(undefined)
  const laidOutQuestion = useRef<string | undefined>(undefined)
  /** Whether the last path highlight lit anything (a path was asked for). */
  const pathDrawn = useRef(false)
  const layoutAbort = useRef<AbortController | undefined>(undefined)
  const [layingOut, setLayingOut] = useState(false)
  /** The first add of a big graph, while it runs in slices (patchElementsInSlices). */
  const adding = useRef<Promise<unknown> | undefined>(undefined)
  /** Bumped when that add is done: the highlight and selection are applied again. */
  const [added, setAdded] = useState(0)
  // Handlers change every render; cytoscape's listeners read the latest through this ref.
  const latest = useRef(options)
  useEffect(() => {
    latest.current = options
  })

  const runLayout = useCallback(
    (cy: Core, { only, hold }: { only?: string[]; hold?: boolean } = {}) => {
      layoutAbort.current?.abort()
      if (elementCount(cy) === 0) {
        // Nothing to place (the page before its graph came). Not laid out either: the first
        // graph that comes gets the first layout's held frames (layoutWithElk's `hold`).
        setLayingOut(false)
        return
      }
      const controller = new AbortController()
      layoutAbort.current = controller
      setLayingOut(true)
      layoutWithElk(cy, {
        signal: controller.signal,
        ...(hold ? { hold } : {}),
        // A part (an expansion) keeps the view where the user had it: fitting the whole graph
        // would throw a big one's reader out to the estate at a glance. A whole layout is fitted;
        // the fit is part of it, a first layout prepares its first frame for that view.
        ...(only
          ? { only }
          : {
              // With the graph's box when the first frame was prepared (no second pass over all boxes).
              view: (laidOut: Core, bounds?: BoundingBox12) =>
                bounds
                  ? fitBounds(laidOut, bounds, FIT_PADDING, MAX_FIT_ZOOM)
                  : fitView(laidOut, FIT_PADDING),
            }),
      })
        .catch((error: unknown) => {
          if (!controller.signal.aborted) console.error('Lineage layout failed', error)
        })
        .finally(() => {
          if (layoutAbort.current === controller) setLayingOut(false)
        })
    },
    [],
  )

  /**
   * The elements of the current render into an instance that has none (a new instance, or the
   * page's first graph arriving after it drew nothing), laid out afresh. A big graph is added in
   * slices with its frames held (no long task: issue 6); the layout takes its own hold in the
   * same task, before the add's is released, so the unplaced heap is never drawn.
   */
  const openGraph = useCallback(
    (cy: Core) => {
      layoutAbort.current?.abort()
      const controller = new AbortController()
      layoutAbort.current = controller
      setLayingOut(true)
      const firstAdd = patchElementsInSlices(cy, latest.current.elements, {
        signal: controller.signal,
      })
      adding.current = firstAdd
      firstAdd
        .then(({ release }) => {
          if (adding.current === firstAdd) adding.current = undefined
          if (cy.destroyed()) {
            release()
            return
          }
          // Elements that changed meanwhile (small: the patch diffs against the add).
          patchElements(cy, latest.current.elements)
          laidOutQuestion.current = latest.current.questionKey
          // Held, as a first layout is: the sliced add drew nothing, and the graph has no place yet.
          runLayout(cy, { hold: true })
          release()
          setAdded((n) => n + 1)
        })
        .catch((error: unknown) => {
          if (adding.current === firstAdd) adding.current = undefined
          if (!controller.signal.aborted) console.error('Lineage graph failed', error)
        })
    },
    [runLayout],
  )

  useEffect(() => {
    if (!container) return
    const cy = createLineageCy(container, { theme: latest.current.theme })
    cy.style(pageStylesheet(latest.current.theme))
    trackSelection(cy)
    cyRef.current = cy
    setCyState(cy)
    pathDrawn.current = false
    cy.on('tap', 'node', (event) => {
      latest.current.onSelect({ kind: 'node', urn: event.target.id() as string })
    })
    cy.on('tap', 'edge', (event) => {
      const edge = event.target as EdgeSingular
      latest.current.onSelect(selectionOfEdge(edge.data() as LineageEdgeData))
    })
    cy.on('tap', (event) => {
      if (event.target === cy) latest.current.onSelect(undefined)
    })
    cy.on('dbltap', 'node', (event) => latest.current.onOpen(event.target.id() as string))
    openGraph(cy)
    return () => {
      layoutAbort.current?.abort()
      cyRef.current = undefined
      setCyState(undefined)
      cy.destroy()
    }
  }, [container, openGraph])

  const { theme, elements, questionKey, selection, pathEdges } = options
  useEffect(() => {
    const cy = cyRef.current
    if (cy) cy.style(pageStylesheet(theme))
  }, [theme])

  useEffect(() => {
    const cy = cyRef.current
    // While the first add runs, its end patches to the latest elements and lays them out.
    if (!cy || adding.current) return
    if (elementCount(cy) === 0 && elements.length >= SLICED_ADD_FROM) {
      // The page's first graph, after an empty start: added as a new instance's is.
      openGraph(cy)
      return
    }
    const patch = patchElements(cy, elements)
    // Laid out again only when the nodes or their parents changed, never for classes or data.
    if (!patch.nodesChanged) return
    const addedNodes = patch.added.filter((id) => cy.getElementById(id).isNode())
    // Same question, nodes only added to a big drawing (an expansion): place the new ones and keep
    // the rest where the user had it. A small graph is laid out whole: ELK is quick there, and a
    // whole layout reads better than new nodes fitted around old ones.
    const incremental =
      laidOutQuestion.current === questionKey &&
      patch.nodesBefore > INCREMENTAL_FROM &&
      patch.removed.length === 0 &&
      addedNodes.length > 0 &&
      patch.placed.length === addedNodes.length
    laidOutQuestion.current = questionKey
    runLayout(cy, incremental ? { only: patch.placed } : {})
  }, [elements, questionKey, runLayout, openGraph])

  useEffect(() => {
    const cy = cyRef.current
    if (!cy) return
    // No path now and none drawn before: no element carries its classes (patchElements keeps
    // them only on elements that had them), so the two passes over every element are skipped.
    if (pathEdges.size === 0 && !pathDrawn.current) return
    cy.batch(() => highlightPath(cy, pathEdges))
    pathDrawn.current = pathEdges.size > 0
  }, [pathEdges, elements, added])

  useEffect(() => {
    const cy = cyRef.current
    if (!cy) return
    const id = selection ? cyIdOf(cy, selection) : undefined
    cy.batch(() => selectOnly(cy, id))
  }, [selection, elements, added])

  // Stable, so that the toolbar and export menu (memoised) are not rendered again with each
  // render of the page.
  const getCy = useCallback(() => cyRef.current, [])
  const fit = useCallback(() => {
    if (cyRef.current) fitView(cyRef.current, FIT_PADDING)
  }, [])
  const relayout = useCallback(() => {
    const cy = cyRef.current
    if (cy) runLayout(cy)
  }, [runLayout])
  return { containerRef: setContainer, getCy, cy: cyState, fit, relayout, layingOut }
}
