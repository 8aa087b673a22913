import { z } from 'zod'
import { isCategoryId } from '../../shared/model/personal-data'
import { SOURCE_KINDS } from '../../shared/model/sources'
import { isEnvRef } from '../workspace/env-refs'

/** zod schemas of every method's argument: one place, so transports need not validate. */

export const SOURCE_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/
const SECRET_LIKE_OPTION = /pass|secret|token|credential|private.?key/i

export const emptyArg = z.object({}).strict()

export const sourceName = z
  .string({ error: 'a source name is required' })
  .trim()
  .min(1, 'a source name is required')
  .regex(
    SOURCE_NAME_PATTERN,
    'a source name starts with a letter or digit and has only letters, digits, ".", "_" or "-" (at most 64 characters)',
  )

export const sourceInput = z
  .object({
    name: sourceName,
    kind: z.enum(SOURCE_KINDS, { error: `kind must be one of ${SOURCE_KINDS.join(', ')}` }),
    url: z.string({ error: 'a URL is required' }),
    username: z.string().trim().optional(),
    password: z.string().min(1, 'the password is empty').optional(),
    passwordRef: z
      .string()
      .trim()
      .refine(isEnvRef, 'a password reference looks like ${env:VAR} or ${env:VAR:-default}')
      .optional(),
    keepSecret: z.boolean().optional(),
    aliases: z.array(z.string().trim().min(1, 'an alias cannot be empty')).optional(),
    description: z.string().optional(),
    options: z
      .record(z.string().min(1), z.union([z.string(), z.number(), z.boolean()]))
      .refine((options) => !Object.keys(options).some((key) => SECRET_LIKE_OPTION.test(key)), {
        message: 'options hold no secrets: give a password or an ${env:VAR} password reference',
      })
      .optional(),
  })
  .strict()
  .refine((input) => !(input.password !== undefined && input.passwordRef !== undefined), {
    message: 'give either a password or a password reference, not both',
    path: ['passwordRef'],
  })
  .transform((input) => ({ ...input, username: input.username || undefined }))

export type ValidSourceInput = z.infer<typeof sourceInput>

export const nameArg = z.object({ name: sourceName }).strict()
export const addSourceArg = z.object({ source: sourceInput }).strict()
export const updateSourceArg = z.object({ name: sourceName, source: sourceInput }).strict()
export const testSourceArg = z.union([
  z.object({ name: sourceName }).strict(),
  z.object({ source: sourceInput }).strict(),
])
export const jobIdArg = z.object({ id: z.string().min(1, 'a job id is required') }).strict()
export const listAuditArg = z
  .object({
    limit: z.number().int().min(1).max(1000).optional(),
    beforeSeq: z.number().int().min(1).optional(),
  })
  .strict()

// Catalogue (issue 4): crawls, tree, search, assets, drift, export, reveal.
const ASSET_KINDS = [
  'database',
  'schema',
  'table',
  'view',
  'cluster',
  'topic',
  'collection',
  'connector',
  'subject',
] as const
const urnText = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9+.-]*:\/\/\S+$/, 'expected a URN such as postgres://crm/crm/public/customer')
const reasonText = z
  .string({ error: 'a reason is required' })
  .trim()
  .min(1, 'a reason is required')
  .max(500, 'a reason is at most 500 characters')
export const startCrawlArg = z
  .object({
    sources: z.array(sourceName).optional(),
    sampleSize: z.number().int().min(0).max(10_000).optional(),
  })
  .strict()
export const listCrawlsArg = z
  .object({ source: sourceName.optional(), limit: z.number().int().min(1).max(1000).optional() })
  .strict()
export const catalogTreeArg = z.object({ parent: z.string().trim().min(1).optional() }).strict()
export const searchCatalogArg = z
  .object({
    text: z
      .string({ error: 'search text is required' })
      .trim()
      .min(1, 'search text is required')
      .max(200),
    limit: z.number().int().min(1).max(500).optional(),
    sources: z.array(sourceName).optional(),
    kinds: z.array(z.enum(ASSET_KINDS)).optional(),
  })
  .strict()
export const getAssetArg = z
  .object({ urn: urnText, crawlId: z.string().min(1).optional() })
  .strict()
const isoTime = z.string().refine((t) => !Number.isNaN(Date.parse(t)), 'expected an ISO 8601 time')
export const diffCatalogArg = z
  .object({
    source: sourceName.optional(),
    from: z.string().min(1).optional(),
    to: z.string().min(1).optional(),
    since: isoTime.optional(),
  })
  .strict()
export const exportCatalogArg = z
  .object({
    format: z.enum(['json', 'csv'], { error: 'format must be json or csv' }),
    sources: z.array(sourceName).optional(),
    rawSamples: z.object({ reason: reasonText }).strict().optional(),
  })
  .strict()
export const revealSampleArg = z.object({ fieldUrn: urnText, reason: reasonText }).strict()

// Personal data (issue 5): the map, review decisions, processing rules, the report.
const categoryId = z
  .string()
  .refine(isCategoryId, 'not a known personal-data category id (docs/personal-data.md)')
const fieldUrnText = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9+.-]*:\/\/\S+#\S+$/, 'expected a field URN (asset URN + "#" + field path)')
export const getPersonalDataMapArg = z
  .object({
    categories: z.array(categoryId).optional(),
    sources: z.array(sourceName).optional(),
    reviewStates: z
      .array(z.enum(['suggested', 'confirmed', 'rejected', 'changed', 're-review']))
      .optional(),
    minConfidence: z.number().min(0).max(1).optional(),
    includeUnlabelled: z.boolean().optional(),
  })
  .strict()
