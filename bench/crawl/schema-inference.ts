/**
 * Schema inference throughput (issue 4, item 6): Sightline's shape inferrer against
 * mongodb-schema, on the SAME documents in memory, side by side.
 *
 * The documents of every collection of the estate's MongoDB (FerretDB) are read once, with the
 * crawl's own read options (BSON numeric classes kept), and copied (deserialised afresh, so every
 * document is its own object) until there are at least TARGET_DOCS. Each round then infers the
 * schema of each collection's documents with both libraries (one schema per collection, as the
 * crawl does), alternating which goes first; docs/s is documents over the wall time of all
 * collections. Both keep sampled values (ours: 100 per path; mongodb-schema: its default
 * storeValues), and both produce their final result (paths()/values() vs getResult()).
 *
 *   npx tsx bench/crawl/schema-inference.ts [--docs 20000] [--rounds 7] [--out bench/results/schema-inference.md]
 *
 * Env: SIGHTLINE_MONGO_URL (else the estate env file's), read through test/support/estate.ts.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { BSON, MongoClient, type Document } from 'mongodb'
import { parseSchema } from 'mongodb-schema'
import { createShapeInferrer } from '../../src/main/connectors/shared/infer-shape'
import { estateEnv, REPO_ROOT } from '../../test/support/estate'

const READ = { promoteValues: false, promoteLongs: false } as const

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback
}

interface CollectionDocs {
  name: string
  docs: Document[]
  /** Where the documents came from: the server, or the estate's expected file when it failed. */
  from: string
}

interface Manifest {
  assets: Array<{ urn: string; path: string[] }>
  expectedSingleview?: string
}

/**
 * The collections of the estate manifest, each read whole from the server. Should the server not
 * answer for singleview.customers (FerretDB 1.x can wedge a database), its documents come from the
 * manifest's expected file instead (plain JSON: dates as strings), and the result says so.
 */
async function loadDocuments(
  url: string,
  target: number,
  dataDir: string,
): Promise<CollectionDocs[]> {
  const manifest = JSON.parse(readFileSync(path.join(dataDir, 'manifest.json'), 'utf8')) as Manifest
  const client = new MongoClient(url, { serverSelectionTimeoutMS: 10_000, socketTimeoutMS: 30_000 })
  const out: CollectionDocs[] = []
  try {
    await client.connect()
    for (const asset of manifest.assets.filter((a) => a.urn.startsWith('mongodb://'))) {
      const [db, name] = asset.path as [string, string]
      const full = `${db}.${name}`
      try {
        const docs = await client
          .db(db)
          .collection(name)
          .find({}, { ...READ, batchSize: 5000, maxTimeMS: 20_000 })
          .toArray()
        if (docs.length > 0) out.push({ name: full, docs, from: 'server' })
      } catch (err) {
        if (full === 'singleview.customers' && manifest.expectedSingleview) {
          const file = path.join(dataDir, manifest.expectedSingleview)
          const docs = readFileSync(file, 'utf8')
            .split('\n')
            .filter((l) => l.trim())
            .map((l) => JSON.parse(l) as Document)
          out.push({
            name: full,
            docs,
            from: `${manifest.expectedSingleview} (server: ${(err as Error).message})`,
          })
        } else console.warn(`skipping ${full}: ${(err as Error).message}`)
      }
    }
  } finally {
    await client.close()
  }
  // Copies until the target: each collection grows in proportion, so the mix stays the estate's.
  const base = out.reduce((n, c) => n + c.docs.length, 0)
  const factor = Math.max(1, Math.ceil(target / Math.max(1, base)))
  for (const c of out) {
    const original = [...c.docs]
    for (let k = 1; k < factor; k++)
      for (const d of original) c.docs.push(BSON.deserialize(BSON.serialize(d), READ))
  }
  return out
}

function runOurs(colls: CollectionDocs[]): number {
  let paths = 0
  for (const c of colls) {
    const inferrer = createShapeInferrer()
    for (const d of c.docs) inferrer.add(d)
    paths += inferrer.paths().length
    inferrer.values()
  }
  return paths
}

async function runTheirs(colls: CollectionDocs[], storeValues = true): Promise<number> {
  let fields = 0
  for (const c of colls) fields += (await parseSchema(c.docs, { storeValues })).fields.length
  return fields
}

async function timed<T>(fn: () => T | Promise<T>): Promise<{ ms: number; result: T }> {
  const t0 = process.hrtime.bigint()
  const result = await fn()
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, result }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

