import type { VarSym } from '../../../plc/check/symbols.js';
import { findAll } from '../../../plc/edit/codemod.js';
import { key, type Statement } from '../../../plc/st/ast.js';
import type { Attempt } from './attempt.js';
import type { Rng } from './random.js';
import type { SiteContext } from './site-context.js';
import type { SiteEditor } from './site-editor.js';
import { analogVars, hazardWrites, processBools, spell, type HazardWrite } from './site-facts.js';

/** The statement of the POU body that holds the write: a new statement after it is outside any gate. */
const topOf = (w: HazardWrite): Statement => w.at.pou.body.find((s) => s.start <= w.assign.start && w.assign.end <= s.end) ?? w.assign;

/** `IF cond THEN H := TRUE; END_IF;` after the statement that holds the gated write. */
function setAfter(ed: SiteEditor, w: HazardWrite, cond: string): void {
  const u = w.at.unit;
  const kw = (x: string): string => ed.kw(u, x);
  const target = u.cs.source.text.slice(w.assign.target.start, w.assign.target.end);
  const end = `${kw('END_IF')}${ed.style(u).semicolonAfterEnd ? ';' : ''}`;
  ed.insertLinesAfter(u, topOf(w), [`${kw('IF')} ${cond} ${kw('THEN')}`, `${ed.style(u).indent}${target} := ${kw('TRUE')};`, end]);
}

function pairs(ctx: SiteContext): { w: HazardWrite; v: VarSym }[] {
  const signals = processBools(ctx);
  return hazardWrites(ctx).flatMap((w) => {
    const read = new Set(findAll(w.assign.value, 'Name').map((n) => key(n.id.name)));
    return signals.filter((v) => !read.has(key(v.name)) && key(v.name) !== key(w.output)).slice(0, 4).map((v) => ({ w, v }));
  });
}

/**
 * `H := c;` becomes `H := (c) OR p;` for a process signal p (H is on whenever p is, e-stop or not), or
 * `H := (c) OR TRUE;` where the seed picks the constant override.
 */
export function bypassOr(ctx: SiteContext, rng: Rng): Attempt[] | string {
  const writes = hazardWrites(ctx);
  if (!writes.length) return 'no hazardous output is assigned from a condition in Structured Text';
  const ps: { w: HazardWrite; v: VarSym | null }[] = [...pairs(ctx), ...writes.map((w) => ({ w, v: null }))];
  return rng.shuffle(ps).map(({ w, v }) => (ed) => {
    const u = w.at.unit;
    const text = u.cs.source.text.slice(w.assign.value.start, w.assign.value.end);
    ed.replace(u, w.assign.value, `(${text}) ${ed.kw(u, 'OR')} ${v ? spell(ctx, u, v) : ed.kw(u, 'TRUE')}`);
    return { description: `${w.output} in ${w.at.pou.name.name} ORed with ${v ? v.name : 'the constant TRUE'}` };
  });
}

/** `IF p THEN H := TRUE; END_IF;` after the gated write: the output is set outside its gate. */
export function bypassSet(ctx: SiteContext, rng: Rng): Attempt[] | string {
  if (!hazardWrites(ctx).length) return 'no hazardous output is assigned from a condition in Structured Text';
  const ps = pairs(ctx);
  if (!ps.length) return 'no process BOOL signal outside the safety names to bypass with';
  return rng.shuffle(ps).map(({ w, v }) => (ed) => {
    setAfter(ed, w, spell(ctx, w.at.unit, v));
    return { description: `${w.output} set TRUE when ${v.name} after its gated write in ${w.at.pou.name.name}` };
  });
}

/** `IF <REAL or analog> > x THEN H := TRUE; END_IF;` after the gated write. */
export function realBypass(ctx: SiteContext, rng: Rng): Attempt[] | string {
  const writes = hazardWrites(ctx);
  if (!writes.length) return 'no hazardous output is assigned from a condition in Structured Text';
  const found = writes.flatMap((w) => analogVars(ctx, w.at.pou).slice(0, 4).map((v) => ({ w, v })));
  if (!found.length) return 'no REAL or analog variable the hazardous logic can read';
  return rng.shuffle(found).map(({ w, v }) => (ed) => {
    const real = v.type?.kind === 'elem' && (v.type.name === 'REAL' || v.type.name === 'LREAL');
    setAfter(ed, w, `${spell(ctx, w.at.unit, v)} > ${real ? '50.0' : '16000'}`);
    return { description: `${w.output} set TRUE when ${v.name} > ${real ? '50.0' : '16000'} after its gated write in ${w.at.pou.name.name}` };
  });
}
