/**
 * What the metamorphic generator makes: a variant of one example site (every source file after the edit, the
 * container files edited through the source maps) with the relation it must satisfy, or a skip that says why a
 * variant kind does not apply to the site.
 */

/** semantics-preserving and safety-neutral variants are benign: verification must pass them; unsafe must fail. */
export type VariantClass = 'preserving' | 'neutral' | 'unsafe';

export const VARIANT_KINDS = {
  'rename-internal': 'preserving',
  'reorder-assignments': 'preserving',
  'extract-function': 'preserving',
  'add-comments': 'preserving',
  reindent: 'preserving',
  'new-lamp': 'neutral',
  'stronger-condition': 'neutral',
  'timer-pt': 'neutral',
  'process-constant': 'neutral',
  'bypass-or': 'unsafe',
  'bypass-set': 'unsafe',
  'second-writer': 'unsafe',
  'auto-reset': 'unsafe',
  'reset-to-start': 'unsafe',
  'self-latching-guard': 'unsafe',
  'real-bypass': 'unsafe',
} as const satisfies Record<string, VariantClass>;

export type VariantKind = keyof typeof VARIANT_KINDS;
export const KINDS = Object.keys(VARIANT_KINDS) as VariantKind[];

export const classOf = (k: VariantKind): VariantClass => VARIANT_KINDS[k];
export const isBenign = (k: VariantKind): boolean => classOf(k) !== 'unsafe';

export interface Variant {
  /** `${site}/${kind}/${seed}`: stable for a seed. */
  id: string;
  site: string;
  kind: VariantKind;
  cls: VariantClass;
  /** What was edited, in words, with the names involved. */
  description: string;
  /** Every source file of the site after the edit (new files included). */
  files: { path: string; text: string }[];
  /** The files whose bytes differ from the site's. */
  changed: string[];
  /**
   * Outputs the variant means to change (a safety-neutral change of behaviour declares them, as a recipe
   * would); empty for semantics-preserving and unsafe variants, which declare nothing.
   */
  allowedDifferences: string[];
}

export interface Skip {
  site: string;
  kind: VariantKind;
  reason: string;
}

export type Generated = Variant | Skip;
export const isVariant = (g: Generated): g is Variant => 'files' in g;
