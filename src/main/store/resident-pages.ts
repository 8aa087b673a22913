import { existsSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import { Worker } from 'node:worker_threads'
import type { StoreResidency } from '../../shared/model/store-residency'

/**
 * Keeps the store file's pages in memory while a long-running Sightline (the app, `serve`) has
 * it open, as pg_prewarm does for PostgreSQL. Why: the Kafka lookup index is most of the file
 * (~1.2 GB at a million customers) and a lookup reads a few of its leaves at random. Wherever
 * the OS reclaims file pages nobody has mapped (memory-reclaiming VMs and virtual desktops;
 * on the bench machines DAMON pages out page cache untouched for a minute), every such leaf was
 * a disk read inside a synchronous SQLite call: ~8 of a bench-scale lookup's ~45 ms, the main
 * thread blocked (docs/lookup-design.md §7, stop 13).
 *
 * A worker thread opens the file read-only with SQLite's memory map and touches every page
 * (the dbstat table walks every b-tree), then re-touches when the file has grown. Mapped pages
 * are the ones such reclaimers leave alone; the OS may still take them under real pressure,
 * since they are clean file pages and nothing is locked. The main connection is untouched: it
 * still reads with pread, now from the page cache.
 *
 * SQLite maps at most 2 GB (MAX_MMAP_SIZE of better-sqlite3's build): a larger file is kept
 * resident up to that much. A file over `maxShareOfMemory` of the machine's memory is not kept
 * at all: the status says so.
 */

export interface ResidentPagesOptions {
  /** Largest share of os.totalmem() the file may be to be kept resident; default 0.25. */
  maxShareOfMemory?: number
  /** How often the file's size is checked for growth; default 30 s (reclaim waits ~60 s). */
  checkEveryMs?: number
  /** Overrides os.totalmem() (tests). */
  totalMemoryBytes?: number
}

export interface ResidentPages {
  status(): StoreResidency
  /** Settles once the first pass over the file has ended (or was never started). */
  readonly firstPass: Promise<StoreResidency>
  close(): Promise<void>
}

/** SQLite's own cap on a memory map in better-sqlite3's build (MAX_MMAP_SIZE=0x7fff0000). */
export const SQLITE_MAX_MAPPED_BYTES = 0x7fff0000

/**
 * The worker, as CommonJS source: it needs only the driver, whose path the main thread resolves
 * (a bundled app has no separate worker file to point at; the driver is a native module that
 * stays outside the bundle). Messages in: 'touch', 'close'. Out: { kind: 'touched', pages, ms,
 * mappedBytes } or { kind: 'failed', message }.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
let db
try {
  db = new Database(workerData.file, { readonly: true, fileMustExist: true })
  db.pragma('mmap_size = ' + workerData.mapBytes)
} catch (err) {
  parentPort.postMessage({ kind: 'failed', message: String(err && err.message || err) })
}
const pageCount = db && db.prepare('SELECT count(*) FROM dbstat').pluck()
// What SQLite granted of the map asked for (capped by its build): fixed once set.
const mappedBytes = db && Number(db.pragma('mmap_size', { simple: true }))
function touch() {
  if (!db) return
  try {
    const started = performance.now()
    const pages = pageCount.get()
    parentPort.postMessage({ kind: 'touched', pages, ms: performance.now() - started, mappedBytes })
  } catch (err) {
    parentPort.postMessage({ kind: 'failed', message: String(err && err.message || err) })
  }
}
parentPort.on('message', (m) => {
  if (m === 'touch') touch()
  else if (m === 'close') { if (db) db.close(); db = undefined; parentPort.close() }
})
touch()
`

type WorkerMessage =
  | { kind: 'touched'; pages: number; ms: number; mappedBytes: number }
  | { kind: 'failed'; message: string }

/** Starts keeping `file` resident; `close()` before closing the store. */
export function keepPagesResident(file: string, opts: ResidentPagesOptions = {}): ResidentPages {
  const totalMemory = opts.totalMemoryBytes ?? os.totalmem()
  const maxBytes = Math.floor(totalMemory * (opts.maxShareOfMemory ?? 0.25))
  const fileBytes = sizeOf(file)
  let status: StoreResidency = { state: 'warming', fileBytes }
  const tooLarge = (bytes: number): StoreResidency => ({
    state: 'too-large',
    fileBytes: bytes,
    message: `The store (${mb(bytes)}) is larger than ${mb(maxBytes)}, the share of this machine's memory Sightline keeps resident; lookups read its pages from disk.`,
  })
  if (fileBytes > maxBytes) {
    status = tooLarge(fileBytes)
    return { status: () => status, firstPass: Promise.resolve(status), close: async () => {} }
  }

  const driver = unpackedPath(createRequire(import.meta.url).resolve('better-sqlite3'))
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { file, driver, mapBytes: SQLITE_MAX_MAPPED_BYTES },
  })
  // Never what keeps a process alive: a host closed without close() still exits.
  worker.unref()
  // Listened for from the start: the worker may end before close() (grown too large).
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()))
  let touchedBytes = fileBytes
  let touching = true
  let settleFirst: (s: StoreResidency) => void = () => {}
  const firstPass = new Promise<StoreResidency>((resolve) => (settleFirst = resolve))
  const finish = (next: StoreResidency) => {
    status = next
    touching = false
    settleFirst(next)
  }
  worker.on('message', (m: WorkerMessage) => {
    if (m.kind === 'failed')
      finish({
        state: 'failed',
        fileBytes: touchedBytes,
        message: `Could not keep the store in memory: ${m.message}`,
      })
    else
      finish({
        state: 'resident',
        fileBytes: touchedBytes,
        residentBytes: Math.min(touchedBytes, m.mappedBytes),
        pages: m.pages,
        lastPassMs: Math.round(m.ms),
      })
  })
  worker.on('error', (err) =>
    finish({
      state: 'failed',
      fileBytes: touchedBytes,
      message: `Could not keep the store in memory: ${err.message}`,
    }),
  )

  // Growth (the index catching up, a crawl) adds pages, and SQLite re-maps a grown file: the
  // pass is repeated, on pages mostly still in memory (~0.5 s of the worker's CPU at 1.2 GB).
  const check = setInterval(() => {
    if (touching || status.state === 'failed') return
    const now = sizeOf(file)
    if (now === touchedBytes) return
    if (now > maxBytes) {
      // Grown past the share: let go of the map rather than hold more than was promised.
      clearInterval(check)
      worker.postMessage('close')
      status = tooLarge(now)
      return
    }
    touchedBytes = now
    touching = true
    worker.postMessage('touch')
  }, opts.checkEveryMs ?? 30_000)
  check.unref()

  let closing: Promise<void> | undefined
  return {
    // The file as it is now; residentBytes as of the last pass (growth waits for the next).
    status: () => ({ ...status, fileBytes: sizeOf(file) }),
    firstPass,
    close: () =>
      (closing ??= (async () => {
        clearInterval(check)
        worker.postMessage('close')
        // A pass in progress cannot be interrupted by a message: end the thread after a grace.
        const grace = setTimeout(() => void worker.terminate(), 2_000)
        await exited
        clearTimeout(grace)
        if (status.state === 'warming') finish({ state: 'off', fileBytes: touchedBytes })
      })()),
  }
}

/**
 * In a packaged app the driver resolves inside app.asar; electron-builder.yml unpacks it (and
 * what it requires) beside it, where a worker thread's plain require can read it.
 */
export function unpackedPath(
  resolved: string,
  exists: (p: string) => boolean = existsSync,
): string {
  const unpacked = resolved.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2')
  return unpacked !== resolved && exists(unpacked) ? unpacked : resolved
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size
  } catch {
    return 0
  }
}

function mb(bytes: number): string {
  return bytes < 1024 * 1024
    ? `${Math.max(1, Math.round(bytes / 1024))} KB`
    : `${Math.round(bytes / 1024 / 1024)} MB`
}
