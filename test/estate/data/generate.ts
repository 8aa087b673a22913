/**
 * Generates the estate's data for one scale and seed into $SIGHTLINE_ESTATE_DIR/data/<scale>/
 * and writes manifest.json last (its presence means the generation is complete).
 *
 *   npx tsx test/estate/data/generate.ts [--scale small|bench|tiny] [--seed N] [--out DIR] [--force]
 *
 * Cached: when the directory already holds a manifest of the same scale, seed and generator
 * version, nothing is regenerated.
 */
import { createHash } from 'node:crypto'
import {
  createReadStream,
  existsSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { generateFiller } from './filler.js'
import { generateEstate } from './generate-estate.js'
import {
  GENERATOR_VERSION,
  MANIFEST_FORMAT,
  type Manifest,
  buildAssets,
  lineageEdges,
  personalFields,
} from './manifest.js'
import { Rng } from './prng.js'
import { scaleNamed } from './scale.js'
import { SOURCES } from './urn.js'

export interface GenerateOptions {
  scale: string
  seed: string
  /** The data root; output goes to <root>/<scale>. */
  root: string
  force?: boolean
}

function listFiles(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory()
        ? listFiles(path.join(dir, e.name), base)
        : [path.relative(base, path.join(dir, e.name))],
    )
    .sort()
}

async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

/**
 * The generator's own source, hashed: a cached estate made by different generator code is
 * regenerated even when nobody remembered to bump GENERATOR_VERSION.
 */
export function generatorCodeHash(): string {
  const here = path.dirname(fileURLToPath(import.meta.url))
  const hash = createHash('sha256')
  for (const name of readdirSync(here)
    .filter((f) => f.endsWith('.ts'))
    .sort())
    hash.update(name).update(readFileSync(path.join(here, name)))
  return hash.digest('hex')
}

export function cachedManifest(dir: string, scale: string, seed: string): Manifest | null {
  const file = path.join(dir, 'manifest.json')
  if (!existsSync(file)) return null
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as Manifest
  const same =
    manifest.scale === scale &&
    manifest.seed === seed &&
    manifest.generatorVersion === GENERATOR_VERSION &&
    manifest.format === MANIFEST_FORMAT &&
    manifest.generatorCodeHash === generatorCodeHash()
  return same ? manifest : null
}

export async function generate(
  options: GenerateOptions,
): Promise<{ manifest: Manifest; cached: boolean; dir: string }> {
  const scale = scaleNamed(options.scale)
  const dir = path.join(options.root, scale.name)
  const cached = options.force ? null : cachedManifest(dir, scale.name, options.seed)
  if (cached) return { manifest: cached, cached: true, dir }

  // Generate beside the target and swap in at the end, so a half-written estate is never used.
  const work = `${dir}.tmp`
  rmSync(work, { recursive: true, force: true })
  const counts = generateEstate(scale, options.seed, work)
  const assets = buildAssets(counts)
  assets.push(
    ...generateFiller(scale, new Rng(`sightline-estate:${options.seed}`).fork('filler'), work),
  )

  const files: Manifest['files'] = {}
  for (const rel of listFiles(work))
    files[rel] = {
      bytes: statSync(path.join(work, rel)).size,
      sha256: await sha256File(path.join(work, rel)),
    }
  const contentHash = createHash('sha256')
    .update(
      JSON.stringify({
        GENERATOR_VERSION,
        code: generatorCodeHash(),
        scale: scale.name,
        seed: options.seed,
        files,
      }),
    )
    .digest('hex')
  const manifest: Manifest = {
    format: MANIFEST_FORMAT,
    generatorVersion: GENERATOR_VERSION,
    generatorCodeHash: generatorCodeHash(),
    scale: scale.name,
    seed: options.seed,
    sources: SOURCES,
    counts,
    assets,
    personalFields: personalFields(assets),
    lineage: lineageEdges(),
    people: 'people.jsonl',
    expectedSingleview: 'expected/singleview.customers.jsonl',
    contentHash,
    files,
  }
  writeFileSync(path.join(work, 'manifest.json'), `${JSON.stringify(manifest, null, 1)}\n`)
  rmSync(dir, { recursive: true, force: true })
  renameSync(work, dir)
  return { manifest, cached: false, dir }
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? process.argv[i + 1] : undefined
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)
if (isMain) {
  const estateDir =
    process.env.SIGHTLINE_ESTATE_DIR ??
    path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../.estate')
  const started = Date.now()
  const { manifest, cached, dir } = await generate({
    scale: arg('scale') ?? process.env.SIGHTLINE_ESTATE_SCALE ?? 'small',
    seed: arg('seed') ?? process.env.SIGHTLINE_ESTATE_SEED ?? '20261126',
    root: arg('out') ?? path.join(estateDir, 'data'),
    force: process.argv.includes('--force'),
  })
  const bytes = Object.values(manifest.files).reduce((n, f) => n + f.bytes, 0)
  process.stderr.write(
    `[generate] ${cached ? 'cached' : 'generated'} scale=${manifest.scale} seed=${manifest.seed} customers=${manifest.counts.customers} ` +
      `assets=${manifest.assets.length} files=${Object.keys(manifest.files).length} bytes=${bytes} in ${((Date.now() - started) / 1000).toFixed(1)}s -> ${dir}\n`,
  )
}
