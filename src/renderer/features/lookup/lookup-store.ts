import { create } from 'zustand'
import type { IdentifierKind, LookupInput } from '../../../shared/model/lookup'
import type { ScanChoice } from '../../api/lookup'

/** The lookup on screen: a job started here, or a past lookup opened from the history. */
export interface CurrentLookup {
  jobId?: string
  lookupId: string
}

interface LookupUiState {
  text: string
  /** The reading the user picked when the identifier was ambiguous; undefined: the best one. */
  kind?: IdentifierKind
  /** Remembered for the session: one analyst's calls share a purpose. */
  reason: string
  scans: ScanChoice
  /** The input the plan (dry run) was asked for; undefined: no plan shown. */
  planFor?: LookupInput
  current?: CurrentLookup
  /** Raw values revealed in this lookup, by `recordId\u0000path`; dropped with the lookup. */
  revealed: Record<string, string>
  /** The value whose reveal dialog is open. */
  revealing?: RevealRequest
  setText: (text: string) => void
  setKind: (kind: IdentifierKind | undefined) => void
  setReason: (reason: string) => void
  setScans: (scans: ScanChoice) => void
  showPlan: (input: LookupInput | undefined) => void
  open: (current: CurrentLookup | undefined) => void
  remember: (recordId: string, path: string, value: string) => void
  askReveal: (request: RevealRequest | undefined) => void
}

/** One record field to reveal, with what the dialog calls it. */
export interface RevealRequest {
  recordId: string
  path: string
  label: string
}

export function revealKey(recordId: string, path: string): string {
  return `${recordId}\u0000${path}`
}

/** UI-only state of the Lookup page, kept while the user visits other pages. */
export const useLookupUi = create<LookupUiState>((set) => ({
  text: '',
  reason: '',
  scans: 'warn',
  revealed: {},
  // A new identifier is a new question: the old choice of reading and the old plan go.
  setText: (text) =>
    set((state) => (state.text === text ? state : { text, kind: undefined, planFor: undefined })),
  setKind: (kind) => set({ kind, planFor: undefined }),
  setReason: (reason) => set({ reason }),
  setScans: (scans) => set({ scans }),
  showPlan: (planFor) => set({ planFor }),
  open: (current) => set({ current, revealed: {}, revealing: undefined }),
  remember: (recordId, path, value) =>
    set((state) => ({ revealed: { ...state.revealed, [revealKey(recordId, path)]: value } })),
  askReveal: (revealing) => set({ revealing }),
}))
