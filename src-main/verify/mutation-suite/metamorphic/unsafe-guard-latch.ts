import { findAll } from '../../../plc/edit/codemod.js';
import { key } from '../../../plc/st/ast.js';
import type { Attempt } from './attempt.js';
import type { Rng } from './random.js';
import type { PouInfo, SiteContext } from './site-context.js';
import { freshName, hazardWrites, localBlock, localRef } from './site-facts.js';

/**
 * A self-latching guard: the guard input is copied into a new latch set once the guard is closed and never
 * cleared, and the safety logic reads the latch instead, so opening the guard no longer stops anything.
 */
export function selfLatchingGuard(ctx: SiteContext, rng: Rng): Attempt[] | string {
  const guards = ctx.config.safety.guards;
  if (!guards.length) return 'site.yaml lists no guard inputs';
  const writers = new Set(hazardWrites(ctx).map((w) => w.at));
  const found: { at: PouInfo; guard: string }[] = [];
  for (const at of ctx.pous.filter((p) => p.safety || writers.has(p))) {
    for (const g of guards) if (findAll(at.pou, 'Name', (n) => key(n.id.name) === key(g)).length && at.pou.body.length) found.push({ at, guard: g });
  }
  if (!found.length) return 'no safety POU in Structured Text reads a guard input';
  return rng.shuffle(found).map(({ at, guard }) => (ed) => {
    const u = at.unit;
    const block = localBlock(at.pou);
    if (!block) return { description: `${at.pou.name.name} has no VAR block to declare the latch in` };
    const latch = freshName(ctx, 'bGuardSeen');
    const reads = findAll(at.pou, 'Name', (n) => key(n.id.name) === key(guard));
    const spelled = u.cs.source.text.slice(reads[0]!.start, reads[0]!.end);
    ed.insertLinesAfter(u, block.decls[block.decls.length - 1]!, [`${latch} : ${u.scl ? 'Bool' : 'BOOL'};`]);
    for (const r of reads) ed.replace(u, r, localRef(u, latch));
    const kw = (x: string): string => ed.kw(u, x);
    const end = `${kw('END_IF')}${ed.style(u).semicolonAfterEnd ? ';' : ''}`;
    ed.insertLinesBefore(u, at.pou.body[0]!, [`${kw('IF')} ${spelled} ${kw('THEN')}`, `${ed.style(u).indent}${localRef(u, latch)} := ${kw('TRUE')};`, end]);
    return { description: `${guard} latched into ${latch} in ${at.pou.name.name}: ${reads.length} read(s) now see the latch` };
  });
}
