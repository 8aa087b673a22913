import type { ErasurePlan, LookupPlan, LookupResult } from '../../shared/model/lookup'
import { printTable } from './catalog-output'

/** Plain-text rendering of lookups for the terminal (values masked; --json prints the API's). */

const out = (line = '') => process.stdout.write(`${line}\n`)

const keyText = (key: Record<string, unknown>) =>
  Object.entries(key)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ')

const shortUrn = (urn: string) => urn.replace(/^[a-z]+:\/\//, '')

export function printPlan(plan: LookupPlan): void {
  const id = plan.identifier
  out(
    `Plan for ${id.kind} ${id.masked} (${id.strength}; ${id.reason}), depth ${plan.depth}, scans: ${plan.scans}`,
  )
  if (plan.steps.length > 0) {
    out()
    printTable([
      ['STEP', 'SOURCE', 'FIELD', 'ACCESS', 'MATCH', 'FROM', 'REASON'],
      ...plan.steps.map((s) => [
        s.id,
        s.source,
        shortUrn(s.fieldUrn),
        `${s.access}${s.index ? ` (${s.index})` : ''}${s.partition === undefined ? '' : ` p${s.partition}`}`,
        s.match,
        s.input.kind === 'identifier'
          ? 'identifier'
          : `${s.input.fromStep}${s.input.transform ? ` ${s.input.inverted ? 'invert ' : ''}${s.input.transform.type}` : ''}`,
        s.reason,
      ]),
    ])
  } else out('No store can be asked for this identifier.')
  if (plan.unreachable.length > 0) {
    out()
    out('Cannot be asked:')
    for (const u of plan.unreachable) out(`  ${shortUrn(u.assetUrn)}: ${u.reason}`)
  }
  for (const w of plan.warnings) out(`warning: ${w}`)
}

export function printLookup(result: LookupResult): void {
  const id = result.plan.identifier
  const answered = result.sources.filter((s) => s.state === 'answered').length
  out(
    `Lookup ${result.lookupId}: ${id.kind} ${id.masked} (${id.strength}) · ${answered} of ${result.sources.length} sources answered, ${result.records.length} records, ${result.people.length} people, ${result.linked.length} linked (${result.durationMs} ms)`,
  )
  out()
  printTable([
    ['SOURCE', 'PLATFORM', 'STATE', 'RECORDS', 'MS', 'NOTE'],
    ...result.sources.map((s) => [
      s.source,
      s.platform,
      s.state,
      String(s.records),
      s.durationMs === undefined ? '' : String(s.durationMs),
      s.error
        ? `${s.error.code}: ${s.error.message}`
        : s.bytesFetched === undefined
          ? ''
          : `${s.bytesFetched} bytes fetched`,
    ]),
  ])
  const records = new Map(result.records.map((r) => [r.id, r]))
  result.people.forEach((person, i) => {
    out()
    out(
      `Person ${i + 1}: ${person.strongIdentifiers.map((s) => `${s.kind} ${s.masked}`).join(', ') || 'no strong identifier'}`,
    )
    printTable([
      ['FIELD', 'VALUE', 'FROM', ''],
      ...person.fields.flatMap((f) =>
        f.values.map((v, j) => [
          j === 0 ? f.label : '',
          v.value,
          v.provenance.map((p) => `${shortUrn(p.fieldUrn)} [${keyText(p.recordKey)}]`).join('; '),
          j === 0 && f.conflict ? 'CONFLICT' : '',
        ]),
      ),
    ])
    for (const g of person.groups) {
      out(`  ${g.group} (${g.records.length}):`)
      for (const id of g.records) {
        const r = records.get(id)
        if (r)
          out(`    ${r.assetLabel} ${keyText(r.recordKey)}${r.timestamp ? ` ${r.timestamp}` : ''}`)
      }
    }
  })
  if (result.linked.length > 0) {
    out()
    out('Linked people (share a weak identifier; not merged):')
    for (const l of result.linked)
      out(
        `  ${l.person.strongIdentifiers.map((s) => `${s.kind} ${s.masked}`).join(', ') || l.person.id} via ${l.sharedVia.map((s) => `${s.kind} ${s.masked}`).join(', ')}`,
      )
  }
  if (result.candidates && result.candidates.length > 0) {
    out()
    out('Candidates:')
    for (const c of result.candidates) out(`  ${c.personId}  ${c.score.toFixed(2)}  ${c.why}`)
  }
}

export function printErasurePlan(plan: ErasurePlan): void {
  out(`Erasure plan for lookup ${plan.lookupId} (a plan only: nothing is deleted)`)
  out()
  if (plan.actions.length === 0) out('No records hold the person.')
  else
    printTable([
      ['ACTION', 'SOURCE', 'ASSET', 'RECORD', 'RE-CREATED BY', 'NOTE'],
      ...plan.actions.map((a) => [
        a.action,
        a.source,
        shortUrn(a.assetUrn),
        keyText(a.recordKey),
        a.recreatedBy.join(', ') || '-',
        a.note ?? '',
      ]),
    ])
  for (const w of plan.warnings) out(`warning: ${w}`)
}
