import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SourcesFile } from '../../../src/main/workspace/sources-file'

describe('catalog/sources.yaml', () => {
  let dir: string
  let file: string
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sightline-sources-'))
    file = path.join(dir, 'catalog', 'sources.yaml')
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('reads nothing from a missing file and writes a documented one on first add', () => {
    const sources = new SourcesFile(file)
    expect(sources.read()).toEqual([])
    sources.add({
      name: 'pg',
      kind: 'postgres',
      url: 'postgres://h:5432/db',
      password: '${env:PW}',
    })
    const text = readFileSync(file, 'utf8')
    expect(text).toMatch(/^# Sightline sources/)
    expect(text).toContain('Never write a password in clear here.')
    expect(sources.read()).toEqual([
      { name: 'pg', kind: 'postgres', url: 'postgres://h:5432/db', password: '${env:PW}' },
    ])
  })

  it('keeps comments and unknown keys of a hand-written file through add, replace and remove', () => {
    mkdirSync(path.dirname(file), { recursive: true })
    writeFileSync(
      file,
      [
        '# my own header',
        'owner: data-team # unknown top-level key',
        'sources:',
        '  # the primary',
        '  - name: a',
        '    kind: kafka',
        '    url: kafka://h:9092',
        '    team: platform # unknown key of an entry',
        '  - name: b',
        '    kind: mongodb',
        '    url: mongodb://h:27017/',
        '',
      ].join('\n'),
    )
    const sources = new SourcesFile(file)
    sources.replace('a', { name: 'a', kind: 'kafka', url: 'kafka://h:9093', aliases: ['h:9093'] })
    sources.add({ name: 'c', kind: 'kafka-connect', url: 'http://h:8083' })
    sources.remove('b')
    const text = readFileSync(file, 'utf8')
    expect(text).toContain('# my own header')
    expect(text).toContain('owner: data-team # unknown top-level key')
    expect(text).toContain('# the primary')
    expect(text).toContain('team: platform # unknown key of an entry')
    expect(sources.read().map((s) => [s.name, s.url])).toEqual([
      ['a', 'kafka://h:9093'],
      ['c', 'http://h:8083'],
    ])
  })

  it('refuses a password written in clear, without quoting it', () => {
    mkdirSync(path.dirname(file), { recursive: true })
    writeFileSync(
      file,
      'sources:\n  - name: a\n    kind: postgres\n    url: postgres://h/db\n    password: Hunter2-clear\n',
    )
    expect(() => new SourcesFile(file).read()).toThrowError(
      /sources\.0\.password must be an env reference/,
    )
    try {
      new SourcesFile(file).read()
    } catch (err) {
      expect(JSON.stringify(err) + String(err)).not.toContain('Hunter2-clear')
    }
  })

  it('reports syntax errors with the line and duplicates by name', () => {
    mkdirSync(path.dirname(file), { recursive: true })
    writeFileSync(file, 'sources:\n  - name: a\n    kind: [\n')
    expect(() => new SourcesFile(file).read()).toThrowError(/YAML syntax error at line \d/)
    writeFileSync(
      file,
      'sources:\n  - {name: a, kind: kafka, url: "kafka://h:1"}\n  - {name: a, kind: kafka, url: "kafka://h:2"}\n',
    )
    expect(() => new SourcesFile(file).read()).toThrowError(/"a" appears twice/)
  })

  it('refuses to add a name twice and to replace or remove a missing one', () => {
    const sources = new SourcesFile(file)
    sources.add({ name: 'a', kind: 'kafka', url: 'kafka://h:1' })
    expect(() => sources.add({ name: 'a', kind: 'kafka', url: 'kafka://h:1' })).toThrowError(
      /already exists/,
    )
    expect(() => sources.remove('zz')).toThrowError(/No source named "zz"/)
    expect(() =>
      sources.replace('zz', { name: 'zz', kind: 'kafka', url: 'kafka://h:1' }),
    ).toThrowError(/No source/)
  })

  it('sees every change to the file at once, and hands out copies of what it read', () => {
    mkdirSync(path.dirname(file), { recursive: true })
    const write = (url: string) =>
      writeFileSync(file, `sources:\n  - name: pg\n    kind: postgres\n    url: ${url}\n`)
    write('postgres://a:5432/db')
    const sources = new SourcesFile(file)
    const first = sources.read()
    first[0]!.url = 'changed by a caller'
    expect(sources.read()[0]!.url).toBe('postgres://a:5432/db')
    // Same length, same second: only the text tells the two apart.
    write('postgres://b:5432/db')
    expect(sources.read()[0]!.url).toBe('postgres://b:5432/db')
    writeFileSync(file, 'sources: [\n')
    expect(() => sources.read()).toThrow(/YAML syntax error/)
    rmSync(file)
    expect(sources.read()).toEqual([])
  })
})
