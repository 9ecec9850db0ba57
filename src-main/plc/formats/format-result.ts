import type { Diagnostic, Span } from '../diagnostics/diagnostic.js';
import type { LadderTranslation } from '../ladder/translation.js';
import type { MappedSource } from '../source/mapped-source.js';

/** A ladder body (LD or FBD network, RLL routine) or an IL body translated to ST, kept beside the source for the UI. */
export interface LadderBody {
  file: string;
  pou: string;
  language: 'LD' | 'FBD' | 'RLL' | 'IL';
  translation: LadderTranslation;
  /** The `<LD>`/`<FBD>`/`<IL>` element in the container. */
  span: Span;
}

/** A GVL's name comes from its container, not from the ST text (VAR_GLOBAL has no name). */
export interface GvlName {
  /** Index in `sources` of the MappedSource holding that VAR_GLOBAL block. */
  source: number;
  name: string;
  span: Span;
}

/** What every container reader returns; it never throws, problems are in `diagnostics`. */
export interface FormatResult {
  sources: MappedSource[];
  ladders: LadderBody[];
  gvlNames?: GvlName[];
  diagnostics: Diagnostic[];
}
