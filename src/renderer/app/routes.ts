import { useSyncExternalStore } from 'react'

/** Every page of the left navigation, in order. */
export const PAGES = [
  { id: 'sources', label: 'Sources' },
  { id: 'catalogue', label: 'Catalogue' },
  { id: 'lineage', label: 'Lineage' },
  { id: 'lookup', label: 'Lookup' },
  { id: 'personal-data', label: 'Personal data' },
  { id: 'audit', label: 'Audit log' },
] as const

export type PageId = (typeof PAGES)[number]['id']

const DEFAULT_PAGE: PageId = 'sources'

export function pageHref(page: PageId): string {
  return `#/${page}`
}

/** `#/audit` -> 'audit'; anything unknown -> the default page. */
export function parsePageHash(hash: string): PageId {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0]
  return PAGES.find((page) => page.id === id)?.id ?? DEFAULT_PAGE
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange)
  return () => window.removeEventListener('hashchange', onChange)
}

/**
 * The current page, from the URL hash: links stay plain anchors (keyboard, middle-click, back
 * button all work) and the same build runs from a file in Electron and from `serve`.
 */
export function useCurrentPage(): PageId {
  return useSyncExternalStore(subscribe, () => parsePageHash(window.location.hash))
}
