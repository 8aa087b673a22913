/**
 * `npm run bench:classify`: quality (estate + second labelled set), then speed (100,000 fields,
 * then one bench-scale crawl). Options are passed to both: see quality.ts and speed.ts.
 */
import { runQuality } from './quality'
import { runSpeed } from './speed'

try {
  await runQuality()
  await runSpeed()
  process.exit(0)
} catch (err) {
  console.error(err)
  process.exit(1)
}
