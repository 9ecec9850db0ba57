import { findAll } from '../../../plc/edit/codemod.js';
import { key } from '../../../plc/st/ast.js';
import type { Attempt } from './attempt.js';
import type { Rng } from './random.js';
import { isWritten, type SiteContext } from './site-context.js';
import { hazardWrites, processBools, spell } from './site-facts.js';

/**
 * A stronger hazardous output condition: `H := c;` becomes `H := c AND p;` (or `AND NOT p`) for a process
 * signal p. The output can only be on less often, so the safety function is untouched; the change of
 * behaviour is declared (H may differ), and the generator keeps only conditions under which the site's own
 * scenarios still pass.
 */
export function strongerCondition(ctx: SiteContext, rng: Rng): Attempt[] | string {
  const writes = hazardWrites(ctx);
  if (!writes.length) return 'no hazardous output is assigned from a condition in Structured Text';
  const signals = processBools(ctx);
  if (!signals.length) return 'no process BOOL signal outside the safety names';
  const combos = writes.flatMap((w) => {
    const read = new Set(findAll(w.assign.value, 'Name').map((n) => key(n.id.name)));
    return signals.filter((v) => !read.has(key(v.name)) && key(v.name) !== key(w.output)).flatMap((v) => [false, true].map((neg) => ({ w, v, neg })));
  });
  if (!combos.length) return 'every process signal is already read in the hazardous conditions';
  // Inputs first (a process condition read from the field), then the program's own signals.
  const inputs = new Set(signals.filter((v) => !isWritten(ctx, v)));
  return [...rng.shuffle(combos.filter((c) => inputs.has(c.v))), ...rng.shuffle(combos.filter((c) => !inputs.has(c.v)))].map(({ w, v, neg }) => (ed) => {
    const u = w.at.unit;
    const text = u.cs.source.text.slice(w.assign.value.start, w.assign.value.end);
    const val = w.assign.value;
    const bare = val.kind === 'Name' || val.kind === 'Member' || val.kind === 'Paren' || val.kind === 'Unary' || (val.kind === 'Binary' && (val.op === 'AND' || val.op === 'AND_THEN'));
    const cond = `${neg ? `${ed.kw(u, 'NOT')} ` : ''}${spell(ctx, u, v)}`;
    ed.replace(u, val, `${bare ? text : `(${text})`} ${ed.kw(u, 'AND')} ${cond}`);
    return { description: `${w.output} in ${w.at.pou.name.name} additionally needs ${neg ? 'NOT ' : ''}${v.name}`, allowed: [w.output] };
  });
}
