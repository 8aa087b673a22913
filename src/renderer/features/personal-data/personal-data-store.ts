import { create } from 'zustand'
import { DEFAULT_SORT, NO_FILTERS, type MapFilters, type MapSort } from './map-logic'

interface PersonalDataUiState {
  filters: MapFilters
  sort: MapSort
  /** The field whose evidence panel is open. */
  selectedUrn?: string
  /** The optional reason typed for the next decision (any of c, r, e uses it). */
  reason: string
  /** The change-category select is open (the `e` key). */
  changing: boolean
  /** The summary's categories and sources are shown (the totals always are). */
  summaryExpanded: boolean
  setSummaryExpanded: (expanded: boolean) => void
  setFilters: (patch: Partial<MapFilters>) => void
  clearFilters: () => void
  setSort: (sort: MapSort) => void
  select: (urn: string | undefined) => void
  setReason: (reason: string) => void
  setChanging: (changing: boolean) => void
}

/** UI-only state of the Personal data page, kept while the user visits other pages. */
export const usePersonalDataUi = create<PersonalDataUiState>((set) => ({
  filters: NO_FILTERS,
  sort: DEFAULT_SORT,
  setFilters: (patch) => set((state) => ({ filters: { ...state.filters, ...patch } })),
  clearFilters: () => set({ filters: NO_FILTERS }),
  setSort: (sort) => set({ sort }),
  reason: '',
  changing: false,
  summaryExpanded: true,
  setSummaryExpanded: (summaryExpanded) => set({ summaryExpanded }),
  // A reason belongs to one field's decision: moving to another row starts afresh.
  select: (selectedUrn) =>
    set((state) =>
      state.selectedUrn === selectedUrn ? state : { selectedUrn, reason: '', changing: false },
    ),
  setReason: (reason) => set({ reason }),
  setChanging: (changing) => set({ changing }),
}))
