/**
 * The shape of the second labelled set's field specs (bench/classify/labelled-specs*.ts) and the
 * helpers the specs are written with.
 */
import type { CategoryId } from '../../src/shared/model/personal-data'
import * as v from './labelled-values'
import type { Rng } from './labelled-values'

export interface FieldSpec {
  name: string
  /** Dotted path for documents/messages; defaults to the name. */
  path?: string
  declaredType?: string
  truth: CategoryId | null
  gen: (r: Rng, i: number) => unknown
  /** Share of nulls among the values (default 0.05). */
  nulls?: number
  note?: string
  /** Part of the primary key / the document `_id` (as a crawl would report it). */
  primaryKey?: boolean
  /** A foreign key: the referenced asset's name and field path, in the same source. */
  references?: [asset: string, field: string]
}
export interface AssetSpec {
  name: string
  /** Path under the source (database/schema, topic, db/collection). */
  path: string[]
  fields: FieldSpec[]
}
export interface SourceSpec {
  source: string
  platform: 'postgres' | 'mssql' | 'mongodb' | 'kafka'
  assets: AssetSpec[]
}

export const P = (
  name: string,
  declaredType: string | undefined,
  truth: CategoryId | null,
  gen: FieldSpec['gen'],
  extra: Partial<FieldSpec> = {},
): FieldSpec => ({ name, ...(declaredType ? { declaredType } : {}), truth, gen, ...extra })

export const seq =
  (prefix: string, w: number, from = 1) =>
  (_r: Rng, i: number) =>
    `${prefix}${v.pad(from + i * 7, w)}`
