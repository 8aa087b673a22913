import { create } from 'zustand'

export type CatalogueView = 'browse' | 'changes'

interface CatalogueUiState {
  view: CatalogueView
  /** The asset shown on the right. */
  selectedUrn?: string
  /** Set when the asset was picked outside the tree (search), so the tree opens down to it. */
  selectedSource?: string
  /** A field to scroll to in the selected asset (a search hit on a field). */
  focusField?: string
  /** The crawl job whose progress the panel shows; kept while the user visits other pages. */
  crawlJobId?: string
  /** Records sampled per asset by the next crawl; undefined is each connector's default. */
  sampleSize?: number
  setView: (view: CatalogueView) => void
  select: (urn: string, focusField?: string, revealInSource?: string) => void
  setCrawlJob: (jobId: string | undefined) => void
  setSampleSize: (sampleSize: number | undefined) => void
}

/** UI-only state of the Catalogue page; server state stays in the query hooks. */
export const useCatalogueUi = create<CatalogueUiState>((set) => ({
  view: 'browse',
  setView: (view) => set({ view }),
  select: (selectedUrn, focusField, selectedSource) =>
    set({ selectedUrn, focusField, selectedSource, view: 'browse' }),
  setCrawlJob: (crawlJobId) => set({ crawlJobId }),
  setSampleSize: (sampleSize) => set({ sampleSize }),
}))
