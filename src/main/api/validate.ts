import type { z } from 'zod'
import { ApiError } from '../../shared/api/errors'

/**
 * Validates a method's argument. On failure: `bad-input` naming the field path of the first
 * problem, e.g. "source.url: The URL is required". Values are never quoted back (they may be
 * secrets).
 */
export function parseArg<T extends z.ZodType>(schema: T, arg: unknown): z.infer<T> {
  const result = schema.safeParse(arg ?? {})
  if (result.success) return result.data
  const issues = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }))
  const first = issues[0]!
  const message = first.path ? `${first.path}: ${first.message}` : first.message
  throw new ApiError('bad-input', message, { field: first.path, issues })
}
