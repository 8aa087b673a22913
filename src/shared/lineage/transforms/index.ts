/**
 * Typed, parameterised transformations between fields (DESIGN.md §4): validation and the YAML
 * shorthand, forward application, inversion for lookups, and descriptions. Pure TypeScript:
 * the renderer, the CLI and main all use it.
 */
export {
  TRANSFORM_TYPES,
  parseTransformShorthand,
  toTransformShorthand,
  transformSchema,
  type ShorthandResult,
} from './schema'
export {
  TransformError,
  aggregateRows,
  applyAggregate,
  applyTransform,
  type TransformContext,
} from './apply'
export {
  invertTransform,
  inversionMatches,
  isInvertible,
  normalise,
  type InvertOptions,
  type Inversion,
  type MatchMode,
} from './invert'
export { describeTransform } from './describe'
export { phoneForms, toE164 } from './phone'
export { normalisePostcode } from './text'
