/**
 * Aggregates the quality bench's scores into the `quality` section of bench/results/lookup.md and
 * the misses list (/tmp/lookup-quality-misses.md) the planner's owner works from.
 */
import type { CaseScore } from './score'
import type { Truth } from './truth'
import { CASE_KINDS, STRONG } from './variants'

const pct = (found: number, expected: number) =>
  expected === 0 ? '–' : `${((100 * found) / expected).toFixed(1)}%`
const ratio = (found: number, expected: number) => (expected === 0 ? 1 : found / expected)

function sum(scores: CaseScore[], urnFilter: (urn: string) => boolean = () => true) {
  let expected = 0
  let found = 0
  for (const s of scores)
    for (const [urn, a] of s.assets)
      if (urnFilter(urn)) {
        expected += a.expected
        found += a.found
      }
  return { expected, found }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length === 0 ? 0 : s[Math.floor((s.length - 1) / 2)]!
}

export interface QualityMeta {
  command: string
  when: string
  /** Which code ran (bench/shared/code-version.ts). */
  code: string
  machineStart: string
  machineEnd: string
  seed: string
  peopleAsked: number
  peopleDone: number
  mode: string
  scans: string
  crawlMs: number | null
  /** Catching the lookup index up before the first lookup. */
  indexMs: number
  /** Lookups in flight at once. */
  concurrency: number
  /** Processes the lookups were split between (quality-worker.ts). */
  workers: number
  /** Per-source timeout of each lookup. */
  timeoutMs: number
  workspaceReused: boolean
  /** Lookups not asked, by kind: no record of the person holds their value (quality-held.ts). */
  leftOut: Array<{ kind: string; lookups: number; people: number }>
  stoppedEarly: boolean
  notLoaded: string[]
  wallMs: number
}

