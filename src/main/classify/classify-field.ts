import type {
  CategoryId,
  ClassificationLabel,
  EvidenceItem,
  FieldClassification,
  NearMiss,
} from '../../shared/model/personal-data'
import {
  DEFAULT_THRESHOLD,
  label,
  nearMissReason,
  runRecognizer,
  sampleTexts,
  typeKind,
  typeRulesOut,
  type ValueResult,
} from './field-evidence'
import { findSuppression, matchNameRules, type RulePack } from './name-rules'
import type { RecognizerContext } from './recognizer'
import { expandTokens, snakeName, splitName } from './tokenize-name'

/**
 * The field classifier (issue 5): name evidence from the rule packs' name rules, value evidence
 * from their recognizers over the sampled values, and type evidence, combined into labels with a
 * confidence in 0..1, plus near misses saying why a category was considered and rejected. Linear
 * in the number of sampled values; never throws on odd input.
 */
export interface ClassifyFieldInput {
  /** The field's own name (last path segment). */
  fieldName: string
  /** Dotted path in the asset, arrays as `[]`: `addresses[].postcode`. */
  fieldPath: string
  /** The asset's name tokens (tokenizeName of the table / topic / collection name). */
  assetTokens: readonly string[]
  /** As the source declares it (`character varying(200)`, `int32`), if known. */
  declaredType?: string
  /** Types observed in samples, most frequent first (inferred schemas). */
  observedTypes?: readonly string[]
  /** Raw sampled values (empty when none were sampled). */
  values: readonly unknown[]
}

/** Labels below this confidence become near misses. */
export const LABEL_THRESHOLD = 0.45
/** Name alone, no values sampled: still labelled, a little less sure. */
const NO_SAMPLES_FACTOR = 0.85
/** Name says so, values sampled but a validating recognizer disagrees. */
const STANDALONE_DISAGREES = 0.5
/** Name says so, values sampled, a weak (confirming-only) recognizer disagrees. */
const WEAK_DISAGREES = 0.85
/** Values alone label a field only when more than one value says so (one odd note is noise). */
const MIN_VALUE_ONLY_MATCHES = 2
/**
 * Nor when only a few values do: a low-threshold recognizer (free text: 5% of notes) needs a
 * name agreeing (`notes`, `comment`) below this share.
 */
const MIN_VALUE_ONLY_SHARE = 0.2

function pathSegments(fieldPath: string, fieldName: string): { own: string; parent: string } {
  const segments = (fieldPath || fieldName || '').split('.').filter((s) => s !== '')
  return { own: segments.at(-1) ?? fieldName ?? '', parent: segments.at(-2) ?? '' }
}

/** The classification of one field; see ClassifyFieldInput. */
export function classifyField(
  input: ClassifyFieldInput,
  packs: readonly RulePack[],
): FieldClassification {
  const rulePacks = packs.map((p) => p.id)
  try {
    return classify(input, packs, rulePacks)
  } catch {
    // Odd input must never fail a crawl: an unclassified field is the safe answer.
    return { labels: [], nearMisses: [], rulePacks, sampled: 0 }
  }
}

