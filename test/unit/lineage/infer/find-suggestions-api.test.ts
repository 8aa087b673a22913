import { describe, expect, it } from 'vitest'
import { createLineageApi } from '../../../../src/main/api/lineage-api'
import type { AuditLog } from '../../../../src/main/audit/audit-log'
import { LINEAGE_PROFILE_SAMPLE_SIZE } from '../../../../src/main/lineage/infer/lineage-profile'
import type { LineageService } from '../../../../src/main/lineage/lineage-service'

/** "Find suggestions" is the catalogue's crawl job with the profile's larger sample. */
function api(
  startCrawl?: (arg: { sources?: string[]; sampleSize?: number }) => Promise<{ jobId: string }>,
) {
  return createLineageApi({
    service: {} as LineageService,
    audit: {} as AuditLog,
    actor: 'tester',
    catalogDir: '/nowhere',
    ...(startCrawl ? { startCrawl } : {}),
  })
}

describe('findLineageSuggestions', () => {
  it('starts a crawl of every source at the profile sample by default', async () => {
    const calls: unknown[] = []
    const result = await api(async (arg) => {
      calls.push(arg)
      return { jobId: 'j1' }
    }).findLineageSuggestions({})
    expect(LINEAGE_PROFILE_SAMPLE_SIZE).toBe(3000)
    expect(result).toEqual({ jobId: 'j1', sampleSize: LINEAGE_PROFILE_SAMPLE_SIZE })
    expect(calls).toEqual([{ sampleSize: LINEAGE_PROFILE_SAMPLE_SIZE }])
  })

  it('profiles only the sources picked, at the sample asked for', async () => {
    const calls: unknown[] = []
    await api(async (arg) => {
      calls.push(arg)
      return { jobId: 'j2' }
    }).findLineageSuggestions({ sources: ['crm', 'events'], sampleSize: 5000 })
    expect(calls).toEqual([{ sources: ['crm', 'events'], sampleSize: 5000 }])
  })

  it('refuses a sample outside 1..10000 and unknown keys', async () => {
    const find = api(async () => ({ jobId: 'x' })).findLineageSuggestions
    await expect(find({ sampleSize: 0 })).rejects.toMatchObject({ code: 'bad-input' })
    await expect(find({ sampleSize: 10_001 })).rejects.toMatchObject({ code: 'bad-input' })
    await expect(find({ everything: true })).rejects.toMatchObject({ code: 'bad-input' })
  })

  it('says so where crawls cannot run', async () => {
    await expect(api().findLineageSuggestions({})).rejects.toMatchObject({ code: 'unsupported' })
  })
})
