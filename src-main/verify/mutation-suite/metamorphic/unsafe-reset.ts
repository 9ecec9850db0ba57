import { findAll, type Span } from '../../../plc/edit/codemod.js';
import { key } from '../../../plc/st/ast.js';
import type { Attempt } from './attempt.js';
import type { Rng } from './random.js';
import { varOf, type PouInfo, type SiteContext } from './site-context.js';
import { hazardWrites, spell, startInputs } from './site-facts.js';

const EDGES = new Set(['R_TRIG', 'F_TRIG']);

interface ResetUse {
  at: PouInfo;
  /** A read of the reset input itself (outside an edge detector's CLK), or of an edge detector's Q on it. */
  span: Span;
  what: 'reset' | 'edge' | 'autoreset';
}

/** The POUs that hold the restart interlock: the declared safety POUs and those writing a hazardous output. */
function latchPous(ctx: SiteContext): PouInfo[] {
  const writers = new Set(hazardWrites(ctx).map((w) => w.at));
  return ctx.pous.filter((p) => p.safety || writers.has(p));
}

/** Where the safety logic reads the reset button: directly, through an R_TRIG/F_TRIG on it, or S_AutoReset. */
function resetUses(ctx: SiteContext): ResetUse[] {
  const reset = ctx.config.safety.reset;
  if (!reset) return [];
  const out: ResetUse[] = [];
  for (const at of latchPous(ctx)) {
    const edges = new Set<string>();
    const clkReads = new Set<unknown>();
    for (const call of findAll(at.pou, 'Call')) {
      if (call.callee.kind !== 'Name') continue;
      const v = varOf(ctx, call.callee.id);
      const tn = v?.typeSpec?.kind === 'NamedType' ? v.typeSpec.name.parts.map((p) => p.name).join('.') : '';
      for (const a of call.args) {
        if (a.name && key(a.name.name) === 'S_AUTORESET' && a.value?.kind === 'Literal' && a.value.value === false) out.push({ at, span: a.value, what: 'autoreset' });
        if (EDGES.has(key(tn)) && a.name && key(a.name.name) === 'CLK' && a.value?.kind === 'Name' && key(a.value.id.name) === key(reset)) {
          edges.add(key(call.callee.id.name));
          clkReads.add(a.value);
        }
      }
    }
    for (const n of findAll(at.pou, 'Name', (x) => key(x.id.name) === key(reset) && !clkReads.has(x))) out.push({ at, span: n, what: 'reset' });
    for (const m of findAll(at.pou, 'Member', (x) => key(x.member.name) === 'Q' && x.object.kind === 'Name' && edges.has(key(x.object.id.name)))) out.push({ at, span: m, what: 'edge' });
  }
  return out;
}

/** Auto reset: every reset demand in the safety logic (the button, its edge, S_AutoReset) replaced by TRUE. */
export function autoReset(ctx: SiteContext, rng: Rng): Attempt[] | string {
  if (!ctx.config.safety.reset) return 'site.yaml names no reset input';
  const uses = resetUses(ctx);
  if (!uses.length) return `the safety logic reads ${ctx.config.safety.reset} nowhere in Structured Text`;
  // One attempt replaces every use (a latch reset by any of them stays manual); a second keeps only the
  // uses in one POU, for a site whose uses are not all editable.
  const byPou = [...new Set(uses.map((u) => u.at))];
  const groups = [uses, ...rng.shuffle(byPou).map((p) => uses.filter((u) => u.at === p))];
  return groups.map((group) => (ed) => {
    for (const u of group) ed.replace(u.at.unit, u.span, ed.kw(u.at.unit, 'TRUE'));
    return { description: `reset made automatic in ${[...new Set(group.map((u) => u.at.pou.name.name))].join(', ')}: ${group.map((u) => u.what).join(', ')} -> TRUE` };
  });
}

/** Reset wired to start: the safety logic's reset reads (the button itself) replaced by the start button. */
export function resetToStart(ctx: SiteContext, rng: Rng): Attempt[] | string {
  const reset = ctx.config.safety.reset;
  if (!reset) return 'site.yaml names no reset input';
  const starts = startInputs(ctx);
  if (!starts.length) return 'no start input (a BOOL input named Start) to wire the reset to';
  const uses: { at: PouInfo; span: Span }[] = [];
  for (const at of latchPous(ctx)) for (const n of findAll(at.pou, 'Name', (x) => key(x.id.name) === key(reset))) uses.push({ at, span: n });
  if (!uses.length) return `the safety logic reads ${reset} nowhere in Structured Text`;
  return rng.shuffle(starts).map((start) => (ed) => {
    for (const u of uses) ed.replace(u.at.unit, u.span, spell(ctx, u.at.unit, start));
    return { description: `the restart interlock's ${reset} replaced by ${start.name} in ${[...new Set(uses.map((u) => u.at.pou.name.name))].join(', ')}` };
  });
}
