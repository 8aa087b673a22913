import type { ClassifyHook } from '../crawl/crawl-source'

/**
 * The crawl's ClassifyHook, loading the classifier (and its recognizers' dictionaries and
 * libphonenumber) on the first crawl rather than at start: commands such as `sightline audit`
 * never need it. A classifier failure never fails the crawl: the assets are stored unclassified
 * with a note saying so.
 */
export function lazyClassifyHook(workspaceDir: string): ClassifyHook {
  let hook: Promise<ClassifyHook> | undefined
  return async (assets, samples) => {
    try {
      hook ??= import('./classify-assets').then((m) => m.createClassifyHook(workspaceDir))
      const classify = await hook
      return await classify(assets, samples)
    } catch (err) {
      hook = undefined
      // Frames only: a message could quote a sampled value.
      const frames =
        err instanceof Error && err.stack ? err.stack.split('\n').slice(1).join('\n') : ''
      console.error(
        `[sightline] classifier failed (${err instanceof Error ? err.name : typeof err})\n${frames}`,
      )
      const first = assets[0]
      if (first)
        first.notes = [
          ...(first.notes ?? []),
          'Not classified for personal data: the classifier failed (see the Sightline log).',
        ]
      return assets
    }
  }
}
