import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs'
import path from 'node:path'

/** Buffered, synchronous line writer: simple, deterministic, and fast enough for millions of rows. */
export class LineWriter {
  private readonly fd: number
  private buffer: string[] = []
  private size = 0
  lines = 0

  constructor(readonly file: string) {
    mkdirSync(path.dirname(file), { recursive: true })
    this.fd = openSync(file, 'w')
  }

  write(line: string): void {
    this.buffer.push(line)
    this.size += line.length
    this.lines++
    if (this.size > 1 << 20) this.flush()
  }

  private flush(): void {
    if (this.buffer.length === 0) return
    writeSync(this.fd, `${this.buffer.join('\n')}\n`)
    this.buffer = []
    this.size = 0
  }

  close(): void {
    this.flush()
    closeSync(this.fd)
  }
}

export type CopyValue = string | number | boolean | null

/** One row in PostgreSQL's COPY text format (tab-separated, \N for null, backslash escapes). */
export function copyRow(values: readonly CopyValue[]): string {
  return values
    .map((v) => {
      if (v === null) return '\\N'
      if (typeof v === 'boolean') return v ? 't' : 'f'
      if (typeof v === 'number') return String(v)
      return v
        .replace(/\\/g, '\\\\')
        .replace(/\t/g, '\\t')
        .replace(/\n/g, '\\n')
        .replace(/\r/g, '\\r')
    })
    .join('\t')
}

/** A ground-truth side file line: record key, then the person ids it belongs to (comma-separated, may be empty). */
export function recordLine(key: string | number, personIds: readonly string[]): string {
  return `${key}\t${personIds.join(',')}`
}
