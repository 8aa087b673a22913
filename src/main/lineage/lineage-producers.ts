/**
 * The edge producers the lineage service assembles, in one module that the service imports
 * lazily: extraction from Kafka Connect configs, catalog/lineage/ declarations and decisions,
 * the catalog/model/ single-view model, and inference from value sketches.
 */
export { extractConnectLineage } from './extract/extract-connect-lineage'
export { inferLineageSuggestions } from './infer/infer-suggestions'
export { LineageFiles } from '../workspace/lineage-files'
export { ModelFiles } from '../workspace/model-files'
