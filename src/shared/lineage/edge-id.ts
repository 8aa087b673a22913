import { sha256 } from '@noble/hashes/sha2'
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils'

/**
 * Stable ids for lineage edges and suggestions: a short hash of what makes them the same edge,
 * so they survive re-crawls and match between machines (DESIGN.md §4).
 */
export function lineageId(...parts: readonly string[]): string {
  return bytesToHex(sha256(utf8ToBytes(parts.join('\u0000')))).slice(0, 16)
}

/** The id of an edge: level, from, to and the name of the process that carries it. */
export function lineageEdgeId(
  level: 'asset' | 'field',
  from: string,
  to: string,
  process: string,
): string {
  return lineageId('edge', level, from, to, process)
}
