/**
 * Java regular expressions (java.util.regex.Pattern) as Kafka Connect and Debezium use them,
 * translated to JavaScript. Connect matches with `Matcher.matches()`, so every pattern here is
 * anchored as a full match. Constructs with no JavaScript equivalent (possessive quantifiers,
 * atomic groups, class intersections, mid-pattern flags...) throw a JavaRegexError instead of
 * being approximated: a wrong regex would silently draw wrong lineage.
 */

export class JavaRegexError extends Error {
  constructor(
    readonly pattern: string,
    reason: string,
  ) {
    super(`Java regex "${pattern}" cannot be translated: ${reason}`)
    this.name = 'JavaRegexError'
  }
}

/** POSIX classes of java.util.regex (`\p{Alpha}`...), as class contents. */
const POSIX: Record<string, string> = {
  Lower: 'a-z',
  Upper: 'A-Z',
  ASCII: '\\x00-\\x7F',
  Alpha: 'a-zA-Z',
  Digit: '0-9',
  Alnum: 'a-zA-Z0-9',
  Punct: '!-\\/:-@\\[-`{-~',
  Graph: '!-~',
  Print: ' -~',
  Blank: ' \\t',
  Cntrl: '\\x00-\\x1F\\x7F',
  XDigit: '0-9a-fA-F',
  Space: ' \\t\\n\\x0B\\f\\r',
}

const HORIZONTAL_SPACE = ' \\t\\xA0\\u1680\\u180e\\u2000-\\u200a\\u202f\\u205f\\u3000'

const escapeLiteral = (s: string) => s.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&')

export interface JavaRegexOptions {
  /** Pattern.CASE_INSENSITIVE, as Debezium's include/exclude lists use. */
  caseInsensitive?: boolean
}

/** Compiles a Java regex to an anchored (full-match) JavaScript RegExp. */
export function javaRegex(pattern: string, options: JavaRegexOptions = {}): RegExp {
  let flags = options.caseInsensitive ? 'i' : ''
  let src = pattern
  // Leading inline flags apply to the whole pattern, which JavaScript flags can express.
  const lead = /^\(\?([imsdu]+)\)/.exec(src)
  if (lead) {
    for (const f of lead[1]!)
      if ((f === 'i' || f === 'm' || f === 's') && !flags.includes(f)) flags += f
    src = src.slice(lead[0].length)
  }
  const body = translate(pattern, src)
  try {
    return new RegExp(`^(?:${body})$`, flags)
  } catch (err) {
    throw new JavaRegexError(pattern, (err as Error).message)
  }
}

function translate(pattern: string, src: string): string {
  const fail = (reason: string): never => {
    throw new JavaRegexError(pattern, reason)
  }
  let out = ''
  let inClass = false
  // Whether the previous token was a quantifier: a `+` after one makes it possessive.
  let afterQuantifier = false
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!
    if (c === '\\') {
      const next = src[i + 1]
      if (next === undefined) fail('trailing backslash')
      i++
      afterQuantifier = false
      if (next === 'Q') {
        const end = src.indexOf('\\E', i + 1)
        const literal = src.slice(i + 1, end === -1 ? src.length : end)
        out += escapeLiteral(literal)
        i = end === -1 ? src.length : end + 1
        continue
      }
      out += translateEscape(src, i, inClass, fail, (advance) => (i += advance))
      continue
    }
    if (inClass) {
      if (c === '[') fail('nested character classes (unions) are not supported')
      if (c === '&' && src[i + 1] === '&') fail('character class intersection (&&)')
      if (c === ']') inClass = false
      out += c
      continue
    }
    if (c === '[') {
      inClass = true
      out += c
      // A `]` right after `[` or `[^` is a literal in Java.
      if (src[i + 1] === '^') {
        out += '^'
        i++
      }
      if (src[i + 1] === ']') {
        out += '\\]'
        i++
      }
      afterQuantifier = false
      continue
    }
    if (c === '(' && src[i + 1] === '?') {
      const rest = src.slice(i + 2)
      if (rest.startsWith('>')) fail('atomic groups (?>...)')
      if (/^[a-zA-Z-]+[):]/.test(rest) && !rest.startsWith('<'))
        fail('inline flags inside the pattern')
    }
    if (c === '+' && afterQuantifier) fail('possessive quantifiers')
    const isQuantifier = c === '*' || c === '+' || c === '?' || c === '}'
    // `a+?` is a lazy quantifier in both dialects; after it another quantifier is an error.
    afterQuantifier = isQuantifier && !(c === '?' && afterQuantifier)
    out += c
  }
  if (inClass) fail('unclosed character class')
  return out
}

