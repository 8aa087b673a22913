/**
 * The `index` section of bench/results/lookup.md (bench/lookup/index-build.ts): the lookup
 * index's build rate, memory and disk, per topic, extrapolated to the whole build when the run
 * was bounded.
 */

/** One topic's progress as sampled during the build (records since the run's start). */
export interface TopicTimeline {
  topic: string
  records: number
  /** When the first / last progress of the topic was seen, ms after the job started. */
  firstMs?: number
  lastMs?: number
}

export interface IndexBuildRun {
  when: string
  command: string
  /** Which code ran (bench/shared/code-version.ts). */
  code: string
  machineStart: string
  machineEnd: string
  workspace: string
  estate: string
  rebuild: boolean
  maxMinutes: number
  /** The run was cancelled at its time bound. */
  bounded: boolean
  wallMs: number
  /** CPU time of this process (indexer and API host; the broker is not in it). */
  cpuMs: number
  /** Records each topic had to index at the start. */
  toIndex: ReadonlyMap<string, number>
  timeline: readonly TopicTimeline[]
  /** Entries in the store per topic at the end (all of them, not only this run's). */
  entriesByTopic: ReadonlyMap<string, number>
  /** Records of each topic already indexed when the run began (a resumed build); none: 0. */
  indexedBefore?: ReadonlyMap<string, number>
  /** Entries in the store before the run (0 after a rebuild's drop). */
  entriesBefore: number
  storeBytesBefore: number
  storeBytesAfter: number
  pageSize: number
  peakRss: number
  peakHeap: number
  /** Messages not indexed at the end, over every indexed topic. */
  lagAfter: number
}

const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`
const n = (x: number) => Math.round(x).toLocaleString('en-GB')
const min = (ms: number) => `${(ms / 60_000).toFixed(1)} min`

export function indexSection(r: IndexBuildRun): string {
  const records = r.timeline.reduce((a, t) => a + t.records, 0)
  const total = [...r.toIndex.values()].reduce((a, b) => a + b, 0)
  const entries = [...r.entriesByTopic.values()].reduce((a, b) => a + b, 0)
  const rate = records / (r.wallMs / 1000)
  const added = entries - r.entriesBefore
  const whole = records >= total && !r.bounded
  const before = [...(r.indexedBefore?.values() ?? [])].reduce((a, b) => a + b, 0)
  const perRecordBytes = records > 0 ? (r.storeBytesAfter - r.storeBytesBefore) / records : 0
  const lines = [
    '## Lookup-index build: rate, memory, disk (bench/lookup/index-build.ts)',
    '',
    `Run ${r.when}, ${r.estate} estate, workspace \`${r.workspace}\`` +
      `${r.rebuild ? ', index dropped first (`rebuild`)' : ', resuming from stored positions'}.`,
    `Command: \`${r.command}\``,
    `Code: ${r.code.replace(/^code: /, '')}.`,
    `Machine at start: ${r.machineStart}.`,
    `Machine at end: ${r.machineEnd}.`,
    '',
    'How: the build runs as the product runs it: the `lookup-index` job through the API',
    '(`sightline lookup-index build`), in this process, one indexer for the Kafka source, its',
    'partitions one after another. Progress is read from the stored positions every 2 s, memory',
    'every 250 ms (`process.memoryUsage`, peak RSS also from `resourceUsage`), disk as the store',
    'file plus its WAL; entries per topic are counted in the store at the end. The figures include',
    "the API host's own memory (catalogue, lineage).",
    '',
    whole && before > 0
      ? `**Resumed build, completed**: ${n(records)} records in ${min(r.wallMs)}, on top of ` +
        `${n(before)} records an earlier run had indexed (its figures are not in this table: ` +
        'rates and memory below are this run only; entries and disk are the whole index).'
      : whole
        ? `**Whole build**: ${n(records)} records in ${min(r.wallMs)}.`
        : `**Bounded run** (${r.bounded ? `cancelled at ${r.maxMinutes} min` : 'not every record'}): ` +
          `${n(records)} of ${n(total)} records. **Extrapolated** whole build at this run's rate: ` +
          `${min((total / Math.max(rate, 1)) * 1000)} wall at this load, ` +
          `${min((total / Math.max(1, records / (r.cpuMs / 1000))) * 1000)} of CPU ` +
          `(topics differ: the rate of the topics read is not the rate of the others).`,
    '',
    '| measure | value |',
    '|---|---:|',
    `| wall time | ${min(r.wallMs)} |`,
    `| records indexed (this run) | ${n(records)} |`,
    `| records/s | ${n(rate)} |`,
    `| CPU time of this process / records per CPU-second | ${min(r.cpuMs)} / ${n(records / Math.max(0.001, r.cpuMs / 1000))} |`,
    `| entries in the index (end) | ${n(entries)} |`,
    `| entries added / entries/s (this run) | ${n(added)} / ${n(added / (r.wallMs / 1000))} |`,
    `| store size before -> after | ${mb(r.storeBytesBefore)} -> ${mb(r.storeBytesAfter)} |`,
    `| disk per record / per entry (this run) | ${n(perRecordBytes)} B / ${added > 0 ? n((r.storeBytesAfter - r.storeBytesBefore) / Math.max(1, added)) : '-'} B |`,
    `| peak RSS / peak heap | ${mb(r.peakRss)} / ${mb(r.peakHeap)} |`,
    `| messages not indexed at the end | ${n(r.lagAfter)} |`,
    `| SQLite page size | ${r.pageSize} B |`,
    '',
    '| topic | indexed before | records to index | indexed (this run) | entries (end) | entries/record | seconds | records/s |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
  ]
  for (const [topic, todo] of [...r.toIndex].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const t = r.timeline.find((x) => x.topic === topic)
    const e = r.entriesByTopic.get(topic) ?? 0
    // Entries at the end cover what an earlier run indexed too.
    const prior = r.indexedBefore?.get(topic) ?? 0
    const all = (t?.records ?? 0) + prior
    const secs =
      t?.firstMs !== undefined && t.lastMs !== undefined ? (t.lastMs - t.firstMs) / 1000 : 0
    lines.push(
      `| ${topic} | ${n(prior)} | ${n(todo)} | ${n(t?.records ?? 0)} | ${n(e)} | ` +
        `${all > 0 ? (e / all).toFixed(2) : '-'} | ${secs > 0 ? secs.toFixed(0) : '-'} | ` +
        `${secs > 0 && t ? n(t.records / secs) : '-'} |`,
    )
  }
  lines.push(
    '',
    'Per-topic seconds are between the first and the last progress seen for the topic (2 s',
    'sampling), so a short topic reads as 0-2 s; records/s per topic is approximate.',
  )
  return lines.join('\n')
}
