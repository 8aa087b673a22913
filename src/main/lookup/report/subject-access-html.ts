import { escapeHtml as e } from '../../classify/report/personal-data-html'
import type { SubjectAccessItem, SubjectAccessReport } from './subject-access'

/**
 * The subject-access report as one printable, self-contained HTML page (inline CSS, no scripts,
 * no external assets). Every value is escaped: it comes from the sources.
 */

const CSS = `
body { font: 11pt/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; color: #111; margin: 2em; }
h1 { font-size: 22pt; }
h2 { font-size: 15pt; border-bottom: 1px solid #999; padding-bottom: .2em; margin-top: 1.5em; }
h3 { font-size: 12pt; margin-bottom: .2em; }
table { border-collapse: collapse; width: 100%; margin: .4em 0 1.2em; font-size: 9pt; }
th, td { border: 1px solid #bbb; padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: #eee; }
code { font-size: 8.5pt; word-break: break-all; }
.muted { color: #555; }
section.category { break-inside: auto; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; break-inside: avoid; }
@page { size: A4 landscape; margin: 12mm; }
@media print { body { margin: 0; } }
`.trim()

function table(head: string[], rows: string[][]): string {
  const th = head.map((h) => `<th>${e(h)}</th>`).join('')
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('\n')
  return `<table><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table>`
}

const keyText = (key: Record<string, unknown>) =>
  Object.entries(key)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(', ')

function itemRow(i: SubjectAccessItem): string[] {
  const p = i.processing
  return [
    `${e(i.field)}<br><code class="muted">${e(i.fieldUrn)}</code>`,
    `<strong>${e(i.value)}</strong>`,
    `${e(keyText(i.recordKey))}${i.timestamp ? `<br><span class="muted">${e(i.timestamp)}</span>` : ''}`,
    e(p.purpose ?? 'not recorded'),
    e(p.lawfulBasis ?? 'not recorded'),
    e(p.retention ?? 'not recorded'),
    e(p.recipients?.join(', ') ?? 'not recorded'),
    e(i.obtainedFrom.length > 0 ? i.obtainedFrom.join(', ') : 'collected here'),
  ]
}

export function renderSubjectAccessHtml(report: SubjectAccessReport): string {
  const parts: string[] = []
  const l = report.lookup
  parts.push(`<h1>Subject access report</h1>
<p>Data held about the person identified by a ${e(l.identifierKind)} (<code>${e(l.identifierMasked)}</code>), found by a lookup on ${e(l.startedAt)}.</p>
<p class="muted">Generated ${e(report.generatedAt)} by ${e(report.generator)} · reason: ${e(report.reason)} · schemaVersion ${e(report.schemaVersion)} · lookup ${e(l.lookupId)}</p>`)
  parts.push(`<h2>Summary</h2>
<p>${e(report.summary.records)} records, ${e(report.summary.values)} values.</p>
${table(
  ['Category', 'Values', 'Sources'],
  report.summary.categories.map((c) => [e(c.label), e(c.values), e(c.sources.join(', '))]),
)}
${table(
  ['Source', 'Platform', 'State', 'Records'],
  l.sources.map((s) => [e(s.source), e(s.platform), e(s.state), e(s.records)]),
)}`)
  for (const c of report.categories) {
    parts.push(`<section class="category"><h2>${e(c.label)}</h2>`)
    for (const s of c.sources) {
      parts.push(`<h3>${e(s.source)} <span class="muted">(${e(s.platform)})</span></h3>`)
      parts.push(
        table(
          [
            'Field',
            'Value',
            'Record',
            'Purpose',
            'Lawful basis',
            'Retention',
            'Recipients',
            'Obtained from',
          ],
          s.items.map(itemRow),
        ),
      )
    }
    parts.push('</section>')
  }
  if (report.notes.length > 0)
    parts.push(`<h2>Notes</h2><ul>${report.notes.map((n) => `<li>${e(n)}</li>`).join('')}</ul>`)
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Subject access report</title>
<meta name="robots" content="noindex"><style>${CSS}</style></head>
<body>
${parts.join('\n')}
</body></html>
`
}
