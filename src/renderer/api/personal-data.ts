import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { CategoryId, ProcessingAttributes } from '../../shared/model/personal-data'
import { useApi } from './api-context'
import { queryKeys } from './query-keys'

/**
 * The whole personal-data map. Filters are applied in the page, not by the server: the map of a
 * catalogue is at most tens of thousands of entries, and filtering in memory keeps every click
 * instant and the summary (which always covers everything) in the same answer.
 */
export function usePersonalDataMap() {
  const api = useApi()
  return useQuery({
    queryKey: queryKeys.personalDataMap,
    queryFn: () => api.getPersonalDataMap({}),
  })
}

/** One field's classification: every label, evidence item and near miss, and its decision. */
export function useFieldClassification(urn: string | undefined) {
  const api = useApi()
  return useQuery({
    queryKey: queryKeys.fieldClassification(urn ?? ''),
    queryFn: () => api.getFieldClassification({ urn: urn ?? '' }),
    enabled: urn !== undefined,
  })
}

export interface ReviewArg {
  urn: string
  decision: 'confirmed' | 'rejected' | 'changed'
  category?: CategoryId
  reason?: string
}

/** Refreshes the map, the field views and the audit log (reviews are audited) after a change. */
async function refreshAfterReview(client: ReturnType<typeof useQueryClient>): Promise<void> {
  await Promise.all([
    client.invalidateQueries({ queryKey: queryKeys.personalData }),
    client.invalidateQueries({ queryKey: queryKeys.audit }),
  ])
}

/** Records a decision in catalog/classifications.yaml. */
export function useReviewField() {
  const api = useApi()
  const client = useQueryClient()
  return useMutation({
    mutationFn: (arg: ReviewArg) => api.reviewField(arg),
    onSuccess: () => refreshAfterReview(client),
  })
}

/** Removes a field's decision: back to the classifier's suggestion. */
export function useClearReview() {
  const api = useApi()
  const client = useQueryClient()
  return useMutation({
    mutationFn: (urn: string) => api.clearReview({ urn }),
    onSuccess: () => refreshAfterReview(client),
  })
}

/** catalog/processing.yaml: the Article 30 rules. */
export function useProcessingRules() {
  const api = useApi()
  return useQuery({ queryKey: queryKeys.processing, queryFn: () => api.getProcessing({}) })
}

/** Sets (or with null, removes) the processing rule of one asset URN or `category:<id>`. */
export function useSetProcessing() {
  const api = useApi()
  const client = useQueryClient()
  return useMutation({
    mutationFn: (arg: { match: string; attributes: ProcessingAttributes | null }) =>
      api.setProcessing(arg),
    onSuccess: async (rules) => {
      client.setQueryData(queryKeys.processing, rules)
      // Entries show their effective processing attributes.
      await client.invalidateQueries({ queryKey: queryKeys.personalData })
    },
  })
}

/** The personal-data report as text (JSON, CSV or HTML); the export is audited. */
export function useExportPersonalData() {
  const api = useApi()
  const client = useQueryClient()
  return useMutation({
    mutationFn: (format: 'json' | 'csv' | 'html') => api.exportPersonalData({ format }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.audit }),
  })
}