function classify(
  input: ClassifyFieldInput,
  packs: readonly RulePack[],
  rulePacks: string[],
): FieldClassification {
  const { own, parent } = pathSegments(String(input.fieldPath ?? ''), String(input.fieldName ?? ''))
  const rawOwn = splitName(own)
  const field = expandTokens(rawOwn)
  const parentRaw = splitName(parent)
  const parentTokens = expandTokens(parentRaw)
  const asset = [...(input.assetTokens ?? [])]
  const kind = typeKind(input.declaredType, input.observedTypes)
  const empty = (sampled: number, nearMisses: NearMiss[] = []): FieldClassification => ({
    labels: [],
    nearMisses,
    rulePacks,
    sampled,
  })
  if (kind === 'container') return empty(0)

  const names = matchNameRules(
    { field, parent: parentTokens, asset, ...(rawOwn.length ? { lastRaw: rawOwn.at(-1)! } : {}) },
    packs,
  )
  const best = names[0]
  const texts = kind === 'boolean' ? [] : sampleTexts(input.values ?? [])

  const suppressed = findSuppression(snakeName(own), packs)
  if (suppressed) {
    const misses: NearMiss[] = best
      ? [
          {
            category: best.rule.category,
            reason: `the name "${own}" describes ${label(best.rule.category)} rather than holding it (suppressed by ${suppressed.pack}: ${suppressed.glob})`,
          },
        ]
      : []
    return empty(texts.length, misses)
  }

  const ctx: RecognizerContext = {
    nameTokens: [...new Set([...rawOwn, ...field, ...parentRaw, ...parentTokens])],
    assetTokens: asset,
    ...(input.declaredType === undefined ? {} : { declaredType: input.declaredType.toLowerCase() }),
  }
  // Best recognizer result per category (highest share matched).
  const byCategory = new Map<CategoryId, ValueResult>()
  if (texts.length > 0)
    for (const pack of packs)
      for (const entry of pack.recognizers) {
        const r = runRecognizer(
          entry,
          texts,
          ctx,
          best?.rule.category === entry.recognizer.category,
        )
        const prev = byCategory.get(entry.recognizer.category)
        if (!prev || r.matched > prev.matched) byCategory.set(entry.recognizer.category, r)
      }

  const categories = new Set<CategoryId>(byCategory.keys())
  if (best) categories.add(best.rule.category)
  const labels: ClassificationLabel[] = []
  const nearMisses: NearMiss[] = []

  for (const category of categories) {
    const nameHit = best && best.rule.category === category ? best : undefined
    const nameW = nameHit?.rule.weight ?? 0
    const r = byCategory.get(category)
    const evidence: EvidenceItem[] = []
    if (nameHit)
      evidence.push({
        source: `name:${nameHit.rule.id}`,
        kind: 'name',
        detail: `name "${input.fieldPath || own}" matches ${nameHit.rule.id} (${nameHit.tokens.join(' ')})${nameHit.pack === rulePacks[0] ? '' : ` of ${nameHit.pack}`}`,
        weight: nameW,
      })

    const ruledOut = typeRulesOut(kind, category)
    if (ruledOut) {
      if (nameHit || (r && r.matched > 0))
        nearMisses.push({
          category,
          reason: `${ruledOut} (declared ${input.declaredType ?? kind})`,
        })
      continue
    }

    let rejected: string | undefined
    let pass = false
    if (r && r.of > 0) {
      const threshold = r.entry.recognizer.threshold ?? DEFAULT_THRESHOLD
      const share = r.matched / r.of
      if (r.matched > 0 && share >= threshold) {
        pass = true
        try {
          rejected = r.entry.recognizer.judgeField?.(r.matching, texts, ctx)
        } catch {
          rejected = undefined
        }
        if (rejected) pass = false
      }
    }

    let confidence = 0
    let share: number | undefined
    if (pass && r) {
      share = r.matched / r.of
      const valueW = 0.55 + 0.4 * share
      evidence.push({
        source: `value:${r.entry.recognizer.id}`,
        kind: 'value',
        detail: `${r.matched} of ${r.of} sampled values match ${label(category)}`,
        matched: r.matched,
        of: r.of,
        ...(r.example === undefined ? {} : { example: r.example }),
        weight: valueW,
      })
      if (nameW > 0) confidence = 1 - (1 - nameW) * (1 - valueW)
      else if (
        r.entry.standalone &&
        r.matched >= Math.min(MIN_VALUE_ONLY_MATCHES, r.of) &&
        share >= MIN_VALUE_ONLY_SHARE
      )
        confidence = valueW
      else {
        nearMisses.push({
          category,
          reason: `${r.matched} of ${r.of} values look like ${label(category)} but the name does not say so`,
          evidence,
        })
        continue
      }
    } else if (nameW > 0) {
      if (texts.length === 0) {
        confidence = nameW * NO_SAMPLES_FACTOR
        evidence.push({
          source: 'context:no-samples',
          kind: 'context',
          detail: 'no sampled values: labelled by name alone',
          weight: confidence - nameW,
        })
      } else if (r) {
        const factor = r.entry.standalone ? STANDALONE_DISAGREES : WEAK_DISAGREES
        confidence = nameW * factor
        evidence.push({
          source: `value:${r.entry.recognizer.id}`,
          kind: 'value',
          detail: rejected
            ? `values rejected: ${rejected}`
            : `only ${r.matched} of ${r.of} sampled values match ${label(category)}`,
          matched: r.matched,
          of: r.of,
          weight: confidence - nameW,
        })
      } else confidence = nameW
    } else if (r) {
      const reason = rejected ?? nearMissReason(r)
      if (reason) nearMisses.push({ category, reason })
      continue
    }

    confidence = Math.round(Math.min(1, Math.max(0, confidence)) * 1000) / 1000
    if (confidence >= LABEL_THRESHOLD)
      labels.push({
        category,
        confidence,
        evidence,
        ...(category === 'free_text.contains_personal' && share !== undefined
          ? { share: Math.round(share * 1000) / 1000 }
          : {}),
      })
    else
      nearMisses.push({
        category,
        reason:
          rejected ??
          (r
            ? (nearMissReason(r) ??
              `named like ${label(category)} but only ${r.matched} of ${r.of} values match`)
            : `weak evidence (${confidence.toFixed(2)})`),
        evidence,
      })
  }

  labels.sort((a, b) => b.confidence - a.confidence || a.category.localeCompare(b.category))
  const labelled = new Set(labels.map((l) => l.category))
  return {
    labels,
    nearMisses: nearMisses.filter((m) => !labelled.has(m.category)),
    rulePacks,
    sampled: texts.length,
  }
}
