/**
 * Field-level quality of the classifier against a truth (the estate's manifest, or the second
 * labelled set): precision and recall overall and per category, and the confusions. A field
 * counts as a true positive only when the predicted category is the true one; predicting the
 * wrong category is both a false positive (of the predicted) and a false negative (of the true).
 */
import {
  PERSONAL_DATA_CATEGORIES,
  type FieldClassification,
} from '../../src/shared/model/personal-data'

export interface Outcome {
  urn: string
  /** The field's name/path, for the report. */
  label: string
  truth: string | null
  predicted: string | null
  confidence?: number
  /** One line of evidence for the report (labels with their evidence, or the near misses). */
  evidence: string
}

export interface CategoryScore {
  category: string
  truth: number
  predicted: number
  correct: number
  precision: number
  recall: number
}

export interface QualityReport {
  fields: number
  positives: number
  negatives: number
  /** Strict: the category must match. */
  precision: number
  recall: number
  /** Lenient: personal or not, whatever the category. */
  detectionPrecision: number
  detectionRecall: number
  perCategory: CategoryScore[]
  /** truth -> predicted -> count, off-diagonal only (`none` for null). */
  confusions: Array<{ truth: string; predicted: string; count: number }>
  errors: Outcome[]
}

const ratio = (a: number, b: number): number => (b === 0 ? 1 : a / b)

export function score(outcomes: readonly Outcome[]): QualityReport {
  const order = new Map<string, number>(PERSONAL_DATA_CATEGORIES.map((c, i) => [c.id, i]))
  const cats = new Set<string>()
  for (const o of outcomes) {
    if (o.truth) cats.add(o.truth)
    if (o.predicted) cats.add(o.predicted)
  }
  const perCategory = [...cats]
    .sort((a, b) => (order.get(a) ?? 99) - (order.get(b) ?? 99))
    .map((category): CategoryScore => {
      const truth = outcomes.filter((o) => o.truth === category).length
      const predicted = outcomes.filter((o) => o.predicted === category).length
      const correct = outcomes.filter(
        (o) => o.truth === category && o.predicted === category,
      ).length
      return {
        category,
        truth,
        predicted,
        correct,
        precision: ratio(correct, predicted),
        recall: ratio(correct, truth),
      }
    })
  const predicted = outcomes.filter((o) => o.predicted !== null)
  const positives = outcomes.filter((o) => o.truth !== null)
  const correct = outcomes.filter((o) => o.truth !== null && o.predicted === o.truth).length
  const confusionCounts = new Map<string, number>()
  for (const o of outcomes)
    if (o.truth !== o.predicted) {
      const key = `${o.truth ?? 'none'}\u0000${o.predicted ?? 'none'}`
      confusionCounts.set(key, (confusionCounts.get(key) ?? 0) + 1)
    }
  return {
    fields: outcomes.length,
    positives: positives.length,
    negatives: outcomes.length - positives.length,
    precision: ratio(correct, predicted.length),
    recall: ratio(correct, positives.length),
    detectionPrecision: ratio(predicted.filter((o) => o.truth !== null).length, predicted.length),
    detectionRecall: ratio(positives.filter((o) => o.predicted !== null).length, positives.length),
    perCategory,
    confusions: [...confusionCounts]
      .map(([k, count]) => {
        const [truth, pred] = k.split('\u0000') as [string, string]
        return { truth, predicted: pred, count }
      })
      .sort((a, b) => b.count - a.count || a.truth.localeCompare(b.truth)),
    errors: outcomes.filter((o) => o.truth !== o.predicted),
  }
}

/** The effective suggestion: the best label at or above the threshold, else none. */
export function effective(
  cls: FieldClassification | undefined,
  minConfidence: number,
): { category: string | null; confidence?: number } {
  const best = cls?.labels[0]
  if (!best || best.confidence < minConfidence) return { category: null }
  return { category: best.category, confidence: best.confidence }
}

/** A short line of why: the best labels' evidence, or the first near misses. */
export function evidenceLine(cls: FieldClassification | undefined): string {
  if (!cls) return 'no classification'
  const labels = cls.labels
    .slice(0, 2)
    .map(
      (l) =>
        `${l.category} ${l.confidence.toFixed(2)} [${l.evidence
          .map(
            (e) =>
              `${e.source}${e.of ? ` ${e.matched ?? 0}/${e.of}` : ''} ${e.weight >= 0 ? '+' : ''}${e.weight.toFixed(2)}`,
          )
          .join('; ')}]`,
    )
  const misses = cls.nearMisses.slice(0, 2).map((m) => `near miss ${m.category}: ${m.reason}`)
  return [...labels, ...misses].join(' | ').replace(/\s+/g, ' ').slice(0, 400) || 'nothing fired'
}

const pct = (x: number): string => x.toFixed(3)

/** Markdown: one table per set side by side is done by the caller; this is one set's tables. */
export function categoryRows(a: QualityReport, b: QualityReport): string[] {
  const cats = new Set([
    ...a.perCategory.map((c) => c.category),
    ...b.perCategory.map((c) => c.category),
  ])
  const order = new Map<string, number>(PERSONAL_DATA_CATEGORIES.map((c, i) => [c.id, i]))
  const cell = (r: QualityReport, cat: string): string => {
    const c = r.perCategory.find((x) => x.category === cat)
    if (!c) return '– | – | –'
    const flag = c.truth > 0 && (c.precision < 0.9 || c.recall < 0.9) ? ' ⚠' : ''
    return `${c.truth}/${c.predicted}/${c.correct} | ${pct(c.precision)} | ${pct(c.recall)}${flag}`
  }
  return [...cats]
    .sort((x, y) => (order.get(x) ?? 99) - (order.get(y) ?? 99))
    .map((cat) => `| ${cat} | ${cell(a, cat)} | ${cell(b, cat)} |`)
}

export function confusionLines(r: QualityReport, limit = 40): string[] {
  if (r.confusions.length === 0) return ['(none)']
  return [
    '| truth | predicted | fields |',
    '|---|---|---:|',
    ...r.confusions.slice(0, limit).map((c) => `| ${c.truth} | ${c.predicted} | ${c.count} |`),
  ]
}

export function errorLines(r: QualityReport, limit = 200): string[] {
  if (r.errors.length === 0) return ['(none)']
  return [
    '| field | truth | predicted | evidence |',
    '|---|---|---|---|',
    ...r.errors
      .slice(0, limit)
      .map(
        (e) =>
          `| \`${e.label}\` | ${e.truth ?? 'none'} | ${e.predicted ?? 'none'}${e.confidence === undefined ? '' : ` (${e.confidence.toFixed(2)})`} | ${e.evidence.replace(/\|/g, '\\|')} |`,
      ),
  ]
}
