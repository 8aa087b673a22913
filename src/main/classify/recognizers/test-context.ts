import type { RecognizerContext } from '../recognizer'

/** Test helper: a recognizer context from space-separated name and asset tokens. */
export function ctxOf(name = '', asset = '', declaredType?: string): RecognizerContext {
  const split = (s: string): string[] => s.split(/\s+/).filter((t) => t.length > 0)
  return {
    nameTokens: split(name),
    assetTokens: split(asset),
    ...(declaredType === undefined ? {} : { declaredType }),
  }
}
