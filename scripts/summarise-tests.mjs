// Totals the JSON reports of vitest and Playwright plus the one-shot checks into the single
// closing line CI reads: `N passed, N failed, N skipped`. Exits 1 if anything failed or if a
// suite produced no report (a suite that did not run is a failure, not a silent zero).
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { vitestCounts } from './test-counts.mjs'

const [dir, checksPassed = '0', checksFailed = '0'] = process.argv.slice(2)
let passed = Number(checksPassed)
let failed = Number(checksFailed)
let skipped = 0
const lines = []

function vitest(name) {
  const file = path.join(dir, `${name}.json`)
  if (!existsSync(file)) {
    failed += 1
    lines.push(`${name}: no report (suite did not run)`)
    return
  }
  const { passed: p, failed: f, skipped: s } = vitestCounts(JSON.parse(readFileSync(file, 'utf8')))
  passed += p
  failed += f
  skipped += s
  lines.push(`${name}: ${p} passed, ${f} failed, ${s} skipped`)
}

function playwright(name) {
  const file = path.join(dir, `${name}.json`)
  if (!existsSync(file)) {
    failed += 1
    lines.push(`${name}: no report (suite did not run)`)
    return
  }
  const r = JSON.parse(readFileSync(file, 'utf8'))
  const st = r.stats ?? {}
  const p = (st.expected ?? 0) + (st.flaky ?? 0)
  const f = (st.unexpected ?? 0) + (r.errors?.length ?? 0)
  const s = st.skipped ?? 0
  passed += p
  failed += f
  skipped += s
  lines.push(`${name}: ${p} passed, ${f} failed, ${s} skipped`)
}

vitest('unit')
vitest('integration')
playwright('e2e')
lines.push(
  `checks (typecheck, lint, build, estate): ${checksPassed} passed, ${checksFailed} failed`,
)
for (const l of lines) console.log(l)
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`)
process.exit(failed > 0 ? 1 : 0)