async function main(): Promise<void> {
  const env = estateEnv()
  const url = env.SIGHTLINE_MONGO_URL ?? 'mongodb://127.0.0.1:57017/'
  const target = Number(arg('docs', '20000'))
  const rounds = Number(arg('rounds', '7'))
  const out = path.resolve(REPO_ROOT, arg('out', 'bench/results/schema-inference.md'))

  const dataDir = path.join(
    env.SIGHTLINE_ESTATE_DIR ?? path.join(REPO_ROOT, '.estate'),
    'data',
    env.SIGHTLINE_ESTATE_SCALE ?? 'small',
  )
  const colls = await loadDocuments(url, target, dataDir)
  const total = colls.reduce((n, c) => n + c.docs.length, 0)
  console.log(
    `${total} documents in ${colls.length} collections: ${colls.map((c) => `${c.name} ${c.docs.length}`).join(', ')}`,
  )

  // One warm-up each: JIT and module loading are not what is measured.
  runOurs(colls)
  await runTheirs(colls)
  const ours: number[] = []
  const theirs: number[] = []
  const theirsLean: number[] = []
  let oursPaths = 0
  let theirFields = 0
  for (let r = 0; r < rounds; r++) {
    const a = async () => {
      const t = await timed(() => runOurs(colls))
      ours.push(t.ms)
      oursPaths = t.result
    }
    const b = async () => {
      const t = await timed(() => runTheirs(colls))
      theirs.push(t.ms)
      theirFields = t.result
    }
    const c = async () => {
      theirsLean.push((await timed(() => runTheirs(colls, false))).ms)
    }
    if (r % 2 === 0) {
      await a()
      await b()
      await c()
    } else {
      await c()
      await b()
      await a()
    }
    console.log(
      `round ${r + 1}: ours ${ours.at(-1)!.toFixed(1)} ms, mongodb-schema ${theirs.at(-1)!.toFixed(1)} ms (no values ${theirsLean.at(-1)!.toFixed(1)} ms)`,
    )
  }
  const oursRate = total / (median(ours) / 1000)
  const theirRate = total / (median(theirs) / 1000)
  const ratio = oursRate / theirRate
  const leanRate = total / (median(theirsLean) / 1000)
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU'
  const lines = [
    '# Schema inference: Sightline vs mongodb-schema',
    '',
    `Produced by \`npx tsx bench/crawl/schema-inference.ts --docs ${target} --rounds ${rounds}\` on ${new Date().toISOString()}.`,
    '',
    '## How',
    '',
    `- Documents: every document of every collection of the reference estate's MongoDB (FerretDB, ${url.replace(/\/\/[^@/]*@/, '//')}, scale ${env.SIGHTLINE_ESTATE_SCALE ?? '?'}; the manifest's collections), read once with the crawl's read options (BSON Int32/Double/Long classes kept), then copied (BSON round trip, every copy its own object) to ${total} documents; held in memory. A collection the server could not answer for is read from the estate's expected file, as the table says.`,
    '- Each round infers one schema per collection with each library on the same documents, alternating which goes first; a warm-up round of each is not counted. docs/s = documents / median wall time.',
    '- Sightline: `createShapeInferrer()` defaults (5000 paths, depth 32, 100 values per path) + `paths()` + `values()`.',
    '- mongodb-schema 12.7.0: `parseSchema(docs)` (its defaults: values stored, semantic types off), which includes its final `getResult()`.',
    '',
    '## Machine',
    '',
    `${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}. Shared with other engineers' builds and tests while measured: single rounds vary by tens of per cent, hence medians.`,
    '',
    '## Result',
    '',
    '| collection | documents | read from |',
    '|---|---:|---|',
    ...colls.map((c) => `| ${c.name} | ${c.docs.length} | ${c.from} |`),
    '',
    '| | median ms | docs/s | paths/fields found |',
    '|---|---:|---:|---:|',
    `| Sightline shape inferrer | ${median(ours).toFixed(1)} | ${Math.round(oursRate).toLocaleString('en-GB')} | ${oursPaths} paths |`,
    `| mongodb-schema | ${median(theirs).toFixed(1)} | ${Math.round(theirRate).toLocaleString('en-GB')} | ${theirFields} top-level fields |`,
    `| mongodb-schema, \`storeValues: false\` (for reference) | ${median(theirsLean).toFixed(1)} | ${Math.round(leanRate).toLocaleString('en-GB')} | |`,
    '',
    `**Ratio (ours / mongodb-schema throughput): ${ratio.toFixed(2)}×** (target ≥ 1.0); against mongodb-schema without values: ${(oursRate / leanRate).toFixed(2)}×.`,
    '',
    "mongodb-schema is async per value (an `await` for every field and type, and a `setTimeout` yield every 1,000) and keeps values by reservoir sampling; ours is one synchronous walk with a Map lookup per member. Sightline infers one collection's sample (100–1,000 documents) at a time, so it never needs to yield mid-collection. mongodb-schema also works out more per field (probabilities, a duplicates flag per type, a nested schema per type); Sightline keeps types with counts, presence and up to 100 raw values per path, which is what the catalogue uses.",
    '',
    `Rounds (ms), ours: ${ours.map((m) => m.toFixed(1)).join(', ')}; mongodb-schema: ${theirs.map((m) => m.toFixed(1)).join(', ')}; without values: ${theirsLean.map((m) => m.toFixed(1)).join(', ')}.`,
    '',
  ]
  writeFileSync(out, lines.join('\n'))
  console.log(
    `ours ${Math.round(oursRate)} docs/s, mongodb-schema ${Math.round(theirRate)} docs/s, ratio ${ratio.toFixed(2)} -> ${out}`,
  )
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
