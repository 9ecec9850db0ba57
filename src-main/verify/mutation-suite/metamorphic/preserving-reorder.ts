import { findAll } from '../../../plc/edit/codemod.js';
import { key, type Assign, type Expression, type Statement } from '../../../plc/st/ast.js';
import type { Attempt } from './attempt.js';
import type { Rng } from './random.js';
import type { SiteContext, UnitInfo } from './site-context.js';

/** Every statement list of a POU: its body and each nested body (IF branches, CASE branches, loops). */
function statementLists(body: Statement[], root: Parameters<typeof findAll>[0]): Statement[][] {
  const out: Statement[][] = [body];
  for (const s of findAll(root, 'If')) out.push(...s.branches.map((b) => b.body), ...(s.elseBody ? [s.elseBody] : []));
  for (const s of findAll(root, 'Case')) out.push(...s.branches.map((b) => b.body), ...(s.elseBody ? [s.elseBody] : []));
  for (const s of findAll(root, 'For')) out.push(s.body);
  for (const s of findAll(root, 'While')) out.push(s.body);
  for (const s of findAll(root, 'Repeat')) out.push(s.body);
  return out;
}

const reads = (e: Expression): Set<string> => new Set(findAll(e, 'Name').map((n) => key(n.id.name)));

/** Two plain assignments with different targets, neither reading the other's target, no calls in either. */
function independent(a: Statement, b: Statement): a is Assign {
  if (a.kind !== 'Assign' || b.kind !== 'Assign' || a.op !== ':=' || b.op !== ':=') return false;
  if (a.target.kind !== 'Name' || b.target.kind !== 'Name') return false;
  const ta = key(a.target.id.name);
  const tb = key(b.target.id.name);
  if (ta === tb) return false;
  if (findAll(a.value, 'Call').length || findAll(b.value, 'Call').length) return false;
  return !reads(a.value).has(tb) && !reads(b.value).has(ta);
}

/** Swap two adjacent independent assignments (each keeps its own line and any comment after it). */
export function reorderAssignments(ctx: SiteContext, rng: Rng): Attempt[] | string {
  const pairs: { unit: UnitInfo; a: Assign; b: Assign; pou: string }[] = [];
  for (const p of ctx.pous) {
    for (const list of statementLists(p.pou.body, p.pou)) {
      for (let i = 0; i + 1 < list.length; i++) {
        const a = list[i]!;
        const b = list[i + 1]!;
        if (independent(a, b)) pairs.push({ unit: p.unit, a, b: b as Assign, pou: p.pou.name.name });
      }
    }
  }
  if (!pairs.length) return 'no two adjacent independent assignments in Structured Text';
  return rng.shuffle(pairs).map(({ unit, a, b, pou }) => (ed) => {
    const text = unit.cs.source.text;
    ed.replace(unit, a, text.slice(b.start, b.end)).replace(unit, b, text.slice(a.start, a.end));
    const name = (s: Assign): string => (s.target.kind === 'Name' ? s.target.id.name : '?');
    return { description: `swapped the assignments of ${name(a)} and ${name(b)} in ${pou}` };
  });
}
