/**
 * Whether the workspace store's pages are kept in memory (src/main/store/resident-pages.ts):
 * the app and `serve` keep them, so a lookup's index probes never wait on the disk.
 */
export interface StoreResidency {
  /**
   * warming: the first pass over the file is running; resident: done (and re-done as the file
   * grows); too-large: over the share of memory Sightline keeps; failed: see message; off: not
   * kept (a one-shot command, or closed before the first pass ended).
   */
  state: 'off' | 'warming' | 'resident' | 'too-large' | 'failed'
  /** The store file's size when last looked at. */
  fileBytes: number
  /** How much of it is mapped (SQLite maps at most 2 GB). */
  residentBytes?: number
  /** Pages the last pass touched. */
  pages?: number
  /** How long the last pass took. */
  lastPassMs?: number
  message?: string
}