export function qualitySection(scores: CaseScore[], truth: Truth, meta: QualityMeta): string {
  const out: string[] = []
  const all = sum(scores)
  const strong = scores.filter((s) => STRONG.has(s.lookup.kind))
  const foreign = strong.reduce((n, s) => n + s.foreignMerged.length, 0)
  const mixed = scores.reduce((n, s) => n + s.mixedPeople, 0)
  // "Every name lookup that finds anyone returns a ranked candidate list": one that found no one
  // (the person's records hold no date of birth, say) has nobody to rank; it counts as a miss.
  const names = scores.filter((s) => s.rank !== undefined && s.foundAnyone !== false)
  const nameLookups = scores.filter((s) => s.rank !== undefined).length
  const ranked = names.filter((s) => (s.candidates ?? 0) > 0)
  const shared = strong.filter((s) => s.identifierShared).length
  out.push(
    `## Quality: ${meta.peopleDone} random people by every identifier kind (small estate)`,
    '',
  )
  out.push(`Produced by \`${meta.command}\` (bench/lookup/quality.ts).`, '')
  out.push(
    `- When: ${meta.when}; wall ${(meta.wallMs / 60000).toFixed(1)} min` +
      (meta.crawlMs === null
        ? ''
        : `, crawl of the temporary workspace ${(meta.crawlMs / 1000).toFixed(1)} s`),
    `- Code: ${meta.code.replace(/^code: /, '')}`,
    `- Machine at start: ${meta.machineStart}`,
    `- Machine at end: ${meta.machineEnd}`,
    `- How: ${meta.workspaceReused ? 'a workspace an earlier run crawled (a copy of catalog/, crawled through the API), reused' : 'a temporary workspace with a copy of catalog/ crawled through the API (as test/integration/lookup-api.test.ts does)'}; its lookup index caught up first (${(meta.indexMs / 1000).toFixed(1)} s); then \`startLookup\` -> job end -> \`getLookup\` per lookup, ${meta.workers > 1 ? `${meta.workers} worker processes (each its own copy of that workspace) with ` : ''}${meta.concurrency} lookups in flight at a time${meta.workers > 1 ? ' each' : ''} (each its own job, asking the stores afresh: nothing cached between lookups), \`scans: ${meta.scans}\`, per-source timeout ${meta.timeoutMs / 1000} s. Truth: manifest \`assets[].personIds\` (records/*.tsv; CDC topics through their table's keys, read from Kafka; the application topics matched message by message to topics/*.jsonl; ops.returns \`_id\` -> orderId through the driver). A record counts found when its asset and key come back anywhere in the result.`,
    `- People: ${meta.peopleDone} of ${meta.peopleAsked} asked, drawn with seed \`${meta.seed}\` from the ${truth.people.length} of people.jsonl; variants per kind: \`${meta.mode}\`${meta.stoppedEarly ? '; **the run stopped at its time limit before every person was looked up**' : ''}`,
    `- Lookups: ${scores.length}; refused or failed: ${scores.filter((s) => s.error).length}`,
  )
  const left = meta.leftOut.filter((l) => l.lookups > 0)
  if (left.length > 0)
    out.push(
      `- Not asked (no store can answer them): ${left.map((l) => `${l.lookups} ${l.kind} lookups of ${l.people} people`).join(', ')}: no record of theirs holds that value (their crm row left it empty and no other table or topic holds it; read from the estate's files by bench/lookup/quality-held.ts).`,
    )
  if (meta.notLoaded.length)
    out.push(`- Truth not loaded (not scored): ${meta.notLoaded.join('; ')}`)
  out.push('', '### Targets (issue 7)', '', '| target | measured | |', '|---|---|---|')
  out.push(
    `| recall of the person's records across stores ≥ 0.99 | ${pct(all.found, all.expected)} (${all.found} of ${all.expected}) | ${ratio(all.found, all.expected) >= 0.99 ? '**met**' : '**not met**'} |`,
    `| no record of another person merged in, strong identifiers | ${foreign} foreign records in ${strong.length} strong lookups (${shared} found their identifier shared by customers of one numbering, a household's email, and treated it as weak: people side by side, scored as weak) | ${foreign === 0 ? '**met**' : '**not met**'} |`,
    `| people sharing a phone linked, not merged | ${mixed} merged people mixing the subject with someone else (all kinds) | ${mixed === 0 ? '**met**' : '**not met**'} |`,
    `| name lookups return ranked candidates with scores | ${ranked.length} of the ${names.length} name lookups that found anyone returned candidates (${nameLookups - names.length} of ${nameLookups} found no one) | ${names.length > 0 && ranked.length === names.length ? '**met**' : '**not met**'} |`,
  )
  out.push('', '### By kind and variant', '')
  out.push(
    '| kind | variant | lookups | failed | recall | lookups with all records | foreign merged | mixed people | median ms |',
  )
  out.push('|---|---|---:|---:|---:|---:|---:|---:|---:|')
  for (const kind of CASE_KINDS) {
    const ofKind = scores.filter((s) => s.lookup.kind === kind)
    const variants = [...new Set(ofKind.map((s) => s.lookup.variant))]
    for (const v of ['(all)', ...variants]) {
      const group = v === '(all)' ? ofKind : ofKind.filter((s) => s.lookup.variant === v)
      if (group.length === 0) continue
      const t = sum(group)
      const complete = group.filter((s) =>
        [...s.assets.values()].every((a) => a.found === a.expected),
      ).length
      out.push(
        `| ${v === '(all)' ? `**${kind}**` : ''} | ${v} | ${group.length} | ${group.filter((s) => s.error).length} | ${pct(t.found, t.expected)} | ${complete} | ${group.reduce((n, s) => n + s.foreignMerged.length, 0)} | ${group.reduce((n, s) => n + s.mixedPeople, 0)} | ${Math.round(median(group.map((s) => s.durationMs)))} |`,
      )
    }
  }
  out.push('', '### Recall per store and asset, by kind', '')
  const urns = [...new Set(scores.flatMap((s) => [...s.assets.keys()]))].sort()
  const sources = [...new Set(urns.map((u) => truth.sourceOf.get(u) ?? '?'))].sort()
  out.push(
    `| store / asset | all | ${CASE_KINDS.join(' | ')} |`,
    `|---|---:|${CASE_KINDS.map(() => '---:').join('|')}|`,
  )
  const row = (label: string, filter: (u: string) => boolean) => {
    const cell = (group: CaseScore[]) => {
      const t = sum(group, filter)
      return t.expected === 0 ? '–' : `${pct(t.found, t.expected)} (${t.expected})`
    }
    out.push(
      `| ${label} | ${cell(scores)} | ${CASE_KINDS.map((k) => cell(scores.filter((s) => s.lookup.kind === k))).join(' | ')} |`,
    )
  }
  for (const source of sources) {
    row(`**${source}**`, (u) => truth.sourceOf.get(u) === source)
    for (const urn of urns.filter((u) => truth.sourceOf.get(u) === source))
      row(urn.replace(/^[a-z]+:\/\/[^/]+\//, ''), (u) => u === urn)
  }
  const phones = scores.filter((s) => s.sharers > 0)
  out.push('', '### Shared phones and names', '')
  out.push(
    `- Phone lookups of a phone someone else in the estate also has: ${phones.length}; those others came back (linked or as separate people) in ${phones.filter((s) => s.sharersShown === s.sharers).length}; merged with the subject: ${phones.reduce((n, s) => n + s.mixedPeople, 0)} people; linked people returned: ${phones.reduce((n, s) => n + s.linked, 0)}.`,
  )
  const rankOf = (r: number | null | undefined) =>
    r === 1 ? '1' : r && r <= 3 ? '2-3' : r ? '>3' : 'absent'
  for (const kind of ['name-postcode', 'name-dob'] as const) {
    const group = names.filter((s) => s.lookup.kind === kind)
    if (group.length === 0) continue
    const counts = new Map<string, number>()
    for (const s of group) counts.set(rankOf(s.rank), (counts.get(rankOf(s.rank)) ?? 0) + 1)
    out.push(
      `- ${kind}: ${group.length} lookups, ${group.filter((s) => (s.candidates ?? 0) > 0).length} with a ranked candidate list; rank of the right person: ${['1', '2-3', '>3', 'absent'].map((r) => `${r}: ${counts.get(r) ?? 0}`).join(', ')} (without a candidate list, rank 1 means the result held one person and it was the right one).`,
    )
  }
  const bytes = scores.flatMap((s) => (s.kafkaBytes === undefined ? [] : [s.kafkaBytes]))
  const sorted = [...bytes].sort((a, b) => a - b)
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? 0
  out.push(
    `- Kafka bytes fetched per lookup (the events source's \`bytesFetched\`): ${bytes.length ? `p50 ${(at(0.5) / 1024).toFixed(0)} KiB, p95 ${(at(0.95) / 1024).toFixed(0)} KiB over ${bytes.length} lookups` : 'not reported'}; source states: ${[...new Set(scores.flatMap((s) => s.sources.filter((x) => x.startsWith('events:'))))].join(', ') || 'none'}.`,
  )
  out.push('', `Every miss is listed in /tmp/lookup-quality-misses.md (not committed).`)
  return out.join('\n')
}

/** The misses list: every lookup that missed a record, merged someone else's, or failed. */
export function missesFile(scores: CaseScore[], truth: Truth, meta: QualityMeta): string {
  const out: string[] = [
    '# Lookup quality misses (bench/lookup/quality.ts)',
    '',
    `Run: ${meta.when}, \`${meta.command}\`; ${scores.length} lookups of ${meta.peopleDone} people.`,
    "Values are the small estate's synthetic people, shown so a miss can be reproduced.",
    '',
    '## Missed records by kind, variant and asset',
    '',
    '| kind | variant | asset | lookups missing | records missed |',
    '|---|---|---|---:|---:|',
  ]
  const agg = new Map<string, { lookups: number; records: number }>()
  for (const s of scores)
    for (const [urn, a] of s.assets)
      if (a.missed.length > 0) {
        const k = `${s.lookup.kind}|${s.lookup.variant}|${urn}`
        const e = agg.get(k) ?? { lookups: 0, records: 0 }
        e.lookups += 1
        e.records += a.missed.length
        agg.set(k, e)
      }
  for (const [k, e] of [...agg].sort((a, b) => b[1].records - a[1].records))
    out.push(`| ${k.split('|').join(' | ')} | ${e.lookups} | ${e.records} |`)
  out.push('', '## Each lookup', '')
  for (const s of scores) {
    const missed = [...s.assets].filter(([, a]) => a.missed.length > 0)
    if (missed.length === 0 && s.foreignMerged.length === 0 && s.mixedPeople === 0 && !s.error)
      continue
    const l = s.lookup
    const typed = l.input.parts ? JSON.stringify(l.input.parts) : JSON.stringify(l.input.value)
    out.push(
      `### ${l.personId} ${l.kind} (${l.variant}) ${typed}${l.input.kind ? ` kind=${l.input.kind}` : ''}`,
    )
    if (s.error) out.push(`- error: ${s.error}`)
    for (const [urn, a] of missed)
      out.push(
        `- missed ${a.missed.length}/${a.expected} in ${urn} (${truth.sourceOf.get(urn) ?? '?'}): ${a.missed.slice(0, 12).join(', ')}${a.missed.length > 12 ? ', …' : ''}`,
      )
    if (s.foreignMerged.length)
      out.push(`- merged from others: ${s.foreignMerged.slice(0, 12).join('; ')}`)
    if (s.mixedPeople)
      out.push(`- merged people mixing the subject and someone else: ${s.mixedPeople}`)
    out.push(`- sources: ${s.sources.join(' ')}; ${Math.round(s.durationMs)} ms`)
  }
  return `${out.join('\n')}\n`
}
