import type { LookupPlanStep } from '../../../shared/model/lookup'
import type { LookupHit, LookupOutcome, LookupQuery } from '../../connectors/connector'
import { stableKey } from './stable-key'
import { fieldPathOf, valuesAt } from './step-query'

/**
 * One lookup's queries, so that none is asked twice (issue 7, speed): the planner follows each
 * weak start on its own route, so two routes that found the same person pivot into the same
 * asset with the same values (crm MobilePhone and HomePhone both find customer 42, and both ask
 * orders, the single view and the CDC topic for 42). Per (source, asset, field, access, match):
 *
 * - the same set of values: the earlier answer is reused whole (in flight too), exactly what
 *   asking again would give;
 * - exact matches (`equals`, by primary key, index, key partition or scan): values already asked
 *   are answered from the earlier hits that hold them, and only the others are asked. Not for
 *   lookup-index steps (the index matches a value's token, `42` finds `C00000042`, which an
 *   equality of the field's text would miss), other match modes, or an earlier answer cut by
 *   the row cap (what it left out is unknown).
 */

/** A step's answer and how many of its values an earlier step had asked already. */
export interface CachedAnswer {
  outcome: LookupOutcome
  /** Values taken from earlier answers instead of being asked. */
  reusedValues: number
  /** Values the source was asked for by this step. */
  askedValues: number
}

interface Entry {
  values: Set<string>
  answer: Promise<LookupOutcome>
}

const typed = (v: string | number) => `${typeof v}:${String(v)}`

export class QueryCache {
  private readonly entries = new Map<string, Entry[]>()

  /** Answers `query` for `step`, asking `ask` only for what no earlier step of the lookup asked. */
  async run(
    step: LookupPlanStep,
    query: LookupQuery,
    ask: (q: LookupQuery) => Promise<LookupOutcome>,
  ): Promise<CachedAnswer> {
    const key = [step.source, step.assetUrn, step.fieldUrn, step.access, query.match].join('\u0000')
    const list = this.entries.get(key) ?? []
    this.entries.set(key, list)
    const wanted = new Set(query.values.map(typed))
    const same = list.find(
      (e) => e.values.size === wanted.size && [...wanted].every((v) => e.values.has(v)),
    )
    if (same) {
      const earlier = await same.answer
      // Nothing was fetched for this step: the bytes and requests were the earlier step's.
      const outcome: LookupOutcome = { ...earlier, statements: 0 }
      if (earlier.bytesFetched !== undefined) outcome.bytesFetched = 0
      return { outcome, reusedValues: wanted.size, askedValues: 0 }
    }

    const exact = query.match === 'equals' && step.access !== 'lookup-index'
    const earlier = exact ? list.filter((e) => [...e.values].some((v) => wanted.has(v))) : []
    const counts = { reusedValues: 0, askedValues: query.values.length }
    // Registered before anything is awaited, so a step starting meanwhile finds it in flight.
    const answer =
      earlier.length === 0 ? ask(query) : this.partly(query, wanted, earlier, ask, counts)
    list.push({ values: wanted, answer })
    // A failed answer is the asking step's to report; later steps ask again.
    answer.catch(() => {
      const at = list.findIndex((e) => e.answer === answer)
      if (at >= 0) list.splice(at, 1)
    })
    const outcome = await answer
    return { outcome, ...counts }
  }

  /** Values asked earlier answered from their hits, the rest asked; whole when unusable. */
  private async partly(
    query: LookupQuery,
    wanted: ReadonlySet<string>,
    earlier: readonly Entry[],
    ask: (q: LookupQuery) => Promise<LookupOutcome>,
    counts: { reusedValues: number; askedValues: number },
  ): Promise<LookupOutcome> {
    const settled = await Promise.allSettled(earlier.map((e) => e.answer))
    const outcomes: LookupOutcome[] = []
    for (const s of settled) if (s.status === 'fulfilled' && !s.value.capped) outcomes.push(s.value)
    // What a failed or capped answer left out is unknown: ask everything.
    if (outcomes.length < settled.length) return ask(query)
    const covered = new Set<string>()
    earlier.forEach((e) => e.values.forEach((v) => wanted.has(v) && covered.add(v)))
    const texts = new Set(query.values.filter((v) => covered.has(typed(v))).map(String))
    const path = fieldPathOf(query.fieldPath)
    const reused: LookupHit[] = []
    const seen = new Set<string>()
    for (const o of outcomes)
      for (const hit of o.hits) {
        const k = stableKey(hit.recordKey)
        if (seen.has(k) || !valuesAt(hit, path).some((v) => texts.has(String(v)))) continue
        seen.add(k)
        reused.push(hit)
      }
    const rest = query.values.filter((v) => !covered.has(typed(v)))
    counts.reusedValues = query.values.length - rest.length
    counts.askedValues = rest.length
    const fresh: LookupOutcome =
      rest.length > 0
        ? await ask({ ...query, values: rest })
        : { hits: [], capped: false, statements: 0 }
    const keys = new Set(fresh.hits.map((h) => stableKey(h.recordKey)))
    const hits = [...fresh.hits, ...reused.filter((h) => !keys.has(stableKey(h.recordKey)))]
    return {
      ...fresh,
      hits: hits.slice(0, query.rowCap),
      capped: fresh.capped || hits.length > query.rowCap,
    }
  }
}
