import path from 'node:path'
import { TABLES, tableKey } from './schema.js'
import { LineWriter } from './writers.js'

/** Every file one generation writes, under $SIGHTLINE_ESTATE_DIR/data/<scale>/. */
export class EstateOutput {
  readonly tables = new Map<string, LineWriter>()
  readonly tableRecords = new Map<string, LineWriter>()
  readonly topics: Record<'clickstream' | 'returns' | 'fraudScores', LineWriter>
  readonly collections: Record<'fraudCases' | 'interactions' | 'segments', LineWriter>
  readonly collectionRecords: Record<
    'fraudCases' | 'interactions' | 'segments' | 'singleview' | 'returns',
    LineWriter
  >
  readonly expectedSingleview: LineWriter
  readonly people: LineWriter

  constructor(readonly dir: string) {
    for (const t of TABLES) {
      this.tables.set(
        t.name,
        new LineWriter(path.join(dir, 'pg', t.database, `${t.schema}.${t.name}.copy`)),
      )
      this.tableRecords.set(
        t.name,
        new LineWriter(path.join(dir, 'records', 'postgres', `${tableKey(t)}.tsv`)),
      )
    }
    const topic = (name: string) => new LineWriter(path.join(dir, 'topics', `${name}.jsonl`))
    this.topics = {
      clickstream: topic('web.clickstream.v1'),
      returns: topic('returns.requests'),
      fraudScores: topic('fraud.scores'),
    }
    const coll = (name: string) => new LineWriter(path.join(dir, 'mongo', `${name}.jsonl`))
    this.collections = {
      fraudCases: coll('fraud.cases'),
      interactions: coll('callcentre.interactions'),
      segments: coll('marketing.segments'),
    }
    const rec = (name: string) =>
      new LineWriter(path.join(dir, 'records', 'mongodb', `${name}.tsv`))
    this.collectionRecords = {
      fraudCases: rec('fraud.cases'),
      interactions: rec('callcentre.interactions'),
      segments: rec('marketing.segments'),
      singleview: rec('singleview.customers'),
      returns: rec('ops.returns'),
    }
    this.expectedSingleview = new LineWriter(
      path.join(dir, 'expected', 'singleview.customers.jsonl'),
    )
    this.people = new LineWriter(path.join(dir, 'people.jsonl'))
  }

  table(name: string): LineWriter {
    const w = this.tables.get(name)
    if (!w) throw new Error(`no table ${name}`)
    return w
  }

  records(name: string): LineWriter {
    const w = this.tableRecords.get(name)
    if (!w) throw new Error(`no table ${name}`)
    return w
  }

  all(): LineWriter[] {
    return [
      ...this.tables.values(),
      ...this.tableRecords.values(),
      ...Object.values(this.topics),
      ...Object.values(this.collections),
      ...Object.values(this.collectionRecords),
      this.expectedSingleview,
      this.people,
    ]
  }

  close(): void {
    for (const w of this.all()) w.close()
  }
}
