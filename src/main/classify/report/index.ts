import type { PersonalDataMap } from '../../../shared/model/personal-data'
import { personalDataToCsv } from './personal-data-csv'
import { personalDataToHtml } from './personal-data-html'
import { personalDataToJson } from './personal-data-json'

export type ReportFormat = 'json' | 'csv' | 'html'
export const REPORT_FORMATS: readonly ReportFormat[] = ['json', 'csv', 'html']

/** The personal-data report in one format. Holds no raw values: the map has masked examples only. */
export function renderPersonalData(map: PersonalDataMap, format: ReportFormat): string {
  if (format === 'csv') return personalDataToCsv(map)
  if (format === 'html') return personalDataToHtml(map)
  return personalDataToJson(map)
}
