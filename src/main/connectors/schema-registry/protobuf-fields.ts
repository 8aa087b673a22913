import type { DeclaredField, FlattenResult } from './avro-fields'

/**
 * The fields of a .proto schema's first top-level message (the one Confluent's serializers use
 * by default), at top level only: nested messages are named by type, not expanded. A small line
 * parser, not a protobuf compiler: anything it cannot read yields no fields and a note.
 */
export function flattenProtobuf(text: string): FlattenResult {
  const src = text.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\/\/[^\n]*/g, ' ')
  const start = /(^|[\s;}])message\s+([A-Za-z_][\w]*)\s*\{/m.exec(src)
  if (!start)
    return {
      fields: [],
      rootType: 'protobuf',
      notes: ['No message found in the protobuf schema: fields are not listed.'],
    }
  const body = blockBody(src, start.index + start[0].length)
  if (body === undefined)
    return {
      fields: [],
      rootType: `message ${start[2]}`,
      notes: [
        'The protobuf schema could not be parsed (unbalanced braces): fields are not listed.',
      ],
    }
  const fields: DeclaredField[] = []
  const proto2 = /syntax\s*=\s*"proto2"/.test(src)
  const topLevel = stripNested(body)
  // `oneof x { ... }` members are fields of the message too, each optional by nature.
  const statements = topLevel.text
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s !== '')
  for (const st of [
    ...statements.map((s) => ({ s, oneof: false })),
    ...topLevel.oneofs.map((s) => ({ s, oneof: true })),
  ]) {
    const m =
      /^(optional|repeated|required)?\s*(map\s*<\s*[\w.]+\s*,\s*[\w.]+\s*>|[\w.]+)\s+(\w+)\s*=\s*\d+/.exec(
        st.s,
      )
    if (!m || ['option', 'reserved', 'extensions'].includes(m[2]!)) continue
    const label = m[1]
    const type = m[2]!.replace(/\s+/g, '')
    const scalar = SCALARS.has(type) || type.startsWith('map<')
    fields.push({
      path: m[3]!,
      name: m[3]!,
      declaredType: label === 'repeated' ? `repeated ${type}` : type,
      nullable:
        st.oneof ||
        label === 'optional' ||
        (proto2 && label !== 'required') ||
        (!scalar && label !== 'repeated'),
    })
  }
  const notes = fields.length === 0 ? [`No fields could be read from message ${start[2]}.`] : []
  return { fields, rootType: `message ${start[2]}`, notes }
}

const SCALARS = new Set([
  'double',
  'float',
  'int32',
  'int64',
  'uint32',
  'uint64',
  'sint32',
  'sint64',
  'fixed32',
  'fixed64',
  'sfixed32',
  'sfixed64',
  'bool',
  'string',
  'bytes',
])

/** The text between the `{` just before `from` and its matching `}`. */
function blockBody(src: string, from: number): string | undefined {
  let depth = 1
  for (let i = from; i < src.length; i++) {
    if (src[i] === '{') depth++
    else if (src[i] === '}' && --depth === 0) return src.slice(from, i)
  }
  return undefined
}

/** Removes nested message/enum blocks; collects the statements of oneof blocks separately. */
function stripNested(body: string): { text: string; oneofs: string[] } {
  let text = ''
  const oneofs: string[] = []
  let i = 0
  while (i < body.length) {
    const m = /(message|enum|oneof|extend)\s+[\w.]+\s*\{/y
    m.lastIndex = i
    const hit = (i === 0 || /[\s;{}]/.test(body[i - 1]!)) && m.exec(body)
    if (hit) {
      const inner = blockBody(body, i + hit[0].length) ?? ''
      if (hit[1] === 'oneof')
        oneofs.push(
          ...stripNested(inner)
            .text.split(';')
            .map((s) => s.trim())
            .filter((s) => s !== ''),
        )
      i += hit[0].length + inner.length + 1
      text += ';'
      continue
    }
    text += body[i]
    i++
  }
  return { text, oneofs }
}
