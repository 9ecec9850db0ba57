import type { Span } from '../diagnostics/diagnostic.js';

/** Where a piece of translated ST came from: the rung or LD/FBD element in the original file. */
export interface LadderOrigin {
  span: Span;
  /** Human label: `rung 12`, `network 3 (localId 17)`. */
  label: string;
}

/**
 * A ladder (RLL rung or LD/FBD network) translated to equivalent IEC 61131-3 ST statements, with one origin
 * per generated line so the UI, the diff view and the simulator can point back to the original element.
 */
export interface LadderTranslation {
  /** Complete ST statements (no declarations), one or more lines, each ending in ';' or END_IF; etc. */
  st: string;
  /** `lines[i]` is the origin of line i (0-based) of `st`. */
  lines: LadderOrigin[];
  /** Temporaries the translation introduced (e.g. branch results), with their IEC type, to be declared as VAR_TEMP. */
  temporaries: { name: string; type: string }[];
}
