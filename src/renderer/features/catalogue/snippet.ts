/** A piece of a search snippet: plain text or the matched text. */
export interface SnippetPart {
  text: string
  match: boolean
}

/**
 * Splits a snippet whose matches the server marked with `«` and `»` into parts, so the UI can
 * highlight them without ever injecting HTML. An unclosed `«` highlights to the end.
 */
export function parseSnippet(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = []
  let match = false
  let text = ''
  for (const char of snippet) {
    if (char === (match ? '»' : '«')) {
      if (text) parts.push({ text, match })
      text = ''
      match = !match
    } else {
      text += char
    }
  }
  if (text) parts.push({ text, match })
  return parts
}
