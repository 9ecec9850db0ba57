import type { Instruction } from '../../../plc/ladder/rung.js';
import { key } from '../../../plc/st/ast.js';
import { allRungs, l5xDocs, type L5xDoc, type L5xRung } from './l5x-document.js';
import { COILS, hazardCoil, instructions, operandRoot, rungUse } from './l5x-rung-facts.js';
import { seriesOf } from './ladder-unsafe.js';
import type { Attempt } from './attempt.js';
import type { Rng } from './random.js';
import type { SiteContext } from './site-context.js';
import { isSafetyName, startInputs } from './site-facts.js';

interface ResetContact {
  doc: L5xDoc;
  rung: L5xRung;
  ins: Instruction;
  /** The one-shot (ONS/OSR) right after it in series, if any: a reset edge. */
  edge: Instruction | null;
}

/**
 * Where the restart interlock reads the reset button: an XIC of the site.yaml reset on a rung that writes a
 * safety name (the `Safety_OK` latch) or a hazardous output.
 */
function resetContacts(ctx: SiteContext): ResetContact[] {
  const reset = ctx.config.safety.reset;
  if (!reset) return [];
  const hz = new Set(ctx.config.safety.hazardousOutputs.map(key));
  const out: ResetContact[] = [];
  for (const doc of l5xDocs(ctx)) {
    for (const rung of allRungs(doc).filter((g) => g.ok)) {
      if (![...rungUse(rung).writes].some((n) => hz.has(n) || isSafetyName(ctx, n))) continue;
      for (const ins of instructions(rung.elements)) {
        if (ins.mnemonic.toUpperCase() !== 'XIC' || operandRoot(ins.operands[0] ?? '') !== key(reset)) continue;
        const series = seriesOf(rung.elements, ins) ?? [];
        const next = series[series.indexOf(ins) + 1];
        const edge = next && next.kind === 'Instruction' && /^(ONS|OSR)$/i.test(next.mnemonic) ? next : null;
        out.push({ doc, rung, ins, edge });
      }
    }
  }
  return out;
}

/** Automatic reset: the reset contact (and its one-shot) deleted from the latch rungs, so the latch sets itself. */
export function ladderAutoReset(ctx: SiteContext, rng: Rng): Attempt[] | string {
  if (!ctx.config.safety.reset) return 'site.yaml names no reset input';
  const uses = resetContacts(ctx);
  if (!uses.length) return `no rung that writes a safety name reads XIC(${ctx.config.safety.reset})`;
  const groups = [uses, ...rng.shuffle(uses).map((u) => [u])];
  return groups.map((group) => (ed) => {
    for (const u of group) ed.raw(u.doc.path, { start: u.ins.start, end: (u.edge ?? u.ins).end }, '');
    return { description: `reset made automatic: ${group.map((u) => `XIC(${u.ins.operands[0]})${u.edge ? `${u.edge.mnemonic}(${u.edge.operands.join(',')})` : ''} deleted from rung ${u.rung.number} of ${u.rung.routine.name}`).join('; ')}` };
  });
}

/** Reset wired to start: the latch rungs' reset contact reads the start button instead. */
export function ladderResetToStart(ctx: SiteContext, rng: Rng): Attempt[] | string {
  const reset = ctx.config.safety.reset;
  if (!reset) return 'site.yaml names no reset input';
  const starts = startInputs(ctx);
  if (!starts.length) return 'no start input (a BOOL input named Start) to wire the reset to';
  const uses = resetContacts(ctx);
  if (!uses.length) return `no rung that writes a safety name reads XIC(${reset})`;
  return rng.shuffle(starts).map((start) => (ed) => {
    for (const u of uses) ed.raw(u.doc.path, { start: u.ins.operandStarts[0]!, end: u.ins.operandStarts[0]! + u.ins.operands[0]!.length }, start.name);
    return { description: `the restart interlock's XIC(${reset}) reads ${start.name} instead on ${uses.map((u) => `rung ${u.rung.number} of ${u.rung.routine.name}`).join(', ')}` };
  });
}

/**
 * A self-latching guard: on every rung that has the guard contact XIC(G) in series with a single OTE coil,
 * the contact gets a seal-in leg `[XIC(G),XIC(<the coil's tag>)]`, so once on, the rung stays on with the
 * guard open (the permissive the guard feeds seals itself in too).
 */
export function ladderSelfLatchingGuard(ctx: SiteContext, rng: Rng): Attempt[] | string {
  const guards = ctx.config.safety.guards;
  if (!guards.length) return 'site.yaml lists no guard inputs';
  const found: { doc: L5xDoc; rung: L5xRung; ins: Instruction; coil: Instruction; guard: string }[] = [];
  for (const doc of l5xDocs(ctx)) {
    for (const rung of allRungs(doc).filter((g) => g.ok)) {
      const coils = instructions(rung.elements).filter((i) => COILS.has(i.mnemonic.toUpperCase()));
      if (coils.length !== 1 || coils[0]!.mnemonic.toUpperCase() !== 'OTE') continue;
      for (const ins of instructions(rung.elements)) {
        const g = guards.find((x) => key(x) === operandRoot(ins.operands[0] ?? ''));
        if (!g || ins.mnemonic.toUpperCase() !== 'XIC' || seriesOf(rung.elements, ins) !== seriesOf(rung.elements, coils[0]!)) continue;
        found.push({ doc, rung, ins, coil: coils[0]!, guard: g });
      }
    }
  }
  if (!found.length) return 'no rung has a guard contact XIC in series with a single OTE coil';
  const byGuard = [...new Set(found.map((f) => f.guard))];
  // Every rung at once first (the seal-in then holds the whole chain); per guard, and per rung with a hazard coil, after.
  const groups = [found, ...rng.shuffle(byGuard).map((g) => found.filter((f) => f.guard === g)), ...rng.shuffle(found.filter((f) => hazardCoil(ctx, f.rung))).map((f) => [f])];
  return groups.map((group) => (ed) => {
    for (const f of group) ed.raw(f.doc.path, f.ins, `[XIC(${f.ins.operands[0]}),XIC(${f.coil.operands[0]})]`);
    return { description: `seal-in branch around the guard contact: ${group.map((f) => `[XIC(${f.ins.operands[0]}),XIC(${f.coil.operands[0]})] on rung ${f.rung.number} of ${f.rung.routine.name}`).join('; ')}` };
  });
}
