import type { ValueRecognizer } from '../recognizer'
import { RECOGNIZERS_A } from './index-a'
import { RECOGNIZERS_B } from './index-b'

/**
 * The registry of builtin value recognizers (issue 5): group A's and group B's, in the order they
 * are tried. The builtin rule pack (rule-packs.ts) takes them from here.
 */
export const BUILTIN_RECOGNIZERS: readonly ValueRecognizer[] = [...RECOGNIZERS_A, ...RECOGNIZERS_B]
