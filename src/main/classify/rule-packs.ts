import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { parse } from 'yaml'
import { z } from 'zod'
import { ApiError } from '../../shared/api/errors'
import { isCategoryId, type CategoryId } from '../../shared/model/personal-data'
import {
  BUILTIN_NAME_RULES,
  BUILTIN_PACK_ID,
  BUILTIN_SUPPRESS,
  STANDALONE_CATEGORIES,
} from './builtin-rules'
import type { NameRule, PackRecognizer, RulePack } from './name-rules'
import type { ValueRecognizer } from './recognizer'
import { BUILTIN_RECOGNIZERS } from './recognizers'
import { tokenizeName } from './tokenize-name'

/**
 * Rule packs (issue 5, docs/personal-data.md "## Rule packs"): the builtin pack, then every
 * catalog/rules/*.yaml of the workspace in file-name order, each validated with errors naming the
 * file and the key.
 */

/** Longest pattern a pack may give a value recognizer: values above maxLength are never tested. */
const MAX_PATTERN_LENGTH = 500
const MAX_VALUE_LENGTH = 1_000

const categorySchema = z
  .string()
  .refine(isCategoryId, { message: 'is not a category id (see docs/personal-data.md)' })
const idSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'an id has lower-case letters, digits, ".", "_" or "-"')
const tokensSchema = z.array(z.string().min(1)).min(1)

const NameRuleSchema = z.strictObject({
  id: idSchema,
  category: categorySchema,
  match: tokensSchema,
  weight: z.number().min(0).max(1).default(0.7),
  not: z.array(z.string().min(1)).optional(),
  context: z.array(z.string().min(1)).optional(),
  exact: z.boolean().optional(),
  keyLike: z.boolean().optional(),
})
const ValueRuleSchema = z.strictObject({
  id: idSchema,
  category: categorySchema,
  pattern: z.string().min(1).max(MAX_PATTERN_LENGTH),
  maxLength: z.number().int().min(1).max(MAX_VALUE_LENGTH),
  threshold: z.number().gt(0).max(1).default(0.6),
  standalone: z.boolean().default(false),
  caseInsensitive: z.boolean().optional(),
})
const PackSchema = z.strictObject({
  version: z.number().int().min(1).default(1),
  description: z.string().optional(),
  nameRules: z.array(NameRuleSchema).nullish(),
  valueRules: z.array(ValueRuleSchema).nullish(),
  suppress: z.array(z.string().min(1)).nullish(),
})

/** Alternatives, `not` and `context` tokens put through the same tokenizer as field names. */
function normaliseRule(rule: NameRule): NameRule {
  const tokens = (list: readonly string[] | undefined) =>
    list === undefined
      ? undefined
      : // Digits alone (`sha256` -> `sha 256`) would veto `email1`: only words count here.
        [...new Set(list.flatMap((t) => tokenizeName(t)).filter((t) => !/^\d+$/.test(t)))]
  const out: NameRule = {
    ...rule,
    match: rule.match.map((alt) => tokenizeName(alt).join(' ')).filter((alt) => alt !== ''),
  }
  const not = tokens(rule.not)
  const context = tokens(rule.context)
  if (not) out.not = not
  if (context) out.context = context
  return out
}

/** A regex recognizer of a pack; values longer than maxLength are never tested. */
function regexRecognizer(
  id: string,
  category: CategoryId,
  pattern: RegExp,
  maxLength: number,
  threshold: number,
): ValueRecognizer {
  return {
    id,
    category,
    threshold,
    test(value) {
      const v = value.trim()
      if (v.length === 0 || v.length > maxLength) return { match: false }
      return pattern.test(v) ? { match: true } : { match: false }
    },
  }
}

let builtin: RulePack | undefined

/** The builtin pack: name rules, suppressions and the registry's value recognizers. */
export function builtinPack(): RulePack {
  builtin ??= {
    id: BUILTIN_PACK_ID,
    nameRules: BUILTIN_NAME_RULES.map(normaliseRule),
    recognizers: BUILTIN_RECOGNIZERS.map((recognizer): PackRecognizer => ({
      recognizer,
      standalone: STANDALONE_CATEGORIES.has(recognizer.category),
    })),
    suppress: BUILTIN_SUPPRESS,
  }
  return builtin
}

function packError(file: string, key: string, message: string): ApiError {
  const where = key === '' ? '' : `${key}: `
  return new ApiError('bad-input', `${file}: ${where}${message}`, {
    file,
    ...(key === '' ? {} : { field: key }),
  })
}

/**
 * One pack from YAML text. `file` is the name errors and the pack id use
 * (`catalog/rules/acme.yaml`). Throws ApiError('bad-input') naming the file and key.
 */
export function parseRulePack(file: string, text: string): RulePack {
  let data: unknown
  try {
    data = parse(text)
  } catch (err) {
    const summary = err instanceof Error ? err.message.split('\n')[0] : 'unreadable'
    throw packError(file, '', `YAML syntax error: ${summary}`)
  }
  if (data === null || data === undefined) data = {}
  const parsed = PackSchema.safeParse(data)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw packError(file, issue.path.map(String).join('.'), issue.message)
  }
  const pack = parsed.data
  const recognizers: PackRecognizer[] = (pack.valueRules ?? []).map((v, i) => {
    let pattern: RegExp
    try {
      pattern = new RegExp(v.pattern, v.caseInsensitive ? 'iu' : 'u')
    } catch (err) {
      const reason = err instanceof Error ? err.message : 'invalid'
      throw packError(file, `valueRules.${i}.pattern`, `not a valid regular expression (${reason})`)
    }
    return {
      recognizer: regexRecognizer(
        v.id,
        v.category as CategoryId,
        pattern,
        v.maxLength,
        v.threshold,
      ),
      standalone: v.standalone,
    }
  })
  const nameRules = (pack.nameRules ?? []).map((r) => {
    const rule: NameRule = {
      id: r.id,
      category: r.category as CategoryId,
      match: r.match,
      weight: r.weight,
      ...(r.not ? { not: r.not } : {}),
      ...(r.context ? { context: r.context } : {}),
      ...(r.exact === undefined ? {} : { exact: r.exact }),
      ...(r.keyLike === undefined ? {} : { keyLike: r.keyLike }),
    }
    return normaliseRule(rule)
  })
  return {
    id: `${file}@${pack.version}`,
    nameRules,
    recognizers,
    suppress: (pack.suppress ?? []).map((s) => s.toLowerCase()),
  }
}

/**
 * The builtin pack, then the workspace's catalog/rules/*.yaml (and .yml) in name order. A
 * workspace without catalog/rules/ gets the builtin pack alone. A bad pack throws (the crawl
 * reports it rather than classifying with half the rules).
 */
export function loadRulePacks(workspaceDir: string): RulePack[] {
  const packs = [builtinPack()]
  const dir = path.join(workspaceDir, 'catalog', 'rules')
  if (!existsSync(dir)) return packs
  const files = readdirSync(dir)
    .filter((f) => /\.ya?ml$/i.test(f))
    .sort()
  for (const f of files) {
    const rel = `catalog/rules/${f}`
    let text: string
    try {
      text = readFileSync(path.join(dir, f), 'utf8')
    } catch {
      throw packError(rel, '', 'could not be read')
    }
    packs.push(parseRulePack(rel, text))
  }
  return packs
}
