/**
 * Classification quality on the reference estate, read the way Sightline is scored on unseen
 * data: crawl the estate through the one API (createApiHost on a temporary copy of the
 * repository's catalog/, review decisions emptied so only the classifier speaks), then read the
 * personal-data report (`exportPersonalData` JSON, what `sightline report personal-data --format
 * json` prints) and compare every catalogued field with the manifest's personalFields.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createApiHost } from '../../src/main/api/create-api-host'
import type { ApiHost } from '../../src/main/api/host'
import { MemorySecretStore } from '../../src/main/secrets/memory-secret-store'
import type { CrawlJobResult } from '../../src/shared/model/catalog'
import type { JobView } from '../../src/shared/model/jobs'
import type { PersonalDataEntry } from '../../src/shared/model/personal-data'
import { evidenceLine, type Outcome } from './metrics'

const FINISHED = new Set(['succeeded', 'failed', 'cancelled'])

export interface EstateRun {
  outcomes: Outcome[]
  /** Manifest fields the catalogue does not hold (counted as missed). */
  notCatalogued: string[]
  /** Fields whose truth was derived (CDC `before.*` / `key.*` from the manifest's `after.*`). */
  derived: number
  /** URNs of those fields. */
  derivedUrns: Set<string>
  crawlMs: number
  crawls: Array<{ source: string; status: string; assets: number; error?: string }>
  reportEntries: number
}

function jobEnd(host: ApiHost, jobId: string): Promise<JobView> {
  return new Promise((resolve) => {
    const off = host.subscribe((e) => {
      if (e.topic === 'job' && e.job.id === jobId && FINISHED.has(e.job.state)) {
        off()
        resolve(e.job)
      }
    })
    void host.api.getJob({ id: jobId }).then((job) => {
      if (FINISHED.has(job.state)) {
        off()
        resolve(job)
      }
    })
  })
}

interface ExportedField {
  urn: string
  path: string
}

/**
 * The manifest lists a Debezium topic's `after.X` only; `before.X` holds the same values (the row
 * before an update) and `key.X` the key column, so they carry the same truth. Without this every
 * correct label on them would count as a false positive.
 */
function truthOf(
  urn: string,
  manifest: ReadonlyMap<string, string>,
): { truth: string | null; derived: boolean } {
  const direct = manifest.get(urn)
  if (direct) return { truth: direct, derived: false }
  const m = /^(kafka:\/\/[^#]+)#(before|key)\.(.+)$/.exec(urn)
  if (m) {
    const after = manifest.get(`${m[1]}#after.${m[3]}`)
    if (after) return { truth: after, derived: true }
  }
  return { truth: null, derived: false }
}

export async function estateQuality(opts: {
  repoRoot: string
  envFile: string
  manifestFile: string
}): Promise<EstateRun> {
  const env: Record<string, string> = {}
  for (const line of readFileSync(opts.envFile, 'utf8').split('\n')) {
    const m = /^\s*(?:export\s+)?([A-Z0-9_]+)=(.*)$/.exec(line)
    if (m) env[m[1]!] = m[2]!.replace(/^(['"])(.*)\1$/, '$2')
  }
  const manifest = JSON.parse(readFileSync(opts.manifestFile, 'utf8')) as {
    personalFields: Array<{ urn: string; category: string }>
  }
  const truth = new Map(manifest.personalFields.map((p) => [p.urn, p.category]))

  const dir = mkdtempSync(path.join(os.tmpdir(), 'sightline-bench-classify-'))
  cpSync(path.join(opts.repoRoot, 'catalog'), path.join(dir, 'catalog'), { recursive: true })
  // The classifier alone: no human decision may stand in for a suggestion.
  writeFileSync(path.join(dir, 'catalog', 'classifications.yaml'), 'version: 1\ndecisions: {}\n')
  const host = await createApiHost({
    workspaceDir: dir,
    mode: 'serve',
    secretStore: new MemorySecretStore(),
    actor: 'bench',
    env: { ...process.env, ...env },
  })
  try {
    const t0 = performance.now()
    const { jobId } = await host.api.startCrawl({})
    const job = await jobEnd(host, jobId)
    const crawlMs = performance.now() - t0
    const result = job.result as CrawlJobResult | undefined
    const crawls = (result?.crawls ?? []).map((c) => ({
      source: c.source,
      status: c.status,
      assets: c.assets ?? 0,
      ...(c.error ? { error: c.error.message } : {}),
    }))

    const catalogue = JSON.parse((await host.api.exportCatalog({ format: 'json' })).content) as {
      assets: Array<{ fields: ExportedField[] }>
    }
    const fields = catalogue.assets.flatMap((a) => a.fields)
    const report = JSON.parse((await host.api.exportPersonalData({ format: 'json' })).content) as {
      entries: PersonalDataEntry[]
    }
    const predicted = new Map(report.entries.map((e) => [e.urn, e]))

    const outcomes: Outcome[] = []
    const derivedUrns = new Set<string>()
    const seen = new Set<string>()
    for (const field of fields) {
      seen.add(field.urn)
      const t = truthOf(field.urn, truth)
      if (t.derived) derivedUrns.add(field.urn)
      const entry = predicted.get(field.urn)
      const outcome: Outcome = {
        urn: field.urn,
        label: field.urn,
        truth: t.truth,
        predicted: entry?.category ?? null,
        evidence: entry?.evidenceSummary ?? '',
      }
      if (entry) outcome.confidence = entry.confidence
      outcomes.push(outcome)
    }
    const notCatalogued = [...truth.keys()].filter((urn) => !seen.has(urn))
    for (const urn of notCatalogued)
      outcomes.push({
        urn,
        label: urn,
        truth: truth.get(urn)!,
        predicted: null,
        evidence: 'not in the catalogue',
      })
    // Full evidence (labels and near misses) for the fields it got wrong.
    for (const o of outcomes)
      if (o.truth !== o.predicted && !notCatalogued.includes(o.urn)) {
        const detail = await host.api.getFieldClassification({ urn: o.urn }).catch(() => undefined)
        o.evidence = evidenceLine(detail?.classification)
      }
    return {
      outcomes,
      notCatalogued,
      derived: derivedUrns.size,
      derivedUrns,
      crawlMs,
      crawls,
      reportEntries: report.entries.length,
    }
  } finally {
    await host.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
