/**
 * The customer lookup's foundations (issue 7 items 1 and 4): identifier recognition and the
 * Kafka default partitioner over exact key bytes. The planner and executor build on these; see
 * docs/lookup-design.md.
 */
export {
  IDENTIFIER_KINDS,
  STRENGTH,
  type IdentifierKind,
  type IdentifierStrength,
  type RecognisedIdentifier,
  type Recognition,
  type RefusalReason,
} from './identifiers/identifier-kinds'
export { KIND_LABELS, recogniseIdentifier, type RecogniseOptions } from './identifiers/recognise'
export { DEFAULT_ID_FORMATS, formatId, type IdFormat } from './identifiers/id-formats'
export * from './identifiers/normalise'
export { sha256Forms } from './identifiers/hashed-forms'
export { MAX_INPUT_LENGTH } from './identifiers/refuse'
export { murmur2, partitionForKeyBytes, toPositive } from './kafka/murmur2'
export {
  connectJsonKeyBytes,
  parseConnectJsonKey,
  stringKeyBytes,
  type ConnectField,
  type ConnectSchema,
  type ConnectValue,
} from './kafka/connect-json-key'
export { keyPartition, serializeKey, type KeyFormat } from './kafka/key-partition'
export { DEFAULT_PLAN_DEPTH, planLookup } from './plan/plan-lookup'
export { planProblems, runOrder } from './plan/plan-shape'
export { identifierValues, pivotValues, type StepValues } from './execute/step-query'
export { idFormatsFromCatalogue } from './plan/catalogue-id-formats'
