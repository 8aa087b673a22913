import type { PersonalDataMap } from '../../../shared/model/personal-data'

/** The JSON report: the PersonalDataMap as is (docs/personal-data.md, "Export schema"). */
export function personalDataToJson(map: PersonalDataMap): string {
  return `${JSON.stringify(map, null, 2)}\n`
}
