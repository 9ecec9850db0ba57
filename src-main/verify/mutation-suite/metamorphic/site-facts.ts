import type { VarSym } from '../../../plc/check/symbols.js';
import { findAll } from '../../../plc/edit/codemod.js';
import { key, type Assign, type Pou, type VarBlock } from '../../../plc/st/ast.js';
import { isWritten, varOf, type PouInfo, type SiteContext, type UnitInfo } from './site-context.js';

/**
 * Facts the generators choose from, read from the parsed program and the site.yaml safety block only (no
 * per-site knowledge): where each hazardous output is written, which variables are process signals, which
 * are analog, how a name is spelled in a unit.
 */

export interface HazardWrite {
  output: string;
  assign: Assign;
  at: PouInfo;
}

const elemName = (v: VarSym): string | null => (v.type?.kind === 'elem' ? v.type.name : null);

/** Every `H := expr;` in ST where H is a hazardous output and expr is not a constant. */
export function hazardWrites(ctx: SiteContext): HazardWrite[] {
  const outputs = new Set(ctx.config.safety.hazardousOutputs.map(key));
  const out: HazardWrite[] = [];
  for (const at of ctx.pous) {
    for (const a of findAll(at.pou, 'Assign', (x) => x.op === ':=' && x.target.kind === 'Name' && outputs.has(key(x.target.id.name)))) {
      if (a.value.kind === 'Literal') continue;
      if (a.target.kind !== 'Name') continue;
      // Only the POU that holds it directly (a method's write is found once, in the method).
      if (findAll(at.pou, 'Pou').some((m) => m !== at.pou && m.start <= a.start && a.end <= m.end)) continue;
      out.push({ output: a.target.id.name, assign: a, at });
    }
  }
  return out;
}

/** Whether a name is part of the safety function (declared, or named like it). */
export function isSafetyName(ctx: SiteContext, name: string): boolean {
  return ctx.safetyKeys.has(key(name)) || /SAFE|ESTOP|E_STOP|GUARD|CHAIN|INTERLOCK|RESET/i.test(name);
}

/** BOOL globals that are process signals (not safety I/O), inputs first (never written by the program). */
export function processBools(ctx: SiteContext): VarSym[] {
  const vars = ctx.program.model.globalVars.filter((v) => elemName(v) === 'BOOL' && !v.constant && !isSafetyName(ctx, v.name));
  const inputs = vars.filter((v) => !isWritten(ctx, v));
  return [...inputs, ...vars.filter((v) => !inputs.includes(v))];
}

/** BOOL globals a person presses to start something (named Start), never written by the program. */
export function startInputs(ctx: SiteContext): VarSym[] {
  return ctx.program.model.globalVars.filter((v) => elemName(v) === 'BOOL' && /START/i.test(v.name) && !isSafetyName(ctx, v.name) && !isWritten(ctx, v));
}

/** REAL or LREAL variables, and analog inputs (an integer at %IW/%ID): globals first, then locals of `pou`. */
export function analogVars(ctx: SiteContext, pou: Pou | null): VarSym[] {
  const analog = (v: VarSym): boolean => {
    const n = elemName(v);
    if (n === 'REAL' || n === 'LREAL') return true;
    return !!v.location && /^%I[WD]/.test(v.location) && !!n && n !== 'BOOL';
  };
  const locals = pou ? (ctx.program.model.pous.find((p) => p.node === pou)?.vars.values() ?? []) : [];
  return [...ctx.program.model.globalVars.filter(analog), ...[...locals].filter((v) => analog(v) && v.section !== 'VAR_OUTPUT')];
}

/** How `v` is written in `unit`: as an existing read spells it (SCL quotes), else by the dialect's rule. */
export function spell(ctx: SiteContext, unit: UnitInfo, v: VarSym): string {
  const read = findAll(unit.cs.parse.unit, 'Name').find((n) => varOf(ctx, n.id) === v);
  if (read) return read.id.quoting === 'quoted' ? `"${read.id.name}"` : read.id.quoting === 'hash' ? `#${read.id.name}` : read.id.name;
  if (!unit.scl) return v.name;
  return v.section === 'VAR_GLOBAL' ? `"${v.name}"` : `#${v.name}`;
}

/** A new local's name as a body reads it in this unit. */
export const localRef = (unit: UnitInfo, name: string): string => (unit.scl ? `#${name}` : name);

/** The POU's plain VAR block with at least one declaration (a place to declare a new local), or null. */
export function localBlock(pou: Pou): VarBlock | null {
  return pou.varBlocks.find((b) => b.section === 'VAR' && b.qualifiers.length === 0 && b.decls.length > 0) ?? null;
}

/** A name no declaration or reference in the site uses yet (case-insensitively). */
export function freshName(ctx: SiteContext, base: string): string {
  const used = new Set<string>();
  for (const u of ctx.units) for (const id of findAll(u.cs.parse.unit, 'Identifier')) used.add(key(id.name));
  let name = base;
  for (let i = 2; used.has(key(name)); i++) name = `${base}${i}`;
  return name;
}

/** The entry program (site.yaml `entry`), if it is in ST. */
export function entryPou(ctx: SiteContext): PouInfo | null {
  return ctx.pous.find((p) => (p.pou.pouKind === 'PROGRAM' || p.pou.pouKind === 'ORGANIZATION_BLOCK') && key(p.pou.name.name) === key(ctx.config.entry)) ?? null;
}

/** The POU that implements a pou symbol's node. */
export const pouInfoOf = (ctx: SiteContext, pou: Pou): PouInfo | null => ctx.pous.find((p) => p.pou === pou) ?? null;
