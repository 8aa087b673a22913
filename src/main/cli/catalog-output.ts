import type { CatalogAssetView, CatalogDiff, CatalogField } from '../../shared/model/catalog'

/** Plain-text rendering of catalogue results for the terminal (the --json forms print the API's). */

export function printTable(rows: string[][]): void {
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((row) => (row[col] ?? '').length)))
  for (const row of rows)
    process.stdout.write(
      `${row
        .map((cell, col) => cell.padEnd(widths[col]!))
        .join('  ')
        .trimEnd()}\n`,
    )
}

function fieldType(f: CatalogField): string {
  if (f.declaredType) return f.declaredType
  return f.types?.map((t) => t.type).join('|') ?? '-'
}

function fieldFlags(f: CatalogField): string {
  return [
    f.primaryKey ? 'PK' : '',
    f.references ? `FK -> ${f.references}` : '',
    f.nullable === false ? 'NOT NULL' : '',
  ]
    .filter(Boolean)
    .join(' ')
}

function fieldValues(f: CatalogField): string {
  const v = f.values
  const presence = f.presence ? `seen in ${f.presence.seen} of ${f.presence.of}` : ''
  if (!v) return presence
  const stats = `${v.sampled} sampled, ${v.nulls} null, ${v.distinct} distinct`
  return [presence, stats, v.examples.length ? `e.g. ${v.examples.join(', ')}` : '']
    .filter(Boolean)
    .join('; ')
}

export function printAsset(view: CatalogAssetView): void {
  const a = view.asset
  const lines = [
    `${a.kind} ${a.path.join('.')}  (${a.platform}, source ${a.source})`,
    `urn: ${a.urn}`,
    a.description ? `description: ${a.description}` : '',
    a.counts
      ? `counts: ${Object.entries(a.counts)
          .map(([k, n]) => `${k} ${n}`)
          .join(', ')}`
      : '',
    a.primaryKey ? `primary key: ${a.primaryKey.name} (${a.primaryKey.columns.join(', ')})` : '',
    ...(a.foreignKeys ?? []).map(
      (k) =>
        `foreign key: ${k.name} (${k.columns.join(', ')}) -> ${k.references} (${k.referencedColumns.join(', ')})`,
    ),
    view.ownership.owner ? `owner: ${view.ownership.owner.name ?? view.ownership.owner.id}` : '',
    view.ownership.domain ? `domain: ${view.ownership.domain.id}` : '',
    `crawl: ${view.crawl.id} (${view.crawl.status}, ${view.crawl.startedAt})`,
    ...(a.notes ?? []).map((n) => `note: ${n}`),
  ].filter(Boolean)
  process.stdout.write(`${lines.join('\n')}\n`)
  if (a.fields.length === 0) return
  process.stdout.write('\n')
  printTable([
    ['FIELD', 'TYPE', 'KEYS', 'VALUES (masked)'],
    ...a.fields.map((f) => [f.path, fieldType(f), fieldFlags(f), fieldValues(f)]),
  ])
}

export function printDiff(diff: CatalogDiff): void {
  const s = diff.summary
  const span =
    diff.from && diff.to
      ? `${diff.from.id} (${diff.from.startedAt}) -> ${diff.to.id} (${diff.to.startedAt})`
      : 'fewer than two crawls: nothing to compare'
  process.stdout.write(
    `${diff.source ?? '?'}: ${span}: ${s.added} added, ${s.removed} removed, ${s.changed} changed assets; fields +${s.fieldsAdded} -${s.fieldsRemoved} ~${s.fieldsChanged}\n`,
  )
  const sign = { added: '+', removed: '-', changed: '~' } as const
  for (const change of diff.changes) {
    process.stdout.write(
      `  ${sign[change.change]} ${change.kind} ${change.urn}${change.details?.length ? `: ${change.details.join('; ')}` : ''}\n`,
    )
    for (const f of change.fields)
      process.stdout.write(
        `      ${sign[f.change]} ${f.path}${f.details?.length ? `: ${f.details.join('; ')}` : ''}\n`,
      )
  }
}
