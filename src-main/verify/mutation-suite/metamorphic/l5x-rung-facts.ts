import { rootsOf } from '../../../plc/ladder/rll-operand.js';
import type { Instruction, RungElement } from '../../../plc/ladder/rung.js';
import { key } from '../../../plc/st/ast.js';
import { allRungs, type L5xDoc, type L5xRoutine, type L5xRung } from './l5x-document.js';
import type { SiteContext } from './site-context.js';
import { isSafetyName } from './site-facts.js';

/**
 * What each rung reads and writes, read from the parsed instructions: which rungs drive a hazardous output,
 * which belong to the safety logic, which keep hidden state (a one-shot, timer or counter makes the
 * translation declare a temporary named after the rung's number).
 */

/** Operand positions an instruction writes. */
const WRITES: Readonly<Record<string, readonly number[]>> = {
  OTE: [0], OTL: [0], OTU: [0], ONS: [0], OSR: [0, 1], OSF: [0, 1], RES: [0], CLR: [0],
  TON: [0], TOF: [0], RTO: [0], CTU: [0], CTD: [0],
  MOV: [1], NOT: [1], NEG: [1], ABS: [1], SQR: [1], SQRT: [1], CPT: [0],
  ADD: [2], SUB: [2], MUL: [2], DIV: [2], MOD: [2], AND: [2], OR: [2], XOR: [2],
};
const INPUT_ONLY = new Set(['XIC', 'XIO', 'EQU', 'NEQ', 'GRT', 'GEQ', 'GES', 'LES', 'LEQ', 'LIM', 'CMP', 'NOP', 'AFI']);
/** Instructions whose translation keeps state in a temporary named after the rung number. */
export const STATEFUL = new Set(['ONS', 'OSR', 'OSF', 'TON', 'TOF', 'RTO', 'CTU', 'CTD']);
export const TIMERS = new Set(['TON', 'TOF', 'RTO']);
export const COMPARES = new Set(['GRT', 'GEQ', 'GES', 'LES', 'LEQ', 'LIM']);
export const COILS = new Set(['OTE', 'OTL', 'OTU']);

/** Every instruction of a rung, in text order. */
export function instructions(els: readonly RungElement[]): Instruction[] {
  return els.flatMap((e) => (e.kind === 'Instruction' ? [e] : e.legs.flatMap((l) => instructions(l))));
}

/** The tag an operand names (`Cap_Timer.DN` -> CAP_TIMER), upper case, or null for a literal. */
export const operandRoot = (op: string): string | null => /^[A-Za-z_]\w*/.exec(op.trim())?.[0].toUpperCase() ?? null;

export interface RungUse {
  reads: Set<string>;
  writes: Set<string>;
  /** A JSR, jump or instruction the table does not know: its effects are not known. */
  opaque: boolean;
  stateful: boolean;
}

export function rungUse(r: L5xRung): RungUse {
  const use: RungUse = { reads: new Set(), writes: new Set(), opaque: !r.ok, stateful: false };
  for (const ins of instructions(r.elements)) {
    const m = ins.mnemonic.toUpperCase();
    const w = WRITES[m];
    if (!w && !INPUT_ONLY.has(m)) use.opaque = true;
    if (STATEFUL.has(m)) use.stateful = true;
    ins.operands.forEach((op, i) => {
      if (w?.includes(i)) {
        const root = operandRoot(op);
        if (root) use.writes.add(root);
        // A timer, counter or one-shot reads its own state too.
        if (!COILS.has(m)) for (const x of rootsOf(op)) use.reads.add(x);
      } else for (const x of rootsOf(op)) use.reads.add(x);
    });
  }
  return use;
}

/** The coil that writes a hazardous output on this rung (OTE or OTL), or null. */
export function hazardCoil(ctx: SiteContext, r: L5xRung): Instruction | null {
  const outputs = new Set(ctx.config.safety.hazardousOutputs.map(key));
  return instructions(r.elements).find((i) => (i.mnemonic.toUpperCase() === 'OTE' || i.mnemonic.toUpperCase() === 'OTL') && outputs.has(operandRoot(i.operands[0] ?? '') ?? '')) ?? null;
}

/** Rungs that drive a hazardous output, with the coil. */
export function hazardRungs(ctx: SiteContext, doc: L5xDoc): { rung: L5xRung; coil: Instruction; output: string }[] {
  return allRungs(doc).flatMap((rung) => {
    const coil = rung.ok ? hazardCoil(ctx, rung) : null;
    return coil ? [{ rung, coil, output: coil.operands[0]!.trim() }] : [];
  });
}

const hazardKeys = (ctx: SiteContext): Set<string> => new Set(ctx.config.safety.hazardousOutputs.map(key));

/** A rung of the safety function: it reads or writes a safety name or a hazardous output. */
export function isSafetyRung(ctx: SiteContext, r: L5xRung): boolean {
  const u = rungUse(r);
  const hz = hazardKeys(ctx);
  return [...u.reads, ...u.writes].some((n) => hz.has(n) || isSafetyName(ctx, n));
}

/** A routine of the safety function: one of its rungs writes a hazardous output or a safety name. */
export function isSafetyRoutine(ctx: SiteContext, r: L5xRoutine): boolean {
  const hz = hazardKeys(ctx);
  return r.rungs.some((g) => [...rungUse(g).writes].some((n) => hz.has(n) || isSafetyName(ctx, n)));
}

/** The routines a program runs: its main routine and every routine a JSR reaches from it. */
export function calledRoutines(routines: readonly L5xRoutine[], main: string | null): L5xRoutine[] {
  const byName = new Map(routines.map((r) => [key(r.name), r]));
  const out: L5xRoutine[] = [];
  const visit = (name: string): void => {
    const r = byName.get(key(name));
    if (!r || out.includes(r)) return;
    out.push(r);
    for (const g of r.rungs) for (const i of instructions(g.elements)) if (i.mnemonic.toUpperCase() === 'JSR' && i.operands[0]) visit(i.operands[0]);
  };
  if (main) visit(main);
  return out;
}

/** A tag name no tag, routine or program of the export uses yet, nor any name of the compiled program. */
export function freshTagName(ctx: SiteContext, doc: L5xDoc, base: string): string {
  const used = new Set<string>([...doc.tags.map((t) => key(t.name)), ...doc.programs.flatMap((p) => [key(p.name), ...p.routines.map((r) => key(r.name))])]);
  for (const v of ctx.program.model.globalVars) used.add(key(v.name));
  for (const p of ctx.program.model.pous) for (const v of p.vars.values()) used.add(key(v.name));
  let name = base;
  for (let i = 2; used.has(key(name)) || new RegExp(`\\b${name}\\b`, 'i').test(ctx.scenarioText); i++) name = `${base}${i}`;
  return name;
}
