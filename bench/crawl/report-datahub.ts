/**
 * The DataHub part of bench/results/crawl.md: each recipe run, and what running the peer on this
 * estate showed whatever the numbers.
 */
import type { BenchResults, Round } from './report'
import type { DatahubRun } from './datahub-run'

const isRun = (d: Round['datahub']): d is DatahubRun => d !== undefined && !('error' in d)

export function datahubDetail(r: BenchResults): string[] {
  const lines = [
    '## DataHub CLI runs',
    '',
    '| round | recipe | process | pipeline | exit | records | failure |',
    '|---|---|---:|---:|---:|---:|---|',
  ]
  r.rounds.forEach((round, i) => {
    const d = round.datahub
    if (!isRun(d)) return
    for (const x of d.recipes)
      lines.push(
        `| ${i + 1} | ${x.source} | ${x.seconds.toFixed(2)} s | ${x.pipelineSeconds?.toFixed(2) ?? '–'} s | ${x.exitCode} | ${x.records} | ${x.failure ?? ''} |`,
      )
  })
  return [...lines, '']
}

/** What running the peer on this estate showed, whatever the numbers (each found by a real run). */
export const PEER_FINDINGS = [
  '## What the DataHub CLI needed on this estate',
  '',
  "- **MongoDB (FerretDB)**: with DataHub's defaults the whole mongodb run fails on the first collection and ingests nothing (`$sample` is not implemented, code 238). With `useRandomSampling: false` it fails the same way on `$bsonSize`, which DataHub adds to every self-hosted server ≥ 4.4 to skip oversized documents; only `hostingEnvironment: AWS_DOCUMENTDB` leaves it out. It then samples the *first* 100 documents of each collection (`$limit`), not a random sample. Sightline falls back by itself (random chunks read with find).",
  '- **Kafka**: DataHub infers a schema from messages only where the registry has none (`schema_resolution`, off by default: without it the JSON topics have no fields at all). Its `latest` strategy means `auto.offset.reset=latest`, which reads nothing on a quiet topic; `earliest` reads the oldest messages, not the newest. By its code (kafka_schema_inference.py) it polls one message at a time, at most 20 polls within a 2 s timeout per topic and pass, through a new consumer group per topic and pass, so it samples at most 20 messages per topic whatever `max_messages_per_topic` says. A Debezium JSON envelope is inferred as `schema.*` + `payload.*` (the coverage count keeps the payload).',
  '- **PostgreSQL**: DataHub reflects table by table through SQLAlchemy (several queries per table); Sightline sends 7 catalogue statements per database whatever its size (see above).',
  '- **Kafka Connect**: sink-connector lineage is not supported for the MongoDB sink (a warning); the connector itself is listed.',
  '',
]
