import { mkdirSync, renameSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Admin } from 'kafkajs'

/** One partition's progress: the next offset to consume and the partition's end offset. */
export interface PartitionProgress {
  topic: string
  partition: number
  consumed: number
  end: number
}

/** What $SIGHTLINE_ESTATE_DIR/run/builder-status.json holds; builder.sh status reads it. */
export interface BuilderStatus {
  pid: number
  startedAt: string
  updatedAt: string
  /** Messages not yet consumed, summed over every partition of every topic. */
  lag: number
  /** Consumed changes whose documents are not yet written. */
  pendingDocuments: number
  /** True when lag is 0 and every consumed change is written to singleview.customers. */
  caughtUp: boolean
  documents: number | null
  partitions: PartitionProgress[]
}

/** Tracks consumed positions and measures them against the topics' end offsets. */
export class ProgressTracker {
  private readonly positions = new Map<string, number>()

  constructor(private readonly topics: string[]) {}

  consumed(topic: string, partition: number, lastOffset: string): void {
    this.positions.set(`${topic}:${partition}`, Number(lastOffset) + 1)
  }

  async measure(admin: Admin): Promise<PartitionProgress[]> {
    const result: PartitionProgress[] = []
    for (const topic of this.topics) {
      for (const { partition, high, low } of await admin.fetchTopicOffsets(topic)) {
        // A partition never fetched from starts at its low watermark (retention may have moved it).
        const consumed = this.positions.get(`${topic}:${partition}`) ?? Number(low)
        result.push({ topic, partition, consumed, end: Number(high) })
      }
    }
    return result
  }
}

export function totalLag(partitions: PartitionProgress[]): number {
  return partitions.reduce((sum, p) => sum + Math.max(0, p.end - p.consumed), 0)
}

/** Written atomically (rename) so that a reader never sees half a file. */
export function writeStatus(file: string, status: BuilderStatus): void {
  mkdirSync(path.dirname(file), { recursive: true })
  const tmp = `${file}.${process.pid}.tmp`
  writeFileSync(tmp, JSON.stringify(status, null, 2) + '\n')
  renameSync(tmp, file)
}
