import type { AppInfo } from '../../shared/api/contract'
import type { StoreResidency } from '../../shared/model/store-residency'
import type { SecretStore } from '../secrets/secret-store'
import { emptyArg } from './schemas'
import { parseArg } from './validate'
import packageJson from '../../../package.json'

export const APP_VERSION: string = packageJson.version

export function createAppInfoApi(facts: {
  workspace: string
  mode: 'desktop' | 'serve'
  secretStore: SecretStore
  actor: string
  storeResidency: () => StoreResidency
}) {
  return {
    async getAppInfo(arg: unknown): Promise<AppInfo> {
      parseArg(emptyArg, arg)
      const info: AppInfo = {
        version: APP_VERSION,
        workspace: facts.workspace,
        mode: facts.mode,
        secretStorage: facts.secretStore.storage,
        actor: facts.actor,
        storeResidency: facts.storeResidency(),
      }
      if (facts.secretStore.warning) info.secretStorageWarning = facts.secretStore.warning
      return info
    },
  }
}
