import { z } from 'zod'

/**
 * "Find suggestions" (issue 6 item 4): the profiling pass behind inferred lineage suggestions,
 * kept apart from the everyday crawl the way DataHub and OpenMetadata run profiling apart from
 * metadata ingestion. The everyday crawl samples 100 records per asset: enough for shapes and
 * classification, too few for value overlap (two samples of 100 from 2,000 customers share about
 * five values). The profile is a crawl of the sources the user picks with a larger sample, whose
 * sketches later shallower crawls do not replace (sketch-hook.ts). bench/results/lineage.md
 * measures suggestions on this path.
 */

/** The profile's sample per asset: reads the reference estate's small tables and topics whole. */
export const LINEAGE_PROFILE_SAMPLE_SIZE = 3000
/** The crawl's own ceiling on a sample (startCrawlArg). */
export const LINEAGE_PROFILE_MAX_SAMPLE_SIZE = 10_000

export const findLineageSuggestionsArg = z
  .object({
    sources: z.array(z.string().min(1).max(200)).max(500).optional(),
    sampleSize: z.number().int().min(1).max(LINEAGE_PROFILE_MAX_SAMPLE_SIZE).optional(),
  })
  .strict()

/** Starts a crawl job (the catalogue API's startCrawl). */
export type StartCrawl = (arg: {
  sources?: string[]
  sampleSize?: number
}) => Promise<{ jobId: string }>

/** Starts the profile as a crawl job; its result is a CrawlJobResult like any crawl's. */
export async function startLineageProfile(
  startCrawl: StartCrawl,
  arg: z.infer<typeof findLineageSuggestionsArg>,
): Promise<{ jobId: string; sampleSize: number }> {
  const sampleSize = arg.sampleSize ?? LINEAGE_PROFILE_SAMPLE_SIZE
  const { jobId } = await startCrawl({
    ...(arg.sources?.length ? { sources: arg.sources } : {}),
    sampleSize,
  })
  return { jobId, sampleSize }
}
