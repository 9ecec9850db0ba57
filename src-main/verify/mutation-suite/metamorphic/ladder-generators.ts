import type { Attempt } from './attempt.js';
import { hasLadder } from './l5x-document.js';
import { ladderNewLamp, ladderProcessConstant, ladderStrongerCondition, ladderTimerPt } from './ladder-neutral.js';
import { ladderAddComments, ladderExtractRoutine, ladderReindent, ladderReorder } from './ladder-preserving.js';
import { ladderRenameInternal } from './ladder-rename.js';
import { ladderAutoReset, ladderResetToStart, ladderSelfLatchingGuard } from './ladder-unsafe-reset.js';
import { ladderBypassOr, ladderBypassSet, ladderRealBypass, ladderSecondWriter } from './ladder-unsafe.js';
import { hasPlcopenLd } from './plcopen-ld-document.js';
import { ldNewLamp, ldProcessConstant, ldStrongerCondition, ldTimerPt } from './plcopen-ld-neutral.js';
import { ldRenameInternal, ldReorderNetworks } from './plcopen-ld-preserving.js';
import { ldAutoReset, ldBypassOr, ldBypassSet, ldResetToStart, ldSecondWriter, ldSelfLatchingGuard } from './plcopen-ld-unsafe.js';
import type { Rng } from './random.js';
import { NotEditable } from './site-editor.js';
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

const noLd = (why: string): Generator => () => why;

/**
 * The PLCopen XML LD path: contacts, coils, in-variables and whole networks of a graphical LD body (CODESYS
 * export), wired by localId; networks run in document order. The ST in the same export (a function's
 * CDATA body) is still reached by the ST generators.
 */
export const PLCOPEN_LD_GENERATORS: Record<VariantKind, Generator> = {
  'rename-internal': ldRenameInternal,
  'reorder-assignments': ldReorderNetworks,
  'extract-function': noLd('moving LD networks into a new POU needs a new call box and interface wiring; not generated for PLCopen LD'),
  'add-comments': noLd('LD network comments are not edited (the ST path is tried: comments in CDATA bodies)'),
  reindent: noLd('an LD network has no text layout (the ST path is tried: CDATA bodies)'),
  'new-lamp': ldNewLamp,
  'stronger-condition': ldStrongerCondition,
  'timer-pt': ldTimerPt,
  'process-constant': ldProcessConstant,
  'bypass-or': ldBypassOr,
  'bypass-set': ldBypassSet,
  'second-writer': ldSecondWriter,
  'auto-reset': ldAutoReset,
  'reset-to-start': ldResetToStart,
  'self-latching-guard': ldSelfLatchingGuard,
  'real-bypass': noLd('a REAL compare network is not generated for PLCopen LD (the ST path is tried)'),
};

/**
 * For a site with L5X ladder or PLCopen LD, the ladder candidates first, then the ST generator's (an ST routine of the
 * export, an ST file beside it); a site without ladder gets the ST generator alone.
 */
export function withLadder(kind: VariantKind, st: Generator): Generator {
  return (ctx, rng) => {
    const paths: [string, Generator][] = [
      ...(hasLadder(ctx) ? [['L5X ladder', LADDER_GENERATORS[kind]] as [string, Generator]] : []),
      ...(hasPlcopenLd(ctx) ? [['PLCopen LD', PLCOPEN_LD_GENERATORS[kind]] as [string, Generator]] : []),
    ];
    if (!paths.length) return st(ctx, rng);
    const made = [...paths, ['Structured Text', st] as [string, Generator]].map(([name, gen]) => [name, gen(ctx, rng)] as const);
    const attempts = made.flatMap(([, r]) => (typeof r === 'string' ? [] : r));
    if (!attempts.length) return made.map(([name, r]) => `${name}: ${typeof r === 'string' ? r : 'no candidate'}`).join('; ');
    // A path that does not apply still says why, first among the reasons, should no other path's candidate edit.
    const notApplicable: Attempt[] = made.flatMap(([name, r]) =>
      typeof r === 'string'
        ? [
            () => {
              throw new NotEditable(`${name}: ${r}`);
            },
          ]
        : [],
    );
    return [...notApplicable, ...attempts];
  };
}
