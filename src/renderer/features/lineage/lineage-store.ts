import { create } from 'zustand'
import type { LineageExpansionQuery } from '../../api/lineage'
import type { LineageDirection } from '../../../shared/model/lineage'

/**
 * A node by URN; an edge by lineage edge id or suggestion id. An edge drawn for several lineage
 * edges (fields merged onto collapsed assets) is selected with all of them as `members`.
 */
export type LineageSelection =
  { kind: 'node'; urn: string } | { kind: 'edge'; id: string; members?: string[] }

export type LineagePanelTab = 'details' | 'path' | 'suggestions' | 'insights' | 'nodes'

/** One neighbourhood the user expanded (the query the page asks for it: api/lineage.ts). */
export type LineageExpansion = LineageExpansionQuery

/** What the graph answers: the focus, direction, depth and level (use-lineage-view.ts). */
export type LineageUiQuestion = Pick<LineageUiState, 'focus' | 'direction' | 'depth' | 'level'>

interface LineageUiState {
  /** The node the graph is centred on; undefined shows the estate overview. */
  focus?: string
  direction: LineageDirection
  depth: number
  /** Undefined: the focus's own level. */
  level?: 'asset' | 'field'
  overlay: boolean
  selection?: LineageSelection
  pathFrom?: string
  pathTo?: string
  expansions: LineageExpansion[]
  /** Asset nodes shown opened up to their fields. */
  expandedAssets: string[]
  /** Opened assets showing every field, not only those on a path (display-elements.ts). */
  allFieldsAssets: string[]
  tab: LineagePanelTab
  setFocus: (urn: string | undefined) => void
  setDirection: (direction: LineageDirection) => void
  setDepth: (depth: number) => void
  setLevel: (level: 'asset' | 'field') => void
  setOverlay: (overlay: boolean) => void
  select: (selection: LineageSelection | undefined) => void
  /** Selects and shows the Details tab. */
  inspect: (selection: LineageSelection) => void
  setPathFrom: (urn: string | undefined) => void
  setPathTo: (urn: string | undefined) => void
  clearPath: () => void
  expand: (expansion: LineageExpansion) => void
  /** Opens an asset to its fields (or closes it); `loadFields` when the view has none of them. */
  toggleAsset: (urn: string, loadFields: boolean) => void
  setTab: (tab: LineagePanelTab) => void
  /** Shows every field of an opened asset, or folds those on no path again. */
  setAllFields: (urn: string, all: boolean) => void
}

export const DEFAULT_DEPTH = 1
export const MAX_DEPTH = 8

/** UI-only state of the Lineage page, kept while the user visits other pages. */
export const useLineageUi = create<LineageUiState>((set) => ({
  direction: 'both',
  depth: DEFAULT_DEPTH,
  overlay: true,
  expansions: [],
  expandedAssets: [],
  allFieldsAssets: [],
  tab: 'details',
  // A new focus is a new question: expansions and the selection belong to the old one.
  setFocus: (focus) =>
    set((state) =>
      state.focus === focus
        ? state
        : {
            focus,
            expansions: [],
            expandedAssets: [],
            allFieldsAssets: [],
            level: undefined,
            selection: focus ? { kind: 'node', urn: focus } : undefined,
            tab: 'details',
          },
    ),
  setDirection: (direction) => set({ direction, expansions: [] }),
  setDepth: (depth) =>
    set({ depth: Math.max(1, Math.min(MAX_DEPTH, Math.round(depth))), expansions: [] }),
  setLevel: (level) => set({ level, expansions: [], expandedAssets: [], allFieldsAssets: [] }),
  setOverlay: (overlay) => set({ overlay }),
  select: (selection) => set({ selection }),
  inspect: (selection) => set({ selection, tab: 'details' }),
  setPathFrom: (pathFrom) => set({ pathFrom, tab: 'path' }),
  setPathTo: (pathTo) => set({ pathTo, tab: 'path' }),
  clearPath: () => set({ pathFrom: undefined, pathTo: undefined }),
  expand: (expansion) =>
    set((state) => ({
      expansions: [
        ...state.expansions.filter((e) => e.urn !== expansion.urn || e.level !== expansion.level),
        expansion,
      ],
    })),
  toggleAsset: (urn, loadFields) =>
    set((state) => {
      const open = state.expandedAssets.includes(urn)
      const others = state.expansions.filter((e) => !(e.urn === urn && e.level === 'field'))
      return open
        ? { expandedAssets: state.expandedAssets.filter((u) => u !== urn), expansions: others }
        : {
            expandedAssets: [...state.expandedAssets, urn],
            expansions: loadFields ? [...others, { urn, level: 'field' as const }] : others,
          }
    }),
  setTab: (tab) => set({ tab }),
  setAllFields: (urn, all) =>
    set((state) => ({
      allFieldsAssets: all
        ? [...state.allFieldsAssets.filter((u) => u !== urn), urn]
        : state.allFieldsAssets.filter((u) => u !== urn),
    })),
}))

/** The level the graph is drawn at: the chosen one, else the focus's own, else assets. */
export function viewLevel(state: { level?: 'asset' | 'field'; focus?: string }): 'asset' | 'field' {
  return state.level ?? (state.focus?.includes('#') ? 'field' : 'asset')
}