function translateEscape(
  src: string,
  at: number,
  inClass: boolean,
  fail: (reason: string) => never,
  advance: (n: number) => void,
): string {
  const e = src[at]!
  switch (e) {
    case 'A':
      return inClass ? fail('\\A in a class') : '^'
    case 'z':
    case 'Z':
      return inClass ? fail(`\\${e} in a class`) : '$'
    case 'h':
      return inClass ? HORIZONTAL_SPACE : `[${HORIZONTAL_SPACE}]`
    case 'e':
      return '\\x1B'
    case 'a':
      return '\\x07'
    case 'G':
    case 'R':
    case 'X':
    case 'H':
    case 'V':
    case 'v':
      return fail(`\\${e}`)
    case 'p':
    case 'P': {
      const m = /^\{(?:Is)?([A-Za-z]+)\}/.exec(src.slice(at + 1))
      const cls = m ? POSIX[m[1]!] : undefined
      if (!m || cls === undefined) return fail(`\\${e}${m ? m[0] : ''} (Unicode/Java classes)`)
      advance(m[0].length)
      if (inClass) return e === 'p' ? cls : fail('\\P inside a class')
      return e === 'p' ? `[${cls}]` : `[^${cls}]`
    }
    case 'x': {
      const m = /^\{([0-9a-fA-F]+)\}/.exec(src.slice(at + 1))
      if (!m) return '\\x'
      const code = parseInt(m[1]!, 16)
      if (code > 0xffff) return fail('code points above U+FFFF')
      advance(m[0].length)
      return `\\u${code.toString(16).padStart(4, '0')}`
    }
    case '0': {
      const m = /^[0-3]?[0-7]{1,2}/.exec(src.slice(at + 1))
      if (!m) return fail('\\0 without an octal value')
      advance(m[0].length)
      return `\\x${parseInt(m[0], 8).toString(16).padStart(2, '0')}`
    }
    default:
      return `\\${e}`
  }
}

/**
 * Splits a comma-separated list of regexes as Debezium does: commas inside `{m,n}` quantifiers
 * and character classes, and escaped commas, do not split. Entries are trimmed, empties dropped.
 */
export function splitRegexList(value: string | undefined): string[] {
  if (!value) return []
  const out: string[] = []
  let current = ''
  let depthBrace = 0
  let inClass = false
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!
    if (c === '\\' && i + 1 < value.length) {
      if (value[i + 1] === ',') current += ','
      else current += c + value[i + 1]
      i++
      continue
    }
    if (inClass) {
      if (c === ']') inClass = false
    } else if (c === '[') inClass = true
    else if (c === '{') depthBrace++
    else if (c === '}') depthBrace = Math.max(0, depthBrace - 1)
    else if (c === ',' && depthBrace === 0) {
      out.push(current)
      current = ''
      continue
    }
    current += c
  }
  out.push(current)
  return out.map((s) => s.trim()).filter((s) => s !== '')
}

/** A compiled include or exclude list: `matches` is true when any entry fully matches. */
export interface RegexList {
  patterns: RegExp[]
  matches(value: string): boolean
}

export function regexList(value: string | undefined, options?: JavaRegexOptions): RegexList {
  const patterns = splitRegexList(value).map((p) => javaRegex(p, options))
  return { patterns, matches: (v) => patterns.some((p) => p.test(v)) }
}

/**
 * Java's `Matcher.replaceFirst` replacement syntax on a full match: `$n` (the longest group
 * number that exists), `${name}`, and `\x` for a literal x.
 */
export function javaReplacement(match: RegExpExecArray, replacement: string): string {
  let out = ''
  for (let i = 0; i < replacement.length; i++) {
    const c = replacement[i]!
    if (c === '\\' && i + 1 < replacement.length) {
      out += replacement[++i]
      continue
    }
    if (c !== '$') {
      out += c
      continue
    }
    const named = /^\{([A-Za-z][A-Za-z0-9]*)\}/.exec(replacement.slice(i + 1))
    if (named) {
      const v = match.groups?.[named[1]!]
      if (v === undefined && !(named[1]! in (match.groups ?? {})))
        throw new Error(`No group named "${named[1]}" in the replacement "${replacement}"`)
      out += v ?? ''
      i += named[0].length
      continue
    }
    const digits = /^\d+/.exec(replacement.slice(i + 1))
    if (!digits) throw new Error(`Illegal group reference in the replacement "${replacement}"`)
    // Java takes as many digits as still name an existing group.
    let n = Number(digits[0][0])
    let used = 1
    while (used < digits[0].length && n * 10 + Number(digits[0][used]) < match.length) {
      n = n * 10 + Number(digits[0][used])
      used++
    }
    if (n >= match.length) throw new Error(`No group ${n} in the replacement "${replacement}"`)
    out += match[n] ?? ''
    i += used
  }
  return out
}

/** RegexRouter-style rename: the new name when `regex` fully matches, undefined otherwise. */
export function replaceFull(regex: RegExp, input: string, replacement: string): string | undefined {
  const m = regex.exec(input)
  return m ? javaReplacement(m, replacement) : undefined
}
