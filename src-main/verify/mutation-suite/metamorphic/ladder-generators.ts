import type { Attempt } from './attempt.js';
import { hasLadder } from './l5x-document.js';
import { ladderNewLamp, ladderProcessConstant, ladderStrongerCondition, ladderTimerPt } from './ladder-neutral.js';
import { ladderAddComments, ladderExtractRoutine, ladderReindent, ladderReorder } from './ladder-preserving.js';
import { ladderRenameInternal } from './ladder-rename.js';
import { ladderAutoReset, ladderResetToStart, ladderSelfLatchingGuard } from './ladder-unsafe-reset.js';
import { ladderBypassOr, ladderBypassSet, ladderRealBypass, ladderSecondWriter } from './ladder-unsafe.js';
import type { Rng } from './random.js';
import type { SiteContext } from './site-context.js';
import type { VariantKind } from './variant.js';

type Generator = (ctx: SiteContext, rng: Rng) => Attempt[] | string;

/**
 * The L5X ladder path of each kind: edits of rungs, tags and routines of a Studio 5000 export, as an engineer
 * makes them in the editor. Structured Text in the same export (an ST routine's lines) is still reached by
 * the ST generators.
 */
export const LADDER_GENERATORS: Record<VariantKind, Generator> = {
  'rename-internal': ladderRenameInternal,
  'reorder-assignments': ladderReorder,
  'extract-function': ladderExtractRoutine,
  'add-comments': ladderAddComments,
  reindent: ladderReindent,
  'new-lamp': ladderNewLamp,
  'stronger-condition': ladderStrongerCondition,
  'timer-pt': ladderTimerPt,
  'process-constant': ladderProcessConstant,
  'bypass-or': ladderBypassOr,
  'bypass-set': ladderBypassSet,
  'second-writer': ladderSecondWriter,
  'auto-reset': ladderAutoReset,
  'reset-to-start': ladderResetToStart,
  'self-latching-guard': ladderSelfLatchingGuard,
  'real-bypass': ladderRealBypass,
};

/**
 * For a site with L5X ladder, the ladder candidates first, then the ST generator's (an ST routine of the
 * export, an ST file beside it); a site without ladder gets the ST generator alone.
 */
export function withLadder(kind: VariantKind, st: Generator): Generator {
  return (ctx, rng) => {
    if (!hasLadder(ctx)) return st(ctx, rng);
    const ladder = LADDER_GENERATORS[kind](ctx, rng);
    const text = st(ctx, rng);
    if (typeof ladder === 'string' && typeof text === 'string') return `ladder: ${ladder}; Structured Text: ${text}`;
    return [...(typeof ladder === 'string' ? [] : ladder), ...(typeof text === 'string' ? [] : text)];
  };
}
