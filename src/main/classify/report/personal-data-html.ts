import {
  PERSONAL_DATA_CATEGORIES,
  type PersonalDataEntry,
  type PersonalDataMap,
} from '../../../shared/model/personal-data'

/**
 * The printable HTML report: one self-contained file (inline CSS, no scripts, no external
 * assets), a title page, summary tables and one table per category, with page breaks for print.
 * Every catalogue-derived text is escaped: names and descriptions come from the sources.
 */

export function escapeHtml(value: unknown): string {
  if (value === undefined || value === null) return ''
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}

const CSS = `
body { font: 11pt/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; color: #111; margin: 2em; }
h1 { font-size: 24pt; margin-top: 30vh; }
h2 { font-size: 15pt; border-bottom: 1px solid #999; padding-bottom: .2em; }
table { border-collapse: collapse; width: 100%; margin: .5em 0 1.5em; font-size: 9pt; }
th, td { border: 1px solid #bbb; padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: #eee; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
code { font-size: 8.5pt; word-break: break-all; }
.title-page { page-break-after: always; break-after: page; }
.muted { color: #555; }
.state-re-review { color: #a40000; font-weight: bold; }
section.category { page-break-before: always; break-before: page; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; break-inside: avoid; }
@page { size: A4 landscape; margin: 12mm; }
@media print { body { margin: 0; } }
`.trim()

const e = escapeHtml
const num = (v: unknown) => `<td class="num">${e(v)}</td>`
const td = (v: unknown) => `<td>${e(v)}</td>`

function table(head: string[], rows: string[][]): string {
  const th = head.map((h) => `<th>${e(h)}</th>`).join('')
  return `<table><thead><tr>${th}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.join('')}</tr>`)
    .join('\n')}</tbody></table>`
}

const LABELS = new Map<string, string>(PERSONAL_DATA_CATEGORIES.map((c) => [c.id, c.label]))

function entryRow(x: PersonalDataEntry): string[] {
  const p = x.processing
  return [
    `<td>${e(x.location)}<br><code class="muted">${e(x.urn)}</code></td>`,
    num(`${Math.round(x.confidence * 100)}%`),
    `<td class="state-${e(x.reviewState)}">${e(x.reviewState)}${
      x.reReviewReason ? `<br><span class="muted">${e(x.reReviewReason)}</span>` : ''
    }${x.decision ? `<br><span class="muted">by ${e(x.decision.by)}, ${e(x.decision.at)}</span>` : ''}</td>`,
    td(x.evidenceSummary),
    num(x.count),
    td([p.purpose, p.lawfulBasis, p.retention].filter(Boolean).join(' · ')),
    td(p.recipients?.join(', ')),
  ]
}

/** The whole report as one HTML document. */
export function personalDataToHtml(map: PersonalDataMap): string {
  const { summary } = map
  const t = summary.totals
  const parts: string[] = []
  parts.push(`<section class="title-page">
<h1>Personal data report</h1>
<p>Workspace: <strong>${e(map.workspace)}</strong></p>
<p>Generated: ${e(map.generatedAt)}</p>
<p class="muted">Sightline personal-data map, schemaVersion ${e(map.schemaVersion)}. No raw values: examples are masked.</p>
</section>`)
  parts.push('<section class="summary"><h2>Summary</h2>')
  parts.push(
    table(
      ['Fields', 'Confirmed', 'Suggested', 'Re-review', 'Rejected'],
      [[num(t.fields), num(t.confirmed), num(t.suggested), num(t.reReview), num(t.rejected)]],
    ),
  )
  parts.push('<h2>By category</h2>')
  parts.push(
    table(
      ['Category', 'Id', 'Fields', 'Sources', 'Confirmed'],
      summary.byCategory.map((c) => [
        td(LABELS.get(c.category) ?? c.category),
        `<td><code>${e(c.category)}</code></td>`,
        num(c.fields),
        num(c.sources),
        num(c.confirmed),
      ]),
    ),
  )
  parts.push('<h2>By source</h2>')
  parts.push(
    table(
      ['Source', 'Fields', 'Categories', 'Needs review'],
      summary.bySource.map((s) => [
        td(s.source),
        num(s.fields),
        num(s.categories),
        num(s.needsReview),
      ]),
    ),
  )
  parts.push('</section>')
  for (const category of PERSONAL_DATA_CATEGORIES) {
    const entries = map.entries.filter((x) => x.category === category.id)
    if (entries.length === 0) continue
    parts.push(`<section class="category"><h2>${e(category.label)} <code>${e(category.id)}</code></h2>
<p class="muted">${e(category.description)}</p>`)
    parts.push(
      table(
        [
          'Field',
          'Confidence',
          'Review',
          'Evidence',
          'Count',
          'Purpose · basis · retention',
          'Recipients',
        ],
        entries.map(entryRow),
      ),
    )
    parts.push('</section>')
  }
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Personal data report — ${e(map.workspace)}</title>
<style>
${CSS}
</style>
</head>
<body>
${parts.join('\n')}
</body>
</html>
`
}