export const fieldUrnArg = z.object({ urn: fieldUrnText }).strict()
export const reviewFieldArg = z
  .object({
    urn: fieldUrnText,
    decision: z.enum(['confirmed', 'rejected', 'changed'], {
      error: 'decision must be confirmed, rejected or changed',
    }),
    category: categoryId.optional(),
    reason: z.string().trim().max(500, 'a reason is at most 500 characters').optional(),
  })
  .strict()
  .refine((a) => a.decision !== 'changed' || a.category !== undefined, {
    message: 'a changed decision needs the category it changes to',
    path: ['category'],
  })
export const exportPersonalDataArg = z
  .object({
    format: z.enum(['json', 'csv', 'html'], { error: 'format must be json, csv or html' }),
    reason: z.string().trim().max(500, 'a reason is at most 500 characters').optional(),
  })
  .strict()

// Lineage (issue 6): the graph, paths, impact, suggestions, insights, export.
const lineageDirection = z.enum(['up', 'down', 'both'], {
  error: 'direction must be up, down or both',
})
const lineageDepth = z.number().int().min(0, 'depth is 0 or more').max(20, 'depth is at most 20')
export const getLineageArg = z
  .object({
    urn: urnText,
    direction: lineageDirection.optional(),
    depth: lineageDepth.optional(),
    level: z.enum(['asset', 'field'], { error: 'level must be asset or field' }).optional(),
    maxFanOut: z.number().int().min(1).max(1000).optional(),
  })
  .strict()
export const getLineageOverviewArg = z.object({ sources: z.array(sourceName).optional() }).strict()
export const getLineagePathArg = z
  .object({ from: urnText, to: urnText, maxPaths: z.number().int().min(1).max(50).optional() })
  .strict()
export const lineageUrnArg = z.object({ urn: urnText }).strict()
export const listLineageSuggestionsArg = z
  .object({
    status: z.array(z.enum(['open', 'accepted', 'rejected'])).optional(),
    minScore: z.number().min(0).max(1).optional(),
  })
  .strict()
export const decideLineageSuggestionArg = z
  .object({
    id: z.string().trim().min(1, 'a suggestion id is required').max(64),
    decision: z.enum(['accepted', 'rejected', 'open'], {
      error: 'decision must be accepted, rejected or open',
    }),
    reason: z.string().trim().max(500, 'a reason is at most 500 characters').optional(),
  })
  .strict()
export const exportLineageArg = z
  .object({
    format: z.enum(['json', 'openlineage'], { error: 'format must be json or openlineage' }),
    urn: urnText.optional(),
    direction: lineageDirection.optional(),
    depth: lineageDepth.optional(),
  })
  .strict()

// Customer lookup (issue 7): recognise, plan, run, reveal, history, subject access, erasure plan.
const identifierKind = z.enum(
  [
    'email',
    'phone',
    'postcode',
    'customer-number',
    'loyalty-number',
    'card-token',
    'card-last4-expiry',
    'bank-account',
    'ip-address',
    'device-id',
    'name-postcode',
    'name-dob',
    'postal-address',
  ],
  { error: 'not a known identifier kind (docs/lookup.md)' },
)
// The recogniser refuses long input with its own reason; this bound only keeps huge bodies out.
const identifierText = z.string({ error: 'an identifier is required' }).max(100_000)
export const recogniseIdentifierArg = z.object({ value: identifierText }).strict()
export const lookupInputSchema = z
  .object({
    value: identifierText,
    kind: identifierKind.optional(),
    parts: z.record(z.string().min(1).max(32), z.string().max(1000)).optional(),
  })
  .strict()
const lookupOptions = {
  depth: z.number().int().min(0, 'depth is 0 or more').max(5, 'depth is at most 5').optional(),
  scans: z
    .enum(['skip', 'warn', 'allow'], { error: 'scans must be skip, warn or allow' })
    .optional(),
  sources: z.array(sourceName).optional(),
}
export const planLookupArg = z.object({ input: lookupInputSchema, ...lookupOptions }).strict()
export const startLookupArg = z
  .object({
    input: lookupInputSchema,
    reason: reasonText,
    ...lookupOptions,
    timeoutMs: z.number().int().min(100).max(300_000).optional(),
  })
  .strict()
const lookupId = z.string({ error: 'a lookup id is required' }).trim().min(1).max(64)
export const lookupIdArg = z.object({ lookupId }).strict()
export const revealLookupValueArg = z
  .object({
    lookupId,
    recordId: z.string().trim().min(1, 'a record id is required').max(200),
    path: z.string().trim().min(1, 'a field path is required').max(500),
    reason: reasonText,
  })
  .strict()
export const listLookupHistoryArg = z
  .object({ limit: z.number().int().min(1).max(1000).optional() })
  .strict()
export const exportSubjectAccessArg = z
  .object({
    lookupId,
    format: z.enum(['json', 'html'], { error: 'format must be json or html' }),
    reason: reasonText,
  })
  .strict()
export const getErasurePlanArg = z.object({ lookupId, reason: reasonText }).strict()
// Issue 7 item 4: Sightline's Kafka lookup index.
export const lookupIndexStatusArg = z.object({ source: sourceName.optional() }).strict()
export const controlLookupIndexArg = z
  .object({
    action: z.enum(['start', 'stop', 'build', 'rebuild'], {
      error: 'action must be start, stop, build or rebuild',
    }),
    source: sourceName.optional(),
  })
  .strict()
