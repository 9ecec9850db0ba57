import type { CodeInfo } from './catalog.js';

/** ST2xxx: names, types, calls and other checks a compiler makes after parsing. */
export const SEMANTIC_CODES: CodeInfo[] = [];
